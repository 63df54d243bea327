"""RQ worker classes for replies.

`ReplyWorker` is RQ's classic worker: one job at a time, each in a forked work horse.
`GreenReplyWorker` runs many at once in one process: a reply job spends nearly all its
time waiting for the model, so each dequeued job runs in a greenlet (RQ's SimpleWorker
path; RQ 3 passes each job's execution explicitly, so its bookkeeping allows several),
up to `concurrency` at a time. It needs a gevent-patched process, which
`flask --app wsgi worker --concurrency N` arranges (see `app/jobs/green.py`).
Both run the reconciler as one of RQ's periodic maintenance tasks, the retention
purge every PURGE_EVERY_SECONDS and the conversations' outcomes every
OUTCOME_EVERY_SECONDS (each by one worker of all, thanks to a lock in Redis), and
send the new-ticket email that STAFF_TICKET_EMAIL_MINUTES held back (app/jobs/mail.py).
"""

import gc
import os
import signal
import time
from datetime import timedelta

import gevent
from flask import current_app
from gevent import Timeout
from gevent.pool import Pool
from rq import SimpleWorker, Worker
from rq.exceptions import StopRequested
from rq.timeouts import BaseDeathPenalty
from rq.utils import now

from app import metrics
from app.extensions import db
from app.jobs.mail import announce_held_back_tickets
from app.jobs.reconcile import reconcile
from app.support.outcomes import decide_outcomes
from app.support.retention import purge_old_conversations


def settle_in(config) -> None:
    """Ready a worker process to take jobs: step back for the web tier, freeze the app.

    Lower priority (WORKER_NICE): a reply's job can start a few milliseconds later
    unnoticed (the model takes a second to its first word), while a send that waits
    for the CPU shows as a slow page. In bursts of sends both want the two cores.

    gc.freeze(): the loaded app is ~200,000 objects (Flask, SQLAlchemy, the openai
    client) that live as long as the process. A full collection walked them all, a
    pause of about 100 ms that held up every reply the process was streaming; frozen,
    they are never scanned again, and a forked work horse leaves them shared.
    gunicorn.conf.py freezes the web workers the same way. See docs/benchmarks.md.
    """
    nice = min(max(config["WORKER_NICE"], 0), 19)
    os.nice(nice)
    nice_own_autogroup(nice)
    gc.freeze()


def nice_own_autogroup(nice: int) -> None:
    """Make this process's autogroup as nice as the process.

    Where the kernel groups tasks by session (autogroup, on by default in most kernels),
    the CPU is shared between sessions first and niceness only counts within one. A
    worker started in a session of its own (a process manager, `setsid`, the benchmark)
    then competed with the web tier as an equal however nice it was: under load each of
    two workers took as much CPU as both web processes together, and a page waited
    seconds (docs/benchmarks.md, "Load"). Nothing happens without autogroups, nor in a
    cgroup of its own (systemd: give the unit a lower CPUWeight, deploy/).
    """
    try:
        with open("/proc/self/autogroup", "w") as autogroup:
            autogroup.write(str(nice))
    except OSError:
        pass  # no autogroups (or not Linux): os.nice is what counts


def maintenance_options(config) -> dict:
    """Run RQ's maintenance (and so the reconciler) every RECONCILE_EVERY_SECONDS."""
    every = config["RECONCILE_EVERY_SECONDS"]
    # RQ waits for jobs worker_ttl - 15 seconds at a time, then does its maintenance.
    return {"maintenance_interval": every, "worker_ttl": every + 15}


def lock_key(config, task: str) -> str:
    return f"{config['RQ_QUEUE']}:{task}-lock"


class MaintenanceMixin:
    """The reconciler at every maintenance; the purge and the outcomes when no worker ran
    them lately."""

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        tasks = {
            "reconcile": reconcile,
            "purge": self.purge_if_due,
            "outcomes": self.decide_outcomes_if_due,
            # New tickets the email window held back, once it is over.
            "new-ticket email": announce_held_back_tickets,
        }
        for name, task in tasks.items():
            try:
                task()
            except Exception:
                # The worker keeps working whatever a task hits, and the next interval
                # tries again (each is idempotent); its session must not carry the
                # failed transaction into the next task.
                self.log.exception("%s failed", name)
                db.session.rollback()

    def purge_if_due(self) -> None:
        config = current_app.config
        days = config["RETENTION_DAYS"]
        if days < 1:  # a slip (0 would delete every conversation) keeps them all instead
            return
        if not self.takes_turn("purge", config["PURGE_EVERY_SECONDS"]):
            return
        deleted = purge_old_conversations(days)
        self.log.info("purge: %d conversations older than %d days deleted", deleted, days)

    def decide_outcomes_if_due(self) -> None:
        """The conversations' outcomes (app/support/outcomes.py), once per interval."""
        if not self.takes_turn("outcomes", current_app.config["OUTCOME_EVERY_SECONDS"]):
            return
        changed = decide_outcomes()
        metrics.outcomes_decided(changed)
        detail = ", ".join(f"{outcome} {n}" for outcome, n in sorted(changed.items()))
        self.log.info("outcomes: %d decided (%s)", sum(changed.values()), detail)

    def takes_turn(self, task: str, every: int) -> bool:
        """Whether this worker runs `task` now: one worker of all per `every` seconds.

        SET NX EX: the first worker to get here takes the turn; the key's expiry is the
        interval, so no worker runs it again until it is over. The lock is kept even when
        the task fails: a failing task is not retried in a tight loop.
        """
        key = lock_key(current_app.config, task)
        return bool(self.connection.set(key, self.name, nx=True, ex=max(every, 1)))


