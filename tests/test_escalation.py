"""A person one click away: the customer escalates, staff answer in the back office, the
conversation comes back to the assistant. Through HTTP, as the page's htmx does."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from app.extensions import db
from app.models import Message, Role, SessionState, StaffUser, Ticket, TicketStatus
from app.support import escalation
from tests.factories import make_staff

HTMX = {"HX-Request": "true"}


def escalate(customer, summary="My parcel never arrived", email=""):
    return customer.client.post(
        "/chat/escalation",
        data={"summary": summary, "email": email},
        headers=customer.headers(),
    )


def tickets() -> list[Ticket]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Ticket).order_by(Ticket.id)))


def poll(customer, after=0, state="waiting"):
    return customer.client.get(
        f"/chat/updates?after={after}&state={state}", headers=customer.headers()
    )


def poll_cursor(html: str) -> int:
    """Where the banner's next poll starts: the `after` it (and the banner's forms) send."""
    [after] = re.findall(r'name="after" value="(\d+)"', html)
    return int(after)


def agent_replies(app, ticket: Ticket, text: str) -> None:
    """A staff reply committed by the agent's own request, at the moment it is called."""
    with app.app_context():
        agent = db.session.scalar(db.select(StaffUser))
        escalation.staff_reply(db.session.get(Ticket, ticket.id), agent, text)


@pytest.fixture
def staff(client, auth):
    make_staff()
    return auth


def test_escalation_needs_a_conversation(client, customer):
    assert client.get("/chat/escalation", headers=HTMX).status_code == 404
    assert escalate(customer).status_code == 404
    assert tickets() == []


def test_the_form_is_prefilled_with_the_last_customer_message(chatting):
    html = chatting.client.get("/chat/escalation", headers=chatting.headers()).get_data(
        as_text=True
    )
    assert 'id="escalation-summary"' in html
    assert ">Where is my parcel? I ordered 3 weeks ago</textarea>" in html
    assert 'name="email"' in html


def test_escalating_opens_one_ticket_with_the_conversation_snapshot(chatting, app):
    response = escalate(chatting, "Parcel missing", "pat@example.com")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    [ticket] = tickets()
    assert f"your request number is #{ticket.id}" in html
    assert "A member of our team will reply here and by email to pat@example.com" in html
    assert "Back to the assistant" in html

    assert (ticket.summary, ticket.contact, ticket.status) == (
        "Parcel missing",
        "pat@example.com",
        TicketStatus.OPEN,
    )
    assert [(m["role"], m["content"]) for m in ticket.snapshot] == [
        ("user", "Where is my parcel? I ordered 3 weeks ago"),
        ("assistant", "Shipping takes 3-5 working days."),
    ]
    assert ticket.session.state == SessionState.WAITING
    assert ticket.created_at and ticket.updated_at


def test_the_snapshot_keeps_the_last_ten_messages(customer, model_server):
    for n in range(7):
        customer.ask(f"question {n}")
    escalate(customer)
    [ticket] = tickets()
    assert len(ticket.snapshot) == 10
    assert ticket.snapshot[0]["content"] == "question 2"
    assert ticket.snapshot[-2]["content"] == "question 6"


def test_a_double_submit_or_replay_gives_one_ticket(chatting):
    first = escalate(chatting)
    second = escalate(chatting, "Sent twice")
    assert len(tickets()) == 1
    number = re.search(r"#(\d+)", first.get_data(as_text=True)).group(1)
    assert f"#{number}" in second.get_data(as_text=True)


