"""The ceiling: the chat's endpoints as a bare Flask app answering fixed HTML at once.

No database, no queue, no model: what gunicorn and Flask cost on their own with the
portal's server settings (gunicorn.conf.py). The reply comes back in the send's own
fragment, already finished, so the customers never stream.
"""

from flask import request

from bench.apps.html import TOKEN_HEADER, chat_token, exchange, page_app

REPLY = exchange("A customer's question.", "A fixed answer, ready at once.")

app = page_app(__name__)


@app.post("/chat/messages")
def send():
    request.form.get("message")  # read the body, as a real endpoint must
    return REPLY, {TOKEN_HEADER: chat_token()}


@app.get("/chat/messages/<int:message_id>")
def message(message_id: int):
    return REPLY
