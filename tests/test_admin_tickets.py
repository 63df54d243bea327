"""The staff side of handoff: tickets, conversations, staff accounts, the dashboard."""

import csv
import io
import re
from datetime import timedelta
from html import unescape

import pytest

from app.admin.times import local
from app.extensions import db
from app.models import Faq, Message, Role, SessionState, StaffUser, Ticket, TicketNote, TicketStatus
from app.models.base import utcnow
from app.support.escalation import resolve
from tests.factories import make_chat, make_faq, make_message, make_staff
from tests.test_escalation import escalate, poll

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


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
    for text in ("Parcel missing", "Refund please", "pat@example.com", "Open", ">Opened<"):
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
    assert "Reply to the customer" in html and "Internal note" in html

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
    for words in (
        "Add",
        "Edit",
        "Deactivate",
        "Restore",
        "Mark resolved",
        "Internal note",
        "Reopen",
    ):
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


# The ticket page's actions (issue 17): each a POST with the CSRF token, open to agents.


def page_of(client, ticket: Ticket) -> str:
    return client.get(f"/admin/ticket/details/?id={ticket.id}").get_data(as_text=True)


def act(client, auth, ticket: Ticket, button: str, **data) -> str:
    """Press one of the ticket page's buttons as the page does; the page it returns to."""
    data["csrf_token"] = auth.csrf_token(f"/admin/ticket/details/?id={ticket.id}")
    response = client.post(
        f"/admin/ticket/{button}/?id={ticket.id}", data=data, follow_redirects=True
    )
    assert response.status_code == 200
    db.session.expire_all()
    return response.get_data(as_text=True)


def staff_id(email: str) -> int:
    return db.session.scalar(db.select(StaffUser.id).filter_by(email=email))


def test_the_snapshot_and_what_follows_render_the_assistants_markdown_only(client, agent):
    ticket = open_ticket()
    ticket.snapshot = [
        {"role": "user", "content": "**not bold** <b>x</b>", "at": "2026-11-21 10:00"},
        {
            "role": "assistant",
            "content": f"Go to **Orders > Track**. {HOSTILE} [evil](https://evil.example/)",
            "at": "2026-11-21 10:01",
        },
    ]
    db.session.commit()
    make_message(ticket.session, Role.ASSISTANT, "A *later* notice")
    act(client, agent, ticket, "reply", **{"reply-body": "**staff** <i>text</i>"})

    html = page_of(client, ticket)
    assert "<strong>Orders &gt; Track</strong>" in html and "<em>later</em>" in html
    # The chat's sanitiser: no script, no image, no link off the allowed hosts.
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "evil.example" not in html
    # Customer and staff text stays plain, escaped.
    assert "**not bold** &lt;b&gt;x&lt;/b&gt;" in html
    assert "**staff** &lt;i&gt;text&lt;/i&gt;" in html


def test_the_page_is_one_timeline_oldest_first_with_who_did_what(client, agent):
    ticket = open_ticket()
    make_message(ticket.session, Role.USER, "It was order 5521")
    act(client, agent, ticket, "reply", **{"reply-body": "Looking now."})
    act(client, agent, ticket, "note", **{"note-body": "Courier called."})
    act(client, agent, ticket, "status", status="open")
    html = page_of(client, ticket)
    order = [
        "Where is my parcel?",  # the snapshot
        "The customer asked for a person",
        "It was order 5521",
        "Looking now.",
        "Courier called.",
        "set the status to Open",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions), list(zip(order, positions, strict=True))
    reply = html[html.index("Staff reply") : html.index("Looking now.")]
    assert "agent@example.com" in reply and "<time" in reply
    note = html[html.index("Internal note") : html.index("Courier called.")]
    assert "agent@example.com" in note and "only staff see this" in note
    # The actions come first, the reply box last.
    assert html.index("Mark resolved") < html.index("Where is my parcel?")
    assert html.index("Courier called.") < html.index("Send reply")


def test_staff_set_a_ticket_in_progress_and_back_without_replying(client, agent):
    ticket = open_ticket()
    html = act(client, agent, ticket, "status", status="in_progress")
    assert f"Ticket #{ticket.id} is now In progress." in html
    assert ticket.status == TicketStatus.IN_PROGRESS
    assert ticket.assignee.email == "agent@example.com"  # whoever takes it, when nobody had
    # Nothing reaches the customer: still waiting, nothing said.
    assert ticket.session.state == SessionState.WAITING
    assert len(ticket.session.messages) == 2
    assert "Mark open" in html and "Mark in progress" not in html

    html = act(client, agent, ticket, "status", status="open")
    assert f"Ticket #{ticket.id} is now Open." in html and ticket.status == TicketStatus.OPEN

    assert "Choose Open or In progress." in act(client, agent, ticket, "status", status="resolved")
    assert ticket.status == TicketStatus.OPEN
    resolve(ticket)
    html = act(client, agent, ticket, "status", status="in_progress")
    assert "This ticket is resolved; reopen it first." in html
    assert ticket.status == TicketStatus.RESOLVED


