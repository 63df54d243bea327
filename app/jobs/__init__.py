"""Queue wiring: RQ on Redis when REDIS_URL is set, inline in the web process otherwise."""

from flask import current_app
from redis.exceptions import RedisError
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus

from app.jobs.connection import queue_available, redis_connection, reply_queue
from app.jobs.replies import generate_reply, job_timeout_seconds, produce_now

__all__ = [
    "enqueue_reply",
    "generate_reply",
    "is_queued",
    "produce_now",
    "queue_available",
    "start_reply",
]

# Results are not read back (SQL holds the reply); failures are kept a week for debugging.
RESULT_TTL_SECONDS = 600
FAILURE_TTL_SECONDS = 7 * 24 * 3600


def reply_job_id(message_id: int) -> str:
    return f"reply-{message_id}"


def enqueue_reply(message_id: int) -> bool:
    """Hand a pending reply to a worker; False when it must be produced inline.

    Inline mode queues nothing: the page's stream request produces the reply, so the
    customer sees their message and a typing indicator straight away. If Redis is
    down the same happens, and the reconciler re-enqueues anything left behind.
    """
    if not current_app.config["REDIS_URL"]:
        return False
    queue = reply_queue()
    try:
        # Given a pipeline, RQ queues its writes (the job, the queue's registration and
        # the push) there: one round trip to Redis instead of two.
        with queue.connection.pipeline() as pipe:
            queue.enqueue(
                generate_reply,
                message_id,
                job_id=reply_job_id(message_id),
                job_timeout=job_timeout_seconds(),
                result_ttl=RESULT_TTL_SECONDS,
                failure_ttl=FAILURE_TTL_SECONDS,
                pipeline=pipe,
            )
            pipe.execute()
    except RedisError:
        current_app.logger.exception("could not enqueue reply %s; it will run inline", message_id)
        return False
    return True


def start_reply(message_id: int, wait: bool) -> None:
    """Queue the reply. A caller that `wait`s for the whole reply (a page without
    JavaScript, the API) and has no queue gets it produced here and now; the others
    produce it as they stream it."""
    if not enqueue_reply(message_id) and wait:
        produce_now(message_id)


def is_queued(message_id: int) -> bool:
    """True while RQ still holds a live job for this reply (waiting or running)."""
    try:
        job = Job.fetch(reply_job_id(message_id), connection=redis_connection())
    except NoSuchJobError:
        return False
    return job.get_status() in (JobStatus.QUEUED, JobStatus.STARTED, JobStatus.DEFERRED)
