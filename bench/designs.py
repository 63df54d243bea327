"""The designs compared, each started as it would run in production on this machine.

- bare: bench/apps/bare.py, fixed HTML, gunicorn with the portal's settings (the ceiling).
- naive-sync / naive-gevent: bench/apps/naive.py, the model called inside the request,
  on 2 sync workers (gunicorn's default worker) or 2 gevent workers.
- portal: the real app (wsgi:app) on gunicorn.conf.py, N `flask --app wsgi worker`
  processes (each running WORKER_CONCURRENCY replies at once in greenlets, or with
  concurrency 1 RQ's classic worker: one reply at a time, in a forked work horse),
  PostgreSQL and Redis, with the database and queue emptied first.
"""

import os
import re
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import psycopg
from redis import Redis
from rq import Queue
from rq.registry import FailedJobRegistry

from bench import services
from bench.monitor import Watch

QUEUE = "default"  # the portal's RQ_QUEUE default
LOG_PROBLEM = re.compile(r"Traceback|\b(ERROR|CRITICAL)\b")


@dataclass
class Settings:
    """What every design is started with."""

    log_dir: Path
    model_url: str
    database_url: str
    redis_url: str
    web_workers: int = 2


@dataclass
class Running:
    """A started design: where to send customers, what to sample, how to stop it."""

    url: str
    services: list[services.Service]
    watch: Watch
    inspect: Callable[[], dict] = field(default=lambda: {})

    def stop(self) -> None:
        # Workers first, so none is left writing a reply into a stopped system.
        for service in reversed(self.services):
            # gunicorn: SIGINT is its quick shutdown; RQ: SIGTERM lets a reply finish.
            quick = service.name == "web"
            service.stop(signal.SIGINT if quick else signal.SIGTERM)

    def log_problems(self) -> dict[str, int]:
        """Lines in each server log so far that report an error or a traceback.

        Called before stopping: shutting down is noisy (RQ prints a StopRequested
        traceback on a warm shutdown, a sync worker one for its cut request).
        """
        counts = {}
        for service in self.services:
            text = service.log_path.read_text(errors="replace")
            counts[service.name] = sum(1 for line in text.splitlines() if LOG_PROBLEM.search(line))
        return counts


@dataclass(frozen=True)
class Design:
    key: str
    label: str  # says what runs, for the table's legend
    column: str  # short, for the table's header
    uses_model: bool
    start: Callable[[Settings], Running]
    goal: bool = False  # the goal configuration


def _env(settings: Settings, port: int, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(settings.web_workers),
        "OPENAI_API_KEY": "bench",
        "OPENAI_BASE_URL": settings.model_url,
        **extra,
    }


def _web_only(app: str, *options: str) -> Callable[[Settings], Running]:
    def start(settings: Settings) -> Running:
        port = services.free_port()
        web = services.gunicorn("web", app, _env(settings, port), settings.log_dir, *options)
        running = Running(f"http://127.0.0.1:{port}", [web], Watch(groups={"web": [web.pid]}))
        try:
            services.wait_for_http(running.url + "/", [web])
        except BaseException:
            running.stop()
            raise
        return running

    return start


def _portal(rq_workers: int, concurrency: int | None) -> Callable[[Settings], Running]:
    def start(settings: Settings) -> Running:
        services.reset_database(settings.database_url)
        services.reset_redis(settings.redis_url)
        port = services.free_port()
        env = _env(
            settings,
            port,
            DATABASE_URL=settings.database_url,
            REDIS_URL=settings.redis_url,
            SECRET_KEY="bench-only-secret",
            # One address plays every customer, and a run spends about a day's token
            # budget: those two limits would turn the customers away. The per-chat
            # limits stay as deployed.
            NEW_CHATS_PER_IP="1000000 per hour",
            DAILY_TOKEN_BUDGET="0",
        )
        if concurrency is not None:  # else the app's default, as deployed
            env["WORKER_CONCURRENCY"] = str(concurrency)
        services.flask(env, settings.log_dir, "db", "upgrade")
        services.flask(env, settings.log_dir, "seed-demo")  # realistic prompts: 10 FAQs
        web = services.gunicorn("web", "wsgi:app", env, settings.log_dir)
        workers = [
            services.Service(
                f"worker-{n}",
                services.python("-m", "flask", "--app", "wsgi", "worker"),
                env,
                settings.log_dir,
            )
            for n in range(1, rq_workers + 1)
        ]
        watch = Watch(
            groups={"web": [web.pid], "workers": [worker.pid for worker in workers]},
            redis_url=settings.redis_url,
            queue_key=f"rq:queue:{QUEUE}",
            database_url=settings.database_url,
        )
        running = Running(
            f"http://127.0.0.1:{port}",
            [web, *workers],
            watch,
            inspect=lambda: portal_state(settings.database_url, settings.redis_url),
        )
        try:
            services.wait_for_http(running.url + "/healthz", running.services)
            # Starting many workers at once on two cores takes a while.
            services.wait_for_workers(
                settings.redis_url, rq_workers, running.services, 60 + 2 * rq_workers
            )
        except BaseException:
            running.stop()
            raise
        return running

    return start


