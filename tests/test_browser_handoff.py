"""Both sides of a handoff in two browsers: the customer chats and asks for a person, an
agent answers from the back office, the customer reads it in the chat, the agent
resolves, and the assistant is back."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Ticket
from app.support import escalation
from tests.factories import make_staff

pytestmark = pytest.mark.app_config(HANDOFF_POLL_SECONDS=1)
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"  # looked at by people


@pytest.fixture
def customer_page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def agent_page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def ask(page, text):
    page.get_by_label("Message").fill(text)
    page.get_by_role("button", name="Send").click()


def escalate(page, email=""):
    page.get_by_role("button", name="Talk to a person").click()
    summary = page.get_by_label("What do you need help with?")
    expect(summary).to_have_value("My parcel never arrived")
    # htmx's autofocus moves the focus to the summary as the form settles, in the task
    # that drops the region's .htmx-added: typing into another field before then would
    # land in the summary. (The browser's own autofocus can focus it earlier.)
    expect(page.locator("#handoff.htmx-added")).to_have_count(0)
    expect(summary).to_be_focused()
    if email:
        page.get_by_label("Your email (optional)").fill(email)
    page.get_by_role("button", name="Send to a person").click()


def test_customer_and_agent_hand_the_conversation_back_and_forth(
    live_server,
    customer_page,
    agent_page,
    model_server,
):
    make_staff("agent@example.com", password="correct horse")
    model_server.reply_with("I'm sorry to hear that. Let me help.")
    page = customer_page
    page.goto(live_server)
    expect(page.get_by_role("button", name="Talk to a person")).to_be_hidden()  # not before a reply
    ask(page, "My parcel never arrived")
    expect(page.locator(".from-assistant .reply")).to_contain_text("Let me help.")

    escalate(page, "pat@example.com")
    status = page.locator("#handoff [role=status]")
    expect(status).to_contain_text(re.compile(r"your request number is #\d+"))
    expect(status).to_contain_text("A member of our team will reply here and by email")
    calls = len(model_server.requests)

    # While waiting, the customer's messages join the ticket; the assistant stays silent.
    ask(page, "It was order 5521")
    expect(page.locator(".from-customer").last).to_contain_text("It was order 5521")
    expect(page.locator(".from-assistant.pending")).to_have_count(0)

    agent = agent_page
    agent.goto(f"{live_server}/auth/login")
    agent.get_by_label("Email").fill("agent@example.com")
    agent.get_by_label("Password").fill("correct horse")
    agent.get_by_role("button", name="Log in").click()
    agent.get_by_role("link", name="Tickets").first.click()
    agent.locator("a[title='View Record']").first.click()
    expect(agent.locator(".staff-thread").first).to_contain_text("My parcel never arrived")
    expect(agent.locator(".staff-thread").nth(1)).to_contain_text("It was order 5521")
    agent.get_by_label(re.compile("Reply to the customer")).fill("Hi, Sam here: it ships today.")
    agent.get_by_role("button", name="Send reply").click()
    expect(agent.get_by_text("Reply sent to the customer's chat.")).to_be_visible()

    expect(page.locator(".from-staff")).to_contain_text("Hi, Sam here: it ships today.")
    expect(page.locator("#handoff [role=status]")).to_contain_text("talking with our support team")

    agent.get_by_role("button", name="Mark resolved").click()
    expect(page.locator(".from-assistant").last).to_contain_text("marked your request")
    expect(page.get_by_role("button", name="Talk to a person")).to_be_visible()
    assert len(model_server.requests) == calls  # never called while a person owned the chat

    model_server.reply_with("Glad it's sorted!")
    ask(page, "Great, thanks")
    expect(page.locator(".from-assistant .reply").last).to_contain_text("Glad it's sorted!")
    assert "Hi, Sam here" not in model_server.all_text()


def today() -> str:
    return str(datetime.now(UTC).date())


def tomorrow() -> str:
    return str(datetime.now(UTC).date() + timedelta(days=1))


@pytest.mark.app_config(
    BUSINESS_HOURS="mon-sun 09:00-17:00", BUSINESS_CLOSED_DATES=f"{today()},{tomorrow()}"
)
def test_out_of_hours_the_customer_is_told_the_truth(
    live_server,
    customer_page,
    model_server,
):
    page = customer_page
    page.goto(live_server)
    ask(page, "My parcel never arrived")
    expect(page.locator(".from-assistant .reply")).to_be_visible()
    escalate(page)

    status = page.locator("#handoff [role=status]")
    expect(status).to_contain_text("Our team is away right now. A person will answer from")
    expect(status).not_to_contain_text("A member of our team will reply here")
    page.get_by_label("Leave your email so we can reach you:").fill("pat@example.com")
    page.get_by_role("button", name="Save email").click()
    expect(status).to_contain_text("here and by email to pat@example.com")

    page.get_by_role("button", name="Back to the assistant").click()
    expect(page.locator(".from-assistant").last).to_contain_text("a person may still reply here")
    expect(page.get_by_role("button", name="Talk to a person")).to_be_visible()

    # And one may: the reply reaches the open page, which says who has the chat now.
    agent = make_staff("agent@example.com", password="correct horse")
    escalation.staff_reply(db.session.scalar(db.select(Ticket)), agent, "Hi, Sam here.")
    expect(page.locator(".from-staff")).to_contain_text("Hi, Sam here.")
    expect(page.locator("#handoff [role=status]")).to_contain_text("talking with our support team")


@pytest.mark.app_config(
    BUSINESS_HOURS="mon-sun 09:00-17:00",
    BUSINESS_CLOSED_DATES=f"{today()},{tomorrow()}",
    HANDOFF_POLL_SECONDS=600,  # no poll within the test: only the clicks bring replies
)
@pytest.mark.parametrize("width", [1280, 390])  # desktop and phone
def test_a_reply_that_came_since_the_last_poll_is_never_skipped(
    live_server, browser, model_server, width
):
    agent = make_staff("agent@example.com", password="correct horse")
    page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto(live_server)
    ask(page, "My parcel never arrived")
    expect(page.locator(".from-assistant .reply")).to_be_visible()
    escalate(page)
    expect(page.locator("#handoff [role=status]")).to_contain_text("Our team is away right now")

    ticket = db.session.scalar(db.select(Ticket))
    escalation.staff_reply(ticket, agent, "Hi, Sam here: it ships today.")
    page.get_by_label("Leave your email so we can reach you:").fill("pat@example.com")
    page.get_by_role("button", name="Save email").click()
    expect(page.locator("#handoff [role=status]")).to_contain_text("also answer by email")

    # Saving redrew the banner; going back to the assistant stops it. The reply the
    # thread never showed comes with that click, before the notice.
    page.get_by_role("button", name="Back to the assistant").click()
    expect(page.locator(".from-assistant").last).to_contain_text("You're back with the assistant")
    expect(page.locator(".from-staff")).to_have_text(re.compile("it ships today"))
    expect(page.locator(".from-staff + .from-assistant")).to_have_count(1)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"handoff-back-{width}.png"), full_page=True)
    page.context.close()
