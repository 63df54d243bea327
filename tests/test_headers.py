"""Security headers on every response, the locked htmx config, the staff cookies, and a
real Chromium proving the Content-Security-Policy breaks no page."""

import json
import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import ChatSession, Faq, Role, Site
from app.support import escalation
from tests.factories import make_chat, make_faq, make_message, make_staff

SHOP = "https://shop.example.com"
PAGES = ["/", "/auth/login", "/no-such-page"]  # every HTML page built on base.html
OTHER = ["/api/openapi.json", "/healthz", "/widget.js", "/static/css/portal.css", "/admin/"]


def policy(response) -> dict[str, str]:
    """The Content-Security-Policy as {directive: sources}."""
    header = response.headers["Content-Security-Policy"]
    pairs = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {pair[0]: pair[1] if len(pair) > 1 else "" for pair in pairs}


def assert_strict(directives: dict[str, str]) -> None:
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["form-action"] == "'self'"
    text = " ".join(directives.values())
    assert "unsafe-inline" not in text and "unsafe-eval" not in text and "data:" not in text


@pytest.fixture
def site(app):
    site = Site(name="Shop", allowed_origins=SHOP)
    db.session.add(site)
    db.session.commit()
    return site


@pytest.mark.parametrize("path", PAGES + OTHER)
def test_every_response_carries_the_strict_policy_and_refuses_framing(client, path):
    response = client.get(path)
    directives = policy(response)
    assert_strict(directives)
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in response.headers  # plain http in dev


def test_the_embed_page_has_the_same_policy_framed_by_its_site_only(client, site):
    response = client.get(f"/embed/{site.key}")
    assert response.status_code == 200
    directives = policy(response)
    assert_strict(directives)
    assert directives["frame-ancestors"] == SHOP
    assert "X-Frame-Options" not in response.headers


def test_chat_fragments_and_api_answers_carry_it_too(client, customer):
    sent = customer.send("Hello")
    assert_strict(policy(sent))
    api = client.post("/api/chat/", json={"message": "Hello"})
    assert_strict(policy(api))
    assert policy(api)["frame-ancestors"] == "'none'"


def htmx_config(html: str) -> dict:
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)
    assert meta, "a page that loads htmx must lock its config"
    return json.loads(meta.group(1))


def test_every_page_that_loads_htmx_locks_its_config_and_has_no_inline_script(client, site):
    for path in [*PAGES, f"/embed/{site.key}"]:
        html = client.get(path).get_data(as_text=True)
        assert "htmx-2.0.11.min.js" in html, path
        config = htmx_config(html)
        assert config["selfRequestsOnly"] is True
        assert config["allowScriptTags"] is False
        assert config["allowEval"] is False
        assert config["historyCacheSize"] == 0  # no transcripts in localStorage
        assert config["includeIndicatorStyles"] is False  # no inline <style>
        scripts = re.findall(r"<script[^>]*>", html)
        assert scripts and all(" src=" in tag for tag in scripts), path
        assert " style=" not in html and " on" + "click=" not in html


def login_cookie(auth) -> str:
    make_staff()
    response = auth.login()
    assert response.status_code == 302, response.get_data(as_text=True)
    cookies = response.headers.getlist("Set-Cookie")
    return next(cookie for cookie in cookies if cookie.startswith("session="))


def test_staff_session_cookie_is_httponly_and_samesite_lax(auth):
    cookie = login_cookie(auth)
    assert "; HttpOnly" in cookie
    assert "; SameSite=Lax" in cookie
    assert "; Secure" not in cookie  # plain http in dev; HTTPS_ONLY turns it on


@pytest.mark.app_config(HTTPS_ONLY=True)
def test_https_only_secures_staff_cookies_and_sends_hsts(app, client, auth):
    cookie = login_cookie(auth)
    assert "; Secure" in cookie and "; HttpOnly" in cookie and "; SameSite=Lax" in cookie
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    for path in ["/", "/auth/login", "/api/openapi.json"]:
        hsts = client.get(path).headers["Strict-Transport-Security"]
        assert hsts == "max-age=31536000; includeSubDomains"


# In Chromium: every page, with what its scripts do, raises no CSP violation.

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    const { violatedDirective, blockedURI, sourceFile, lineNumber } = event;
  window.__violations.push(`${violatedDirective} ${blockedURI} ${sourceFile}:${lineNumber}`);
});
"""


class Violations:
    """CSP violations seen by a page: its events and Chromium's console errors."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.console.append(message.text)

    def check(self, where: str) -> None:
        events = self.page.evaluate("window.__violations")
        assert events == [] and self.console == [], (where, events, self.console)