@pytest.mark.parametrize(
    ("summary", "email", "error"),
    [
        ("", "", "Please tell us briefly what you need help with."),
        ("x" * 1001, "", "Please keep this under 1,000 characters."),
        ("Help", "not-an-email", "Please enter a valid email address."),
        ("Help", "pat@example.com\r\nBcc: all@example.com", "cannot contain line breaks"),
        ("Help", "pat@example.com\nBcc: all@example.com", "cannot contain line breaks"),
    ],
)
def test_bad_input_gets_an_inline_error_and_creates_nothing(chatting, summary, email, error):
    response = escalate(chatting, summary, email)
    assert response.status_code == 422
    assert error in response.get_data(as_text=True)
    assert tickets() == []
    db.session.expire_all()
    assert db.session.scalar(db.select(Message.session_id)) is not None
    assert all(t.session.state == SessionState.ASSISTANT for t in tickets())


def test_staff_reply_reaches_the_chat_and_resolving_hands_back(chatting, staff, client):
    escalate(chatting)
    [ticket] = tickets()
    waiting = poll(chatting)
    assert 'id="handoff-poll"' in waiting.get_data(as_text=True)

    staff.login()
    token = staff.csrf_token(f"/admin/ticket/details/?id={ticket.id}")
    client.post(
        f"/admin/ticket/reply/?id={ticket.id}",
        data={"reply-body": "Hi, I'm Sam. Your parcel is on its way.", "csrf_token": token},
    )
    update = poll(chatting).get_data(as_text=True)
    assert "Your parcel is on its way." in update
    assert update.count("Your parcel is on its way.") == 1
    assert 'hx-swap-oob="beforeend:#messages"' in update
    [ticket] = tickets()
    assert ticket.status == TicketStatus.IN_PROGRESS
    assert ticket.assignee.email == "agent@example.com"
    assert ticket.session.state == SessionState.PERSON

    client.post(f"/admin/ticket/resolve/?id={ticket.id}", data={"csrf_token": token})
    after_reply = db.session.scalar(db.select(db.func.max(Message.id)).filter_by(role="staff"))
    resolved = poll(chatting, after=after_reply, state="person")
    assert resolved.headers["HX-Retarget"] == "#handoff"
    html = resolved.get_data(as_text=True)
    assert f"marked your request #{ticket.id} as resolved" in html
    assert "Talk to a person" in html
    [ticket] = tickets()
    assert ticket.status == TicketStatus.RESOLVED and ticket.resolved_at is not None
    assert ticket.session.state == SessionState.ASSISTANT


def test_a_staff_reply_landing_while_a_poll_is_answered_comes_with_the_next_poll(
    chatting, staff, app, monkeypatch
):
    """A poll reads the news, then writes the next poll's URL. A staff reply committed in
    between must not fall behind that URL: the customer's chat would never show it."""
    escalate(chatting)
    [ticket] = tickets()
    answered = db.session.scalar(db.select(db.func.max(Message.id)).filter_by(role=Role.ASSISTANT))
    read_news = escalation.news_since

    def news_then_the_agent_replies(chat, after, staff_only):
        news = read_news(chat, after, staff_only)
        agent_replies(app, ticket, "It ships today.")
        return news

    monkeypatch.setattr(escalation, "news_since", news_then_the_agent_replies)
    first = poll(chatting, after=answered).get_data(as_text=True)
    monkeypatch.undo()
    assert "It ships today." not in first
    assert poll_cursor(first) == answered

    second = poll(chatting, after=poll_cursor(first)).get_data(as_text=True)
    assert second.count("It ships today.") == 1


def test_a_staff_reply_landing_while_the_page_loads_comes_with_the_first_poll(
    chatting, staff, app, monkeypatch
):
    """The page loads the thread and its waiting banner. A staff reply committed after the
    thread is read must come with the banner's first poll, not fall behind its URL."""
    escalate(chatting)
    [ticket] = tickets()
    find_ticket = escalation.unresolved_ticket

    def the_agent_replies_then_the_ticket_is_found(chat):
        agent_replies(app, ticket, "It ships today.")
        return find_ticket(chat)

    monkeypatch.setattr(escalation, "unresolved_ticket", the_agent_replies_then_the_ticket_is_found)
    page = chatting.thread().get_data(as_text=True)
    monkeypatch.undo()
    assert "It ships today." not in page
    first_poll = poll(chatting, after=poll_cursor(page)).get_data(as_text=True)
    assert first_poll.count("It ships today.") == 1


