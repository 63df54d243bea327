"""The ceiling: the chat's endpoints as a bare Flask app answering fixed HTML at once.

No database, no queue, no model: what gunicorn and Flask cost on their own with the
portal's server settings (gunicorn.conf.py). The reply comes back in the send's own
fragment, already finished, so the customers never stream.
"""

import secrets

from flask import Flask, request

from bench.apps.html import PAGE, THREAD, exchange

TOKEN_HEADER = "X-Chat-Token"
REPLY = exchange("A customer's question.", "A fixed answer, ready at once.")

app = Flask(__name__)


@app.get("/")
def index():
    return PAGE


@app.get("/chat/thread")
def thread():
    return THREAD


@app.post("/chat/messages")
def send():
    request.form.get("message")  # read the body, as a real endpoint must
    token = request.headers.get(TOKEN_HEADER) or secrets.token_urlsafe(32)
    return REPLY, {TOKEN_HEADER: token}


@app.get("/chat/messages/<int:message_id>")
def message(message_id: int):
    return REPLY
