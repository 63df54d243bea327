"""The reply job: turn a pending assistant message into an answer."""

import logging
from datetime import timedelta

from flask import current_app
from openai import OpenAIError
from rq import get_current_job
from sqlalchemy import or_, update

from app.extensions import db
from app.models import Message, Status
from app.models.base import utcnow
from app.support import llm
from app.support.conversation import turns_before
from app.support.grounding import faqs_for_prompt
from app.support.offline import offline_answer
from app.support.prompts import Business, build_messages

log = logging.getLogger(__name__)


def _job_tag() -> str:
    job = get_current_job()
    return f"[job {job.id}] " if job else "[inline] "


def claim(reply_id: int) -> bool:
    """Take a pending reply for this run; False when another run has it or it is finished.

    A claim older than the job timeout belongs to a run that died, so it can be taken again.
    """
    stale = utcnow() - timedelta(seconds=current_app.config["REPLY_JOB_TIMEOUT_SECONDS"])
    result = db.session.execute(
        update(Message)
        .where(Message.id == reply_id, Message.status == Status.PENDING)
        .where(or_(Message.claimed_at.is_(None), Message.claimed_at < stale))
        .values(claimed_at=utcnow())
    )
    db.session.commit()
    return result.rowcount == 1


def generate_reply(message_id: int) -> None:
    """Produce the reply for pending assistant message `message_id` (idempotent)."""
    config = current_app.config
    if not claim(message_id):
        log.info("%sreply %s already taken or finished", _job_tag(), message_id)
        return
    reply = db.session.get(Message, message_id)
    history, question = turns_before(reply, config["HISTORY_MESSAGES"])
    if question is None:
        log.warning("%sreply %s has no customer message to answer", _job_tag(), message_id)
        _finish(reply, status=Status.FAILED)
        return
    faqs = faqs_for_prompt(config["FAQ_INJECT_ALL"])
    if not config["OPENAI_API_KEY"]:
        _finish(reply, offline_answer(question.content, faqs))
        return

    business = Business(config["BUSINESS_NAME"], config["BUSINESS_DESCRIPTION"])
    messages = build_messages(business, faqs, history, question.content)
    db.session.commit()  # no transaction stays open while the model thinks
    try:
        answer = llm.complete(messages, config)
    except OpenAIError as error:
        log.warning(
            "%sreply %s: model call failed: %s", _job_tag(), message_id, type(error).__name__
        )
        _finish(reply, status=Status.FAILED)
        return
    _finish(reply, answer)


def _finish(reply: Message, answer: llm.Answer | None = None, status: Status = Status.DONE) -> None:
    if answer is not None:
        reply.content = answer.text
        reply.model = answer.model
        reply.prompt_tokens = answer.prompt_tokens
        reply.completion_tokens = answer.completion_tokens
    reply.status = status
    db.session.commit()
    log.info("%sreply %s %s", _job_tag(), reply.id, status)
