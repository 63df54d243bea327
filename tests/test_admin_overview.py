"""The back office as a shop owner reads it (issue 17): times in the business's zone and
in words, a dashboard in plain words with one heading, a conversation list that says who
has each conversation and what was asked, the brand on phones, the sites form's copy."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from app.extensions import db
from app.models import ChatSession, Role, Site, StaffUser, Ticket, TokenUsage
from app.support import escalation
from app.support.budget import local_midnight
from tests.factories import make_chat, make_faq, make_message

HOSTILE = '<script>alert("x")</script>'
NEW_YORK = pytest.mark.app_config(BUSINESS_TIMEZONE="America/New_York")
# "Now" for the time tests: Wednesday 3 December 2025, 12:30 in New York (EST, UTC-5).
NOW = datetime(2025, 12, 3, 17, 30, 0, tzinfo=UTC)
# A raw stored time, as Python or the database would print it: what staff must never see.
RAW_TIME = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d|\d\d:\d\d:\d\d\.\d+|\bUTC\b")


def someone() -> StaffUser:
    """The member of staff signed in (agent or admin)."""
    return db.session.scalar(db.select(StaffUser))


@pytest.fixture
def frozen_now(monkeypatch):
    """Today is NOW for the words "Today" and "Yesterday" (app/admin/times.py)."""
    monkeypatch.setattr("app.support.hours.now", lambda: NOW)


def conversation(*said: tuple[Role, str], at: datetime | None = None) -> ChatSession:
    """A conversation with these messages, all written `at` (default: now)."""
    chat, _ = make_chat()
    for role, text in said:
        message = make_message(chat, role, text)
        message.created_at = at or message.created_at
    if at:
        chat.created_at = chat.updated_at = at
    db.session.commit()
    return chat


def waiting(question: str = "Where is my parcel?", **kwargs) -> tuple[ChatSession, Ticket]:
    """A conversation whose customer asked for a person: waiting, with an open ticket."""
    chat = conversation((Role.USER, question), (Role.ASSISTANT, "Let me get a person."), **kwargs)
    ticket, _ = escalation.escalate(chat, "Parcel missing", None)
    return chat, ticket


def visible_text(html: str) -> str:
    """The page's text and attributes, less a <time>'s machine-readable datetime."""
    return re.sub(r'<time datetime="[^"]*"', "<time", html)


# 1. Times: in the business's zone, to the minute, in words, the exact time on hover.


@NEW_YORK
def test_times_read_in_the_business_zone_in_words(client, agent, frozen_now):
    today = conversation((Role.USER, "Today?"), at=datetime(2025, 12, 3, 16, 3, 27, 123456))
    # 03:00 UTC on the 3rd is still the 2nd in New York: "Yesterday", not "Today".
    late = conversation((Role.USER, "Late?"), at=datetime(2025, 12, 3, 3, 0))
    older = conversation((Role.USER, "Older?"), at=datetime(2025, 11, 28, 19, 20))
    last_year = conversation((Role.USER, "Last year?"), at=datetime(2024, 12, 3, 19, 20))

    html = client.get("/admin/conversation/").get_data(as_text=True)

    assert (
        '<time datetime="2025-12-03T11:03:27-05:00" '
        'title="Wednesday 3 December 2025, 11:03:27 EST">Today 11:03</time>'
    ) in html
    assert ">Yesterday 22:00</time>" in html
    assert ">28 Nov, 14:20</time>" in html
    assert ">3 Dec 2024, 14:20</time>" in html
    assert not RAW_TIME.search(visible_text(html))
    for chat in (today, late, older, last_year):
        assert f"/admin/conversation/details/?id={chat.id}" in html


@NEW_YORK
def test_a_transcript_shows_each_message_time_in_the_business_zone(client, agent, frozen_now):
    chat = conversation(
        (Role.USER, "Where is my parcel?"),
        (Role.ASSISTANT, "Let me look."),
        at=datetime(2025, 12, 2, 23, 40, 5, 999999),
    )

    html = client.get(f"/admin/conversation/details/?id={chat.id}").get_data(as_text=True)

    assert 'title="Tuesday 2 December 2025, 18:40:05 EST">Yesterday 18:40</time>' in html
    assert html.count(">Yesterday 18:40</time>") == 3  # started, and each message
    assert not RAW_TIME.search(visible_text(html))


@NEW_YORK
def test_no_back_office_page_shows_a_raw_time(client, admin, frozen_now):
    chat, ticket = waiting(at=datetime(2025, 12, 3, 16, 3, 27, 123456))
    escalation.add_note(ticket, someone(), "Called the courier.")
    gap = make_message(chat, Role.USER, "Do you ship to Mars?")
    gap.unanswered = True
    db.session.add(Site(name="Shop", allowed_origins="https://shop.example.com"))
    make_faq()
    db.session.commit()
    site = db.session.scalar(db.select(Site.id))

    for path in [
        "/admin/",
        "/admin/ticket/",
        f"/admin/ticket/details/?id={ticket.id}",
        "/admin/conversation/",
        f"/admin/conversation/details/?id={chat.id}",
        "/admin/faq/",
        "/admin/categorykeywords/",
        "/admin/unanswered/",
        "/admin/staff/",
        "/admin/site/",
        f"/admin/site/details/?id={site}",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not RAW_TIME.search(visible_text(response.get_data(as_text=True))), path


# 2. The dashboard: one heading, plain words, what needs staff now.


def test_the_dashboard_has_one_heading_and_its_parts(client, agent):
    html = client.get("/admin/").get_data(as_text=True)
    assert len(re.findall(r"<h1\b", html)) == 1 and "Dashboard</h1>" in html
    assert '<h4 class="mb-4">' not in html  # Flask-Admin's own title of the page
    for part in ("Needs you now", "This week", "The assistant today"):
        assert f">{part}" in html
    assert "model tokens used" not in html and "daily budget" not in html


def test_the_dashboard_counts_customers_waiting_and_links_to_them(client, agent):
    waiting("Where is my parcel?")
    waiting("Can I change my order?")
    conversation((Role.USER, "Do you sell tents?"), (Role.ASSISTANT, "Yes."))

    html = client.get("/admin/").get_data(as_text=True)

    assert 'id="waiting-conversations">2<' in html
    assert "customers waiting for a person</a>" in html
    link = re.search(r'href="([^"]+)">customers waiting', html).group(1)
    listing = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "Where is my parcel?" in listing and "Can I change my order?" in listing
    assert "Do you sell tents?" not in listing


@pytest.mark.app_config(DAILY_TOKEN_BUDGET=10_000)
def test_the_dashboard_says_the_assistant_usage_as_a_share_of_the_allowance(client, agent):
    db.session.add(TokenUsage(tokens=1_234))
    db.session.commit()

    html = client.get("/admin/").get_data(as_text=True)

    assert re.search(r'id="tokens-today" title="1,234 of 10,000 model tokens">12%<', html)
    assert "of today's allowance used" in html
    assert "When it is used up, the assistant answers from your FAQs alone until midnight" in html


@pytest.mark.app_config(DAILY_TOKEN_BUDGET=1_000)
def test_the_dashboard_says_when_the_allowance_is_used_up(client, agent):
    db.session.add(TokenUsage(tokens=1_500))
    db.session.commit()

    html = client.get("/admin/").get_data(as_text=True)

    assert re.search(r'id="tokens-today"[^>]*>100%<', html)  # not 150%
    assert (
        'class="text-danger" id="token-budget">Used up: the assistant answers from your FAQs'
        in html
    )


# 3. The conversation list: status in words, what was asked and said, messages, ticket.


def test_the_conversation_list_says_who_has_it_and_what_was_asked(client, agent):
    chat, ticket = waiting(f"Where is my parcel? {HOSTILE} " + "It was due last week. " * 10)
    make_message(chat, Role.USER, f"Hello? {HOSTILE}")
    answered = conversation((Role.USER, "Do you sell tents?"), (Role.ASSISTANT, "Yes, 12 kinds."))
    with_person, person_ticket = waiting("Can I change my order?")
    escalation.staff_reply(person_ticket, someone(), "Yes, done.")

    html = client.get("/admin/conversation/").get_data(as_text=True)

    assert headers(html) == [
        "Status",
        "First question",
        "Ticket",
        "Latest message",
        "Outcome",
        "Messages",
        "Last activity",
        "Started",
    ]
    assert "Waiting for a person" in html and "With the assistant" in html
    assert "Answered by a person" in html
    assert ">waiting<" not in html and ">assistant<" not in html
    assert "Where is my parcel? &lt;script&gt;" in html and "<script>alert" not in html
    assert "It was due last week. " * 10 not in html
    assert re.search(r"Where is my parcel\? &lt;script&gt;[^<]*It was due[^<]*…</a>", html)
    assert re.search(r"Customer:</span> Hello\? &lt;script&gt;", html)
    assert "Assistant:</span> Yes, 12 kinds." in html and "Staff:</span> Yes, done." in html
    assert f'<a href="/admin/ticket/details/?id={ticket.id}">Ticket #{ticket.id}</a> (Open)' in html
    assert f"Ticket #{person_ticket.id}</a> (In progress)" in html
    assert re.search(r'class="col-messages">\s*3\s*<', html)  # question, answer, "Hello?"
    assert f"/admin/conversation/details/?id={answered.id}" in html
    assert f"/admin/conversation/details/?id={with_person.id}" in html


def headers(html: str) -> list[str]:
    """The list's column headings, as read."""
    cells = re.findall(r'<th class="column-header[^"]*">(.*?)</th>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]


def test_the_conversation_list_filters_by_status_in_words(client, agent):
    waiting("Where is my parcel?")
    conversation((Role.USER, "Do you sell tents?"), (Role.ASSISTANT, "Yes."))

    html = client.get("/admin/conversation/?flt0_status_equals=assistant").get_data(as_text=True)

    assert "Do you sell tents?" in html and "Where is my parcel?" not in html
    # The filter offers "Status equals" the words, not the stored values.
    groups = json.loads(re.search(r'id="filter-groups-data"[^>]*>([^<]*)<', html).group(1))
    (status,) = groups["Status"]
    assert status["operation"] == "equals" and status["arg"] == "status_equals"
    assert [label for _, label in status["options"]] == [
        "Waiting for a person",
        "With the assistant",
        "Answered by a person",
    ]


@NEW_YORK
def test_the_conversation_list_filters_by_the_business_days_it_started(client, agent):
    today = conversation((Role.USER, "Asked today"))
    yesterday = local_midnight(days_ago=1) + timedelta(minutes=1)
    conversation((Role.USER, "Asked yesterday"), at=yesterday)
    conversation((Role.USER, "Asked ten days ago"), at=local_midnight(days_ago=10))
    assert today.created_at >= local_midnight()

    def listed(period: str) -> list[str]:
        url = f"/admin/conversation/?flt0_started_during={period}"
        html = client.get(url).get_data(as_text=True)
        return sorted(re.findall(r">(Asked [a-z ]+)</a>", html))

    assert listed("today") == ["Asked today"]
    assert listed("yesterday") == ["Asked yesterday"]
    assert listed("7") == ["Asked today", "Asked yesterday"]
    assert listed("30") == ["Asked ten days ago", "Asked today", "Asked yesterday"]


def count_queries(client, url: str) -> int:
    queries = []
    engine = db.engine

    def record(*args):
        queries.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(queries)


def test_a_page_of_fifty_conversations_takes_as_many_queries_as_a_page_of_five(client, agent):
    def add(count: int) -> None:
        for number in range(count):
            chat, _ = waiting(f"Question {number}")
            make_message(chat, Role.USER, "Anyone there?")

    add(5)
    five = count_queries(client, "/admin/conversation/")
    add(45)
    fifty = count_queries(client, "/admin/conversation/")

    assert fifty == five and fifty <= 8, (five, fifty)  # the user, count, rows, 3 more
    assert client.get("/admin/conversation/").get_data(as_text=True).count("Question ") == 50


def test_the_transcript_page_says_the_status_in_the_same_words(client, agent):
    chat, ticket = waiting("Where is my parcel?")

    html = client.get(f"/admin/conversation/details/?id={chat.id}").get_data(as_text=True)

    assert 'id="conversation-status">Waiting for a person<' in html
    assert f'<a href="/admin/ticket/details/?id={ticket.id}">Ticket #{ticket.id}</a> (Open)' in html
    escalation.resolve(ticket)
    html = client.get(f"/admin/conversation/details/?id={chat.id}").get_data(as_text=True)
    assert 'id="conversation-status">With the assistant<' in html and "(Resolved)" in html


# 4. The brand next to the menu button, outside the menu that collapses on phones.


def test_the_brand_is_outside_the_collapsing_menu(client, agent):
    html = client.get("/admin/conversation/").get_data(as_text=True)
    brand = html.index('class="navbar-brand')
    assert brand < html.index('class="navbar-toggler"') < html.index('id="admin-navbar-collapse"')
    assert ">Trailhead Outfitters support</a>" in html
    assert html.count('class="navbar-brand') == 1


# 5. The sites form in plain words.


def test_the_sites_form_explains_which_websites_may_show_the_chat(client, admin):
    db.session.add(Site(name="Shop", allowed_origins="https://shop.example.com"))
    db.session.commit()

    listing = client.get("/admin/site/").get_data(as_text=True)
    form = client.get("/admin/site/new/").get_data(as_text=True)

    assert "Websites allowed to show the chat" in listing and "May embed it" not in listing
    assert "Websites allowed to show the chat" in form
    assert "The address of each website where the chat may appear, one per line" in form
    assert "just the start of the address, without a page path" in form


def test_a_page_path_is_refused_in_plain_words(client, admin):
    response = client.post(
        "/admin/site/new/",
        data={
            "name": "Shop",
            "allowed_origins": "https://shop.example.com/checkout",
            "greeting": "",
            "is_active": "y",
            "csrf_token": admin.csrf_token("/admin/site/new/"),
        },
    )
    html = response.get_data(as_text=True)
    assert "the start of a website address" in html
    assert db.session.scalar(db.select(Site)) is None
