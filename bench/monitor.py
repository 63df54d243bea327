"""What the servers cost while the customers chat, sampled from a child process.

Every half second: the resident memory (VmRSS from /proc/<pid>/status) and CPU time of
each group of process trees (web: a gunicorn master and its workers; workers: the RQ
worker processes and their work horses), the CPU time of the PostgreSQL and Redis servers
and of the whole machine, and for the portal the reply queue's depth and the connections
held open to Redis and PostgreSQL, with the transactions PostgreSQL counted for the
benchmark's database and the commands the Redis server processed (all its clients': the
server may be shared).

A child process does the sampling so that reading /proc never stalls the customers'
event loop, whose timestamps are the measurement.
"""

import multiprocessing
import os
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Watch:
    """What to sample: named groups of process-tree roots, and optionally the portal's stores."""

    groups: dict[str, list[int]]
    redis_url: str | None = None
    queue_key: str | None = None  # the RQ queue's Redis list
    database_url: str | None = None
    every: float = 0.5
    extra: dict[str, list[int]] = field(default_factory=dict)  # CPU only (model server)
    stores_cpu: bool = True  # also the CPU of PostgreSQL's and Redis's processes


def shared_servers() -> dict[str, list[int]]:
    """The PostgreSQL and Redis servers' root processes, found by name (not ours to touch).

    Their CPU is worth knowing: they serve the portal, and whatever the machine spent
    beyond them and our own processes was spent by something else during the run.
    """
    names = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as file:
                    name, _, rest = file.read().rpartition(")")
                names[int(entry)] = (name.partition("(")[2], int(rest.split()[1]))
            except OSError:
                continue
    roots: dict[str, list[int]] = {"postgres": [], "redis": []}
    for pid, (name, parent) in names.items():
        group = {"postgres": "postgres", "redis-server": "redis"}.get(name)
        if group and names.get(parent, ("",))[0] != name:  # the server, not its children
            roots[group].append(pid)
    return roots


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:  # a child is listed under the thread that started it
        try:
            with open(f"/proc/{pid}/task/{task}/children") as file:
                found += [int(child) for child in file.read().split()]
        except OSError:
            continue
    return found


def process_tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo += _children(pid)
    return pids


def rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as file:
            for line in file:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0  # gone meanwhile, or a zombie (which has no VmRSS line)


def cpu_ticks(pid: int) -> int:
    """User and system time of a process plus that of the children it reaped.

    The reaped children matter: RQ forks a work horse per reply and reaps it, so the
    horses' CPU time ends up in their worker's cutime and cstime.
    """
    try:
        with open(f"/proc/{pid}/stat") as file:
            fields = file.read().rpartition(")")[2].split()  # the name may hold spaces
    except OSError:
        return 0
    return sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime


def machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine since boot."""
    with open("/proc/stat") as file:
        values = [int(value) for value in file.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


class _Stores:
    """Queue depth and open connections of the portal, when it is the design under test."""

    def __init__(self, watch: Watch) -> None:
        self.redis = self.pg = None
        if watch.redis_url:
            from redis import Redis

            self.redis = Redis.from_url(watch.redis_url)
            self.db = self.redis.connection_pool.connection_kwargs.get("db", 0)
            self.own_id = self.redis.client_id()
        if watch.database_url:
            import psycopg

            info = psycopg.conninfo.conninfo_to_dict(watch.database_url)
            self.dbname = info["dbname"]
            self.pg = psycopg.connect(**{**info, "dbname": "postgres"}, autocommit=True)
        self.queue_key = watch.queue_key

    def sample(self) -> dict:
        found = {}
        if self.redis is not None:
            clients = self.redis.client_list()
            found["redis_connections"] = sum(
                1 for c in clients if int(c["db"]) == self.db and int(c["id"]) != self.own_id
            )
            found["redis_commands"] = self.redis.info("stats")["total_commands_processed"]
            if self.queue_key:
                found["queue_depth"] = self.redis.llen(self.queue_key)
        if self.pg is not None:
            query = "SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
            found["pg_connections"] = self.pg.execute(query, (self.dbname,)).fetchone()[0]
            # Backends report their counts within a second or so (at most 10 s when idle).
            query = "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s"
            found["pg_transactions"] = self.pg.execute(query, (self.dbname,)).fetchone()[0]
        return found


def _sample(watch: Watch, stores: _Stores) -> dict:
    roots = {**watch.groups, **watch.extra}
    trees = {
        name: [p for root in group for p in process_tree(root)] for name, group in roots.items()
    }
    return {
        "t": time.time(),
        "rss_kib": {name: sum(rss_kib(p) for p in trees[name]) for name in watch.groups},
        "processes": {name: len(trees[name]) for name in watch.groups},
        "cpu_ticks": {name: sum(cpu_ticks(p) for p in pids) for name, pids in trees.items()},
        "machine_ticks": machine_ticks(),
        **stores.sample(),
    }


def _run(conn: Connection, watch: Watch) -> None:
    if watch.stores_cpu:
        watch.extra.update(shared_servers())
    stores = _Stores(watch)
    samples = [_sample(watch, stores)]
    conn.send("ready")
    while not conn.poll(watch.every):
        samples.append(_sample(watch, stores))
    samples.append(_sample(watch, stores))
    conn.send(samples)


def summarise(samples: list[dict]) -> dict:
    """Peaks of memory, queue and connections; CPU seconds used between first and last sample."""
    first, last = samples[0], samples[-1]
    busy = last["machine_ticks"][0] - first["machine_ticks"][0]
    total = last["machine_ticks"][1] - first["machine_ticks"][1]
    summary = {
        "peak_rss_mib": {
            name: max(s["rss_kib"][name] for s in samples) / 1024 for name in first["rss_kib"]
        },
        "peak_processes": {
            name: max(s["processes"][name] for s in samples) for name in first["processes"]
        },
        "cpu_seconds": {
            name: (last["cpu_ticks"][name] - first["cpu_ticks"][name]) / CLOCK_TICKS
            for name in first["cpu_ticks"]
        },
        "machine_cpu_busy_percent": 100 * busy / total if total else 0.0,
        "machine_busy_seconds": busy / CLOCK_TICKS,
        "seconds": last["t"] - first["t"],
    }
    for key in ("queue_depth", "redis_connections", "pg_connections"):
        if key in first:
            summary[f"peak_{key}"] = max(s[key] for s in samples)
    for key in ("pg_transactions", "redis_commands"):
        if key in first:
            summary[key] = last[key] - first[key]
    return summary


class Monitor:
    """`start()` before the load, `stop()` after it: returns the samples and their summary."""

    def __init__(self, watch: Watch) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(target=_run, args=(child_conn, watch), daemon=True)

    def start(self) -> None:
        self._process.start()
        if not self._conn.poll(30):
            raise RuntimeError("the monitor did not start")
        self._conn.recv()

    def stop(self) -> dict:
        self._conn.send("stop")
        samples = self._conn.recv()
        self._process.join(10)
        return {"summary": summarise(samples), "samples": samples}
