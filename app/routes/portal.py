"""The customer's support page and its chat endpoints.

The chat is identified by a secret token that the browser sends in the X-Chat-Token
header (or, with JavaScript off, in a hidden form field), never in a cookie or URL.
The chat views are CSRF-exempt for the same reason: they carry no ambient credential
that another site could borrow.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from flask import (
    Blueprint,
    abort,
    current_app,
    render_template,
    request,
    stream_with_context,
)

from app import jobs
from app.extensions import csrf, db, limiter
from app.forms import MessageForm
from app.htmx import is_htmx
from app.models import ChatSession, Message, SessionState
from app.models.chat import hash_token
from app.routes.reply_events import reply_events
from app.support.conversation import find_message, post_customer_message, reopen_for_retry
from app.support.escalation import post_to_person, unresolved_ticket
from app.support.retention import delete_for_customer

bp = Blueprint("portal", __name__)

TOKEN_HEADER = "X-Chat-Token"
LOOKUP = "portal.chat_lookup"


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


# Rate limits (settings in app/config.py). Keys hold a digest of the chat token, never the
# secret itself; the address is the client's as ProxyFix reports it (TRUSTED_PROXIES).
TOO_FAST = "You're sending messages faster than we can answer — please wait a minute."
TOO_MANY_CHATS = (
    "Too many new conversations have been started from your network. "
    "Please try again a little later."
)


def session_key() -> str:
    return "chat-session:" + hash_token(chat_token() or "")


per_chat = limiter.shared_limit(
    lambda: current_app.config["CHAT_LIMIT_PER_SESSION"],
    scope="chat-messages",
    key_func=session_key,
    exempt_when=lambda: not chat_token(),
    error_message=TOO_FAST,
)
# No token, or one that opens nothing (forged, deleted): this send would open a new chat.
new_chats_per_address = limiter.limit(
    lambda: current_app.config["NEW_CHATS_PER_IP"],
    scope="new-chats",
    exempt_when=lambda: current_chat() is not None,
    error_message=TOO_MANY_CHATS,
)


def chat_page(
    chat: ChatSession | None,
    form: MessageForm | None = None,
    new_token: str | None = None,
    status: int = 200,
    **extra,
):
    """The whole support page showing `chat`'s thread.

    Its form carries the token in a hidden field, for browsers without JavaScript.
    """
    return render_template(
        "portal/index.html",
        messages=chat.messages if chat else [],
        form=form or MessageForm(formdata=None),
        chat_token=new_token or (chat_token() if chat else None),
        thread_loaded=chat is not None,
        **extra,
    ), status


@bp.errorhandler(429)
def too_many_requests(error):
    """A limited customer is told so where form errors go; nothing was saved or sent."""
    if not is_htmx():
        form = MessageForm()  # keeps what they typed
        form.message.errors = [error.description]
        return chat_page(current_chat(), form=form, status=429)
    # chat.js swaps 429s (htmx leaves 4xx unswapped by default), here: the composer error.
    html = render_template("chat/_composer_error.html", error=error.description)
    return html, 429, {"HX-Retarget": "#composer-error", "HX-Reswap": "outerHTML"}


@bp.after_request
def private_and_varying(response):
    # Transcripts are private: no shared or browser cache keeps them.
    response.headers["Cache-Control"] = "no-store"
    response.vary.add("HX-Request")
    return response


@bp.get("/")
def index():
    """The support page; the browser then loads its own thread with its token."""
    return chat_page(None)


@bp.route("/chat/thread", methods=["GET", "POST"])
@csrf.exempt
def thread():
    """The conversation so far (POST only lets a page without JavaScript send its token)."""
    chat = current_chat()
    if not is_htmx():
        return chat_page(chat)
    messages = chat.messages if chat else []
    return render_template("chat/_thread.html", messages=messages, thread_loaded=True)


@bp.post("/chat/messages")
@csrf.exempt
@per_chat
@new_chats_per_address
def send():
    """Save the customer's message, start the reply, show both."""
    form = MessageForm()
    if not form.validate():
        if not is_htmx():
            return chat_page(current_chat(), form=form, status=422)
        error = render_template("chat/_composer_error.html", error=form.message.errors[0])
        return error, 422, {"HX-Retarget": "#composer-error", "HX-Reswap": "outerHTML"}

    # An unknown, forged or deleted token opens a new chat (saved with its first message).
    chat, new_token = (current_chat(), None) if current_chat() else ChatSession.open()
    if chat.state != SessionState.ASSISTANT:
        # A person owns this conversation: the message joins their ticket, no reply job.
        message = post_to_person(chat, form.message.data)
        if not is_htmx():
            return chat_page(chat)
        return render_template(
            "chat/_sent.html", messages=[message], new_session=False, thread_loaded=True
        )
    with expiry_deferred():
        question, reply = post_customer_message(chat, form.message.data)
        start_reply(reply)
        if not is_htmx():
            return chat_page(chat, new_token=new_token)
        html = render_template(
            "chat/_sent.html",
            messages=[question, reply],  # for a new session, its whole thread
            new_session=new_token is not None,
            thread_loaded=True,
        )
    if new_token is None:
        return html
    # A new session: replace whatever thread the page showed with this one.
    return html, {"HX-Retarget": "#thread", "HX-Reswap": "outerHTML", TOKEN_HEADER: new_token}


