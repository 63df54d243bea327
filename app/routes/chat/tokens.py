"""The chat's token: sent by the browser in the X-Chat-Token header (or, with JavaScript
off, in a hidden form field), never in a cookie or URL; and the chat it opens.
"""

from flask import abort, request

from app.models import ChatSession, Message
from app.models.chat import hash_token
from app.support.conversation import find_message

TOKEN_HEADER = "X-Chat-Token"
LOOKUP = "chat.chat_lookup"


def chat_token() -> str | None:
    return request.headers.get(TOKEN_HEADER) or request.form.get("chat_token")


def current_chat() -> ChatSession | None:
    """The chat this request's token opens (looked up once: the rate limits ask too).

    Kept in the request's environ rather than `g`, which outlives the request when an
    app context was already pushed (as in tests and CLI commands).
    """
    token = chat_token()
    looked_up = request.environ.get(LOOKUP)
    if looked_up is None or looked_up[0] != token:
        looked_up = request.environ[LOOKUP] = (token, ChatSession.find_by_token(token))
    return looked_up[1]


def session_key() -> str:
    return "chat-session:" + hash_token(chat_token() or "")


def own_chat() -> ChatSession:
    """This request's chat, or 404."""
    chat = current_chat()
    if chat is None:
        abort(404)
    return chat


def own_message(message_id: int) -> tuple[ChatSession, Message]:
    """This chat's message, or 404 (also for another session's ids)."""
    chat = current_chat()
    found = find_message(chat, message_id) if chat else None
    if found is None:
        abort(404)
    return chat, found
