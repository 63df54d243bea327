"""WCAG 2.1 AA, checked by axe-core in Chromium: every customer page in its main states and
every back-office page has no violation (issue 22; the figures are in docs/accessibility.md).

axe-core 4.14.1 is vendored from the npm registry under tests/vendor/axe-core/ (MPL-2.0,
its LICENSE beside it). The app's Content-Security-Policy refuses inline scripts, so the
file is run through `page.evaluate`, which the policy does not govern, rather than added
to the page as a <script>: the page under test keeps its real policy."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import ChatSession, Role, Site
from app.support import escalation
from tests.conftest import ADMIN_LIST_VIEWS
from tests.factories import make_chat, make_faq, make_message, make_staff
from tests.model_server import Fault

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE = """async (tags) => {
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        count: violation.nodes.length,
        targets: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
    }));
}"""


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now: for each rule
    its id, impact, how many elements and the first three of them."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE, WCAG_21_AA)


def assert_accessible(page, where: str = "") -> None:
    violations = axe_violations(page)
    assert violations == [], (where or page.url, violations)


# The customer's side.


def thread_loaded(page) -> None:
    expect(page.locator("#thread[hx-get]")).to_have_count(0)


def ask(page, text: str) -> None:
    page.get_by_label("Message").fill(text)
    page.get_by_role("button", name="Send").click()


def test_the_empty_chat(live_server, page):
    page.goto(live_server)
    thread_loaded(page)
    assert_accessible(page)


def test_the_chat_with_a_reply_the_escalation_form_then_waiting_for_a_person(
    live_server, page, model_server
):
    model_server.reply_with("Standard shipping takes **3-5 working days**.")
    page.set_viewport_size({"width": 800, "height": 480})  # low enough for the thread to scroll
    page.goto(live_server)
    ask(page, "My parcel never arrived")
    expect(page.locator(".from-assistant .reply strong")).to_have_text("3-5 working days")

    page.get_by_role("button", name="Talk to a person").click()
    expect(page.get_by_label("What do you need help with?")).to_be_visible()
    # The thread scrolls, so axe's scrollable-region-focusable has something to check.
    assert page.evaluate(
        "(t) => t.scrollHeight > t.clientHeight", page.locator("#thread").element_handle()
    )
    assert_accessible(page, "reply and escalation form")

    page.get_by_role("button", name="Send to a person").click()
    expect(page.locator("#handoff [role=status]")).to_contain_text("your request number is")
    assert_accessible(page, "waiting for a person")


def test_the_chat_while_a_reply_streams_on_a_small_screen(live_server, page, model_server):
    """A long question on a phone while the reply is written: the thread scrolls and holds
    nothing focusable (no feedback or Retry buttons yet), so only its own tabindex lets a
    keyboard scroll it (axe's scrollable-region-focusable)."""
    model_server.pace(ttft=0.2, tokens_per_second=3)
    model_server.reply_with("Our tents have a 3000 mm flysheet and taped seams, tested in rain.")
    page.set_viewport_size({"width": 320, "height": 480})
    page.goto(live_server)
    ask(page, "I am going hiking in Scotland next month for two weeks. " * 6)
    expect(page.locator(".live-text")).not_to_be_empty()
    thread = page.locator("#thread").element_handle()
    assert page.evaluate("(thread) => thread.scrollHeight > thread.clientHeight", thread)
    assert_accessible(page, "streaming")
    expect(page.locator(".from-assistant .reply")).to_contain_text("taped seams")  # let it end


WATCH_THE_LIVE_REGION = """() => {
    window.changes = [];
    new MutationObserver((records) => records.forEach((record) => {
        const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
        const replies = [];  // assistant replies added, alone or inside a new thread
        for (const added of record.addedNodes) {
            if (added.nodeType !== 1) { continue; }
            if (added.matches("li.from-assistant")) { replies.push(added); }
            replies.push(...added.querySelectorAll("li.from-assistant"));
        }
        if (!node.closest("#messages") && !replies.length) { return; }
        window.changes.push({
            busy: Boolean(node.closest('[aria-busy="true"]')),
            added: replies.map((reply) => reply.getAttribute("aria-busy")),
        });
    })).observe(document.body, { subtree: true, childList: true, characterData: true });
}"""


def test_a_streamed_reply_is_announced_once_when_it_is_final(live_server, page, model_server):
    """The messages are a polite live region. While a reply streams, its item is aria-busy,
    which tells screen readers to hold its changes back; the final reply then replaces it
    whole, one addition to announce rather than one per word."""
    model_server.pace(ttft=0.2, tokens_per_second=10)
    model_server.reply_with("Our tents have a 3000 mm flysheet and taped seams.")
    page.goto(live_server)
    thread_loaded(page)
    expect(page.locator("#messages[aria-live=polite]")).to_have_count(1)
    page.evaluate(WATCH_THE_LIVE_REGION)

    ask(page, "Are your tents waterproof?")
    expect(page.locator(".from-assistant .reply")).to_contain_text("taped seams")

    changes = page.evaluate("window.changes")
    assert sum(change["busy"] for change in changes) >= 3  # the words came in pieces...
    added = [busy for change in changes for busy in change["added"]]
    assert added == ["true", None]  # ...inside the busy item, then the final reply once
    expect(page.locator("#messages [aria-busy]")).to_have_count(0)


@pytest.mark.parametrize(("motion", "animated"), [("reduce", False), ("no-preference", True)])
def test_the_typing_indicator_keeps_still_for_those_who_ask(
    live_server, page, model_server, motion, animated
):
    model_server.pace(ttft=1.5)  # the indicator shows while the model thinks
    page.emulate_media(reduced_motion=motion)
    page.goto(live_server)
    ask(page, "Hello?")
    dot = page.locator(".typing i").first
    expect(dot).to_be_visible()
    assert (dot.evaluate("(dot) => getComputedStyle(dot).animationName") != "none") == animated
    # The reply ends before the test does: its writer must not outlive the test's database.
    expect(page.locator(".from-assistant .reply")).to_contain_text("Thanks for your question")


@pytest.mark.app_config(REPLY_DEADLINE_SECONDS=2)
def test_the_chat_with_a_failed_reply_and_retry(live_server, page, model_server):
    model_server.reply_with(*[Fault.server_error(502)] * 50)
    page.goto(live_server)
    ask(page, "Hello?")
    expect(page.get_by_role("button", name="Retry")).to_be_visible(timeout=10_000)
    assert_accessible(page)


def test_the_chat_after_deleting_the_conversation(live_server, page, model_server):
    model_server.reply_with("Our tents are waterproof to 3000 mm.")
    page.goto(live_server)
    ask(page, "Are your tents waterproof?")
    expect(page.locator(".from-assistant .reply")).to_contain_text("3000 mm")
    page.get_by_role("button", name="Delete this conversation").click()
    expect(page.get_by_text("Delete this conversation?")).to_be_visible()
    assert_accessible(page, "delete confirmation")

    page.get_by_role("button", name="Delete", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="conversation was deleted")).to_be_visible()
    assert_accessible(page, "deleted")


