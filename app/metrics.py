"""Prometheus metrics: what the portal counts, and `/metrics`'s text.

Counters and histograms are recorded where things happen (a reply stored, a model call,
a refusal by a rate limit); gauges that describe the system now (queue depth, the oldest
pending reply, live workers) are read from Redis and the database at scrape time, so
they are right whichever process answers the scrape.

Several processes (gunicorn's workers, RQ workers): with PROMETHEUS_MULTIPROC_DIR set,
every process writes its counts to files there and `/metrics` adds them all up
(prometheus-client's multiprocess mode). Web and worker processes of one host share the
directory; docs/deploy.md explains it. Without it, each process counts in memory (one
process: `flask run`, the tests).

Labels never carry chat text, tokens or addresses: only names from this code (a reply's
status and failure kind, an error kind, a view's name, a model's name).
"""

import os
import socket
from collections.abc import Iterable

# Multiprocess mode is chosen from the environment when prometheus-client is first
# imported, which must be before any metric exists: the directory must exist by then.
MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None
if MULTIPROC_DIR:
    os.makedirs(MULTIPROC_DIR, exist_ok=True)

from flask import current_app, request  # noqa: E402
from prometheus_client import (  # noqa: E402
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    values,
)
from prometheus_client.core import GaugeMetricFamily  # noqa: E402
from prometheus_client.multiprocess import MultiProcessCollector  # noqa: E402


def process_id(pid: int | None = None) -> str:
    """Names a process's files in the shared directory: host and pid.

    Containers sharing the directory (compose's web and worker) each number their
    processes from 1; the host name (a container's id) keeps their files apart. No "_":
    prometheus-client splits file names on it.
    """
    return f"{_HOST}-{os.getpid() if pid is None else pid}"


_HOST = socket.gethostname().replace("_", "-")  # asked once: this runs at every count


if MULTIPROC_DIR:
    values.ValueClass = values.MultiProcessValue(process_identifier=process_id)
# No `_created` series: multiprocess mode has none, so one process shows what many do.
disable_created_metrics()


REPLIES = Counter(
    "portal_replies",
    "Replies stored, by status (done, failed), failure kind (none when done without one)"
    " and who wrote them (model, offline: the FAQs' own answer, none).",
    ["status", "failure", "answerer"],
)
MODEL_FIRST_TOKEN = Histogram(
    "portal_model_time_to_first_token_seconds",
    "From asking the model to its first text, retries included.",
    buckets=(0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8, 13, 20, 30, 60),
)
MODEL_REPLY = Histogram(
    "portal_model_reply_seconds",
    "From asking the model to the end of its reply (replies that ended normally).",
    buckets=(0.5, 1, 2, 3, 5, 8, 10, 15, 20, 30, 45, 60, 90),
)
MODEL_ERRORS = Counter(
    "portal_model_errors",
    "Failed model calls and broken streams, by kind (rate_limit, quota, auth, server,"
    " rejected, timeout, connection, stream, interrupted, deadline).",
    ["kind"],
)
MODEL_RETRIES = Counter("portal_model_retries", "Model calls tried again after an error.")
MODEL_TOKENS = Counter(
    "portal_model_tokens",
    "Model tokens used, by model and kind (prompt, completion).",
    ["model", "kind"],
)
MODEL_COST = Counter(
    "portal_model_cost_dollars",
    "Estimated model cost in dollars (MODEL_PRICES); models without a price count no cost.",
    ["model"],
)
ESCALATIONS = Counter("portal_escalations", "Requests for a person that opened a ticket.")
UNANSWERED = Counter(
    "portal_unanswered_questions", "Customer questions no FAQ answered (listed for staff)."
)
RATE_LIMITED = Counter(
    "portal_rate_limit_refusals", "Requests refused by a rate limit, by view.", ["endpoint"]
)
RECONCILED = Counter(
    "portal_reconciler_replies",
    "Pending replies the reconciler enqueued again or marked failed (stalled).",
    ["action"],
)
OUTCOMES = Counter(
    "portal_conversation_outcomes",
    "Conversation outcomes decided (one whose outcome moves within OUTCOME_REOPEN_HOURS"
    " counts again).",
    ["outcome"],
)


# Recording: one call where each thing happens ---------------------------------------


def reply_stored(status: str, failure: str | None, model: str | None) -> None:
    from app.support.offline import OFFLINE_MODEL

    answerer = "offline" if model == OFFLINE_MODEL else "model" if model else "none"
    REPLIES.labels(str(status), str(failure or "none"), answerer).inc()


