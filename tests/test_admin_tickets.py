"""The staff side of handoff: tickets, conversations, staff accounts, the dashboard."""

import csv
import io
from datetime import timedelta

import pytest

from app.extensions import db
from app.models import Faq, Message, Role, SessionState, StaffUser, Ticket, TicketStatus
from app.models.base import utcnow
from app.support.escalation import resolve
from tests.factories import make_chat, make_faq, make_message, make_staff
from tests.test_escalation import escalate, poll

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def agent(auth):
    make_staff("agent@example.com", is_admin=False)
    auth.login("agent@example.com")
    return auth


@pytest.fixture
def admin(auth):
    make_staff("boss@example.com", is_admin=True)
    auth.login("boss@example.com")
    return auth


def open_ticket(summary: str = "Parcel missing", contact: str | None = None, **fields) -> Ticket:
    chat, _ = make_chat()
    make_message(chat, Role.USER, f"Where is my parcel? {HOSTILE}")
    make_message(chat, Role.ASSISTANT, "Let me get a person.")
    ticket = Ticket(
        session=chat,
        unresolved_session_id=chat.id,
        summary=summary,
        contact=contact,
        snapshot=[
            {"role": "user", "content": f"Where is my parcel? {HOSTILE}", "at": "2026-11-21 10:00"},
            {"role": "assistant", "content": "Let me get a person.", "at": "2026-11-21 10:00"},
        ],
        **fields,
    )
    chat.state = SessionState.WAITING
    db.session.add(ticket)
    db.session.commit()
    return ticket


def test_the_ticket_list_shows_what_staff_triage_by(client, agent):
    open_ticket("Parcel missing", "pat@example.com")
    open_ticket("Refund please")
    html = client.get("/admin/ticket/").get_data(as_text=True)
    for text in ("Parcel missing", "Refund please", "pat@example.com", "Open", ">Created<"):
        assert text in html
    assert 'name="search"' in html and "Mark resolved" in html
    found = client.get("/admin/ticket/?search=refund").get_data(as_text=True)
    assert "Refund please" in found and "Parcel missing" not in found


def test_the_ticket_page_shows_the_snapshot_escaped_and_takes_notes(client, agent, customer):
    ticket = open_ticket()
    html = client.get(f"/admin/ticket/details/?id={ticket.id}").get_data(as_text=True)
    assert "Where is my parcel?" in html and "Let me get a person." in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert "Reply to the customer" in html and "Internal notes" in html

    token = agent.csrf_token(f"/admin/ticket/details/?id={ticket.id}")
    client.post(
        f"/admin/ticket/note/?id={ticket.id}",
        data={"note-body": "Courier says lost; refund tomorrow.", "csrf_token": token},
    )
    html = client.get(f"/admin/ticket/details/?id={ticket.id}").get_data(as_text=True)
    assert "Courier says lost; refund tomorrow." in html
    # The customer never sees notes.
    customer.token = None
    assert "Courier says" not in str(db.session.scalars(db.select(Message.content)).all())


def test_an_empty_reply_is_refused_and_sends_nothing(client, agent):
    ticket = open_ticket()
    token = agent.csrf_token(f"/admin/ticket/details/?id={ticket.id}")
    response = client.post(
        f"/admin/ticket/reply/?id={ticket.id}",
        data={"reply-body": "  ", "csrf_token": token},
        follow_redirects=True,
    )
    assert "Reply not sent: Write something first." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Message).filter_by(role=Role.STAFF)) is None


def test_bulk_mark_resolved_hands_each_conversation_back(client, agent):
    first, second, third = open_ticket(), open_ticket(), open_ticket()
    response = client.post(
        "/admin/ticket/action/",
        data={
            "action": "resolve",
            "rowid": [str(first.id), str(second.id)],
            "csrf_token": agent.csrf_token("/admin/ticket/"),
        },
        follow_redirects=True,
    )
    assert "2 tickets marked resolved." in response.get_data(as_text=True)
    db.session.expire_all()
    assert [t.status for t in (first, second, third)] == [
        TicketStatus.RESOLVED,
        TicketStatus.RESOLVED,
        TicketStatus.OPEN,
    ]
    assert first.session.state == SessionState.ASSISTANT
    assert "resolved" in first.session.messages[-1].content


def test_a_resolved_ticket_takes_no_reply(client, agent):
    ticket = open_ticket()
    resolve(ticket)
    html = client.get(f"/admin/ticket/details/?id={ticket.id}").get_data(as_text=True)
    assert "Reply to the customer" not in html
    response = client.post(
        f"/admin/ticket/reply/?id={ticket.id}",
        data={"reply-body": "Hello?", "csrf_token": agent.csrf_token("/admin/ticket/")},
        follow_redirects=True,
    )
    assert "This ticket is resolved" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Message).filter_by(role=Role.STAFF)) is None


def test_conversations_are_read_only_transcripts_with_their_ticket(client, agent):
    ticket = open_ticket()
    listing = client.get("/admin/conversation/").get_data(as_text=True)
    assert f'href="/admin/ticket/details/?id={ticket.id}"' in listing
    assert "/admin/conversation/new/" not in listing and "/admin/conversation/edit/" not in listing
    html = client.get(f"/admin/conversation/details/?id={ticket.session_id}").get_data(as_text=True)
    assert "Where is my parcel?" in html and "&lt;script&gt;" in html
    assert "<script>alert" not in html
    assert client.get(f"/admin/conversation/edit/?id={ticket.session_id}").status_code in (
        302,
        403,
        404,
    )


