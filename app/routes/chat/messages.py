"""The customer's messages: send one (its reply starts), read one, retry a failed reply."""

from flask import current_app, render_template

from app.extensions import csrf, expiry_deferred, limiter
from app.forms import MessageForm
from app.htmx import is_htmx
from app.models import ChatSession
from app.routes.chat import bp
from app.routes.chat.page import chat_page
from app.routes.chat.tokens import (
    TOKEN_HEADER,
    chat_token,
    current_chat,
    new_chats_per_address,
    own_message,
    session_key,
)
from app.support import escalation

# Rate limits (settings in app/config.py). Keys hold a digest of the chat token, never the
# secret itself; the address is the client's as ProxyFix reports it (TRUSTED_PROXIES).
TOO_FAST = "You're sending messages faster than we can answer — please wait a minute."
TOO_MANY_CHATS = (
    "Too many new conversations have been started from your network. "
    "Please try again a little later."
)


per_chat = limiter.shared_limit(
    lambda: current_app.config["CHAT_LIMIT_PER_SESSION"],
    scope="chat-messages",
    key_func=session_key,
    exempt_when=lambda: not chat_token(),
    error_message=TOO_FAST,
)
# No token, or one that opens nothing (forged, deleted): this send would open a new chat.
# One budget with the API's new chats (tokens.new_chats_per_address).
new_chats = new_chats_per_address(
    exempt_when=lambda: current_chat() is not None, error_message=TOO_MANY_CHATS
)


def limited(error):
    """A limited customer is told so where form errors go; nothing was saved or sent."""
    if not is_htmx():
        form = MessageForm()  # keeps what they typed
        form.message.errors = [error.description]
        return chat_page(current_chat(), form=form, status=429)
    # chat.js swaps 429s (htmx leaves 4xx unswapped by default), here: the composer error.
    html = render_template("chat/_composer_error.html", error=error.description)
    return html, 429, {"HX-Retarget": "#composer-error", "HX-Reswap": "outerHTML"}


@bp.post("/chat/messages")
@csrf.exempt
@per_chat
@new_chats
def send():
    """Save the customer's message, start the reply (unless a person has the chat), show both."""
    form = MessageForm()
    if not form.validate():
        return refused(form)
    # An unknown, forged or deleted token opens a new chat (saved with its first message).
    chat, new_token = (current_chat(), None) if current_chat() else ChatSession.open()
    with expiry_deferred():
        received = escalation.receive(chat, form.message.data, wait=not is_htmx())
        if not is_htmx():
            return chat_page(chat, new_token=new_token)
        return render_sent(received, new_token)


def refused(form: MessageForm):
    """The composer's error: inline for htmx, on the page without JavaScript; nothing saved."""
    if not is_htmx():
        return chat_page(current_chat(), form=form, status=422)
    error = render_template("chat/_composer_error.html", error=form.message.errors[0])
    return error, 422, {"HX-Retarget": "#composer-error", "HX-Reswap": "outerHTML"}


def render_sent(received: escalation.Received, new_token: str | None):
    """The customer's bubble, and the reply's placeholder when the assistant answers."""
    messages = [received.message, *([received.reply] if received.reply else [])]
    html = render_template(
        "chat/_sent.html", messages=messages, new_session=bool(new_token), thread_loaded=True
    )
    if new_token is None:
        return html
    # A new session: these are its only messages; they replace whatever thread was shown.
    return html, {"HX-Retarget": "#thread", "HX-Reswap": "outerHTML", TOKEN_HEADER: new_token}


@bp.get("/chat/messages/<int:message_id>")
def message(message_id: int):
    """One message: the page without JavaScript, and chat.js when a stream's end came empty."""
    chat, found = own_message(message_id)
    if not is_htmx():
        return chat_page(chat)
    return render_template("chat/_message.html", message=found)


@bp.post("/chat/messages/<int:message_id>/retry")
@csrf.exempt
@per_chat  # a retry asks the model again: it counts as a message
def retry(message_id: int):
    """Try a failed reply again (the Retry control)."""
    chat, reply = own_message(message_id)
    escalation.retry_reply(reply, wait=not is_htmx())
    if not is_htmx():
        return chat_page(chat)
    return render_template("chat/_message.html", message=reply)