def tokens_used(model: str, prompt: int, completion: int) -> None:
    MODEL_TOKENS.labels(model, "prompt").inc(prompt)
    MODEL_TOKENS.labels(model, "completion").inc(completion)
    price = current_app.extensions["model_prices"].get(model)
    if price is not None:
        MODEL_COST.labels(model).inc(price.cost(prompt, completion))


def rate_limit_refused(_limit=None) -> None:
    """Flask-Limiter's on_breach: once per refused request, however many limits it broke."""
    if request.environ.get("portal.rate_limit_counted"):
        return
    request.environ["portal.rate_limit_counted"] = True
    RATE_LIMITED.labels(request.endpoint or "none").inc()


def stalled_replies(failed: int, enqueued: int) -> None:
    """The reconciler's pass: stalled replies end failed without passing `store()`."""
    if enqueued:
        RECONCILED.labels("enqueued").inc(enqueued)
    if failed:
        RECONCILED.labels("failed").inc(failed)
        REPLIES.labels("failed", "stalled", "none").inc(failed)


def outcomes_decided(changed: dict[str, int]) -> None:
    for outcome, count in changed.items():
        OUTCOMES.labels(str(outcome)).inc(count)


def install(app) -> None:
    """Count questions marked unanswered, wherever the reply recipe decides it."""
    from sqlalchemy import event

    from app.models import Message

    if not event.contains(Message.unanswered, "set", _question_marked):
        event.listen(Message.unanswered, "set", _question_marked)


def _question_marked(target, value, oldvalue, initiator) -> None:
    if value is True and oldvalue is not True:
        UNANSWERED.inc()


# Scraping ------------------------------------------------------------------------------


class LiveState:
    """Gauges read when scraped: queue depth, pending replies, live workers."""

    def collect(self) -> Iterable[GaugeMetricFamily]:
        up = GaugeMetricFamily(
            "portal_dependency_up",
            "Whether this scrape could read the database / Redis (1) or not (0).",
            labels=["dependency"],
        )
        yield from self._database(up)
        if current_app.config["REDIS_URL"]:
            yield from self._redis(up)
        yield up

    def _database(self, up: GaugeMetricFamily) -> Iterable[GaugeMetricFamily]:
        from app.extensions import db
        from app.models import Message, Status
        from app.models.base import utcnow

        try:
            count, oldest = db.session.execute(
                db.select(db.func.count(Message.id), db.func.min(Message.created_at)).where(
                    Message.status == Status.PENDING
                )
            ).one()
        except Exception:
            current_app.logger.warning("metrics: the database could not be read", exc_info=True)
            db.session.rollback()
            up.add_metric(["database"], 0)
            return
        up.add_metric(["database"], 1)
        yield GaugeMetricFamily(
            "portal_pending_replies", "Replies not yet written (queued or being written).", count
        )
        age = (utcnow() - oldest).total_seconds() if oldest else 0
        yield GaugeMetricFamily(
            "portal_oldest_pending_reply_seconds",
            "How long the oldest pending reply has waited (0: none pending).",
            max(age, 0),
        )

    def _redis(self, up: GaugeMetricFamily) -> Iterable[GaugeMetricFamily]:
        from redis.exceptions import RedisError
        from rq.registry import FailedJobRegistry, StartedJobRegistry

        from app.jobs.connection import reply_queue
        from app.jobs.health import alive_workers

        queue = reply_queue()
        try:
            depth = {
                "queued": queue.count,
                "started": StartedJobRegistry(queue=queue).count,
                "failed": FailedJobRegistry(queue=queue).count,
            }
            workers = len(alive_workers(queue))
        except RedisError:
            current_app.logger.warning("metrics: Redis could not be read", exc_info=True)
            up.add_metric(["redis"], 0)
            return
        up.add_metric(["redis"], 1)
        jobs = GaugeMetricFamily(
            "portal_queue_jobs", "Jobs in the RQ queue, by state.", labels=["queue", "state"]
        )
        for state, n in depth.items():
            jobs.add_metric([queue.name, state], n)
        yield jobs
        live = GaugeMetricFamily(
            "portal_workers_alive",
            "RQ workers on the queue with a heartbeat in the readiness window.",
            labels=["queue"],
        )
        live.add_metric([queue.name], workers)
        yield live


class _Everything:
    """This process's own metrics, for a registry built per scrape."""

    def collect(self):
        return REGISTRY.collect()


def exposition() -> bytes:
    """The text `/metrics` answers: every process's counts, then the live gauges."""
    registry = CollectorRegistry(auto_describe=False)
    if MULTIPROC_DIR:
        MultiProcessCollector(registry, path=MULTIPROC_DIR)
    else:
        registry.register(_Everything())
    registry.register(LiveState())
    return generate_latest(registry)