@pytest.fixture
def back_office(app):
    """Staff, FAQs, a conversation with a ticket, and a site: every admin page has rows."""
    make_staff(is_admin=True)  # sees the staff and site pages too
    make_faq()
    make_faq("Do you ship abroad?", "To 20 countries.", category="shipping")
    chat, _ = make_chat()
    make_message(chat, Role.USER, "<img src=x onerror=alert(1)> where is my parcel?")
    ticket, _ = escalation.escalate(db.session.get(ChatSession, chat.id), "Parcel", None)
    db.session.add(Site(name="Shop", allowed_origins=SHOP))
    db.session.commit()
    return {"ticket": ticket.id, "chat": chat.id}


def test_no_page_breaks_the_policy_in_chromium(live_server, page, back_office, model_server):
    violations = Violations(page)
    model_server.reply_with("Standard shipping takes **3-5 working days**.")

    # The chat: load, send, watch the reply stream in, open the escalation form.
    page.goto(live_server)
    page.get_by_label("Message").fill("How long does shipping take?")
    page.get_by_label("Message").press("Enter")
    expect(page.locator(".from-assistant .reply strong")).to_have_text("3-5 working days")
    violations.check("chat")

    # Talk to a person, then delete the conversation (fragments swapped in by htmx).
    page.get_by_role("button", name="Talk to a person").click()
    page.get_by_role("button", name="Send to a person").click()
    expect(page.locator("#handoff [role=status]")).to_contain_text("your request number is")
    page.get_by_role("button", name="Delete this conversation").click()
    page.get_by_role("button", name="Delete", exact=True).click()
    expect(page.locator(".bubble")).to_have_count(0)
    violations.check("handoff and delete")

    site_key = db.session.scalar(db.select(Site.key))
    page.goto(f"{live_server}/embed/{site_key}?color=%23aa3300")
    expect(page.locator("#composer")).to_be_visible()
    violations.check("embed")

    page.goto(f"{live_server}/auth/login")
    page.get_by_label("Email").fill("agent@example.com")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("h1", has_text="Dashboard")).to_be_visible()
    violations.check("login and dashboard")

    ticket, chat = back_office["ticket"], back_office["chat"]
    faq = db.session.scalar(db.select(Faq.id))
    for path in [
        "/admin/faq/",
        f"/admin/faq/edit/?id={faq}",
        "/admin/faq/new/",
        "/admin/faq/import/",
        "/admin/ticket/",
        f"/admin/ticket/details/?id={ticket}",
        f"/admin/ticket/edit/?id={ticket}",
        "/admin/conversation/",
        f"/admin/conversation/details/?id={chat}",
        "/admin/unanswered/",
        "/admin/unanswered/groups/",
        "/admin/draft/",
        "/admin/flagged/",
        "/admin/categorykeywords/",
        "/admin/staff/",
        "/admin/site/",
        "/admin/apikey/",
        "/admin/help/",
    ]:
        response = page.goto(live_server + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        violations.check(path)

    # What the admin's scripts do on the FAQ list: add a filter, open the inline editor.
    page.goto(f"{live_server}/admin/faq/")
    page.get_by_role("link", name="Add Filter").click()
    page.locator("a.filter").first.click()
    expect(page.locator("#filter_form .filters tr")).to_have_count(1)
    page.get_by_role("button", name="Hide").first.click()
    expect(page.locator(".alert-success")).to_contain_text("hidden from the assistant")
    page.goto(f"{live_server}/admin/faq/new/")
    page.get_by_label("Category", exact=True).select_option(label="New category…")
    expect(page.get_by_label("New category name")).to_be_visible()
    violations.check("faq list and form scripts")


def open_with_selected(page) -> None:
    """Open the "With selected" menu once Bootstrap has wired it: after a delete the page
    reloads, and a click before its scripts have run opens nothing (a flaky CI run)."""
    page.wait_for_load_state("load")
    page.get_by_role("button", name="With selected").click()
    expect(page.locator("[data-model-action=delete]")).to_be_visible()


def test_admin_buttons_work_without_inline_handlers(live_server, page, back_office):
    """The delete confirmation and the bulk actions, now wired by admin.js."""
    violations = Violations(page)
    page.goto(f"{live_server}/auth/login")
    page.get_by_label("Email").fill("agent@example.com")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/admin/faq/")
    rows = page.locator("table.model-list tbody tr")
    expect(rows).to_have_count(2)

    # Dismissed confirmation: nothing deleted.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("button[title='Delete Record']").first.click()
    expect(rows).to_have_count(2)

    # Confirmed: deleted.
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("button[title='Delete Record']").first.click()
    expect(rows).to_have_count(1)

    # "With selected": nothing selected says so; a selection is acted on.
    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    open_with_selected(page)
    page.locator("[data-model-action=delete]").click()
    expect(rows).to_have_count(1)
    assert messages == ["Please select at least one record."]

    page.locator("input.action-checkbox").first.check()
    page.once("dialog", lambda dialog: dialog.accept())
    open_with_selected(page)
    page.locator("[data-model-action=delete]").click()
    expect(page.locator("table.model-list tbody tr td")).to_contain_text(["There are no items"])
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(Faq)) == 0
    violations.check("admin buttons")