@contextmanager
def expiry_deferred() -> Iterator[None]:
    """Commits inside keep their rows loaded; they are expired on leaving instead.

    A send renders the rows it has just saved. After a commit SQLAlchemy would reload
    each of them, one query apiece on a fresh connection, to show values it already
    holds; nothing else writes them meanwhile. Expiring on the way out keeps anything
    that shares this session afterwards reading fresh rows.
    """
    session = db.session()
    session.expire_on_commit = False
    try:
        yield
    finally:
        session.expire_on_commit = True
        session.expire_all()


def start_reply(reply: Message) -> None:
    """Queue the reply; a page without JavaScript (no stream to produce it) waits for it."""
    if not jobs.enqueue_reply(reply.id) and not is_htmx():
        jobs.produce_now(reply.id)
        db.session.refresh(reply)


def own_message(message_id: int) -> tuple[ChatSession, Message]:
    """This chat's message, or 404 (also for another session's ids)."""
    chat = current_chat()
    found = find_message(chat, message_id) if chat else None
    if found is None:
        abort(404)
    return chat, found


@bp.get("/chat/messages/<int:message_id>")
def message(message_id: int):
    """One message: the page without JavaScript, and chat.js when a stream's end came empty."""
    chat, found = own_message(message_id)
    if not is_htmx():
        return chat_page(chat)
    return render_template("chat/_message.html", message=found)


@bp.get("/chat/messages/<int:message_id>/stream")
def stream(message_id: int):
    """A pending reply's text as it is written (server-sent events), then the final message.

    Read with fetch() rather than EventSource, which cannot send the token header.
    """
    _, reply = own_message(message_id)
    reply_id, pending = reply.id, reply.is_pending
    last_event_id = request.headers.get("Last-Event-ID")
    db.session.rollback()  # no transaction stays open for the length of the stream
    events = reply_events(reply_id, pending, last_event_id)
    return current_app.response_class(
        stream_with_context(events),
        mimetype="text/event-stream",
        headers={"X-Accel-Buffering": "no"},  # tell nginx not to hold the deltas back
    )


@bp.post("/chat/messages/<int:message_id>/retry")
@csrf.exempt
@per_chat  # a retry asks the model again: it counts as a message
def retry(message_id: int):
    """Try a failed reply again (the Retry control)."""
    chat, reply = own_message(message_id)
    if reopen_for_retry(reply):
        start_reply(reply)
    elif reply.is_pending and jobs.queue_available() and not jobs.is_queued(reply.id):
        jobs.enqueue_reply(reply.id)  # its job was lost; don't wait for the reconciler
    if not is_htmx():
        return chat_page(chat)
    return render_template("chat/_message.html", message=reply)


@bp.get("/chat/delete")
def delete_control():
    """The "Delete this conversation" control as it stands (the confirmation's Keep it)."""
    return render_template("chat/_delete.html", delete_step=None, chat_token=None)


@bp.post("/chat/delete")
@csrf.exempt
def delete_conversation():
    """Ask the customer to confirm, then delete the conversation: the chat starts afresh.

    An unresolved ticket stays with staff (see retention.delete_for_customer); the
    confirmation says so. Answering "deleted" for a chat already gone makes a double
    click harmless.
    """
    chat = current_chat()
    if request.form.get("confirm") != "yes":
        ticket = unresolved_ticket(chat) if chat else None
        if not is_htmx():
            return chat_page(chat, delete_step="confirm", open_ticket=ticket)
        return render_template(
            "chat/_delete.html", delete_step="confirm", open_ticket=ticket, chat_token=None
        )
    if chat is not None:
        delete_for_customer(chat)
        request.environ.pop(LOOKUP, None)
    if not is_htmx():
        return chat_page(None, deleted=True)
    html = render_template("chat/_deleted.html", messages=[], thread_loaded=True)
    # chat.js forgets the token on this event: the next message opens a new chat.
    return html, {"HX-Trigger": "chat:forgotten"}
