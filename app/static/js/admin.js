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

  // The category picker (app/forms.py, CategoryPicker): the box for a new category's name
  // shows only while "New category…" is chosen, and is emptied when another category is
  // (a name in it would win over the choice). Without this script both simply show.
  function newCategoryBoxes() {
    document.querySelectorAll("select[data-new-category]").forEach(function (select) {
      var box = document.getElementById(select.dataset.newCategory);
      var input = box && box.querySelector("input");
      if (!input) { return; }
      var update = function (focus) {
        var wanted = select.value === select.dataset.newValue || input.value.trim() !== "";
        box.classList.toggle("d-none", !wanted);
        if (wanted && focus) { input.focus(); }
      };
      select.addEventListener("change", function () {
        if (select.value !== select.dataset.newValue) { input.value = ""; }
        update(true);
      });
      update(false);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", newCategoryBoxes);
  } else {
    newCategoryBoxes();
  }
})();
