"""The chat's token: sent by the browser in the X-Chat-Token header (or, with JavaScript
off, in a hidden form field), never in a cookie or URL; the chat it opens; and the rate
limits that count chats, by their token's digest or by the client's address.
"""

from collections.abc import Callable

from flask import abort, current_app, request

from app.extensions import limiter
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


def token_key(prefix: str, token: str) -> str:
    """A rate limit's key for one chat: its token's digest, never the token itself.

    Limits are counted in Redis under their key; whoever could read the token there
    could open the conversation. The API's per-session limit uses this too.
    """
    return prefix + hash_token(token)


def session_key() -> str:
    return token_key("chat-session:", chat_token() or "")


# Per-address budgets that every door shares: the page, the widget (the same routes) and
# the API. Each door decorates its view with its own `exempt_when` and message; the one
# scope makes them one count, so an address cannot spend the budget once at each door.


def new_chats_per_address(exempt_when: Callable[[], bool], error_message: str):
    """New conversations per address (NEW_CHATS_PER_IP), whichever door opens them."""
    return limiter.shared_limit(
        lambda: current_app.config["NEW_CHATS_PER_IP"],
        scope="new-chats",
        exempt_when=exempt_when,
        error_message=error_message,
    )


def escalations_per_address(exempt_when: Callable[[], bool], error_message: str):
    """Requests for a person per address (ESCALATIONS_PER_IP): each new one is a ticket
    and an email to staff, so many chats from one address cannot flood them."""
    return limiter.shared_limit(
        lambda: current_app.config["ESCALATIONS_PER_IP"],
        scope="escalations-per-address",
        exempt_when=exempt_when,
        error_message=error_message,
    )


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
