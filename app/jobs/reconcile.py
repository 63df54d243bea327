"""The reconciler: SQL is the truth, so replies it still shows pending get finished.

A reply can be left pending when Redis lost its queue (flushed, restarted) or a worker
died mid-reply. Such replies are enqueued again, a few times at most; past that, or past
REPLY_GIVE_UP_SECONDS, they are marked failed so the customer sees a Retry control
instead of a spinner.
"""

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import or_, update

from app import jobs, metrics
from app.extensions import db
from app.jobs.replies import job_timeout_seconds
from app.models import Failure, Message, Status
from app.models.base import utcnow

log = logging.getLogger(__name__)


def reconcile() -> dict[str, int]:
    """One pass; returns how many replies were enqueued again and how many failed."""
    config = current_app.config
    now = utcnow()
    left_behind = db.session.scalars(
        db.select(Message)
        .filter(Message.status == Status.PENDING)
        .filter(Message.created_at < now - timedelta(seconds=config["RECONCILE_AFTER_SECONDS"]))
        .filter(
            or_(
                Message.claimed_at.is_(None),
                Message.claimed_at < now - timedelta(seconds=job_timeout_seconds()),
            )
        )
    ).all()
    give_up_before = now - timedelta(seconds=config["REPLY_GIVE_UP_SECONDS"])
    counts = {"enqueued": 0, "failed": 0}
    for reply in left_behind:
        if reply.created_at < give_up_before or reply.attempts >= config["REPLY_MAX_ATTEMPTS"]:
            counts["failed"] += _fail_stalled(reply.id)
        elif config["REDIS_URL"] and (reply.claimed_at or not jobs.is_queued(reply.id)):
            # A stale claim means its run died, whatever RQ still says about the job.
            counts["enqueued"] += jobs.enqueue_reply(reply.id)
    db.session.commit()
    if any(counts.values()):
        log.info("reconcile: %(enqueued)s enqueued again, %(failed)s marked failed", counts)
    # Counted here, so the workers' pass and `flask reconcile` alike show on /metrics.
    metrics.stalled_replies(failed=counts["failed"], enqueued=counts["enqueued"])
    return counts


def _fail_stalled(reply_id: int) -> int:
    # Conditional, so a reply that a worker finishes meanwhile is left as it is.
    result = db.session.execute(
        update(Message)
        .where(Message.id == reply_id, Message.status == Status.PENDING)
        .values(status=Status.FAILED, failure=Failure.STALLED)
    )
    return result.rowcount
