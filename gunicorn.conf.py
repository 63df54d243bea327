"""Production web server settings (`gunicorn wsgi:app` reads this file).

gevent workers: a customer waiting for a streamed reply holds an idle connection,
not a worker, so two workers serve hundreds of waiting customers. Override any
setting on the command line or with GUNICORN_CMD_ARGS.
"""

import gc
import os
import shutil
import socket
import tempfile

# Metrics (app/metrics.py): every web worker writes its counts to files in this directory
# and /metrics adds them up. Set it to a directory the host's RQ workers share (see
# docs/deploy.md) for one scrape to cover them too; unset, a new private directory per
# start still adds up the web workers. Before the app is loaded: prometheus-client reads
# it on import.
_own_metrics_dir = None
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    _own_metrics_dir = tempfile.mkdtemp(prefix="portal-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _own_metrics_dir
os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gevent"
worker_connections = 1000
# Streams end by the reply deadline (60 s by default) plus a margin.
timeout = 120
graceful_timeout = 30
# Longer than gunicorn's 2 s: a browser reusing a connection after a pause should
# find it open (a proxy in front usually holds client connections anyway).
keepalive = 10
accesslog = "-"
# Request lines only: chat tokens travel in headers, which are never logged.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'


def post_worker_init(worker):
    """Hide what the app loaded at start from the garbage collector.

    The loaded app is some 200,000 objects (Flask, SQLAlchemy, the openai client) that
    live as long as the worker. A full collection walked them all: a pause of about
    100 ms, which every request in the worker waited through (the tail of the chat's
    latency). Frozen, they are never scanned again; see docs/benchmarks.md.
    """
    gc.freeze()


def child_exit(server, worker):
    """A web worker ended (restart, crash): drop its live gauges from /metrics' sums.

    Its counters and histograms stay counted: totals never go back.
    """
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(metrics_process_id(worker.pid))


def on_exit(server):
    """The private metrics directory made above goes with the server; a shared one stays."""
    if _own_metrics_dir:
        shutil.rmtree(_own_metrics_dir, ignore_errors=True)


def metrics_process_id(pid: int) -> str:
    """How app/metrics.py names a process's files (`process_id`); not imported from
    there, which would load the whole app into this master process."""
    return f"{socket.gethostname().replace('_', '-')}-{pid}"
