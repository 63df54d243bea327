""" "Did that help?" under the latest answer: Yes, or No, why, and the offer of a person.

Renders the `#feedback-<id>` region inside the reply (htmx), or the whole page with it
(without JavaScript: the forms post the token). After a No and its reasons the escalation
form is offered, its summary pre-filled from the question, unless a person has the chat.
"""

from flask import abort, render_template

from app.extensions import csrf
from app.forms import EscalationForm, FeedbackForm
from app.htmx import is_htmx
from app.models import ChatSession, Message, SessionState
from app.routes.chat import bp
from app.routes.chat.page import chat_page, handoff_region
from app.routes.chat.tokens import own_message
from app.support import feedback


@bp.post("/chat/messages/<int:message_id>/feedback")
@csrf.exempt
def vote(message_id: int):
    """Record the customer's vote on one of this chat's answers (the latest counts)."""
    chat, reply = own_message(message_id)
    if not feedback.votable(reply):
        abort(404)  # as for another chat's id: a customer message, a pending or failed reply
    form = FeedbackForm()
    step = "reasons" if form.details.data or form.vote.data == "no" else "ask"
    if not form.validate():
        return render_vote(chat, reply, step, form, status=422)
    feedback.record_vote(reply, form.helpful, form.reason.data, form.comment.data)
    if form.helpful or not form.details.data:
        return render_vote(chat, reply, "thanks" if form.helpful else "reasons", form)
    return render_vote(chat, reply, "noted", form, offer=offer_person(chat, reply))


def offer_person(chat: ChatSession, reply: Message) -> EscalationForm | None:
    """The escalation form, pre-filled from the question; none while a person has the chat."""
    if chat.state != SessionState.ASSISTANT:
        return None
    return EscalationForm(formdata=None, data={"summary": feedback.handoff_summary(reply)})


def render_vote(
    chat: ChatSession,
    reply: Message,
    step: str,
    form: FeedbackForm,
    status: int = 200,
    offer: EscalationForm | None = None,
):
    """The reply's feedback region (and the offer of a person, out of band) for htmx; the
    whole page, showing both, without JavaScript."""
    shown = {"feedback_for": reply.id, "feedback_step": step, "feedback_form": form}
    if not is_htmx():
        return chat_page(chat, status=status, handoff={"escalation_form": offer}, **shown)
    region = handoff_region(chat, escalation_form=offer, handoff_oob=True) if offer else {}
    context = {"message": reply, "offer": offer, **shown, **region}
    return render_template("chat/_feedback_swap.html", **context), status
