// /api/docs: Swagger UI over this portal's OpenAPI document (app/routes/openapi.json).
"use strict";
(function () {
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.dataset.spec,
    domNode: root,
    deepLinking: true,
    // "Try it out" calls this portal from the reader's browser, as any client would.
    tryItOutEnabled: false,
  });
})();
