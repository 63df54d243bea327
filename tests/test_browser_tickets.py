"""A ticket worked from start to end by an agent (not an admin) in Chromium, on a desktop
and on a phone: open it from the list, read the snapshot as the chat showed it, take it
in progress, reply (the customer reads it in their chat), resolve, reopen. Screenshots of
the list and the ticket page at both widths go to test-results/ for people to look at."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import make_staff
from tests.test_headers import Violations

pytestmark = pytest.mark.app_config(HANDOFF_POLL_SECONDS=1)
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"  # looked at by people
ANSWER = "You can follow it under **Orders > Track parcel**, with the number from your email."


@pytest.fixture
def customer_page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def ask_for_a_person(page, live_server) -> None:
    page.goto(live_server)
    page.get_by_label("Message").fill("Where is my parcel?")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".from-assistant .reply strong")).to_have_text("Orders > Track parcel")
    page.get_by_role("button", name="Talk to a person").click()
    page.get_by_role("button", name="Send to a person").click()
    expect(page.locator("#handoff [role=status]")).to_contain_text("your request number is #1")


def log_in(page, live_server) -> None:
    page.goto(f"{live_server}/auth/login")
    page.get_by_label("Email").fill("agent@example.com")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("h1", has_text="Dashboard")).to_be_visible()


def press(page, button: str, flash: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".alert").first).to_contain_text(flash)


@pytest.mark.parametrize("width", [1280, 390])  # desktop and phone
def test_an_agent_works_a_ticket_from_the_list_to_resolved_and_back(
    live_server, browser, customer_page, model_server, width
):
    make_staff("agent@example.com", password="correct horse", is_admin=False)
    model_server.reply_with(ANSWER)
    ask_for_a_person(customer_page, live_server)
    SCREENSHOTS.mkdir(exist_ok=True)

    context = browser.new_context(viewport={"width": width, "height": 800})
    agent = context.new_page()
    violations = Violations(agent)
    log_in(agent, live_server)
    if width < 992:  # the menu folds away on a phone
        agent.wait_for_load_state("load")  # Bootstrap binds the toggler at the page's end
        agent.locator(".navbar-toggler").click()
    agent.get_by_role("link", name="Tickets").first.click()
    row = agent.locator("table.model-list tbody tr").first
    expect(row).to_contain_text("Open")
    agent.screenshot(path=str(SCREENSHOTS / f"tickets-list-{width}.png"), full_page=True)
    row.get_by_role("link", name="Where is my parcel?").click()

    # The snapshot as the customer saw it: the assistant's markdown, formatted.
    snapshot = agent.locator(".staff-thread").first
    expect(snapshot.locator(".thread-assistant .thread-markdown strong")).to_have_text(
        "Orders > Track parcel"
    )
    expect(snapshot).not_to_contain_text("**")
    expect(agent.locator("#ticket-status")).to_have_text("Open")

    press(agent, "Mark in progress", "is now In progress")
    expect(agent.locator("#ticket-status")).to_have_text("In progress")
    expect(agent.locator("#ticket-assignee")).to_have_text("agent@example.com")

    agent.get_by_label(re.compile("Reply to the customer")).fill("Hi, Sam here: it ships today.")
    press(agent, "Send reply", "Reply sent to the customer's chat.")
    expect(customer_page.locator(".from-staff")).to_contain_text("Hi, Sam here: it ships today.")
    agent.get_by_label(re.compile("Internal note")).fill("Courier confirmed by phone.")
    press(agent, "Add note", "Note added")
    agent.screenshot(path=str(SCREENSHOTS / f"ticket-{width}.png"), full_page=True)

    press(agent, "Mark resolved", "resolved; the customer is back with the assistant")
    expect(agent.locator("#ticket-status")).to_have_text("Resolved")
    expect(customer_page.locator(".from-assistant").last).to_contain_text("marked your request")

    press(agent, "Reopen", "reopened; the customer waits for a person again")
    expect(agent.locator("#ticket-status")).to_have_text("Open")
    expect(agent.locator(".thread-change").last).to_contain_text("agent@example.com reopened it")
    agent.screenshot(path=str(SCREENSHOTS / f"ticket-reopened-{width}.png"), full_page=True)
    violations.check("tickets")
    context.close()

    # The customer, back on their page, is waiting for a person again.
    customer_page.reload()
    expect(customer_page.locator(".from-assistant").last).to_contain_text("reopened your request")
    expect(customer_page.locator("#handoff [role=status]")).to_contain_text(
        "You're waiting for a person"
    )
