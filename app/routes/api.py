"""The JSON API (the seed's contract): chat, fetch a reply later, escalate; and say
whether a reply helped.

A session is named by its `session_id`, the same 256-bit secret as the page's chat
token, sent in the body or as `Authorization: Bearer <session_id>`. No CSRF token: the
API carries no ambient credential (no cookie), so another site cannot make a browser
call it with someone's session. It is rate-limited per session and per address; new
chats and requests for a person count per address with the page's own.
Errors are always `{"error": {"code": ..., "message": ...}}`.

Longer than most modules (~260 lines) because the error shape, the body checks and the
four doors share them: split, a reader would need three files to see one contract.
"""

import json
import time
from pathlib import Path

from flask import Blueprint, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from app.extensions import csrf, db, limiter
from app.forms import FEEDBACK_COMMENT_MAX_CHARS, SUMMARY_MAX_CHARS
from app.models import ApiKey, ChatSession, Failure, Message, Role, SessionState, Status
from app.models.base import MAX_ID
from app.models.site import origin_allowed
from app.routes.chat.tokens import escalations_per_address, new_chats_per_address, token_key
from app.security import content_security_policy
from app.support import client_ids, escalation
from app.support import feedback as votes
from app.support.budget import Exhausted
from app.support.client_ids import strong_client_id
from app.support.conversation import find_message, resume_or_open

bp = Blueprint("api", __name__, url_prefix="/api")
csrf.exempt(bp)

POLL_SECONDS = 0.25
# The model could not be asked (quota, credentials, a used-up token budget): the reply,
# if any, is the FAQs' alone, and the page offers a person beside it; so does the API.
PERSON_INSTEAD = {Failure.UNAVAILABLE, Exhausted.SESSION, Exhausted.DAILY}
OPENAPI = json.loads(Path(__file__).with_name("openapi.json").read_text())


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, extra: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra or {}


@bp.errorhandler(ApiError)
def api_error(error: ApiError):
    return jsonify(
        error={"code": error.code, "message": error.message}, **error.extra
    ), error.status


def http_error(error: HTTPException):
    # Werkzeug's own errors (405, 413, a rate limit's 429...) in the API's shape.
    code = (error.name or "error").lower().replace(" ", "_")
    return jsonify(error={"code": code, "message": error.description}), error.code


# By status code: Flask prefers the app's code-specific (HTML) handlers to a blueprint's
# handler for the HTTPException class.
for status in (400, 404, 405, 413, 415, 429, 500):
    bp.register_error_handler(status, http_error)


# Cross-origin calls from the sites that embed the chat (their origins, as for framing).
# Not Flask-CORS: it reads its origins once at start-up, and staff add sites at any time.
CORS_HEADERS = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Api-Key",
    "Access-Control-Max-Age": "600",
}


@bp.after_request
def cors(response):
    origin = request.headers.get("Origin")
    response.vary.add("Origin")
    if origin and origin_allowed(origin, current_app.config["EMBED_ALLOWED_ORIGINS"]):
        response.headers["Access-Control-Allow-Origin"] = origin
        if request.method == "OPTIONS":  # the preflight
            response.headers.update(CORS_HEADERS)
    return response


def _session_token() -> str | None:
    token = _bearer() or _body().get("session_id")
    return token if isinstance(token, str) else None


def api_key() -> ApiKey | None:
    """The request's API key (`X-Api-Key`), if it names one that is not revoked; looked
    up once a request (kept in its environ: `g` outlives a request in tests)."""
    environ = request.environ
    if "portal.api_key" not in environ:
        key = ApiKey.find(request.headers.get("X-Api-Key"))
        environ["portal.api_key"] = None if key is None or key.is_revoked else key
    return environ["portal.api_key"]


@bp.before_request
def refuse_bad_keys():
    """A key that names nothing (or was revoked) is refused, not quietly ignored: the
    integrator must learn that their limits went back to an address's."""
    if "X-Api-Key" in request.headers and api_key() is None:
        raise ApiError(
            401, "invalid_api_key", "This API key is unknown or revoked. Ask for a new one."
        )


