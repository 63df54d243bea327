"""The reply job: turn a pending assistant message into an answer, streaming it."""

import logging
from collections.abc import Iterator
from datetime import timedelta

from flask import current_app
from rq import get_current_job
from sqlalchemy import or_, update

from app.extensions import db
from app.jobs.connection import redis_connection
from app.jobs.live import LiveReply
from app.models import Failure, Message, Role, Status, TokenUsage
from app.models.base import utcnow
from app.support import budget, llm
from app.support.answered import answered
from app.support.canary import CanaryGuard, canary_for, leaked
from app.support.citations import extract_citations, source
from app.support.conversation import trim_history, turns_before
from app.support.grounding import in_prompt_order, select_faqs
from app.support.offline import OFFLINE_MODEL, offline_answer
from app.support.prompts import Business, build_messages
from app.support.tokens import count_prompt_tokens, count_tokens

log = logging.getLogger(__name__)

# Earlier customer messages that steer FAQ selection, so a follow-up such as "and how
# long does that take?" keeps the topic of the question before it.
RECENT_QUESTIONS = 2


def _tag() -> str:
    job = get_current_job()
    return f"[job {job.id}]" if job else "[inline]"


def job_timeout_seconds() -> int:
    """RQ kills a reply job after this; a live one always ends by its deadline first,
    so an older claim belongs to a run that died."""
    return current_app.config["REPLY_DEADLINE_SECONDS"] + 10


def claim(reply_id: int) -> bool:
    """Take a pending reply for this run; False when another run has it or it is finished.

    A claim older than the job timeout belongs to a run that died (a killed worker),
    so it can be taken again.
    """
    stale = utcnow() - timedelta(seconds=job_timeout_seconds())
    result = db.session.execute(
        update(Message)
        .where(Message.id == reply_id, Message.status == Status.PENDING)
        .where(or_(Message.claimed_at.is_(None), Message.claimed_at < stale))
        .values(claimed_at=utcnow(), attempts=Message.attempts + 1)
    )
    db.session.commit()
    return result.rowcount == 1


def generate_reply(message_id: int) -> None:
    """RQ job: produce reply `message_id`, publishing its text as it is written."""
    if not claim(message_id):
        log.info("%s reply %s already taken or finished", _tag(), message_id)
        return
    live = LiveReply(redis_connection(), message_id)
    live.start()
    try:
        for delta in write_reply(message_id):
            live.append(delta)
    finally:
        live.end()


def produce_now(message_id: int) -> None:
    """Inline mode, for a caller that waits for the whole reply (no live text)."""
    if claim(message_id):
        for _ in write_reply(message_id):
            pass


def write_reply(message_id: int) -> Iterator[str]:
    """Produce a claimed reply, yielding its text as it arrives, and store the outcome.

    Whatever happens (model errors, a reader that goes away, a bug) the reply ends
    done or failed, never pending.
    """
    config = current_app.config
    reply = db.session.get(Message, message_id)
    history, question = turns_before(reply, config["HISTORY_MESSAGES"])
    if question is None:
        _store(reply, Status.FAILED, failure=Failure.ERROR)
        return
    history = trim_history(
        history,
        config["HISTORY_TOKEN_BUDGET"],
        lambda text: count_tokens(text, config["OPENAI_MODEL"]),
    )
    earlier = [m.content for m in history if m.role == Role.USER][-RECENT_QUESTIONS:]
    selection = select_faqs(question.content, earlier)
    faqs = in_prompt_order(selection.faqs)
    injected = {faq.id: faq.question for faq in faqs}
    reply.injected_faqs = [source(faq_id, text) for faq_id, text in injected.items()]
    # Without the model: the best FAQ if one covers the question, else "I don't know".
    offline = offline_answer(selection)
    offline_sources = {
        "cited": [source(offline.faq.id, offline.faq.question)] if offline.faq else [],
        "related": [source(faq.id, faq.question) for faq in offline.related],
        "model": OFFLINE_MODEL,
    }
    # A used-up token budget: the FAQ answer, marked so the customer is offered a person.
    spent = budget.exhausted(reply) if config["OPENAI_API_KEY"] else None
    if not config["OPENAI_API_KEY"] or spent:
        question.unanswered = offline.faq is None  # listed for staff as a gap in the FAQs
        _store(reply, Status.DONE, offline.text, failure=spent, **offline_sources)
        yield offline.text
        return

    canary = canary_for(config["SECRET_KEY"])
    business = Business(config["BUSINESS_NAME"], config["BUSINESS_DESCRIPTION"], canary)
    # Every FAQ in the prompt: the model judges coverage alone. A selection of them gets a
    # note when the detector is very sure none covers the message.
    may_not_cover = selection.surely_uncovered and len(faqs) < selection.faq_count
    messages = build_messages(business, faqs, history, question.content, may_not_cover)
    db.session.commit()  # no transaction stays open while the model thinks

    stream = llm.ModelStream(messages, config)
    # Nothing that could be part of the canary is shown until the text shows it is not.
    guard = CanaryGuard(canary)
    parts: list[str] = []
    status, failure = Status.FAILED, Failure.INTERRUPTED  # unless we get further
    try:
        for delta in stream:
            parts.append(delta)
            if shown := guard.feed(delta):
                yield shown
        status, failure = Status.DONE, None
        if tail := guard.flush():
            yield tail
    except llm.ModelUnavailable as error:
        log.error("%s reply %s: model unavailable: %s", _tag(), message_id, error)
        failure = Failure.UNAVAILABLE
    except llm.ModelFailed as error:
        log.warning("%s reply %s: model failed: %s", _tag(), message_id, error)
        failure = Failure.ERROR
    except llm.StreamInterrupted as error:
        log.warning("%s reply %s: stream interrupted: %s", _tag(), message_id, error)
    finally:
        if failure == Failure.UNAVAILABLE:
            # The customer gets the best FAQ match, if any, beside the offer of a person.
            question.unanswered = offline.faq is None
            text = offline.text if offline.faq else ""
            _store(reply, status, text, failure=failure, **offline_sources)
        else:
            raw = "".join(parts)
            text, cited = extract_citations(raw, injected)
            # Servers that report no usage get our own count, in the model's encoding.
            reply.prompt_tokens = stream.prompt_tokens or count_prompt_tokens(
                messages, stream.model
            )
            reply.completion_tokens = stream.completion_tokens or count_tokens(text, stream.model)
            db.session.add(TokenUsage(tokens=reply.prompt_tokens + reply.completion_tokens))
            if leaked(raw, canary):
                # The reply reproduces the rules: the customer gets the scope refusal instead.
                log.warning("%s reply %s repeated the rules: replaced", _tag(), message_id)
                text, cited, status, failure = business.refusal, [], Status.DONE, None
            if status == Status.DONE:  # decided from the reply itself, for staff
                question.unanswered = not answered(text, cited, business.refusal)
            _store(reply, status, text, failure=failure, cited=cited, model=stream.model)


def _store(
    reply: Message,
    status: Status,
    text: str = "",
    failure: Failure | None = None,
    cited: list[dict] | None = None,
    related: list[dict] | None = None,
    model: str | None = None,
) -> None:
    reply.status = status
    reply.content = text
    reply.failure = failure
    reply.cited_faqs = cited or None
    reply.related_faqs = related or None
    reply.model = model
    db.session.commit()
    log.info("%s reply %s %s%s", _tag(), reply.id, status, f" ({failure})" if failure else "")