def test_staff_assign_a_ticket_to_themselves_someone_else_or_nobody(client, agent):
    ticket = open_ticket()
    colleague = make_staff("pat@example.com", is_admin=False)
    make_staff("gone@example.com", active=False)
    html = page_of(client, ticket)
    # The choice is staff by email, or nobody: no "__None", no Edit tab.
    assert '<option value="">Nobody</option>' in html
    assert "pat@example.com</option>" in html and "gone@example.com" not in html
    assert "__None" not in html and "/admin/ticket/edit/" not in html

    html = act(client, agent, ticket, "assign", assignee=str(staff_id("agent@example.com")))
    assert f"Ticket #{ticket.id} is assigned to you." in html
    assert ticket.assignee.email == "agent@example.com"
    assert ">Assign to me<" not in html  # it is theirs already

    html = act(client, agent, ticket, "assign", assignee=str(colleague.id))
    assert f"Ticket #{ticket.id} is assigned to pat@example.com." in html
    assert "assigned it to pat@example.com" in html  # in the timeline, by whom
    assert ticket.assignee_id == colleague.id

    for refused in (str(staff_id("gone@example.com")), "999", "abc", "-1"):
        html = act(client, agent, ticket, "assign", assignee=refused)
        assert "Not assigned: choose someone from the list." in html
        assert ticket.assignee_id == colleague.id

    html = act(client, agent, ticket, "assign", assignee="")
    assert f"Ticket #{ticket.id} is assigned to nobody." in html and ticket.assignee is None
    assert "left it unassigned" in html


def test_resolving_tells_the_customer_and_reopening_puts_them_back_with_a_person(
    client, agent, chatting, model_server
):
    escalate(chatting)
    ticket = db.session.scalar(db.select(Ticket))
    act(client, agent, ticket, "reply", **{"reply-body": "It ships today."})
    assert ticket.session.state == SessionState.PERSON

    html = act(client, agent, ticket, "resolve")
    assert f"Ticket #{ticket.id} resolved" in html and "Reopen" in html
    assert "Reply to the customer" not in html
    assert ticket.session.state == SessionState.ASSISTANT
    assert "marked your request" in chatting.thread().get_data(as_text=True)

    html = act(client, agent, ticket, "reopen")
    assert f"Ticket #{ticket.id} reopened; the customer waits for a person again." in html
    assert "Reply to the customer" in html and "reopened it" in html
    assert (ticket.status, ticket.resolved_at) == (TicketStatus.OPEN, None)
    assert ticket.unresolved_session_id == ticket.session_id
    assert ticket.session.state == SessionState.WAITING
    # The customer is told, and what they write now goes to the ticket, not the model.
    assert "reopened your request" in chatting.thread().get_data(as_text=True)
    calls = len(model_server.requests)
    assert "Thanks!" in chatting.send("Thanks!").get_data(as_text=True)
    assert len(model_server.requests) == calls
    assert "Thanks!" in page_of(client, ticket)

    assert "is not resolved: there is nothing to reopen" in act(client, agent, ticket, "reopen")


def test_a_ticket_is_not_reopened_over_the_customers_newer_one(client, agent, chatting):
    escalate(chatting)
    first = db.session.scalar(db.select(Ticket))
    act(client, agent, first, "resolve")
    escalate(chatting, summary="Another thing")
    second = db.session.scalar(db.select(Ticket).filter(Ticket.id != first.id))

    html = act(client, agent, first, "reopen")
    assert (
        f"Ticket #{first.id} was not reopened: the customer has asked for a person again "
        f'since, in <a href="/admin/ticket/details/?id={second.id}">ticket #{second.id}</a>.'
    ) in html
    assert first.status == TicketStatus.RESOLVED and first.unresolved_session_id is None
    assert second.unresolved_session_id == second.session_id
    assert "reopened your request" not in chatting.thread().get_data(as_text=True)


def test_bulk_resolve_counts_in_words(client, agent):
    first, second = open_ticket(), open_ticket()
    token = agent.csrf_token("/admin/ticket/")
    data = {"action": "resolve", "rowid": [str(first.id)], "csrf_token": token}
    html = client.post("/admin/ticket/action/", data=data, follow_redirects=True)
    assert "1 ticket marked resolved." in html.get_data(as_text=True)
    data["rowid"] = [str(first.id), str(second.id)]
    html = client.post("/admin/ticket/action/", data=data, follow_redirects=True)
    assert "1 ticket marked resolved; 1 was already resolved." in html.get_data(as_text=True)


