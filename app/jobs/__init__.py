"""Queue wiring: RQ on Redis when REDIS_URL is set, inline in the web process otherwise."""

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue

from app.extensions import db
from app.jobs.replies import generate_reply
from app.models import Message

# Results are not read back (SQL holds the reply); failures are kept a week for debugging.
RESULT_TTL_SECONDS = 600
FAILURE_TTL_SECONDS = 7 * 24 * 3600


def redis_connection() -> Redis:
    return Redis.from_url(current_app.config["REDIS_URL"])


def reply_queue() -> Queue:
    return Queue(current_app.config["RQ_QUEUE"], connection=redis_connection())


def reply_job_id(message_id: int) -> str:
    return f"reply-{message_id}"


def enqueue_reply(message_id: int) -> None:
    """Hand a pending reply to a worker.

    Inline mode queues nothing: the reply is produced when the page first asks for it,
    so the customer sees their message and a typing indicator straight away.
    """
    if not current_app.config["REDIS_URL"]:
        return
    try:
        reply_queue().enqueue(
            generate_reply,
            message_id,
            job_id=reply_job_id(message_id),
            job_timeout=current_app.config["REPLY_JOB_TIMEOUT_SECONDS"],
            result_ttl=RESULT_TTL_SECONDS,
            failure_ttl=FAILURE_TTL_SECONDS,
        )
    except RedisError:
        # The message and its pending reply are already saved; the page keeps waiting.
        current_app.logger.exception("could not enqueue reply %s", message_id)


def run_inline_if_pending(reply: Message) -> None:
    """In inline mode, produce a pending reply now (the caller is waiting for it)."""
    if reply.is_pending and not current_app.config["REDIS_URL"]:
        generate_reply(reply.id)
        db.session.refresh(reply)
