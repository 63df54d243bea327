"""The concurrent worker's process: started by `flask --app wsgi worker --concurrency N`.

gevent must patch the standard library before anything imports it, and by the time
our `flask` command runs, Flask, Redis and SQLAlchemy are long imported. So the
command re-executes Python with `GREEN_WORKER`, which patches first and then calls
`main()` here.
"""

import argparse

GREEN_WORKER = (
    "from gevent import monkey; monkey.patch_all(); from app.jobs.green import main; main()"
)


def main() -> None:
    from gevent import monkey

    if not monkey.is_module_patched("socket"):
        raise SystemExit("run through `flask --app wsgi worker`: gevent must patch first")
    parser = argparse.ArgumentParser(description="A concurrent RQ worker for replies.")
    parser.add_argument("--concurrency", type=int, required=True)
    parser.add_argument("--burst", action="store_true")
    options = parser.parse_args()

    from app.jobs.connection import reply_queue, worker_connection
    from app.jobs.workers import GreenReplyWorker, maintenance_options, settle_in
    from wsgi import app

    settle_in(app.config)
    with app.app_context():
        GreenReplyWorker(
            [reply_queue()],
            connection=worker_connection(),
            concurrency=options.concurrency,
            **maintenance_options(app.config),
        ).work(burst=options.burst)