class ReplyWorker(MaintenanceMixin, Worker):
    """One reply at a time, in a forked work horse."""


class GreenDeathPenalty(BaseDeathPenalty):
    """Job timeouts per greenlet (RQ's default, SIGALRM, is one per process)."""

    def setup_death_penalty(self) -> None:
        self._timer = Timeout(self._timeout, self._exception(f"job exceeded {self._timeout} s"))
        self._timer.start()

    def cancel_death_penalty(self) -> None:
        self._timer.cancel()


# A cold shutdown gives the replies it cuts off this long to store what they had.
COLD_STOP_SECONDS = 5

# The worker's key lives worker_ttl + 60 s after a beat: one this often keeps it alive.
HEARTBEAT_EVERY_SECONDS = 5


class GreenReplyWorker(MaintenanceMixin, SimpleWorker):
    """Up to `concurrency` replies at once, each in a greenlet with its own app context."""

    death_penalty_class = GreenDeathPenalty

    def __init__(self, *args, concurrency: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pool = Pool(concurrency)
        self.app = current_app._get_current_object()
        self._beat_at = float("-inf")
        self._waiting_for_a_job = False

    def _install_signal_handlers(self) -> None:
        # RQ's handlers raise StopRequested wherever the signal lands. Here that is any
        # greenlet: a streaming reply (which then failed) or a gevent callback (which
        # swallowed it, and the worker ran on). gevent runs these in a greenlet of their own.
        self._main = gevent.getcurrent()
        for signum in (signal.SIGTERM, signal.SIGINT):
            gevent.signal_handler(signum, self._on_stop_signal)

    def _on_stop_signal(self) -> None:
        if self._stop_requested:  # the second signal: a cold shutdown
            if now() - self._shutdown_requested_date > timedelta(seconds=1):  # not a duplicate
                self.log.warning("Worker %s: cold shut down", self.name)
                # Replies cut off end as interrupted (the customer is offered a Retry):
                # wait, briefly, for them to store that before the process goes.
                self.pool.kill(timeout=COLD_STOP_SECONDS)
                gevent.kill(self._main, SystemExit)
            return
        self._stop_requested, self._shutdown_requested_date = True, now()
        self.handle_warm_shutdown_request()
        # Interrupt the wait for a next job, as RQ does; otherwise the loop stops before
        # its next dequeue. (A reply caught the instant it is taken stays pending, and the
        # reconciler queues it again.)
        if self._waiting_for_a_job:
            gevent.kill(self._main, StopRequested)

    def dequeue_job_and_maintain_ttl(self, *args, **kwargs):
        self._waiting_for_a_job = True
        try:
            return super().dequeue_job_and_maintain_ttl(*args, **kwargs)
        finally:
            self._waiting_for_a_job = False

    def heartbeat(self, timeout=None, pipeline=None) -> None:
        # RQ beats three times around every job (three round trips each), as suits a
        # worker running one job at a time; taking tens of jobs a second, this one would
        # mostly repeat itself. Beats inside a pipeline cost no round trip: they always go.
        if pipeline is None and timeout is None:
            if time.monotonic() - self._beat_at < HEARTBEAT_EVERY_SECONDS:
                return
            self._beat_at = time.monotonic()
        super().heartbeat(timeout, pipeline)

    def set_state(self, state, pipeline=None) -> None:
        # RQ writes "idle" before every dequeue; with jobs running in greenlets the state
        # never changes from it, so only a change is written.
        if pipeline is None and state == self.get_state():
            return
        super().set_state(state, pipeline)

    def execute_job(self, job, queue) -> None:
        self.pool.wait_available()  # take no more jobs than we can run
        execution = self.prepare_execution(job)
        self.pool.spawn(self._perform, job, queue, execution)

    def _perform(self, job, queue, execution) -> None:
        # Its own app context, hence its own database session.
        with self.app.app_context():
            self.perform_job(job, queue, execution)

    def teardown(self) -> None:
        # Let running replies finish (burst end, or a warm shutdown) while the worker is
        # still registered, then unregister (after a cold shutdown too).
        try:
            self.pool.join()
        finally:
            super().teardown()