# One budget per address across the endpoints (a server with an API key has its key's
# instead), and one per session for chatting, keyed by the session_id's digest (Redis
# holds the counts; the secret would open the chat).
per_address = limiter.shared_limit(
    lambda: current_app.config["API_LIMIT_PER_IP"],
    scope="api-address",
    exempt_when=lambda: api_key() is not None,
)
per_key = limiter.shared_limit(
    lambda: api_key().limit if api_key() else "1 per second",  # read only with a key
    scope="api-key",
    key_func=lambda: f"api-key:{api_key().id}" if api_key() else "none",
    exempt_when=lambda: api_key() is None,
)
per_session = limiter.limit(
    lambda: current_app.config["API_LIMIT_PER_SESSION"],
    key_func=lambda: token_key("api-session:", _session_token()),
    exempt_when=lambda: _session_token() is None,
)
# New chats and requests for a person, per address: one budget each with the page and
# the widget, so a client cannot open chats (or tickets) at whichever door is unspent.
new_chats = new_chats_per_address(
    # A client-made session_id not seen before opens a chat too, and counts.
    exempt_when=lambda: (
        api_key() is not None or ChatSession.find_by_token(_session_token()) is not None
    ),
    error_message="Too many new conversations have been started from your address. "
    "Continue one with its session_id, or try again later.",
)
escalations = escalations_per_address(
    # No session: a 400, no ticket. A key's own limit covers its requests.
    exempt_when=lambda: _session_token() is None or api_key() is not None,
    error_message="Too many requests for a person have come from your address. Try again later.",
)


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _body() -> dict:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


def json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "malformed", "Send a JSON object with Content-Type: application/json.")
    return body


def text_field(body: dict, name: str, limit: int, required: bool = True) -> str | None:
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise ApiError(400, "malformed", f"`{name}` must be a non-empty string.")
    value = value.replace("\x00", "").strip()
    if len(value) > limit:
        raise ApiError(
            422, "too_long", f"`{name}` is {len(value):,} characters; the limit is {limit:,}."
        )
    return value


def session_from(body: dict, required: bool) -> ChatSession | None:
    """The session the request names. For a new chat (not `required`), an unknown id the
    client made itself opens one under it if strong enough (client_ids.py), as the
    original widget expects; a weak one is refused."""
    token = _bearer() or body.get("session_id")
    if token is None and not required:
        return None
    if not isinstance(token, str):
        raise ApiError(400, "malformed", "`session_id` is required, as a string.")
    chat = ChatSession.find_by_token(token)
    if chat is None and not required:
        if not strong_client_id(token):
            raise ApiError(400, "weak_session_id", client_ids.REFUSAL)
        return ChatSession.open_with(token)
    if chat is None:
        raise ApiError(404, "unknown_session", "No session has this session_id.")
    return chat


def reply_json(reply: Message) -> dict:
    return {
        "message_id": reply.id,
        "status": reply.status,
        "reply": reply.content if reply.status == Status.DONE else None,
        "sources": reply.cited_faqs or [],
        "related": reply.related_faqs or [],
        "suggest_person": reply.failure in PERSON_INSTEAD or bool(reply.unsupported_facts),
        "unconfirmed": list(dict.fromkeys(f["text"] for f in reply.unsupported_facts or [])),
    }


def answer(reply: Message, session_id: str | None = None):
    """The reply as JSON: 200 when done, 202 while pending, 503 when the model failed."""
    body = reply_json(reply) | ({"session_id": session_id} if session_id else {})
    if reply.status == Status.PENDING:
        return jsonify(body), 202
    if reply.status == Status.FAILED:
        offline = reply.content if reply.failure == Failure.UNAVAILABLE else None
        raise ApiError(
            503,
            "assistant_unavailable",
            "The assistant could not answer just now. Try again, or ask for a person "
            "with POST /api/escalate/.",
            extra=body | {"reply": offline},
        )
    return jsonify(body), 200


def wait_for(reply: Message) -> Message:
    """The reply once final, or still pending after API_WAIT_SECONDS."""
    deadline = time.monotonic() + current_app.config["API_WAIT_SECONDS"]
    while True:
        db.session.refresh(reply)
        db.session.rollback()  # hold no transaction (nor SQLite lock) while waiting
        if reply.status != Status.PENDING or time.monotonic() >= deadline:
            return reply
        time.sleep(POLL_SECONDS)


@bp.post("/chat/")
@per_address
@per_key
@new_chats
@per_session
def chat():
    """A customer message; the reply, or 202 pending (with a person: 202 with_person)."""
    body = json_body()
    text = text_field(body, "message", current_app.config["MAX_MESSAGE_CHARS"])
    existing = session_from(body, required=False)
    session, new_token = (existing, None) if existing else resume_or_open(None)
    session_id = new_token or _bearer() or body["session_id"]
    # Without a queue this request writes the reply (bounded by its deadline).
    received = escalation.receive(session, text, wait=True)
    if received.reply is None:  # a person owns the conversation: it joined their ticket
        return with_person(received.message, session_id)
    return answer(wait_for(received.reply), session_id)