def test_going_back_to_the_assistant_brings_the_replies_the_thread_lacks(chatting, staff, app):
    """The banner's poll stops when the customer goes back to the assistant: a staff reply
    that came since its last poll comes with that click, before the notice."""
    escalate(chatting)
    [ticket] = tickets()
    shown = poll_cursor(poll(chatting).get_data(as_text=True))
    agent_replies(app, ticket, "It ships today.")

    back = chatting.client.post(
        "/chat/assistant", data={"after": shown}, headers=chatting.headers()
    ).get_data(as_text=True)
    assert back.count("It ships today.") == 1
    assert back.index("It ships today.") < back.index(f"Your request #{ticket.id} stays open")


def test_the_customer_can_go_back_to_the_assistant_while_waiting(chatting):
    escalate(chatting)
    response = chatting.client.post("/chat/assistant", headers=chatting.headers())
    html = response.get_data(as_text=True)
    [ticket] = tickets()
    assert f"Your request #{ticket.id} stays open" in html
    assert "Talk to a person" in html
    assert ticket.session.state == SessionState.ASSISTANT
    assert ticket.status == TicketStatus.OPEN


def test_back_with_the_assistant_the_chat_still_shows_a_person_s_reply(
    chatting, staff, app, model_server
):
    """The notice says a person may still reply: the region keeps polling for that reply
    alone (the assistant's own replies came with the customer's messages)."""
    escalate(chatting)
    [ticket] = tickets()
    back = chatting.client.post("/chat/assistant", headers=chatting.headers())
    shown = poll_cursor(back.get_data(as_text=True))
    model_server.reply_with("Standard shipping takes 3-5 working days.")
    assert "3-5 working days" in chatting.ask("How long is shipping?")

    quiet = poll(chatting, after=shown, state="assistant")
    assert "HX-Retarget" not in quiet.headers
    assert poll_cursor(quiet.get_data(as_text=True)) == shown

    agent_replies(app, ticket, "Sam here: it ships today.")
    update = poll(chatting, after=shown, state="assistant")
    assert update.headers["HX-Retarget"] == "#handoff"
    html = update.get_data(as_text=True)
    assert html.count("Sam here: it ships today.") == 1
    assert "3-5 working days" not in html  # already in the thread
    assert "talking with our support team" in html


def test_the_poll_stops_once_the_ticket_is_resolved(chatting, staff, app):
    escalate(chatting)
    [ticket] = tickets()
    back = chatting.client.post("/chat/assistant", headers=chatting.headers())
    shown = poll_cursor(back.get_data(as_text=True))
    with app.app_context():
        escalation.resolve(db.session.get(Ticket, ticket.id))

    last = poll(chatting, after=shown, state="assistant").get_data(as_text=True)
    assert 'id="handoff-poll"' not in last
    thread = chatting.thread().get_data(as_text=True)
    assert "Talk to a person" in thread and 'id="handoff-poll"' not in thread


def today_utc() -> date:
    return datetime.now(UTC).date()


