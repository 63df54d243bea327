"""The support page, and the conversation so far."""

from flask import current_app, render_template

from app.extensions import csrf
from app.forms import SUMMARY_MAX_CHARS, MessageForm
from app.htmx import is_htmx
from app.models import ChatSession, Ticket
from app.routes.chat import bp
from app.routes.chat.tokens import chat_token, current_chat
from app.support import escalation
from app.support.hours import now


def chat_page(
    chat: ChatSession | None,
    form: MessageForm | None = None,
    new_token: str | None = None,
    status: int = 200,
    handoff: dict | None = None,
    **extra,
):
    """The whole support page showing `chat`'s thread, and its #handoff region as
    `handoff` (extras for `handoff_region()`) says. Its forms carry the token in a hidden field,
    for browsers without JavaScript.
    """
    token = new_token or (chat_token() if chat else None)
    messages = chat.messages if chat else []
    region = {}
    if chat:
        shown = {"seen_until": escalation.newest_answer_id(messages), **(handoff or {})}
        region = handoff_region(chat, chat_token=token, **shown)
    return render_template(
        "portal/index.html",
        messages=messages,
        form=form or MessageForm(formdata=None),
        thread_loaded=chat is not None,
        handoff_included=bool(region),
        **{"chat_token": token, **region},
        **extra,
    ), status


def handoff_region(chat: ChatSession | None, **extra) -> dict:
    """What the #handoff region under the thread needs to show this chat's state."""
    ticket = escalation.unresolved_ticket(chat) if chat else None
    return {
        "chat": chat,
        "ticket": ticket,
        "availability": availability(ticket) if ticket else None,
        "seen_until": escalation.last_answer_id(chat) if chat else 0,
        "summary_max": SUMMARY_MAX_CHARS,
        # Only full pages (no JavaScript) need the token in their forms.
        "chat_token": None,
        "escalation_form": None,
        "contact_form": None,
        "just_escalated": False,
        "contact_saved": False,
        "limited": None,  # a rate limit's message, shown in the form
        **extra,
    }


def availability(ticket: Ticket) -> dict:
    """When a person will answer, honestly: now, at the next opening, or unknown."""
    schedule = current_app.extensions["business_hours"]
    at = now()
    opening = schedule.next_opening(at)
    return {
        "open_now": opening == at,
        "next_opening": opening.astimezone(schedule.zone) if opening else None,
        "zone": str(schedule.zone),
    }


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
    # The #handoff region comes with the thread, from the same read: its waiting banner's
    # poll starts after the newest answer shown here, so a staff reply landing meanwhile
    # is in this thread or in the next poll. (Loaded by a second request, the region
    # could poll past a reply the thread had not read.)
    region = handoff_region(
        chat, seen_until=escalation.newest_answer_id(messages), handoff_oob=True
    )
    return render_template(
        "chat/_thread_loaded.html", messages=messages, thread_loaded=True, **region
    )
