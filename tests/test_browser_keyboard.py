"""The keyboard alone (issue 22): a customer asks, reads, retries, asks for a person and
deletes the conversation; a member of staff finds, reads and answers a ticket. After
each swap the focus is where the new content needs it, and it is visible. The customer's
status changes (waiting for a person, a staff reply) arrive in polite live regions."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_staff
from tests.model_server import Fault

TABS_AT_MOST = 40


def tab_to(page, target, backwards: bool = False) -> None:
    """Press Tab (Shift+Tab) until `target` has the focus, as a keyboard user would."""
    handle = target.element_handle()
    for _ in range(TABS_AT_MOST):
        if page.evaluate("(element) => element === document.activeElement", handle):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{target} never took the focus")


def focused(page) -> str:
    """What has the focus: its id, else its tag and text."""
    return page.evaluate(
        "() => document.activeElement.id || document.activeElement.tagName + ' '"
        " + document.activeElement.textContent.trim()"
    )


def assert_focus_visible(page) -> None:
    """The focused element is drawn with an outline or a box shadow."""
    style = page.evaluate(
        """() => { const style = getComputedStyle(document.activeElement);
        return [style.outlineStyle, style.outlineWidth, style.boxShadow]; }"""
    )
    assert style[0] != "none" and style[1] != "0px" or style[2] != "none", style


def test_a_customer_asks_asks_for_a_person_and_deletes_with_the_keyboard(
    live_server, page, model_server
):
    model_server.reply_with("Our tents are waterproof to 3000 mm.")
    page.goto(live_server)
    expect(page.locator("#thread[hx-get]")).to_have_count(0)

    tab_to(page, page.get_by_label("Message"))
    assert_focus_visible(page)
    page.keyboard.type("Are your tents waterproof?")
    page.keyboard.press("Enter")
    expect(page.locator(".from-assistant .reply")).to_contain_text("3000 mm")
    assert focused(page) == "message"  # ready for the next question

    tab_to(page, page.get_by_role("button", name="Talk to a person"))
    page.keyboard.press("Enter")
    summary = page.get_by_label("What do you need help with?")
    expect(summary).to_be_focused()
    page.keyboard.type(" My tent leaks.")
    tab_to(page, page.get_by_role("button", name="Send to a person"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="your request number is")).to_be_visible()

    tab_to(page, page.get_by_role("button", name="Delete this conversation"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Keep it")).to_be_focused()  # nothing lost by Enter
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Delete", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    notice = page.get_by_role("status").filter(has_text="conversation was deleted")
    expect(notice).to_be_focused()


@pytest.mark.app_config(REPLY_DEADLINE_SECONDS=2)
def test_a_customer_retries_a_failed_reply_with_the_keyboard(live_server, page, model_server):
    model_server.reply_with(*[Fault.server_error(502)] * 30)
    page.goto(live_server)
    tab_to(page, page.get_by_label("Message"))
    page.keyboard.type("Hello?")
    page.keyboard.press("Enter")
    retry = page.get_by_role("button", name="Retry")
    expect(retry).to_be_visible(timeout=10_000)

    model_server.reset()
    model_server.reply_with("Hello! How can I help?")
    tab_to(page, retry)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator(".from-assistant .reply")).to_contain_text("How can I help?")


@pytest.mark.app_config(HANDOFF_POLL_SECONDS=1)
def test_staff_find_read_and_answer_a_ticket_with_the_keyboard(
    live_server, browser, page, model_server
):
    make_staff("agent@example.com", password="correct horse", is_admin=False)
    model_server.reply_with("You can follow it under Orders > Track parcel.")
    page.goto(live_server)
    page.get_by_label("Message").fill("Where is my parcel?")
    page.get_by_role("button", name="Send").click()
    page.get_by_role("button", name="Talk to a person").click()
    page.get_by_role("button", name="Send to a person").click()
    # Status changes are announced politely: they land in live regions.
    waiting = page.locator("#handoff[aria-live=polite] [role=status]")
    expect(waiting).to_contain_text("your request number is #1")

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    agent = context.new_page()
    agent.goto(f"{live_server}/auth/login")
    tab_to(agent, agent.get_by_label("Email"))
    agent.keyboard.type("agent@example.com")
    agent.keyboard.press("Tab")
    agent.keyboard.type("correct horse")
    agent.keyboard.press("Enter")
    expect(agent.locator("h1", has_text="Dashboard")).to_be_visible()

    tab_to(agent, agent.get_by_role("link", name="Tickets").first)
    assert_focus_visible(agent)
    agent.keyboard.press("Enter")
    ticket = agent.get_by_role("link", name="Where is my parcel?")
    tab_to(agent, ticket)
    assert_focus_visible(agent)
    agent.keyboard.press("Enter")
    expect(agent.locator(".staff-thread").first).to_contain_text("Orders > Track parcel")

    tab_to(agent, agent.get_by_label(re.compile("Reply to the customer")))
    agent.keyboard.type("Hi, Sam here: it ships today.")
    tab_to(agent, agent.get_by_role("button", name="Send reply", exact=True))
    assert_focus_visible(agent)
    agent.keyboard.press("Enter")
    expect(agent.locator(".alert").first).to_contain_text("Reply sent to the customer's chat.")
    staff_reply = page.locator("#messages[aria-live=polite] .from-staff")
    expect(staff_reply).to_contain_text("Hi, Sam here: it ships today.")
    context.close()
