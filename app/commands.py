"""Flask CLI commands: `flask --app wsgi <command>`."""

import os

import click
from flask import current_app
from flask.cli import with_appcontext
from rq import Worker

from app.extensions import db
from app.jobs.reconcile import reconcile
from app.models import Faq, StaffUser
from app.support.demo import DEMO_FAQS


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Load the demo shop's FAQs; running it again adds nothing."""
    existing = set(db.session.scalars(db.select(Faq.question)))
    new = [Faq(**row) for row in DEMO_FAQS if row["question"] not in existing]
    db.session.add_all(new)
    db.session.commit()
    click.echo(f"Demo FAQs: {len(new)} added, {len(DEMO_FAQS) - len(new)} already there.")


@click.command("create-staff")
@click.argument("email")
@click.password_option(help="Prompted for (twice) when not given.")
@click.option("--admin/--agent", "is_admin", default=True, help="Role (default: admin).")
@with_appcontext
def create_staff(email: str, password: str, is_admin: bool) -> None:
    """Create a staff account, or reset its password if it exists."""
    if len(password) < 8:
        raise click.BadParameter("use at least 8 characters", param_hint="password")
    user = db.session.scalar(db.select(StaffUser).filter_by(email=email.strip().lower()))
    created = user is None
    if created:
        user = StaffUser(email=email)
        db.session.add(user)
    user.set_password(password)
    user.is_admin = is_admin
    user.active = True
    db.session.commit()
    click.echo(f"Staff user {user.email} {'created' if created else 'updated'}.")


class ReplyWorker(Worker):
    """An RQ worker that also runs the reconciler as one of its maintenance tasks."""

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        try:
            reconcile()
        except Exception:  # the worker must keep working whatever the reconciler hits
            self.log.exception("reconcile failed")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@with_appcontext
def worker(burst: bool) -> None:
    """Run an RQ worker for the reply queue (needs REDIS_URL)."""
    from app.jobs.connection import redis_connection, reply_queue

    if not current_app.config["REDIS_URL"]:
        raise click.UsageError("REDIS_URL is not set: without it replies run inline.")
    # RQ forks a work horse per job; it must open its own database connections.
    os.register_at_fork(after_in_child=lambda: db.engine.dispose(close=False))
    every = current_app.config["RECONCILE_EVERY_SECONDS"]
    ReplyWorker(
        [reply_queue()],
        connection=redis_connection(),
        maintenance_interval=every,
        worker_ttl=every + 15,  # RQ's idle wait is worker_ttl - 15: maintenance stays on time
    ).work(burst=burst)


@click.command("reconcile")
@with_appcontext
def reconcile_command() -> None:
    """Enqueue again replies left pending (lost queue, dead worker); fail hopeless ones."""
    counts = reconcile()
    click.echo(f"Replies enqueued again: {counts['enqueued']}; marked failed: {counts['failed']}.")


ALL = [seed_demo, create_staff, worker, reconcile_command]
