"""The concurrent worker's process: started by `flask --app wsgi worker --concurrency N`.

gevent must patch the standard library before anything imports it, and by the time
our `flask` command runs, Flask, Redis and SQLAlchemy are long imported. So the
command starts a new Python through gevent's own launcher, which patches first and
then runs this module: `python -m gevent.monkey --module app.jobs.green ...`.
"""

import argparse
import sys


def command(concurrency: int, burst: bool) -> list[str]:
    """The process to start (argv) for a green worker."""
    args = [sys.executable, "-m", "gevent.monkey", "--module", __name__]
    return [*args, "--concurrency", str(concurrency), *(["--burst"] if burst else [])]


def main() -> None:
    from gevent import monkey

    if not monkey.is_module_patched("socket"):
        raise SystemExit("run through `flask --app wsgi worker`: gevent must patch first")
    parser = argparse.ArgumentParser(description="A concurrent RQ worker for replies.")
    parser.add_argument("--concurrency", type=int, required=True)
    parser.add_argument("--burst", action="store_true")
    options = parser.parse_args()

    from app import create_app
    from app.jobs.connection import reply_queue, worker_connection
    from app.jobs.workers import GreenReplyWorker, maintenance_options, settle_in

    app = create_app()
    settle_in(app.config)
    with app.app_context():
        GreenReplyWorker(
            [reply_queue()],
            connection=worker_connection(),
            concurrency=options.concurrency,
            **maintenance_options(app.config),
        ).work(burst=options.burst)


if __name__ == "__main__":
    main()