def test_the_embed_page(app, live_server, page):
    site = Site(name="Shop", allowed_origins="https://shop.example.com")
    db.session.add(site)
    db.session.commit()
    page.goto(f"{live_server}/embed/{site.key}")
    expect(page.locator("#composer")).to_be_visible()
    thread_loaded(page)
    assert_accessible(page)


def test_the_login_page(live_server, page):
    page.goto(f"{live_server}/auth/login")
    assert_accessible(page)


# The back office, as an admin (who sees every page), with a row on every list.


@pytest.fixture
def back_office(app, live_server, page):
    make_staff("boss@example.com", is_admin=True)
    make_faq(category="shipping")
    make_faq("Do you ship abroad?", "To 20 countries.", category="shipping")
    chat, _ = make_chat()
    make_message(chat, Role.USER, "Where is my parcel?")
    make_message(chat, Role.ASSISTANT, "It should arrive within **3-5 working days**.")
    ticket, _ = escalation.escalate(db.session.get(ChatSession, chat.id), "Parcel", None)
    db.session.add(Site(name="Shop", allowed_origins="https://shop.example.com"))
    db.session.commit()
    ids = {"ticket": ticket.id, "chat": chat.id}

    page.goto(f"{live_server}/auth/login")
    page.get_by_label("Email").fill("boss@example.com")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("h1", has_text="Dashboard")).to_be_visible()
    return ids


def visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("load")


def test_the_dashboard(live_server, page, back_office):
    assert_accessible(page, "dashboard")


@pytest.mark.parametrize("view", ADMIN_LIST_VIEWS)
def test_every_back_office_list(live_server, page, back_office, view):
    visit(page, f"{live_server}/admin/{view}/")
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/faq/new/",
        "/admin/ticket/details/?id={ticket}",
        "/admin/conversation/details/?id={chat}",
        "/admin/help/",
    ],
)
def test_the_back_office_forms_and_pages(live_server, page, back_office, path):
    visit(page, live_server + path.format(**back_office))
    assert_accessible(page)


