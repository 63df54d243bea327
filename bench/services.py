"""The processes a design needs, and the PostgreSQL database and Redis database it uses.

Every process is started in a session of its own, so stopping it also stops whatever
it forked (gunicorn's workers, RQ's work horses) and nothing else.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
from psycopg import sql
from redis import Redis
from rq import Worker

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Service:
    """One server process, its output in a log file."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log_dir: Path) -> None:
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def check(self) -> None:
        if not self.alive():
            tail = self.log_path.read_text()[-2000:]
            raise RuntimeError(f"{self.name} exited ({self.process.returncode}):\n{tail}")

    def stop(self, sig: int = signal.SIGTERM, grace: float = 20) -> None:
        if self.alive():
            self.process.send_signal(sig)
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # its own session only
                self.process.wait()
        self._log.close()


def python(*args: str) -> list[str]:
    """A command run by this interpreter, so servers use the benchmark's own environment."""
    return [sys.executable, *args]


def gunicorn(name: str, app: str, env: dict[str, str], log_dir: Path, *options: str) -> Service:
    """gunicorn with the portal's gunicorn.conf.py (gevent, WEB_CONCURRENCY workers).

    No control socket: it would live at a fixed path in $HOME, shared with any other
    gunicorn running on this machine.
    """
    argv = python("-m", "gunicorn", "-c", "gunicorn.conf.py", "--no-control-socket", *options, app)
    return Service(name, argv, env, log_dir)


def wait_for_http(url: str, services: list[Service], timeout: float = 60) -> None:
    """Until `url` answers anything at all (a 404 is fine: the server is up)."""
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        for service in services:
            service.check()
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def wait_for_workers(redis_url: str, count: int, services: list[Service], timeout: float) -> None:
    """Until `count` RQ workers have registered, i.e. are listening on the queue."""
    connection = Redis.from_url(redis_url)
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        for service in services:
            service.check()
        if Worker.count(connection=connection) >= count:
            return
        time.sleep(0.3)
    raise RuntimeError(f"{count} RQ workers did not start within {timeout:.0f} s")


def reset_database(database_url: str) -> None:
    """Create the benchmark's database if it is missing, and empty it.

    Refuses a database whose name lacks "bench": it drops every table.
    """
    info = psycopg.conninfo.conninfo_to_dict(database_url)
    name = info.get("dbname", "")
    if "bench" not in name:
        raise SystemExit(f"refusing to empty database {name!r}: its name must contain 'bench'")
    with psycopg.connect(**{**info, "dbname": "postgres"}, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not found:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def reset_redis(redis_url: str) -> None:
    """Empty the benchmark's Redis database (never database 0, the default one)."""
    connection = Redis.from_url(redis_url)
    if not connection.connection_pool.connection_kwargs.get("db"):
        raise SystemExit(f"refusing to flush Redis database 0: name another one in {redis_url}")
    connection.flushdb()


def flask(env: dict[str, str], log_dir: Path, *args: str) -> None:
    """A one-off `flask --app wsgi` command (schema, demo FAQs), logged with the rest."""
    with (log_dir / "setup.log").open("a") as log:
        subprocess.run(
            python("-m", "flask", "--app", "wsgi", *args),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
