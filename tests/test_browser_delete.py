"""The customer deletes their conversation, in headless Chromium: on the support page and
in the widget on another site (whose page keeps the token)."""

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import ChatSession, Message, Site
from tests.test_browser_widget import HostSite, snippet


def chat_sessions() -> list[int]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(ChatSession.id)))


def test_customer_deletes_the_conversation_after_confirming(live_server, page, model_server):
    model_server.reply_with("Our tents are waterproof to 3000 mm.")
    page.goto(live_server)
    delete = page.get_by_role("button", name="Delete this conversation")
    expect(delete).to_be_hidden()  # nothing to delete yet

    page.get_by_label("Message").fill("Are your tents waterproof? My card is on file.")
    page.get_by_label("Message").press("Enter")
    expect(page.locator(".from-assistant .reply")).to_contain_text("3000 mm")
    first_token = page.evaluate("localStorage.getItem('support-chat-token')")

    delete.click()  # first the confirmation, in place; "Keep it" changes nothing
    expect(page.get_by_text("Delete this conversation?")).to_be_visible()
    page.get_by_role("button", name="Keep it").click()
    expect(page.locator(".bubble")).to_have_count(2)

    delete.click()
    page.get_by_role("button", name="Delete", exact=True).click()
    expect(
        page.get_by_role("status").filter(has_text="Your conversation was deleted.")
    ).to_be_visible()
    expect(page.locator(".bubble")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('support-chat-token')") is None
    assert chat_sessions() == []
    assert db.session.scalar(db.select(db.func.count()).select_from(Message)) == 0

    page.reload()
    expect(page.locator("#thread[hx-get]")).to_have_count(0)  # the thread has loaded
    expect(page.locator(".bubble")).to_have_count(0)

    page.get_by_label("Message").fill("A new question")
    page.get_by_label("Message").press("Enter")
    expect(page.locator(".from-customer")).to_have_count(1)
    expect(page.locator(".from-assistant:not(.pending)")).to_have_count(1)
    assert len(chat_sessions()) == 1
    new_token = page.evaluate("localStorage.getItem('support-chat-token')")
    assert new_token and new_token != first_token


@pytest.fixture
def host_site():
    site = HostSite()
    yield site
    site.stop()


def test_deleting_in_the_widget_makes_the_host_page_forget_the_chat(
    live_server, host_site, browser
):
    site = Site(name="Shop", allowed_origins=host_site.url)
    db.session.add(site)
    db.session.commit()
    host_site.html = snippet(live_server, site.key)
    context = browser.new_context()
    page = context.new_page()
    page.goto(host_site.url)
    page.get_by_role("button", name="Chat with us").click()
    chat = page.frame_locator(f"#support-widget-{site.key}-frame")
    chat.get_by_label("Message").fill("Hello from the widget")
    chat.get_by_role("button", name="Send").click()
    expect(chat.locator(".from-assistant:not(.pending)")).to_have_count(1)

    chat.get_by_role("button", name="Delete this conversation").click()
    chat.get_by_role("button", name="Delete", exact=True).click()
    expect(chat.get_by_text("Your conversation was deleted.")).to_be_visible()
    expect(chat.locator(".bubble")).to_have_count(0)
    key = f"support-widget-token:{site.key}"
    page.wait_for_function(f"!localStorage.getItem({key!r})")  # the host page forgot it

    page.reload()
    chat = page.frame_locator(f"#support-widget-{site.key}-frame")
    expect(chat.locator("#thread[hx-get]")).to_have_count(0)
    expect(chat.locator(".bubble")).to_have_count(0)
    assert chat_sessions() == []
    context.close()
