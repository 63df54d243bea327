"""Why the assistant said what it said: each reply's grounding record, for staff.

A reply stores the FAQs it was given (with each FAQ's version and ranking score), the
ones it cited, the model and its tokens (app/support/answer.py). Here that record is put
in staff's words beside the FAQs as they are now: edited since, hidden, or deleted.
"""

from dataclasses import dataclass, field

from flask import current_app, url_for

from app.extensions import db
from app.models import Faq, Feedback, Message, Role
from app.support.feedback import REASONS
from app.support.offline import OFFLINE_MODEL


@dataclass(frozen=True)
class FaqUsed:
    id: int
    question: str  # as the reply was given it
    version: int | None  # None: recorded before FAQs had versions
    score: float | None
    cited: bool
    now: str  # the FAQ today, in words: "unchanged", "edited since (now version 3)"...
    url: str | None  # its edit page, while it exists


@dataclass(frozen=True)
class Why:
    model: str  # in words: "Model: gpt-4o-mini", or that the FAQs answered without one
    tokens: str  # "1,200 in + 80 out", or "" when no model was asked
    cost: float | None  # dollars; None when unknown or nothing was spent
    covered: bool  # the question was answered from the FAQs
    feedback: str  # the customer's vote in words, or ""
    unconfirmed: list[str]  # details in the reply no FAQ it was given holds (facts.py)
    faqs: list[FaqUsed] = field(default_factory=list)  # best score first


def faq_now(recorded: dict, faq: Faq | None) -> str:
    if faq is None:
        return "deleted since"
    words = []
    version = recorded.get("version")
    if version is not None and faq.version != version:
        words.append(f"edited since (now version {faq.version})")
    if not faq.is_active:
        words.append("hidden from the assistant now")
    return ", ".join(words) or "unchanged"


def faqs_used(reply: Message, current: dict[int, Faq]) -> list[FaqUsed]:
    cited = {faq.get("id") for faq in reply.cited_faqs or []}
    used = []
    for recorded in reply.injected_faqs or []:
        faq_id = recorded.get("id")
        faq = current.get(faq_id)
        used.append(
            FaqUsed(
                id=faq_id,
                question=recorded.get("question", ""),
                version=recorded.get("version"),
                score=recorded.get("score"),
                cited=faq_id in cited,
                now=faq_now(recorded, faq),
                url=url_for("faq.edit_view", id=faq_id) if faq else None,
            )
        )
    # Cited first, then by score: what the answer rests on leads.
    return sorted(used, key=lambda f: (not f.cited, -(f.score or 0.0)))


def feedback_words(reply: Message) -> str:
    if reply.feedback == Feedback.YES:
        return "The customer said this helped."
    if reply.feedback != Feedback.NO:
        return ""
    words = "The customer said this did not help"
    reason = REASONS.get(reply.feedback_reason)
    return f"{words}: {reason.lower()}." if reason else f"{words}."


def cost_of(reply: Message) -> float | None:
    price = current_app.extensions["model_prices"].get(reply.model)
    spent = (reply.prompt_tokens or 0) + (reply.completion_tokens or 0)
    if price is None or not spent:
        return None
    return price.cost(reply.prompt_tokens or 0, reply.completion_tokens or 0)


def why(reply: Message, question: Message | None, current: dict[int, Faq]) -> Why:
    offline = reply.model in (None, OFFLINE_MODEL)
    tokens = ""
    if not offline and reply.prompt_tokens is not None:
        tokens = f"{reply.prompt_tokens:,} in + {reply.completion_tokens or 0:,} out"
    return Why(
        model="No model asked: the FAQs' own answer" if offline else f"Model: {reply.model}",
        tokens=tokens,
        cost=cost_of(reply),
        covered=question is not None and not question.unanswered,
        feedback=feedback_words(reply),
        unconfirmed=list(dict.fromkeys(f["text"] for f in reply.unsupported_facts or [])),
        faqs=faqs_used(reply, current),
    )


def why_each_reply(messages: list[Message]) -> dict[int, Why]:
    """Message id -> Why, for each assistant reply that was given FAQs: one FAQ query."""
    replies = [m for m in messages if m.role == Role.ASSISTANT and m.injected_faqs]
    ids = {faq.get("id") for m in replies for faq in m.injected_faqs}
    current = {faq.id: faq for faq in db.session.scalars(db.select(Faq).where(Faq.id.in_(ids)))}
    reply_ids, found, question = {m.id for m in replies}, {}, None
    for message in messages:
        if message.role == Role.USER:
            question = message
        elif message.id in reply_ids:
            found[message.id] = why(message, question, current)
    return found