def test_agents_cannot_reach_staff_accounts(client, agent):
    assert "/admin/staff/" not in client.get("/admin/").get_data(as_text=True)
    assert client.get("/admin/staff/").status_code == 403
    assert client.get("/admin/staff/new/").status_code == 403


def test_admins_create_staff_with_a_hashed_password_never_shown(client, admin, auth):
    token = admin.csrf_token("/admin/staff/new/")
    response = client.post(
        "/admin/staff/new/",
        data={
            "email": "New@Example.com",
            "new_password": "a long secret",
            "active": "y",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    user = db.session.scalar(db.select(StaffUser).filter_by(email="new@example.com"))
    assert user.check_password("a long secret") and "a long secret" not in user.password_hash
    for page in ("/admin/staff/", f"/admin/staff/edit/?id={user.id}"):
        html = client.get(page).get_data(as_text=True)
        assert user.password_hash not in html and "password_hash" not in html

    # No password, no account.
    html = client.post(
        "/admin/staff/new/",
        data={"email": "nopass@example.com", "csrf_token": token},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "A new account needs a password." in html
    assert db.session.scalar(db.select(StaffUser).filter_by(email="nopass@example.com")) is None

    client.post("/auth/logout", data={"csrf_token": admin.csrf_token("/admin/")})
    assert auth.login("new@example.com", "a long secret").headers["Location"] == "/admin/"


def test_an_admin_cannot_lock_themself_out(client, admin):
    me = db.session.scalar(db.select(StaffUser).filter_by(email="boss@example.com"))
    html = client.post(
        f"/admin/staff/edit/?id={me.id}",
        data={"email": me.email, "active": "y", "csrf_token": admin.csrf_token("/admin/staff/")},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "You cannot remove your own admin access or log-in." in html
    db.session.expire_all()
    assert db.session.get(StaffUser, me.id).is_admin is True


def test_the_dashboard_counts_what_needs_attention(client, agent, customer):
    open_ticket()
    old = open_ticket()
    old.created_at = utcnow() - timedelta(hours=5)
    resolve(open_ticket())
    chat, _ = make_chat()
    gap = make_message(chat, Role.USER, "Do you ship to Mars?")
    gap.unanswered = True
    db.session.commit()

    html = client.get("/admin/").get_data(as_text=True)
    assert 'id="open-tickets">2<' in html
    assert 'id="overdue-tickets">1 waiting more than 4 hours' in html
    assert 'id="conversations-today">4<' in html
    assert 'id="escalated-share">75%<' in html
    assert 'id="unanswered-week">1<' in html


def test_help_is_linked_from_the_header_and_explains_faqs_and_tickets(client, agent):
    assert 'href="/admin/help/"' in client.get("/admin/").get_data(as_text=True)
    html = client.get("/admin/help/").get_data(as_text=True)
    for words in ("Add", "Edit", "Deactivate", "Restore", "Mark resolved", "Internal notes"):
        assert words in html


def test_faq_csv_export_neutralises_formulas_and_still_round_trips(client, agent, runner):
    make_faq('=HYPERLINK("http://evil")', "- step one\n- step two", category="+cat")
    exported = client.get("/admin/faq/export.csv").get_data(as_text=True)
    row = list(csv.reader(io.StringIO(exported)))[1]
    assert row[1:] == ["'+cat", '\'=HYPERLINK("http://evil")', "'- step one\n- step two"]

    db.session.execute(db.delete(Faq))
    db.session.commit()
    from app.support.knowledge import read_faq_csv, upsert_faqs

    upsert_faqs(read_faq_csv(io.StringIO(exported, newline="")))
    faq = db.session.scalar(db.select(Faq))
    assert (faq.category, faq.question, faq.answer) == (
        "+cat",
        '=HYPERLINK("http://evil")',
        "- step one\n- step two",
    )


def test_staff_replies_never_reach_the_model(customer, model_server, client, agent):
    customer.ask("Where is my parcel?")
    escalate(customer)
    ticket = db.session.scalar(db.select(Ticket))
    token = agent.csrf_token(f"/admin/ticket/details/?id={ticket.id}")
    client.post(
        f"/admin/ticket/reply/?id={ticket.id}",
        data={"reply-body": "STAFF-ONLY-7731 it ships today", "csrf_token": token},
    )
    client.post(f"/admin/ticket/resolve/?id={ticket.id}", data={"csrf_token": token})
    assert "resolved" in poll(customer, state="person").get_data(as_text=True)
    customer.ask("Thanks! What about returns?")
    assert "STAFF-ONLY-7731" not in model_server.all_text()


def test_editing_a_row_with_a_unique_column_keeps_it(client, agent):
    from app.models import CategoryKeywords

    row = CategoryKeywords(category="returns", keywords="refund")
    db.session.add(row)
    db.session.commit()
    response = client.post(
        f"/admin/categorykeywords/edit/?id={row.id}",
        data={
            "category": "returns",
            "keywords": "refund, chargeback",
            "csrf_token": agent.csrf_token("/admin/categorykeywords/"),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(CategoryKeywords, row.id).keywords == "refund, chargeback"
