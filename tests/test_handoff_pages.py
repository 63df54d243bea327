"""Every door of "Talk to a person" answers both ways: the #handoff fragment for htmx, and
the whole page (which includes the same region) for a browser without JavaScript, whose
forms post the chat token, never put it in a URL."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Ticket
from tests.factories import make_staff

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"  # looked at by people
REGION = re.compile(r'<section id="handoff".*?</section>', re.S)


def post(customer, url: str, htmx: bool, **data):
    headers = customer.headers(htmx)
    if not htmx:  # a page without JavaScript sends its token in the form
        headers.pop("X-Chat-Token")
        data["chat_token"] = customer.token
    return customer.client.post(url, data=data, headers=headers)


def region(response) -> str:
    html = response.get_data(as_text=True)
    found = REGION.search(html)
    assert found, html
    return found.group(0)


@pytest.mark.parametrize("htmx", [True, False], ids=["fragment", "full page"])
def test_the_whole_escalation_works_both_ways(chatting, htmx):
    page = post(chatting, "/chat/handoff", htmx)
    assert page.status_code == 200
    assert ("<html" in page.get_data(as_text=True)) is not htmx
    assert "Talk to a person" in region(page)

    opened = post(chatting, "/chat/escalation/form", htmx)
    assert 'id="escalation-summary"' in region(opened)
    assert "Where is my parcel? I ordered 3 weeks ago" in region(opened)  # the last question

    refused = post(chatting, "/chat/escalation", htmx, summary="", email="not an email")
    assert refused.status_code == 422 and "form-error" in region(refused)
    assert db.session.scalars(db.select(Ticket)).all() == []

    sent = post(chatting, "/chat/escalation", htmx, summary="Parcel lost", email="")
    assert "your request number is #1" in region(sent)
    assert "Back to the assistant" in region(sent)

    back = post(chatting, "/chat/assistant", htmx)
    assert back.status_code == 200
    assert ("<html" in back.get_data(as_text=True)) is not htmx
    assert "Talk to a person" in region(back)  # the assistant has the chat again
    assert "back with the assistant" in back.get_data(as_text=True)  # and it says so


@pytest.mark.parametrize("htmx", [True, False], ids=["fragment", "full page"])
def test_a_reopened_ticket_tells_the_customer_a_person_has_them_again(chatting, auth, htmx):
    post(chatting, "/chat/escalation", htmx, summary="Parcel lost", email="")
    ticket = db.session.scalar(db.select(Ticket))
    make_staff(is_admin=False)
    auth.login()
    token = auth.csrf_token(f"/admin/ticket/details/?id={ticket.id}")
    chatting.client.post(f"/admin/ticket/resolve/?id={ticket.id}", data={"csrf_token": token})
    assert "Talk to a person" in region(post(chatting, "/chat/handoff", htmx))

    chatting.client.post(f"/admin/ticket/reopen/?id={ticket.id}", data={"csrf_token": token})
    waiting = region(post(chatting, "/chat/handoff", htmx))
    assert "You're waiting for a person</strong> (request #1)" in waiting
    assert "Back to the assistant" in waiting
    thread = chatting.thread(htmx).get_data(as_text=True)
    assert "has reopened your request #1: a person will answer you here" in thread


@pytest.mark.app_config(BUSINESS_HOURS="")  # no person in sight: the email is asked for
@pytest.mark.parametrize("htmx", [True, False], ids=["fragment", "full page"])
def test_out_of_hours_the_email_is_saved_both_ways(chatting, htmx):
    post(chatting, "/chat/escalation", htmx, summary="Parcel lost", email="")

    refused = post(chatting, "/chat/escalation/contact", htmx, email="not an email")
    assert refused.status_code == 422
    assert "Please enter a valid email address." in region(refused)
    saved = post(chatting, "/chat/escalation/contact", htmx, email="pat@example.com")
    assert saved.status_code == 200
    assert "also answer by email" in region(saved)
    assert db.session.scalar(db.select(Ticket)).contact == "pat@example.com"


def test_a_full_page_forms_carry_the_token_and_no_url_does(chatting):
    html = region(post(chatting, "/chat/escalation/form", htmx=False))
    assert f'name="chat_token" value="{chatting.token}"' in html
    assert chatting.token not in "".join(re.findall(r'(?:action|hx-get|hx-post)="([^"]*)"', html))


@pytest.mark.app_config(OPENAI_API_KEY=None)
def test_without_javascript_a_customer_reaches_a_person(runner, live_server, browser):
    """Chromium with JavaScript off: ask, then "Talk to a person", fill in, send."""
    runner.invoke(args=["seed-demo"])
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server)
    page.get_by_label("Message").fill("What is your return policy?")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".from-assistant .reply")).to_contain_text("within 30 days")

    page.get_by_role("button", name="Talk to a person").click()
    expect(page.get_by_label(re.compile("What do you need"))).to_have_value(
        "What is your return policy?"
    )
    page.get_by_role("button", name="Send to a person").click()
    expect(page.locator(".handoff-status")).to_contain_text("your request number is #1")
    assert "token" not in page.url.lower()
    page.screenshot(path=str(SCREENSHOTS / "handoff-without-javascript.png"), full_page=True)
    context.close()