BUTTONS = ["reply", "note", "status", "assign", "resolve", "reopen"]
BUTTON_DATA = {"reply-body": "Hi", "note-body": "Hi", "status": "in_progress", "assignee": ""}


def snapshot_of_everything() -> tuple:
    db.session.expire_all()
    rows = db.session.execute(
        db.select(Ticket.status, Ticket.assignee_id, Ticket.resolved_at, Ticket.session_id)
    ).all()
    messages = db.session.scalar(db.select(db.func.count(Message.id)))
    notes = db.session.scalar(db.select(db.func.count()).select_from(TicketNote))
    return rows, messages, notes


@pytest.mark.parametrize("button", BUTTONS)
def test_every_ticket_button_needs_the_csrf_token(client, agent, button):
    ticket = open_ticket()
    ticket.assignee_id = staff_id("agent@example.com")
    db.session.commit()
    before = snapshot_of_everything()
    response = client.post(f"/admin/ticket/{button}/?id={ticket.id}", data=BUTTON_DATA)
    assert response.status_code == 400
    assert snapshot_of_everything() == before


@pytest.mark.parametrize("button", BUTTONS)
def test_every_ticket_button_answers_a_bad_id_with_404(client, agent, button):
    open_ticket()
    before = snapshot_of_everything()
    data = {**BUTTON_DATA, "csrf_token": agent.csrf_token()}
    for query in ("?id=999", "?id=abc", "?id=99999999999999999999", "?id=0", "?id=-1", ""):
        response = client.post(f"/admin/ticket/{button}/{query}", data=data)
        assert response.status_code == 404, f"{button}{query}"
    assert snapshot_of_everything() == before


def test_the_old_edit_link_opens_the_ticket_page(client, agent):
    ticket = open_ticket()
    response = client.get(f"/admin/ticket/edit/?id={ticket.id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/admin/ticket/details/?id={ticket.id}")
    listing = client.get("/admin/ticket/").get_data(as_text=True)
    assert "/admin/ticket/edit/" not in listing
    assert f'href="/admin/ticket/details/?id={ticket.id}' in listing  # the request is a link


def listed(client, query: str) -> set[str]:
    html = client.get(f"/admin/ticket/?{query}").get_data(as_text=True)
    return set(re.findall(r"Ticket-[A-Z]+", html))


def test_the_list_filters_by_status_opening_day_and_assignee_in_words(client, agent):
    me = staff_id("agent@example.com")
    colleague = make_staff("pat@example.com")
    now = utcnow()
    open_ticket("Ticket-NEW")
    open_ticket("Ticket-MINE", status=TicketStatus.IN_PROGRESS, assignee_id=me)
    old = open_ticket("Ticket-OLD", assignee_id=colleague.id)
    old.created_at = now - timedelta(days=3)
    ancient = open_ticket("Ticket-ANCIENT")
    ancient.created_at = now - timedelta(days=60)
    resolve(ancient)

    html = client.get("/admin/ticket/").get_data(as_text=True)
    for words in ("Not resolved yet", "In progress", "the last 7 days", "Assigned to"):
        assert words in unescape(html)

    assert listed(client, "flt0_status_is=unresolved") == {
        "Ticket-NEW",
        "Ticket-MINE",
        "Ticket-OLD",
    }
    assert listed(client, "flt0_status_is=in_progress") == {"Ticket-MINE"}
    assert listed(client, "flt0_opened_during=today") == {"Ticket-NEW", "Ticket-MINE"}
    assert listed(client, "flt0_opened_during=7") == {"Ticket-NEW", "Ticket-MINE", "Ticket-OLD"}
    day = local(old.created_at).date()
    assert listed(client, f"flt0_opened_between={day} to {day}") == {"Ticket-OLD"}
    assert listed(client, "flt0_assigned_to_is=me") == {"Ticket-MINE"}
    assert listed(client, f"flt0_assigned_to_is={colleague.id}") == {"Ticket-OLD"}
    assert listed(client, "flt0_assigned_to_is=nobody") == {"Ticket-NEW", "Ticket-ANCIENT"}
    # Nonsense is refused, not a 500: the whole list, and a message.
    assert len(listed(client, "flt0_opened_between=0001-01-01 to 9999-12-31")) == 4
    assert len(listed(client, "flt0_status_is=lost")) == 4
