"""The widget on another site, in a browser that blocks third-party cookies: a host page
on one origin loads the one-line snippet from the support host on another."""

import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from app.extensions import db
from app.models import Site
from tests.factories import make_faq

# Looked at by people (git-ignored); docs/widget.png is the one the README shows.
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"
# A fresh Playwright context of Debian's Chromium blocks third-party cookies already
# (docs: RELIABILITY.md); the tests check the frame holds none of ours.


class HostSite:
    """Another origin's page carrying the snippet (a plain WSGI server of its own)."""

    def __init__(self) -> None:
        self.html = ""
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def app(self, environ, start_response):
        return Response(self.html, mimetype="text/html")(environ, start_response)

    def stop(self) -> None:
        self.server.shutdown()


@pytest.fixture
def host_site():
    site = HostSite()
    yield site
    site.stop()


@pytest.fixture
def other_site():
    site = HostSite()
    yield site
    site.stop()


def snippet(support: str, key: str) -> str:
    # The support host as "localhost": a different origin (and site) from 127.0.0.1.
    src = support.replace("127.0.0.1", "localhost") + "/widget.js"
    return (
        "<!doctype html><html><head><title>Shop</title></head><body>"
        "<h1>Our shop</h1><p>Hiking boots and tents.</p>"
        f'<script src="{src}" data-site="{key}" data-color="#8a2be2" '
        "async></script></body></html>"
    )


@pytest.mark.app_config(HANDOFF_POLL_SECONDS=1)
def test_the_widget_chats_streams_escalates_and_survives_a_reload(
    live_server,
    host_site,
    browser,
    model_server,
):
    site = Site(name="Shop", allowed_origins=host_site.url, greeting="Hello from the shop team!")
    db.session.add(site)
    db.session.commit()
    faq = make_faq("How long does shipping take?", "3-5 working days.", category="shipping")
    words = " ".join(["Shipping", "takes", "3-5", "working", "days"] * 4)
    model_server.reply_with(f"{words} [FAQ {faq.id}].")
    model_server.pace(ttft=0.2, tokens_per_second=20)
    host_site.html = snippet(live_server, site.key)

    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    page.goto(host_site.url)
    page.get_by_role("button", name="Chat with us").click()
    chat = page.frame_locator(f"#support-widget-{site.key}-frame")
    expect(chat.get_by_text("Hello from the shop team!")).to_be_visible()

    chat.get_by_label("Message").fill("How long does shipping take?")
    chat.get_by_role("button", name="Send").click()
    expect(chat.locator(".from-assistant.streaming .live-text")).not_to_be_empty()  # streaming
    expect(chat.locator(".from-assistant .reply")).to_contain_text("working days")
    expect(chat.locator(".from-assistant .sources")).to_contain_text("How long does shipping take?")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "widget.png"))

    chat.get_by_role("button", name="Talk to a person").click()
    chat.get_by_role("button", name="Send to a person").click()
    expect(chat.locator("#handoff [role=status]")).to_contain_text(
        re.compile(r"your request number is #\d+")
    )

    page.reload()  # the widget stays open and the conversation is still there
    chat = page.frame_locator(f"#support-widget-{site.key}-frame")
    expect(chat.locator(".from-customer")).to_contain_text("How long does shipping take?")
    expect(chat.locator(".from-assistant .reply")).to_contain_text("working days")
    expect(chat.locator("#handoff [role=status]")).to_contain_text("waiting for a person")
    assert context.cookies() == []  # nothing of ours needed a cookie
    page.get_by_role("button", name="Close chat").click()
    expect(page.locator(f"#support-widget-{site.key}-frame")).to_be_hidden()
    context.close()


def test_a_site_that_is_not_allowed_cannot_frame_the_chat(
    live_server,
    host_site,
    other_site,
    browser,
):
    site = Site(name="Shop", allowed_origins=host_site.url)
    db.session.add(site)
    db.session.commit()
    other_site.html = snippet(live_server, site.key)

    context = browser.new_context()
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text))
    page.goto(other_site.url)
    page.get_by_role("button", name="Chat with us").click()
    frame = page.frame_locator(f"#support-widget-{site.key}-frame")
    expect(frame.locator("#composer")).to_have_count(0)
    page.wait_for_timeout(500)
    assert any("frame-ancestors" in text or "Refused" in text for text in blocked), blocked
    context.close()
