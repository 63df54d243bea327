""" "Did that help?" in Chromium, on a desktop and a phone: the customer asks, the answer
arrives, they say No, pick why, and are offered a person with their question already
written; they send it and a ticket exists. No Content-Security-Policy violation."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Message, Role, Ticket
from tests.test_headers import Violations

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"  # looked at by people
QUESTION = "How long does shipping take to Norway?"


def ask(browser, live_server: str, width: int):
    """A customer at this width asks QUESTION: (context, page, violations, the answer)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    violations = Violations(page)
    page.goto(live_server)
    page.get_by_label("Message").fill(QUESTION)
    page.get_by_role("button", name="Send").click()
    return context, page, violations, page.locator(".from-assistant").last


@pytest.mark.parametrize("width", [1280, 390])  # desktop and phone
def test_no_leads_to_a_person_with_the_question_pre_filled(
    live_server, browser, model_server, width
):
    SCREENSHOTS.mkdir(exist_ok=True)
    model_server.reply_with("Standard shipping takes **3-5 working days**.")
    context, page, violations, answer = ask(browser, live_server, width)
    expect(answer.locator(".reply strong")).to_have_text("3-5 working days")
    expect(answer.get_by_text("Did that help?")).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/feedback-asked-{width}.png", full_page=True)

    answer.get_by_role("button", name="No", exact=True).click()
    answer.get_by_label("It didn't answer my question").check()
    answer.get_by_label("Anything else you'd like to tell us? (optional)").fill("Norway?")
    page.screenshot(path=f"{SCREENSHOTS}/feedback-reasons-{width}.png", full_page=True)
    answer.get_by_role("button", name="Submit").click()

    expect(answer.get_by_role("status")).to_have_text(
        "Thanks for telling us. You said this didn't help."
    )
    summary = page.get_by_label("What do you need help with?")
    expect(summary).to_have_value(f"{QUESTION}\n\nNorway?")
    page.screenshot(path=f"{SCREENSHOTS}/feedback-offer-{width}.png", full_page=True)
    reply = db.session.scalar(db.select(Message).filter_by(role=Role.ASSISTANT))
    assert (reply.feedback, reply.feedback_reason, reply.feedback_comment) == (
        "no",
        "not_my_question",
        "Norway?",
    )

    page.get_by_role("button", name="Send to a person").click()
    expect(page.locator(".handoff-status")).to_contain_text("your request number is #1")
    db.session.expire_all()
    ticket = db.session.scalar(db.select(Ticket))
    assert ticket.summary.replace("\r\n", "\n") == f"{QUESTION}\n\nNorway?"  # a form sends CRLF
    page.screenshot(path=f"{SCREENSHOTS}/feedback-sent-{width}.png", full_page=True)
    violations.check("Did that help?")
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_yes_thanks_the_customer_and_a_reload_remembers(live_server, browser, model_server, width):
    model_server.reply_with("Standard shipping takes 3-5 working days.")
    context, page, violations, answer = ask(browser, live_server, width)
    answer.get_by_role("button", name="Yes", exact=True).click()
    expect(answer.get_by_role("status")).to_have_text("Thanks for letting us know!")
    expect(answer.get_by_role("button", name="Yes", exact=True)).to_have_count(0)

    page.reload()
    expect(page.locator(".from-assistant").last.get_by_role("status")).to_have_text(
        "You said this helped."
    )
    page.screenshot(path=f"{SCREENSHOTS}/feedback-yes-{width}.png", full_page=True)
    violations.check("Did that help? Yes")
    context.close()
