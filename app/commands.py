"""Flask CLI commands: `flask --app wsgi <command>`."""

import os
import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from app.extensions import db
from app.jobs.reconcile import reconcile
from app.models import Faq, StaffUser
from app.support.demo import DEMO_FAQS
from app.support.knowledge import BadCsv, read_faq_csv, upsert_faqs, write_faq_csv


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


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    help="Replies at once (default WORKER_CONCURRENCY); above 1, one gevent process runs them.",
)
@with_appcontext
def worker(burst: bool, concurrency: int | None) -> None:
    """Run an RQ worker for the reply queue (needs REDIS_URL); it also runs the reconciler."""
    from app.jobs.connection import reply_queue, worker_connection
    from app.jobs.workers import ReplyWorker, maintenance_options

    config = current_app.config
    if not config["REDIS_URL"]:
        raise click.UsageError("REDIS_URL is not set: without it replies run inline.")
    concurrency = concurrency or config["WORKER_CONCURRENCY"]
    if concurrency > 1:
        # gevent must patch the standard library before it is imported: start afresh.
        from app.jobs.green import GREEN_WORKER

        args = ["-c", GREEN_WORKER, "--concurrency", str(concurrency)]
        os.execv(sys.executable, [sys.executable, *args, *(["--burst"] if burst else [])])
    # RQ forks a work horse per job; it must open its own database connections.
    os.register_at_fork(after_in_child=lambda: db.engine.dispose(close=False))
    ReplyWorker(
        [reply_queue()], connection=worker_connection(), **maintenance_options(config)
    ).work(burst=burst)


@click.command("reconcile")
@with_appcontext
def reconcile_command() -> None:
    """Enqueue again replies left pending (lost queue, dead worker); fail hopeless ones."""
    counts = reconcile()
    click.echo(f"Replies enqueued again: {counts['enqueued']}; marked failed: {counts['failed']}.")


@click.group("kb")
def kb() -> None:
    """The knowledge base: import, export (CSV: id,category,question,answer)."""


@kb.command("import")
@click.argument("csv_file", type=click.File(encoding="utf-8-sig"))
@with_appcontext
def kb_import(csv_file) -> None:
    """Create or update FAQs by id; a bad row stops it all, naming the line."""
    try:
        rows = read_faq_csv(csv_file)
    except BadCsv as error:
        raise click.ClickException(f"{csv_file.name}: {error} (nothing was imported)") from None
    created, updated = upsert_faqs(rows)
    click.echo(f"Imported {len(rows)} FAQs: {created} new, {updated} updated.")


@kb.command("export")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-")
@with_appcontext
def kb_export(output) -> None:
    """Write every FAQ as CSV (to standard output unless --output)."""
    output.write(write_faq_csv(db.session.scalars(db.select(Faq).order_by(Faq.id))))


ALL = [seed_demo, create_staff, worker, reconcile_command, kb]