# Every page the app serves, found from its routes: a new page is checked by axe without
# anyone adding a test. A GET route that is no page (JSON, CSV, a fragment of the chat,
# which the chat's states above check) is listed here, so adding one is a decision.
NOT_PAGES = {
    "/admin/static/<path:filename>": "files",
    "/static/<path:filename>": "files",
    "/widget.js": "script",
    "/embed/theme.css": "stylesheet",
    "/embed/<site_key>": "checked above (test_the_embed_page)",
    "/metrics": "Prometheus text",
    "/healthz": "JSON",
    "/readyz": "JSON",
    "/api/messages": "JSON",
    "/api/messages/<int:message_id>": "JSON",
    "/api/openapi.json": "JSON",
    "/admin/faq/export.csv": "CSV",
    "/chat/delete": "chat fragment",
    "/chat/escalation": "chat fragment",
    "/chat/handoff": "chat fragment",
    "/chat/messages/<int:message_id>": "chat fragment",
    "/chat/messages/<int:message_id>/stream": "event stream",
    "/chat/thread": "chat fragment",
    "/chat/updates": "chat fragment",
}
NOT_PAGE_SUFFIXES = ("/ajax/lookup/", "/export/<export_type>/")  # JSON, CSV
ONE_ROW = ("details_view", "edit_view", "merge_view")  # pages of one row: ?id=


@pytest.fixture
def every_kind_of_row(app, back_office) -> dict[str, int]:
    """A row for each back-office view's page of one row, by view."""
    from app.models import ApiKey, CategoryKeywords, Faq, StaffUser

    faq = db.session.scalars(db.select(Faq)).first()
    draft = make_faq("Do you sell gift cards?", "Yes, from $10.", is_draft=True)
    db.session.add(CategoryKeywords(category="shipping", keywords="parcel, courier"))
    key, _ = ApiKey.make("Shop integration", "600 per minute", None)
    db.session.add(key)
    chat = db.session.get(ChatSession, back_office["chat"])
    question = make_message(chat, Role.USER, "Do you price match?")
    question.unanswered = True
    reply = make_message(chat, Role.ASSISTANT, "We match any price within $15.")
    reply.unsupported_facts = [{"text": "$15", "kind": "money", "start": 27, "end": 30}]
    db.session.commit()
    staff = db.session.scalars(db.select(StaffUser)).first()
    site = db.session.scalars(db.select(Site)).first()
    return {
        "apikey": key.id,
        "categorykeywords": db.session.scalars(db.select(CategoryKeywords.id)).first(),
        "conversation": back_office["chat"],
        "draft": draft.id,
        "faq": faq.id,
        "flagged": reply.id,
        "site": site.id,
        "staff": staff.id,
        "ticket": back_office["ticket"],
        "unanswered": question.id,
    }


def page_paths(app, rows: dict[str, int]) -> list[str]:
    paths = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if "GET" not in rule.methods or rule.rule in NOT_PAGES:
            continue
        if rule.rule.endswith(NOT_PAGE_SUFFIXES):
            continue
        assert not rule.arguments, f"{rule.rule}: a page with arguments; list it or fill them"
        view, _, kind = rule.endpoint.rpartition(".")
        path = f"{rule.rule}?id={rows[view]}" if kind in ONE_ROW else rule.rule
        if rule.endpoint == "draft.merge_view":  # a draft merged into an FAQ
            path += f"&into={rows['faq']}"
        paths.append(path)
    return paths


def test_every_page_the_app_serves(app, live_server, page, every_kind_of_row):
    failures = {}
    for path in page_paths(app, every_kind_of_row):
        response = page.goto(live_server + path)
        assert response.status == 200 and "text/html" in response.headers["content-type"], path
        page.wait_for_load_state("load")
        if violations := axe_violations(page):
            failures[path] = violations
    assert failures == {}, "\n".join(f"{path}: {found}" for path, found in failures.items())


def test_the_error_pages(live_server, page):
    response = page.goto(f"{live_server}/no-such-page")
    assert response.status == 404
    assert_accessible(page, "404")


NARROW = ["/", "/admin/", "/admin/ticket/", "/admin/faq/", "/admin/ticket/details/?id={ticket}"]


@pytest.mark.parametrize("path", NARROW)
def test_a_320_px_screen_scrolls_no_page_sideways(live_server, page, back_office, path):
    """WCAG 1.4.10 (reflow): 320 CSS px wide, as a 1280 px screen at 400% zoom."""
    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, live_server + path.format(**back_office))
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], (path, width)


def test_the_helper_reports_what_axe_finds(live_server, page):
    """The check can fail: a page without its language and with an unnamed link."""
    page.goto(f"{live_server}/auth/login")
    page.evaluate(
        """() => {
        const link = document.createElement("a");
        link.href = "/";
        link.append(document.createElement("span"));
        document.body.append(link);
        document.documentElement.removeAttribute("lang");
    }"""
    )
    found = {violation["id"]: violation for violation in axe_violations(page)}
    assert {"link-name", "html-has-lang"} <= found.keys(), found
    assert found["link-name"]["impact"] == "serious"
    assert found["link-name"]["targets"] == ["a"] and found["link-name"]["count"] == 1
