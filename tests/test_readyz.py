"""/healthz and /readyz as a load balancer or a deploy script reads them, through HTTP.

/readyz says ready only when the database answers, Redis answers (when REDIS_URL is
set) and a real `flask --app wsgi worker` process beat lately; otherwise 503 naming what
failed.
"""

import signal
import time
from datetime import timedelta

import pytest
from redis import Redis
from rq import Queue, Worker
from rq.utils import utcformat

from app import create_app
from app.jobs.health import alive_window
from tests.conftest import TEST_QUEUE, THROUGH_RQ, run_worker

CLOSED_PORT_REDIS = "redis://127.0.0.1:9/0"  # the discard port: nothing listens there


def ready(client):
    response = client.get("/readyz")
    assert response.status_code in (200, 503), response.status_code
    assert response.headers["Cache-Control"] == "no-store"
    return response.status_code, response.get_json()


def test_without_redis_ready_means_the_database_answers(client):
    status, body = ready(client)
    assert status == 200
    assert body["status"] == "ready" and body["failed"] == []
    assert body["checks"]["database"] == {"ok": True}
    # Replies run in the web process: no worker is needed.
    assert body["checks"]["workers"]["ok"] is True
    assert "REDIS_URL is not set" in body["checks"]["workers"]["detail"]


def test_an_unreachable_database_is_named(tmp_path, app_settings):
    missing = tmp_path / "no-such-folder" / "portal.db"
    app = create_app({**app_settings, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{missing}"})

    status, body = ready(app.test_client())

    assert status == 503
    assert body["failed"] == ["database"]
    assert body["checks"]["database"]["detail"].startswith("the database did not answer")
    assert str(tmp_path) not in str(body)  # what failed, not where it lives


@pytest.mark.app_config(REDIS_URL=CLOSED_PORT_REDIS)
def test_redis_down_is_named_and_workers_not_checked(client):
    status, body = ready(client)

    assert status == 503
    assert body["status"] == "unavailable"
    assert body["failed"] == ["redis", "workers"]
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["redis"]["detail"].startswith("Redis did not answer")
    assert body["checks"]["workers"]["detail"] == "not checked: Redis is unreachable"
    # Liveness stays cheap: the process and its database are fine.
    assert client.get("/healthz").status_code == 200


@THROUGH_RQ[0]
@THROUGH_RQ[1]
def test_ready_while_a_worker_runs_and_not_once_it_stops(app, client, model_server):
    status, body = ready(client)
    assert status == 503 and body["failed"] == ["workers"]
    assert body["checks"]["redis"] == {"ok": True}
    assert f"no worker on queue '{TEST_QUEUE}'" in body["checks"]["workers"]["detail"]

    worker = run_worker(app, model_server, burst=False)
    deadline = time.monotonic() + 60
    while (status := ready(client)[0]) != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    status, body = ready(client)
    assert status == 200, body
    assert body["checks"]["workers"] == {"ok": True, "alive": 1}

    worker.send_signal(signal.SIGTERM)  # a deploy stops it: it unregisters on the way out
    assert worker.wait(timeout=60) == 0

    status, body = ready(client)
    assert status == 503 and body["failed"] == ["workers"]


@THROUGH_RQ[0]
@THROUGH_RQ[1]
def test_a_killed_worker_stops_counting_once_its_heartbeat_is_old(app, client, model_server):
    """Killed outright, a worker cannot unregister; its last heartbeat ages out instead."""
    worker = run_worker(app, model_server, burst=False)
    deadline = time.monotonic() + 60
    while ready(client)[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert ready(client)[0] == 200
    worker.kill()
    worker.wait()
    assert ready(client)[0] == 200  # its last beat is recent: alive, as far as anyone knows

    # RQ keeps its key a while yet; move its last heartbeat back past the window, as the
    # minutes passing would.
    connection = Redis.from_url(app.config["REDIS_URL"])
    (dead,) = Worker.all(queue=Queue(TEST_QUEUE, connection=connection))
    beat = dead.last_heartbeat - timedelta(seconds=alive_window() + 1)
    connection.hset(dead.key, "last_heartbeat", utcformat(beat))

    status, body = ready(client)
    assert status == 503 and body["failed"] == ["workers"]
