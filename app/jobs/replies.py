"""The reply job: claim a pending reply, run the recipe (app/support/answer.py), and
publish its text as it is written. Claiming makes a duplicate job, a retry or a second
reader harmless: one run writes each reply.
"""

import logging
from collections.abc import Iterator
from datetime import timedelta

from flask import current_app
from rq import get_current_job
from sqlalchemy import or_, update

from app.extensions import db, expiry_deferred
from app.jobs.connection import redis_connection
from app.jobs.live import LiveReply
from app.models import Message, Status
from app.models.base import utcnow
from app.support.answer import write_reply

log = logging.getLogger(__name__)


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
    # RETURNING loads the claimed row into the session: the reply needs no SELECT of its own.
    claimed = db.session.scalars(
        update(Message)
        .where(Message.id == reply_id, Message.status == Status.PENDING)
        .where(or_(Message.claimed_at.is_(None), Message.claimed_at < stale))
        .values(claimed_at=utcnow(), attempts=Message.attempts + 1)
        .returning(Message)
    ).first()
    db.session.commit()
    return claimed is not None


def generate_reply(message_id: int) -> None:
    """RQ job: produce reply `message_id`, publishing its text as it is written."""
    # Only this run writes the reply once claimed: its commits need not reload it.
    with expiry_deferred():
        if not claim(message_id):
            log.info("%s reply %s already taken or finished", _tag(), message_id)
            return
        live = LiveReply(redis_connection(), message_id)
        live.start()
        try:
            for delta in write_reply(message_id, _tag()):
                live.append(delta)
        finally:
            live.end()


def produce_now(message_id: int) -> None:
    """Inline mode, for a caller that waits for the whole reply (no live text)."""
    if claim(message_id):
        for _ in write_reply(message_id, _tag()):
            pass


def produce_streaming(message_id: int) -> Iterator[str] | None:
    """Inline mode, for the stream request: the reply's text as it is written, or None
    when another run has it (a worker, or another request)."""
    if not claim(message_id):
        return None
    return write_reply(message_id, _tag())