@pytest.mark.app_config(
    BUSINESS_HOURS="mon-sun 09:00-17:00",
    BUSINESS_TIMEZONE="UTC",
    BUSINESS_CLOSED_DATES=f"{today_utc()},{today_utc() + timedelta(days=1)}",
)
def test_out_of_hours_says_when_a_person_answers_and_asks_for_an_email(chatting):
    html = escalate(chatting).get_data(as_text=True)
    opening = datetime.combine(today_utc() + timedelta(days=2), datetime.min.time())
    assert "Our team is away right now. A person will answer from" in html
    assert opening.strftime("%A %-d %B, 09:00") in html
    assert "A member of our team will reply here" not in html
    assert "Leave your email so we can reach you" in html

    bad = chatting.client.post(
        "/chat/escalation/contact", data={"email": "nope"}, headers=chatting.headers()
    )
    assert bad.status_code == 422
    assert "Please enter a valid email address." in bad.get_data(as_text=True)
    saved = chatting.client.post(
        "/chat/escalation/contact", data={"email": "pat@example.com"}, headers=chatting.headers()
    )
    assert "Thanks, we'll also answer by email." in saved.get_data(as_text=True)
    assert "here and by email to pat@example.com" in saved.get_data(as_text=True)
    assert tickets()[0].contact == "pat@example.com"


@pytest.mark.app_config(
    BUSINESS_HOURS="mon-sun 09:00-17:00",
    BUSINESS_CLOSED_DATES=f"{today_utc()},{today_utc() + timedelta(days=1)}",
)
def test_a_staff_reply_since_the_last_poll_still_comes_after_saving_an_email(chatting, staff, app):
    """Saving the email draws the banner again: its poll must not skip a reply the
    thread has not shown yet."""
    escalate(chatting)
    [ticket] = tickets()
    shown = poll_cursor(poll(chatting).get_data(as_text=True))
    agent_replies(app, ticket, "It ships today.")

    for email in ("nope", "pat@example.com"):  # refused, then saved: the banner both times
        banner = chatting.client.post(
            "/chat/escalation/contact",
            data={"email": email, "after": shown},
            headers=chatting.headers(),
        ).get_data(as_text=True)
        assert poll_cursor(banner) == shown
    assert "Thanks, we'll also answer by email." in banner
    next_poll = poll(chatting, after=poll_cursor(banner), state="person")
    assert next_poll.get_data(as_text=True).count("It ships today.") == 1


@pytest.mark.app_config(
    BUSINESS_HOURS="mon-sun 09:00-17:00",
    BUSINESS_CLOSED_DATES=",".join(str(today_utc() + timedelta(days=n)) for n in range(16)),
)
def test_no_person_in_sight_is_said_honestly(chatting):
    html = escalate(chatting).get_data(as_text=True)
    assert "we can't yet say when a person will answer" in html
    assert "A member of our team will reply" not in html
    assert "A person will answer from" not in html


def test_asking_again_after_going_back_reuses_the_open_ticket(chatting):
    escalate(chatting)
    chatting.client.post("/chat/assistant", headers=chatting.headers())
    html = escalate(chatting, "Still need help").get_data(as_text=True)
    [ticket] = tickets()
    assert f"#{ticket.id}" in html and "Back to the assistant" in html
    assert ticket.session.state == SessionState.WAITING


def test_the_assistant_is_never_called_while_a_person_owns_the_chat(
    chatting, model_server, staff, client
):
    calls = len(model_server.requests)
    escalate(chatting)
    waiting = chatting.send("It was order 5521")  # waiting for a person
    assert waiting.status_code == 200
    html = waiting.get_data(as_text=True)
    assert "It was order 5521" in html and "data-stream=" not in html

    [ticket] = tickets()
    staff.login()
    token = staff.csrf_token(f"/admin/ticket/details/?id={ticket.id}")
    client.post(
        f"/admin/ticket/reply/?id={ticket.id}",
        data={"reply-body": "Checking now.", "csrf_token": token},
    )
    with_person = chatting.send("Thanks!")  # a person owns the chat
    assert "data-stream=" not in with_person.get_data(as_text=True)
    assert len(model_server.requests) == calls
    db.session.expire_all()
    later = [m.content for m in ticket.session.messages if m.role == "user"]
    assert later[-2:] == ["It was order 5521", "Thanks!"]

    chatting.client.post("/chat/assistant", headers=chatting.headers())
    chatting.ask("One more question")  # back with the assistant: it answers again
    assert len(model_server.requests) == calls + 1
