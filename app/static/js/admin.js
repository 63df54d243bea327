// The back office without inline script: Flask-Admin's templates carry onclick handlers
// and javascript: links, which the Content-Security-Policy refuses to run. The
// templates in app/templates/admin mark those elements with data attributes instead,
// and these listeners do what the handlers did.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) { return; }

    // "With selected" bulk actions (Flask-Admin's actions.js defines modelActions).
    var action = target.closest("[data-model-action]");
    if (action) {
      event.preventDefault();
      window.modelActions.execute(action.dataset.modelAction);
      return;
    }

    // Delete buttons ask first.
    var confirming = target.closest("[data-confirm]");
    if (confirming && !window.confirm(confirming.dataset.confirm)) {
      event.preventDefault();
      return;
    }

    // Links that only carry a script's click handler (filters, pager placeholders):
    // following them would jump the page, or, for javascript: URLs, be refused by the CSP.
    var inert = target.closest("a[data-no-navigation], a[href^='javascript:']");
    if (inert) { event.preventDefault(); }
  }, true);

  // x-editable (the list's inline editors) reads its data-* options with
  // `new Function("return " + text)`, which the CSP forbids (no unsafe-eval); Flask-Admin
  // writes them with json.dumps, so JSON.parse reads them as well. form.js announces
  // "adminFormReady" once it and x-editable are loaded, before any editor is set up.
  if (window.jQuery) {
    window.jQuery(document).on("adminFormReady", function () {
      var utils = window.jQuery.fn.editableutils;
      if (!utils) { return; }
      utils.tryParseJson = function (value, quiet) {
        if (typeof value !== "string" || !/^[{[].*[}\]]$/.test(value)) { return value; }
        try { return JSON.parse(value); } catch (error) {
          if (quiet) { return value; }
          throw error;
        }
      };
    });
  }
})();
