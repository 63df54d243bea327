// The chat token: kept in this origin's storage and sent as a header on every request,
// so the chat needs no cookie (which browsers block inside third-party iframes).
(function () {
  "use strict";
  var HEADER = "X-Chat-Token";
  var KEY = "support-chat-token";
  var memory = null; // used when storage is blocked

  // In the widget, the loader on the host page keeps the token (storage inside a
  // third-party frame may be blocked or wiped) and the two talk by postMessage, each
  // checking the other's origin: see app/static/widget.js.
  var parentOrigin = embeddingOrigin();

  function embeddingOrigin() {
    var allowed = (document.body.dataset.embedOrigins || "").split(" ").filter(Boolean);
    if (window.parent === window || !allowed.length || !document.referrer) { return null; }
    var origin = new URL(document.referrer).origin;
    return allowed.indexOf(origin) >= 0 ? origin : null;
  }

  function loadToken() {
    if (parentOrigin && memory) { return memory; }
    try { return window.localStorage.getItem(KEY) || memory; } catch (e) { return memory; }
  }
  function saveToken(token) {
    memory = token;
    try { window.localStorage.setItem(KEY, token); } catch (e) { /* memory only */ }
    if (parentOrigin) {
      window.parent.postMessage({ type: "support-chat:save", token: token }, parentOrigin);
    }
  }

  // The page loads its thread on "chat:token-ready": at once, or in the widget once the
  // loader has answered with the token it keeps (or not, after a moment: a new chat).
  var announced = false;
  function tokenReady() {
    if (announced) { return; }
    announced = true;
    document.body.dispatchEvent(new CustomEvent("chat:token-ready"));
  }
  if (parentOrigin) {
    window.addEventListener("message", function (event) {
      var data = event.data || {};
      if (event.origin !== parentOrigin || event.source !== window.parent) { return; }
      if (data.type !== "support-chat:token") { return; }
      if (typeof data.token === "string" && data.token) { memory = data.token; }
      tokenReady();
    });
    window.parent.postMessage({ type: "support-chat:ready" }, parentOrigin);
    window.setTimeout(tokenReady, 1500);
  } else {
    document.addEventListener("htmx:load", tokenReady, { once: true });
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = loadToken();
    if (token) { event.detail.headers[HEADER] = token; }
  });

  // After "Delete this conversation": forget the token, so the next message opens a new chat.
  document.addEventListener("chat:forgotten", function () {
    memory = null;
    try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
    if (parentOrigin) {
      window.parent.postMessage({ type: "support-chat:save", token: "" }, parentOrigin);
    }
  });

  // A rate limit (429) answers with a friendly fragment meant to be shown (the server
  // aims it with HX-Retarget); htmx leaves 4xx unswapped by default.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 429) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var fresh = xhr && xhr.getResponseHeader(HEADER);
    if (fresh) { saveToken(fresh); }
    var form = event.detail.elt;
    // A refused message (a rate limit's 429 is swapped, so "successful") stays typed.
    if (form.id === "composer" && event.detail.successful && xhr.status < 400) {
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
  function scrollThread() {
    var thread = document.getElementById("thread");
    if (thread) { thread.scrollTop = thread.scrollHeight; }
  }
  document.addEventListener("htmx:afterSettle", scrollThread);

  // ---- Live replies -------------------------------------------------------------
  // A pending reply streams its text as server-sent events (reset, delta..., end),
  // read with fetch() because EventSource cannot send the token header. Deltas are
  // shown as plain text; `end` carries the server's sanitised message, which replaces
  // it all (an empty `end` means: fetch the message instead).

  function readEvents(response, onEvent) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) { return; }
        buffer += decoder.decode(chunk.value, { stream: true });
        var blocks = buffer.split("\n\n");
        buffer = blocks.pop();
        blocks.forEach(function (block) {
          var event = { type: null, data: "", id: null };
          block.split("\n").forEach(function (line) {
            if (line.indexOf("event: ") === 0) { event.type = line.slice(7); }
            else if (line.indexOf("data: ") === 0) { event.data += line.slice(6); }
            else if (line.indexOf("id: ") === 0) { event.id = line.slice(4); }
          });
          if (event.type) { onEvent(event); }
        });
        return pump();
      });
    }
    return pump();
  }

  function streamReply(item) {
    if (item.dataset.streaming) { return; }
    item.dataset.streaming = "1";
    var text = item.querySelector(".live-text");
    var written = "";
    var giveUpAt = Date.now() + Number(item.dataset.timeout) * 1000;
    var lastId = null;
    var finished = false;

    function showRetry() {
      item.querySelector(".late").hidden = false;
      item.classList.add("late-reply");
    }
    function finish(html) {
      finished = true;
      if (html) {
        // As htmx.ajax would swap it: processed, htmx:load fired (a still-pending
        // reply streams again), htmx:afterSettle scrolls the thread.
        htmx.swap(item, html, { swapStyle: "outerHTML" });
      } else {
        htmx.ajax("GET", item.dataset.message, { target: item, swap: "outerHTML" });
      }
    }
    function connect() {
      if (!item.isConnected) { return; } // its conversation was deleted (or replaced)
      if (Date.now() > giveUpAt) { showRetry(); return; }
      var controller = new AbortController();
      var timer = setTimeout(function () { controller.abort(); }, giveUpAt - Date.now());
      var headers = { Accept: "text/event-stream" };
      var token = loadToken();
      if (token) { headers[HEADER] = token; }
      if (lastId) { headers["Last-Event-ID"] = lastId; }
      fetch(item.dataset.stream, { headers: headers, signal: controller.signal })
        .then(function (response) {
          if (!response.ok) { throw new Error("stream answered " + response.status); }
          return readEvents(response, function (event) {
            if (event.id) { lastId = event.id; }
            if (event.type === "reset") { written = ""; text.textContent = ""; }
            else if (event.type === "delta") {
              written += JSON.parse(event.data);
              // [FAQ n] markers become the sources list of the final message.
              text.textContent = written.replace(/\s*\[FAQ\s*\d+\]/g, "");
              item.classList.add("streaming");
              scrollThread();
            } else if (event.type === "end") { finish(JSON.parse(event.data || '""')); }
          });
        })
        .catch(function () { /* network error or our timeout: handled below */ })
        .then(function () {
          clearTimeout(timer);
          if (!finished) { setTimeout(connect, 1000); } // resume from lastId
        });
    }
    connect();
  }

  document.addEventListener("htmx:load", function (event) {
    var root = event.detail.elt;
    var pending = root.matches("[data-stream]") ? [root] : root.querySelectorAll("[data-stream]");
    Array.prototype.forEach.call(pending, streamReply);
  });
})();
