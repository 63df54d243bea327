""" "Did that help?": the customer's vote on an assistant's reply, from the page, the
widget (the same routes) or the API. One vote per reply; the latest counts, so the
customer may change it (a Yes clears the reason and comment a No left). A Yes also makes
the customer's question an example question of the FAQ the answer cited (examples.py).
"""

from app.extensions import db
from app.forms import SUMMARY_MAX_CHARS
from app.models import Feedback, FeedbackReason, Message, Role, Status
from app.models.base import utcnow
from app.support.examples import learn_from_vote

# The reasons a customer picks from after "No", in the order they are offered.
REASONS = {
    FeedbackReason.WRONG: "The answer was wrong",
    FeedbackReason.NOT_MY_QUESTION: "It didn't answer my question",
    FeedbackReason.WANT_PERSON: "I need a person",
}


def votable(message: Message) -> bool:
    """An answer the assistant finished: not pending or failed, not a notice (a fixed text
    such as "You're back with the assistant", which no model wrote and cites no FAQ), and
    not a budget's FAQ-only stand-in (its `failure` says so)."""
    return (
        message.role == Role.ASSISTANT
        and message.status == Status.DONE
        and message.failure is None
        and bool(message.model or message.cited_faqs or message.related_faqs)
    )


def record_vote(
    reply: Message, helpful: bool, reason: str | None = None, comment: str | None = None
) -> None:
    """Store the customer's vote (the latest counts). Reason and comment go with a No only."""
    if not votable(reply):
        raise ValueError(f"message {reply.id} takes no vote")
    if reason is not None and reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    reply.feedback = Feedback.YES if helpful else Feedback.NO
    reply.feedback_reason = None if helpful else reason
    reply.feedback_comment = None if helpful else (comment or None)
    reply.feedback_at = utcnow()
    learn_from_vote(question_message(reply), reply.cited_faqs, helpful)
    db.session.commit()


def as_json(reply: Message) -> dict:
    """The stored vote, as the API returns it."""
    return {
        "message_id": reply.id,
        "helpful": reply.feedback == Feedback.YES if reply.feedback else None,
        "reason": reply.feedback_reason,
        "comment": reply.feedback_comment,
        "at": reply.feedback_at.isoformat() + "Z" if reply.feedback_at else None,
    }


def question_message(reply: Message) -> Message | None:
    """The customer's message this reply answered."""
    query = (
        db.select(Message)
        .filter(Message.session_id == reply.session_id, Message.id < reply.id)
        .filter(Message.role == Role.USER)
        .order_by(Message.id.desc())
        .limit(1)
    )
    return db.session.scalar(query)


def question_for(reply: Message) -> str:
    question = question_message(reply)
    return question.content if question else ""


def handoff_summary(reply: Message) -> str:
    """The escalation form's summary after a "No": the question, and the comment if any."""
    summary = question_for(reply)
    if reply.feedback_comment:
        summary = f"{summary}\n\n{reply.feedback_comment}".strip()
    return summary[:SUMMARY_MAX_CHARS]
