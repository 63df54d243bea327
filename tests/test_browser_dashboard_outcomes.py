"""The dashboard's outcome figures in Chromium, on a desktop and a phone (issue 18): a
customer says an answer did not help and is offered a person; once outcomes are decided
the admin's dashboard counts the conversation, in its rates and its charts' tables. No
Content-Security-Policy violation."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from app.models.base import utcnow
from app.support.outcomes import decide_outcomes
from app.support.reports import local_today
from tests.factories import make_staff
from tests.test_browser_back_office_overview import log_in
from tests.test_browser_feedback import QUESTION, SCREENSHOTS
from tests.test_headers import Violations


def says_no(page, live_server) -> None:
    """The customer's side of tests/test_browser_feedback.py, to the offer of a person."""
    page.goto(live_server)
    page.get_by_label("Message").fill(QUESTION)
    page.get_by_role("button", name="Send").click()
    answer = page.locator(".from-assistant").last
    answer.get_by_role("button", name="No", exact=True).click()
    answer.get_by_label("It didn't answer my question").check()
    answer.get_by_role("button", name="Submit").click()
    expect(page.get_by_label("What do you need help with?")).to_have_value(QUESTION)


def today_row(page, table: str) -> dict[str, str]:
    row = page.locator(f'#{table} tr[data-day="{local_today().isoformat()}"] td')
    return {cell.get_attribute("data-key"): cell.text_content() for cell in row.all()}


@pytest.mark.parametrize("width", [1280, 390])  # desktop and phone
def test_an_admin_sees_a_conversation_that_did_not_help_counted(
    live_server, browser, model_server, width
):
    SCREENSHOTS.mkdir(exist_ok=True)
    make_staff(is_admin=True)
    model_server.reply_with("Standard shipping takes 3-5 working days.")
    staff = browser.new_context(viewport={"width": width, "height": 900})
    office = staff.new_page()
    violations = Violations(office)
    log_in(office, live_server)
    expect(office.locator("#rate-unanswered-today")).to_have_text("no conversations yet")
    before = today_row(office, "chart-outcomes-table")
    assert before["unanswered"] == "0"

    customer = browser.new_context(viewport={"width": width, "height": 800})
    says_no(customer.new_page(), live_server)
    customer.close()
    decided = decide_outcomes(now=utcnow() + timedelta(hours=1))  # past the quiet time
    assert decided == {"unanswered": 1}

    office.reload()
    expect(office.locator("#rate-unanswered-today")).to_have_text("100%")
    expect(office.locator("#rate-resolved-today")).to_have_text("0%")
    expect(office.locator("#counted-today")).to_have_text("1")
    assert today_row(office, "chart-outcomes-table") == {**before, "unanswered": "1"}
    assert today_row(office, "chart-votes-table") == {"yes": "0", "no": "1"}
    office.get_by_text("What these mean").click()
    expect(office.locator("#outcome-definitions li").first).to_be_visible()
    office.locator("#chart-outcomes summary").click()
    # Nothing wider than the screen (a phone scrolls the page, not sideways).
    assert office.evaluate("document.documentElement.scrollWidth") <= width
    office.screenshot(path=f"{SCREENSHOTS}/dashboard-outcomes-{width}.png", full_page=True)
    office.locator("#outcomes").locator("..").screenshot(
        path=f"{SCREENSHOTS}/dashboard-outcomes-section-{width}.png"
    )
    violations.check(f"dashboard outcomes at {width}px")
    staff.close()
