"""Forgetting: staff delete a conversation; old ones are purged unless a ticket is open."""

from datetime import timedelta

from app.extensions import db
from app.models import ChatSession, Message, StaffUser, Ticket, TicketNote
from app.models.base import utcnow
from app.support import escalation
from tests.factories import make_staff
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
    make_staff()
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
