"""Which RQ workers are alive: for `/readyz` and the `portal_workers_alive` gauge."""

from datetime import timedelta

from flask import current_app
from rq import Queue, Worker
from rq.utils import now

# A worker that beat within this long is alive. An idle worker beats once per wait for a
# job (RECONCILE_EVERY_SECONDS, app/jobs/workers.py), so the window is at least that
# plus a margin.
ALIVE_SECONDS = 60


def alive_window(config=None) -> int:
    config = config or current_app.config
    return max(ALIVE_SECONDS, config["RECONCILE_EVERY_SECONDS"] + 30)


def alive_workers(queue: Queue) -> list[Worker]:
    """Workers registered on `queue` whose last heartbeat is inside the window.

    A worker stopped cleanly unregisters at once; a killed one keeps its key until RQ's
    expiry (worker_ttl + 60 s), but its heartbeat is older than the window by then.
    """
    since = now() - timedelta(seconds=alive_window())
    return [
        worker
        for worker in Worker.all(queue=queue)
        if worker.last_heartbeat is not None and worker.last_heartbeat >= since
    ]
