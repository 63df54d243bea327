"""Forgetting: staff delete a conversation; old ones are purged (by the CLI and by the
workers' maintenance) unless a ticket is open."""

import subprocess
import sys
from datetime import timedelta

import pytest

from app.extensions import db
from app.models import ChatSession, Message, Role, StaffUser, Ticket, TicketNote, TokenUsage
from app.models.base import utcnow
from app.support import escalation
from tests.conftest import ROOT, THROUGH_RQ, worker_env
from tests.factories import make_chat, make_message, make_staff
from tests.test_escalation import escalate


def counts() -> tuple[int, int, int, int]:
    db.session.expire_all()
    return tuple(
        db.session.scalar(db.select(db.func.count()).select_from(model))
        for model in (ChatSession, Message, Ticket, TicketNote)
    )


def test_staff_delete_a_conversation_with_its_tickets_and_notes(client, auth, customer):
    customer.ask("Please delete my data")
    escalate(customer)
    ticket = db.session.scalar(db.select(Ticket))
    make_staff(is_admin=True)
    auth.login()
    escalation.add_note(ticket, db.session.scalar(db.select(StaffUser)), "GDPR request")
    assert counts() == (1, 2, 1, 1)

    response = client.post(
        "/admin/conversation/delete/",
        data={"id": str(ticket.session_id), "csrf_token": auth.csrf_token("/admin/conversation/")},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert counts() == (0, 0, 0, 0)
    assert customer.thread().get_data(as_text=True).count("bubble") == 0


def age(session_id: int, days: int) -> None:
    db.session.get(ChatSession, session_id).updated_at = utcnow() - timedelta(days=days)
    db.session.commit()


def test_purge_deletes_old_conversations_but_keeps_open_tickets_and_recent_ones(runner, client):
    from tests.conftest import Customer

    old, waiting, recent = Customer(client), Customer(client), Customer(client)
    for person in (old, waiting, recent):
        person.ask("Hello")
    escalate(waiting)
    sessions = db.session.scalars(db.select(ChatSession.id).order_by(ChatSession.id)).all()
    age(sessions[0], 91)
    age(sessions[1], 200)  # older still, but a person owes them an answer
    age(sessions[2], 10)

    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "Conversations older than 90 days deleted: 1." in result.output
    left = db.session.scalars(db.select(ChatSession.id).order_by(ChatSession.id)).all()
    assert left == sessions[1:]
    assert old.thread().get_data(as_text=True).count("bubble") == 0
    assert recent.thread().get_data(as_text=True).count("bubble") == 2

    # Once the ticket is resolved, the old conversation goes too.
    escalation.resolve(db.session.scalar(db.select(Ticket)))
    age(sessions[1], 200)
    assert "deleted: 1." in runner.invoke(args=["purge", "--days", "30"]).output


def start_worker(
    app, model_server, concurrency: int, days: int = 90
) -> subprocess.CompletedProcess:
    """A real `flask --app wsgi worker --burst` process; its maintenance runs once."""
    args = [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"]
    env = {
        **worker_env(app, model_server),
        "RETENTION_DAYS": str(days),
        "PURGE_EVERY_SECONDS": "3600",
    }
    args += ["--concurrency", str(concurrency)]
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("concurrency", [1, 4], ids=["forking-worker", "gevent-worker"])
@THROUGH_RQ[0]
@THROUGH_RQ[1]
def test_workers_purge_old_conversations_once_per_interval(app, model_server, concurrency):
    chats = [make_chat()[0] for _ in range(3)]
    for chat in chats:
        make_message(chat, Role.USER, "Hello")
    old, waiting, recent = (chat.id for chat in chats)
    escalation.escalate(db.session.get(ChatSession, waiting), "Where is my parcel?", None)
    age(old, 91)
    age(waiting, 200)  # older still, but a person owes them an answer
    age(recent, 10)

    first = start_worker(app, model_server, concurrency)
    assert first.returncode == 0, first.stderr
    assert "purge: 1 conversations older than 90 days deleted" in first.stdout
    db.session.expire_all()
    left = db.session.scalars(db.select(ChatSession.id).order_by(ChatSession.id)).all()
    assert left == [waiting, recent]
    assert counts()[1:3] == (2, 1)  # their messages and the open ticket are kept

    # Another worker within PURGE_EVERY_SECONDS leaves the purge to the first one.
    age(recent, 100)
    second = start_worker(app, model_server, concurrency)
    assert second.returncode == 0, second.stderr
    assert "purge:" not in second.stdout
    assert db.session.scalars(db.select(ChatSession.id)).all().count(recent) == 1


@THROUGH_RQ[0]
@THROUGH_RQ[1]
def test_a_retention_of_zero_days_makes_workers_keep_everything(app, model_server):
    chat, _ = make_chat()
    make_message(chat, Role.USER, "Hello")
    age(chat.id, 400)

    worker = start_worker(app, model_server, concurrency=1, days=0)

    assert worker.returncode == 0, worker.stderr
    assert "purge:" not in worker.stdout
    db.session.expire_all()
    assert db.session.scalars(db.select(ChatSession.id)).all() == [chat.id]


def test_purge_drops_the_token_ledger_as_old_as_the_conversations_it_deletes(runner):
    now = utcnow()
    db.session.add_all(
        [TokenUsage(tokens=700, created_at=now - timedelta(days=91)), TokenUsage(tokens=300)]
    )
    db.session.commit()

    assert runner.invoke(args=["purge"]).exit_code == 0

    db.session.expire_all()
    assert db.session.scalars(db.select(TokenUsage.tokens)).all() == [300]
