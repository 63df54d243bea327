"""The vectors of unanswered questions the grouped page found without one (older questions,
or a ranker set later): embedded by a job on a worker, not in the web request; only without
REDIS_URL, where replies too are made in the web process, does the page run it itself.

One job at a time: it has a fixed id, so staff reloading the page while it waits or runs
queue nothing more; once it has ended, the next page view that finds questions waiting
queues it again.
"""

from flask import current_app
from redis.exceptions import RedisError
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus

from app.jobs import FAILURE_TTL_SECONDS
from app.jobs.connection import reply_queue
from app.support.gaps import embed_waiting

JOB_ID = "unanswered-question-vectors"
# At most gaps.MAX_QUESTIONS (500) questions, ~30 ms of CPU each; stored a batch at a time.
JOB_TIMEOUT_SECONDS = 600
# A job still to run or running: the page queues no other.
LIVE = (JobStatus.QUEUED, JobStatus.STARTED, JobStatus.DEFERRED, JobStatus.SCHEDULED)


def embed_questions() -> None:
    """RQ job (or inline): the vectors the newest unanswered questions lack."""
    embedded = embed_waiting(current_app.config)
    current_app.logger.info("Embedded %d unanswered questions", embedded)


def embed_soon() -> bool:
    """Have the waiting questions embedded: by a worker when REDIS_URL is set, else (as
    replies are, with no worker to ask) right here. True when done here, so the page can
    group them at once; with Redis down, nothing is done and the page says they wait."""
    if not current_app.config["REDIS_URL"]:
        embed_questions()
        return True
    try:
        enqueue_once()
    except RedisError:
        current_app.logger.exception("could not queue the unanswered questions' vectors")
    return False


def enqueue_once() -> None:
    """Queue embed_questions unless a job of it is waiting or running already."""
    queue = reply_queue()
    for _ in range(2):
        try:
            queue.enqueue(
                embed_questions,
                job_id=JOB_ID,
                unique=True,  # atomically: no second job while one exists
                job_timeout=JOB_TIMEOUT_SECONDS,
                result_ttl=0,  # gone when done, so the next page view may queue it again
                failure_ttl=FAILURE_TTL_SECONDS,
            )
            return
        except DuplicateJobError:
            try:
                job = Job.fetch(JOB_ID, connection=queue.connection)
            except NoSuchJobError:
                continue  # it ended meanwhile
            if job.get_status() in LIVE:
                return
            job.delete()  # failed or stopped (the worker logged why): try again
