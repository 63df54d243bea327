"""An agent's first look at the back office, on a desktop and on a phone (Chromium): the
brand and one heading on the dashboard, a waiting customer found in Conversations by
what they asked, and their ticket one click away (issue 17)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Role
from app.support import escalation
from tests.factories import make_chat, make_message, make_staff
from tests.test_headers import Violations

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"  # looked at by people
QUESTION = "Where is my parcel? I ordered it three weeks ago"


@pytest.fixture
def shop(app):
    """An agent, and three conversations: one waiting for a person (with its ticket), one
    with the assistant, one a person has answered."""
    agent = make_staff(is_admin=False)
    chats = {}
    for question, answer in [
        (QUESTION, "I'm sorry it's late. Let me get a person for you."),
        ("Do you sell tents for four people?", "Yes: the Ridge 4 and the Valley 4."),
        ("Can I change the size of my order?", "A person can do that for you."),
    ]:
        chat, _ = make_chat()
        make_message(chat, Role.USER, question)
        make_message(chat, Role.ASSISTANT, answer)
        chats[question] = chat
    ticket, _ = escalation.escalate(chats[QUESTION], "Parcel three weeks late", None)
    other, _ = escalation.escalate(chats["Can I change the size of my order?"], "Size", None)
    escalation.staff_reply(other, agent, "Done: size 42 it is.")
    db.session.commit()
    return ticket.id


def log_in(page, live_server) -> None:
    page.goto(f"{live_server}/auth/login")
    page.get_by_label("Email").fill("agent@example.com")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Log in").click()


def follow_menu(page, name: str) -> None:
    """Click a menu item, opening the menu first where it is folded (a phone)."""
    toggler = page.get_by_role("button", name="Menu")
    if toggler.is_visible():
        toggler.click()
    page.locator("#admin-navbar-collapse").get_by_role("link", name=name, exact=True).click()


@pytest.mark.parametrize("width", [1280, 390])  # desktop and phone
def test_an_agent_finds_a_waiting_customer_and_their_ticket(live_server, browser, shop, width):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    violations = Violations(page)
    log_in(page, live_server)

    # The dashboard: the brand beside the menu button, one heading, plain parts.
    brand = page.locator(".navbar-brand")
    expect(brand).to_have_text("Trailhead Outfitters support")
    expect(brand).to_be_visible()
    box = brand.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    expect(page.get_by_role("heading", name="Dashboard")).to_have_count(1)
    expect(page.locator("h1, h2, h3, h4").filter(has_text="Dashboard")).to_have_count(1)
    expect(page.get_by_role("heading", name="Needs you now")).to_be_visible()
    expect(page.locator("#waiting-conversations")).to_have_text("1")
    page.screenshot(path=f"{SCREENSHOTS}/back-office-dashboard-{width}.png", full_page=True)
    violations.check(f"dashboard at {width}px")

    # Conversations: the waiting customer, found by what they asked.
    follow_menu(page, "Conversations")
    row = page.locator("table.model-list tbody tr", has_text=QUESTION)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Waiting for a person")
    expect(page.locator("table.model-list")).to_contain_text("Answered by a person")
    expect(page.locator("table.model-list")).to_contain_text("With the assistant")
    page.screenshot(path=f"{SCREENSHOTS}/back-office-conversations-{width}.png", full_page=True)
    violations.check(f"conversations at {width}px")

    # Its ticket, one click away.
    row.get_by_role("link", name=re.compile(r"Ticket #\d+")).click()
    expect(page).to_have_url(re.compile(rf"/admin/ticket/details/\?id={shop}\b"))
    expect(page.get_by_text("Parcel three weeks late").first).to_be_visible()
    violations.check(f"ticket at {width}px")
    context.close()