def with_person(message: Message, session_id: str):
    """A message that joined a person's ticket: no reply from the assistant."""
    return jsonify(
        message_id=message.id,
        session_id=session_id,
        status="with_person",
        reply=None,
        sources=[],
        related=[],
        suggest_person=False,  # a person has it already
        unconfirmed=[],
    ), 202


MESSAGES_PAGE = 100
ROLE_NAMES = {Role.USER: "customer", Role.ASSISTANT: "assistant", Role.STAFF: "staff"}


@bp.get("/messages")
@per_address
@per_key
def messages():
    """This session's messages after message `after` (0: from the start), oldest first:
    the customer's, the assistant's and a person's replies, so a client can show them."""
    chat = session_from({}, required=True)
    after = request.args.get("after", "0")
    if not after.isdigit():
        raise ApiError(400, "malformed", "`after` must be a message id (0 for the start).")
    query = (
        db.select(Message)
        .where(Message.session_id == chat.id, Message.id > min(int(after), MAX_ID))
        .order_by(Message.id)
        .limit(MESSAGES_PAGE + 1)
    )
    found = list(db.session.scalars(query))
    return jsonify(
        messages=[listed(m) for m in found[:MESSAGES_PAGE]],
        more=len(found) > MESSAGES_PAGE,  # ask again with the last id as `after`
        with_person=chat.state != SessionState.ASSISTANT,
    )


def listed(message: Message) -> dict:
    done = message.status == Status.DONE
    return {
        "message_id": message.id,
        "role": ROLE_NAMES.get(message.role, message.role),
        "status": message.status,
        "content": message.content if done or message.role != Role.ASSISTANT else None,
        "created_at": message.created_at.isoformat(timespec="seconds") + "Z",
    }


@bp.get("/messages/<int:message_id>")
@per_address
@per_key
def message(message_id: int):
    """One of this session's replies, as it stands (for a 202 pending)."""
    chat = session_from({}, required=True)
    found = find_message(chat, message_id)
    if found is None or found.role == Role.USER:
        raise ApiError(404, "unknown_message", "This session has no reply with this id.")
    return answer(found)


@bp.post("/escalate/")
@per_address
@per_key
@escalations
def escalate():
    """Ask for a person: a ticket for this session (the same one if asked again)."""
    body = json_body()
    chat = session_from(body, required=True)
    summary = text_field(body, "issue_summary", SUMMARY_MAX_CHARS)
    # Any text, as the original takes it (a phone number, "call after 6"); one that is an
    # email address gets the email follow-ups, as the page's form does.
    contact = " ".join((text_field(body, "customer_contact", 254, required=False) or "").split())
    ticket, created = escalation.escalate(chat, summary, contact or None)
    return jsonify(ticket_id=ticket.id, status="created"), 201 if created else 200


@bp.post("/feedback/")
@per_address
@per_key
def feedback():
    """ "Did that help?" on one of this session's replies; the latest vote counts."""
    body = json_body()
    chat = session_from(body, required=True)
    reply = votable_reply(chat, body.get("message_id"))
    helpful = body.get("helpful")
    if not isinstance(helpful, bool):
        raise ApiError(400, "malformed", "`helpful` must be true or false.")
    comment = text_field(body, "comment", FEEDBACK_COMMENT_MAX_CHARS, required=False)
    votes.record_vote(reply, helpful, reason_of(body), comment)
    return jsonify(votes.as_json(reply)), 200


def votable_reply(chat: ChatSession, message_id) -> Message:
    """One of this session's finished answers (not pending, failed, or a notice), or 404."""
    if not isinstance(message_id, int) or isinstance(message_id, bool):
        raise ApiError(400, "malformed", "`message_id` is required, as an integer.")
    found = find_message(chat, message_id)
    if found is None or not votes.votable(found):
        raise ApiError(404, "unknown_message", "This session has no finished reply with this id.")
    return found


def reason_of(body: dict) -> str | None:
    reason = body.get("reason")
    if reason is not None and reason not in votes.REASONS:
        known = ", ".join(votes.REASONS)
        raise ApiError(422, "invalid_reason", f"`reason` must be one of: {known}.")
    return reason


@bp.get("/openapi.json")
def openapi():
    """This API's OpenAPI 3 document."""
    return jsonify(OPENAPI)


@bp.get("/docs")
def docs():
    """The OpenAPI document to read and try, in Swagger UI (its icons are data: SVGs,
    the one thing it needs beyond the strict policy)."""
    policy = content_security_policy(None, img_src="'self' data:")
    return render_template("api/docs.html"), {"Content-Security-Policy": policy}