def portal_state(database_url: str, redis_url: str) -> dict:
    """Where the replies stand once the customers stop: SQL's truth and the queue's."""
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT status, count(*) FROM message WHERE role = 'assistant' GROUP BY status"
        ).fetchall()
    connection = Redis.from_url(redis_url)
    queue = Queue(QUEUE, connection=connection)
    return {
        "replies_by_status": dict(rows),
        "jobs_still_queued": queue.count,
        "jobs_failed": FailedJobRegistry(queue=queue).count,
        "jobs": reply_jobs(connection),
    }


def reply_jobs(connection: Redis) -> list[dict]:
    """Each reply job's worker and times (enqueued, started, ended: time.time() values)."""
    keys = sorted(connection.scan_iter("rq:job:reply-*"))
    pipe = connection.pipeline()
    for key in keys:
        pipe.hmget(key, "worker_name", "status", "enqueued_at", "started_at", "ended_at")
    jobs = []
    for key, (worker, status, *times) in zip(keys, pipe.execute(), strict=True):
        enqueued, started, ended = (_epoch(value) for value in times)
        jobs.append(
            {
                "id": key.decode().removeprefix("rq:job:"),
                "worker": worker.decode() if worker else None,
                "status": status.decode() if status else None,
                "enqueued_at": enqueued,
                "started_at": started,
                "ended_at": ended,
            }
        )
    return jobs


def _epoch(value: bytes | None) -> float | None:
    return datetime.fromisoformat(value.decode()).timestamp() if value else None


def default_concurrency() -> int:
    """Replies a worker process runs at once when WORKER_CONCURRENCY is not set."""
    from app.config import from_environment

    return from_environment("instance", {})["WORKER_CONCURRENCY"]


def portal(rq_workers: int, concurrency: int | None = None, goal: bool = False) -> Design:
    """The portal with `rq_workers` worker processes of `concurrency` (None: app default)."""
    each = concurrency or default_concurrency()
    how = "RQ's classic forking worker" if each == 1 else f"{each} greenlets each"
    if concurrency is None:
        how += ", the default"
    extra = "" if goal else "; not the goal setup"
    return Design(
        key=f"portal-{rq_workers}x{each}",
        label=f"the portal: gunicorn 2 gevent workers + {rq_workers} RQ workers ({how}){extra}",
        column=f"portal {rq_workers}×{each}" + ("" if goal else "*"),
        uses_model=True,
        start=_portal(rq_workers, concurrency),
        goal=goal,
    )


BARE = Design(
    "bare",
    "bare Flask, fixed fragments, gunicorn 2 gevent workers (the ceiling)",
    "bare",
    False,
    _web_only("bench.apps.bare:app"),
)
NAIVE_SYNC = Design(
    "naive-sync",
    "naive: model called in the request, gunicorn 2 sync workers",
    "naive sync",
    True,
    _web_only("bench.apps.naive:app", "--worker-class", "sync"),
)
NAIVE_GEVENT = Design(
    "naive-gevent",
    "naive: model called in the request, gunicorn 2 gevent workers",
    "naive gevent",
    True,
    _web_only("bench.apps.naive:app"),
)


def chosen(
    names: list[str], rq_workers: int, concurrency: int | None, extra: list[tuple[int, int]]
) -> list[Design]:
    """The designs to run, in the table's order; `extra` portals are (processes, concurrency)."""
    table = {"bare": BARE, "naive-sync": NAIVE_SYNC, "naive-gevent": NAIVE_GEVENT}
    unknown = set(names) - set(table) - {"portal"}
    if unknown:
        raise SystemExit(f"unknown designs: {', '.join(sorted(unknown))}")
    designs = [table[name] for name in names if name in table]
    if "portal" in names:
        designs.append(portal(rq_workers, concurrency, goal=True))
        designs += [portal(processes, each) for processes, each in extra]
    return designs
