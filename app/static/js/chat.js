// The chat token: kept in this origin's storage and sent as a header on every htmx
// request, so the chat needs no cookie (which browsers block inside third-party iframes).
(function () {
  "use strict";
  var HEADER = "X-Chat-Token";
  var KEY = "support-chat-token";
  var memory = null; // used when storage is blocked

  function load() {
    try { return window.localStorage.getItem(KEY) || memory; } catch (e) { return memory; }
  }
  function save(token) {
    memory = token;
    try { window.localStorage.setItem(KEY, token); } catch (e) { /* memory only */ }
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = load();
    if (token) { event.detail.headers[HEADER] = token; }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var fresh = xhr && xhr.getResponseHeader(HEADER);
    if (fresh) { save(fresh); }
    var form = event.detail.elt;
    if (form.id === "composer" && event.detail.successful) {
      form.reset();
      form.querySelector("textarea").focus();
    }
  });

  // Enter sends, Shift+Enter adds a line.
  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (box.id === "message" && event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      box.form.requestSubmit();
    }
  });

  // Keep the newest message in view.
  document.addEventListener("htmx:afterSettle", function () {
    var thread = document.getElementById("thread");
    if (thread) { thread.scrollTop = thread.scrollHeight; }
  });
})();
