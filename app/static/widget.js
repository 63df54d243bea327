// Support chat loader: <script src="https://SUPPORT-HOST/widget.js" data-site="SITE_KEY" async></script>
// Options: data-color="#0b6e4f", data-position="left" (default right). The greeting is
// the site's, set in the back office (Sites), so a page cannot put words under its name.
// It adds one button and one iframe (the chat itself runs in the iframe, on the support
// host's origin, with no cookies) and touches nothing else on the page.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.dataset.site) { return; }
  var site = script.dataset.site;
  var host = new URL(script.src).origin;
  var color = /^#[0-9a-fA-F]{3,8}$/.test(script.dataset.color || "") ? script.dataset.color : "#0b6e4f";
  var side = script.dataset.position === "left" ? "left" : "right";
  var stateKey = "support-widget-open:" + site;
  var id = "support-widget-" + site.replace(/[^a-zA-Z0-9_-]/g, "");

  function remembered() {
    try { return window.localStorage.getItem(stateKey) === "1"; } catch (e) { return false; }
  }
  function remember(open) {
    try { window.localStorage.setItem(stateKey, open ? "1" : "0"); } catch (e) { /* private mode */ }
  }

  // The chat's token is kept here, in this page's own storage, and handed to the chat in
  // its frame by postMessage (both sides check the other's origin): storage inside a
  // third-party frame may be blocked or wiped, this page's is not.
  var tokenKey = "support-widget-token:" + site;
  function storedToken() {
    try { return window.localStorage.getItem(tokenKey); } catch (e) { return null; }
  }
  window.addEventListener("message", function (event) {
    if (event.origin !== host || event.source !== frame.contentWindow) { return; }
    var data = event.data || {};
    if (data.type === "support-chat:ready") {
      frame.contentWindow.postMessage({ type: "support-chat:token", token: storedToken() }, host);
    } else if (data.type === "support-chat:save" && typeof data.token === "string") {
      try { window.localStorage.setItem(tokenKey, data.token); } catch (e) { /* private mode */ }
    }
  });

  var src = host + "/embed/" + encodeURIComponent(site) + "?color=" + encodeURIComponent(color);

  var frame = document.createElement("iframe");
  frame.id = id + "-frame";
  frame.title = "Support chat";
  frame.src = src;
  frame.setAttribute("allow", "clipboard-write");
  frame.style.cssText = "position:fixed;bottom:88px;" + side + ":16px;z-index:2147483646;" +
    "width:min(380px,calc(100vw - 32px));height:min(600px,calc(100vh - 112px));" +
    "border:0;border-radius:12px;box-shadow:0 8px 32px rgba(0,0,0,.25);background:#fff;display:none";

  var button = document.createElement("button");
  button.id = id + "-button";
  button.type = "button";
  button.setAttribute("aria-controls", frame.id);
  button.style.cssText = "position:fixed;bottom:16px;" + side + ":16px;z-index:2147483647;" +
    "height:56px;min-width:56px;padding:0 20px;border:0;border-radius:28px;cursor:pointer;" +
    "font:600 16px/1 system-ui,sans-serif;color:#fff;background:" + color + ";" +
    "box-shadow:0 4px 16px rgba(0,0,0,.25)";

  function show(open) {
    frame.style.display = open ? "block" : "none";
    button.textContent = open ? "Close chat" : "Chat with us";
    button.setAttribute("aria-expanded", String(open));
    remember(open);
  }
  button.addEventListener("click", function () { show(frame.style.display === "none"); });

  function mount() {
    document.body.appendChild(frame);
    document.body.appendChild(button);
    show(remembered());
  }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
})();
