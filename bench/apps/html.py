"""Fixed HTML shaped like the portal's page and chat fragments (about the same sizes)."""

import secrets

from flask import Flask, request
from markupsafe import escape

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Support</title>
  <link rel="stylesheet" href="/static/css/portal.css">
  <script src="/static/js/htmx-2.0.11.min.js" defer></script>
  <script src="/static/js/chat.js" defer></script>
</head>
<body>
<main class="chat">
  <header class="chat-header">
    <h1>Support</h1>
    <p>Hi! Ask us anything about our products, your order, shipping or returns.</p>
  </header>
  <section id="thread" class="thread" aria-label="Conversation"
    hx-get="/chat/thread" hx-trigger="load" hx-swap="outerHTML">
    <ol id="messages" class="messages" aria-live="polite"></ol>
  </section>
  <form id="composer" class="composer" method="post" action="/chat/messages"
      hx-post="/chat/messages" hx-target="#messages" hx-swap="beforeend">
    <div id="composer-error" class="form-error" role="alert"></div>
    <label for="message" class="visually-hidden">Message</label>
    <textarea id="message" name="message" rows="2" placeholder="Type your question…"></textarea>
    <button type="submit">Send</button>
  </form>
</main>
</body>
</html>
"""

THREAD = """<section id="thread" class="thread" aria-label="Conversation">
  <ol id="messages" class="messages" aria-live="polite"></ol>
</section>
"""

_EXCHANGE = """<li class="bubble from-customer">
  <span class="visually-hidden">You:</span>
  <p class="customer-text">{question}</p>
</li>
<li class="bubble from-assistant">
  <span class="visually-hidden">Assistant:</span>
  <div class="reply" hx-disable>{reply}</div>
</li>
<div id="composer-error" class="form-error" role="alert" hx-swap-oob="true"></div>
"""


def exchange(question: str, reply: str) -> str:
    """The customer's bubble and a finished reply, both escaped."""
    return _EXCHANGE.format(question=escape(question), reply=escape(reply))


TOKEN_HEADER = "X-Chat-Token"


def page_app(name: str) -> Flask:
    """A Flask app serving the page and the (empty) thread, as the portal does."""
    app = Flask(name)
    app.add_url_rule("/", "index", lambda: PAGE)
    app.add_url_rule("/chat/thread", "thread", lambda: THREAD)
    return app


def chat_token() -> str:
    """The customer's token, or a new one for a first message (as the portal answers)."""
    return request.headers.get(TOKEN_HEADER) or secrets.token_urlsafe(32)
