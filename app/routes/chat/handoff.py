""" "Talk to a person": the customer's side of escalation and handoff.

Everything here renders the `#handoff` region under the thread: the button, the
form, the confirmation, or the waiting banner (which polls for staff replies). Like
the rest of the chat, these views are CSRF-exempt: the chat token travels in a header.
"""

from flask import current_app, make_response, render_template, request

from app.extensions import csrf, limiter
from app.forms import ContactForm, EscalationForm
from app.htmx import is_htmx
from app.models import ChatSession, SessionState
from app.routes.chat import bp
from app.routes.chat.page import chat_page, handoff_region
from app.routes.chat.tokens import (
    chat_token,
    current_chat,
    escalations_per_address,
    own_chat,
    session_key,
)
from app.support import escalation


def render_handoff(chat: ChatSession | None, status: int = 200, **extra):
    """The region for htmx; the whole page (which includes it) without JavaScript."""
    if not is_htmx():
        return chat_page(chat, status=status, handoff=extra)
    return render_template("chat/_handoff.html", **handoff_region(chat, **extra)), status


@bp.route("/chat/handoff", methods=["GET", "POST"])
@csrf.exempt
def region():
    """The region as it stands (the form's Cancel; POST: a page without JavaScript's)."""
    return render_handoff(current_chat())


@bp.get("/chat/escalation")
@bp.post("/chat/escalation/form")  # "Talk to a person" without JavaScript: posts the token
@csrf.exempt
def escalation_form():
    """The inline form, its summary pre-filled with the customer's last message."""
    chat = own_chat()
    if chat.state != SessionState.ASSISTANT:
        return render_handoff(chat)
    last = escalation.last_customer_message(chat)
    form = EscalationForm(formdata=None, data={"summary": last})
    return render_handoff(chat, escalation_form=form)


TOO_MANY_REQUESTS = (
    "You've sent this form several times in a short while. "
    "Please wait a few minutes, then try again."
)
TOO_MANY_FROM_ADDRESS = (
    "Many requests for a person have come from your network in a short while. "
    "Please try again a little later."
)

per_chat = limiter.limit(
    lambda: current_app.config["ESCALATIONS_PER_SESSION"],
    scope="escalations",
    key_func=session_key,
    exempt_when=lambda: not chat_token(),
    error_message=TOO_MANY_REQUESTS,
)
# Beside it, per address: many chats from one address must not flood staff with tickets
# (one budget with the API's /api/escalate/). A token that opens no chat opens no ticket.
per_address = escalations_per_address(
    exempt_when=lambda: current_chat() is None, error_message=TOO_MANY_FROM_ADDRESS
)


def limited(error):
    """The escalation limit: the form again, with what was typed and the reason."""
    if not is_htmx():
        return render_template("errors/error.html", code=429, error=error), 429
    chat = current_chat()
    form = EscalationForm()
    return render_handoff(chat, status=429, escalation_form=form, limited=error.description)


@bp.post("/chat/escalation")
@csrf.exempt
@per_chat
@per_address
def escalate():
    """Open a ticket for this chat (or find its open one) and show the handoff state."""
    chat = own_chat()
    form = EscalationForm()
    if not form.validate():
        return render_handoff(chat, status=422, escalation_form=form)
    escalation.escalate(chat, form.summary.data, form.email.data)
    return render_handoff(chat, just_escalated=True)


@bp.post("/chat/escalation/contact")
@csrf.exempt
def add_contact():
    """Out of hours, the customer leaves an email so the person can reach them."""
    chat = own_chat()
    ticket = escalation.unresolved_ticket(chat)
    if ticket is None:
        return render_handoff(chat)
    # The banner drawn again keeps its poll where the thread is: a staff reply that came
    # since the last poll must still come with the next one.
    seen = shown_until(chat)
    form = ContactForm()
    if not form.validate():
        return render_handoff(chat, status=422, contact_form=form, seen_until=seen)
    escalation.save_contact(ticket, form.email.data)
    return render_handoff(chat, contact_saved=True, seen_until=seen)


@bp.post("/chat/assistant")
@csrf.exempt
def back_to_assistant():
    """One click back to the assistant while waiting for a person. The banner's poll
    stops, so its answer brings what the thread lacks: staff replies since the last
    poll, then the notice."""
    chat = own_chat()
    after = shown_until(chat)
    escalation.back_to_assistant(chat)
    return render_news(chat, after, state_changed=True)


@bp.get("/chat/updates")
def updates():
    """The handoff region's poll: staff replies and notices since `after`. It runs while
    a ticket is open, also once the customer went back to the assistant: a person may
    still reply."""
    chat = own_chat()
    polled = request.args.get("state", chat.state)
    changed = chat.state != polled
    staff_only = polled == SessionState.ASSISTANT
    response = render_news(chat, shown_until(chat), state_changed=changed, staff_only=staff_only)
    if changed:  # resolved, or taken over: the whole region changes, not just the poll
        response.headers.update({"HX-Retarget": "#handoff", "HX-Reswap": "outerHTML"})
    return response


def shown_until(chat: ChatSession) -> int:
    """The newest answer the customer's thread shows: `after`, which the banner's poll
    and forms send (chat/_handoff_poll.html); else the newest there is."""
    after = request.values.get("after", type=int)
    return escalation.last_answer_id(chat) if after is None else after


def render_news(chat: ChatSession, after: int, state_changed: bool, staff_only: bool = False):
    """Staff replies and notices since message `after` (see escalation.news_since),
    appended to the thread, and the poll (or the whole region) continuing after them.
    Without JavaScript: the page."""
    if not is_htmx():
        return make_response(chat_page(chat))
    new = escalation.news_since(chat, after, staff_only)
    # The next poll starts after what this answer shows: a staff reply committed since
    # the news were read comes with it, rather than falling behind its URL unseen.
    seen = new[-1].id if new else after
    context = handoff_region(chat, new_messages=new, state_changed=state_changed, seen_until=seen)
    return make_response(render_template("chat/_updates.html", **context))
