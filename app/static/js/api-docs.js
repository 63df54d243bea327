// /api/docs: Swagger UI over this portal's OpenAPI document (app/routes/openapi.json).
"use strict";
(function () {
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.dataset.spec,
    domNode: root,
    // Deep links would put a link inside each operation's toggle button, two controls
    // in one for a keyboard or a screen reader (axe's nested-interactive).
    deepLinking: false,
    // "Try it out" calls this portal from the reader's browser, as any client would.
    tryItOutEnabled: false,
    onComplete: function () {
      // The servers list has a visible title but no label of its own (axe's select-name).
      var servers = document.getElementById("servers");
      if (servers) { servers.setAttribute("aria-label", "Server"); }
    },
  });
})();
