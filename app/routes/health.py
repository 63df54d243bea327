"""Probes for load balancers, process managers and deploys.

- `/healthz`: liveness, cheap: the process answers and the database does.
- `/readyz`: readiness: the database, Redis (when REDIS_URL is set) and at least one RQ
  worker alive lately (when replies go to workers). JSON naming what failed; 200 or 503.
"""

from flask import Blueprint, current_app
from redis.exceptions import RedisError
from sqlalchemy import text

from app.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 when the database answers."""
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}


@bp.get("/readyz")
def readyz():
    """Each check says ok or why not; any failure makes the whole 503."""
    checks = {"database": _database()}
    if current_app.config["REDIS_URL"]:
        checks["redis"] = _redis()
        checks["workers"] = (
            _workers() if checks["redis"]["ok"] else _failed("not checked: Redis is unreachable")
        )
    else:
        inline = {"ok": True, "detail": "REDIS_URL is not set: replies run in the web process"}
        checks["redis"] = checks["workers"] = inline
    failed = [name for name, check in checks.items() if not check["ok"]]
    body = {"status": "unavailable" if failed else "ready", "failed": failed, "checks": checks}
    return body, 503 if failed else 200


def _failed(detail: str) -> dict:
    return {"ok": False, "detail": detail}


def _database() -> dict:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # whatever the driver raises, the probe answers
        db.session.rollback()
        # The class, not the message: a driver's message can name hosts and users.
        return _failed(f"the database did not answer ({type(error).__name__})")
    return {"ok": True}


def _redis() -> dict:
    from app.jobs.connection import redis_connection

    try:
        redis_connection().ping()
    except RedisError as error:
        return _failed(f"Redis did not answer ({type(error).__name__})")
    return {"ok": True}


def _workers() -> dict:
    from app.jobs.connection import reply_queue
    from app.jobs.health import alive_window, alive_workers

    window = alive_window()
    try:
        alive = len(alive_workers(reply_queue()))
    except RedisError as error:
        return _failed(f"Redis did not answer ({type(error).__name__})")
    if not alive:
        queue = current_app.config["RQ_QUEUE"]
        return _failed(f"no worker on queue {queue!r} was alive in the last {window} seconds")
    return {"ok": True, "alive": alive}
