"""Take docs/screenshots/: every back-office page, as an agent and an admin see it, at
desktop (1280 px) and phone (390 px) widths.

Run it from the checkout, after `make test` has installed Playwright into .venv:

    .venv/bin/python docs/back_office_screenshots.py

Like docs/screenshot.py (whose app it builds: a temporary instance, the demo FAQs, no
Redis, no model key, nothing from instance/), with a day's work in it made through the
same doors people use: a customer asks two questions and asks for a person, others
ask what no FAQ answers, and two staff accounts exist (an admin and an agent).
Each picture is the first screen of its page, `<page>-<width>.png`.
"""

import re
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot import CHROMIUM, CHROMIUM_ARGS, ROOT, build_app  # noqa: E402

OUTPUT = ROOT / "docs" / "screenshots"
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
STAFF = {"admin": "owner@example.com", "agent": "sam@example.com"}
PASSWORD = "screenshots only"
# (file name, path, who looks at it): agents see all but the admin-only pages.
PAGES = [
    ("dashboard", "/admin/", "agent"),
    ("tickets", "/admin/ticket/", "agent"),
    ("ticket", "/admin/ticket/details/?id=1", "agent"),
    ("conversations", "/admin/conversation/", "agent"),
    ("conversation", "/admin/conversation/details/?id=1", "agent"),
    ("conversation-why", "/admin/conversation/details/?id=1", "agent"),
    ("faqs", "/admin/faq/", "agent"),
    ("faq-new", "/admin/faq/new/", "agent"),
    ("faq-import", "/admin/faq/import/", "admin"),
    ("category-keywords", "/admin/categorykeywords/", "agent"),
    ("unanswered", "/admin/unanswered/", "agent"),
    ("unanswered-groups", "/admin/unanswered/groups/", "agent"),
    ("drafts", "/admin/draft/", "agent"),
    ("flagged", "/admin/flagged/", "agent"),
    ("staff", "/admin/staff/", "admin"),
    ("sites", "/admin/site/", "admin"),
    ("api-keys", "/admin/apikey/new/", "admin"),
    ("help", "/admin/help/", "agent"),
    ("api-docs", "/api/docs", "agent"),
]


# Pages pictured with a part opened first: the element to click, shown in the picture.
OPENED = {"conversation-why": "details.why-answer > summary"}


def ask(client, text: str, token: str | None = None) -> str:
    """Send a message as the page does and read its reply's stream to the end (without
    Redis the reply is written then); the chat's token."""
    headers = {"HX-Request": "true"} | ({"X-Chat-Token": token} if token else {})
    sent = client.post("/chat/messages", data={"message": text}, headers=headers)
    token = sent.headers.get("X-Chat-Token", token)
    reply = re.findall(r'data-message="(/chat/messages/\d+)"', sent.get_data(as_text=True))[-1]
    client.get(f"{reply}/stream", headers={"X-Chat-Token": token}).get_data()
    return token


def a_days_work(app) -> None:
    """Customers and staff, through the chat's own doors and the staff command."""
    customer = app.test_client()
    token = ask(customer, "How long does shipping take?")
    ask(customer, "wheres my parcel", token)
    summary = "Ordered boots 3 weeks ago, still not here. Order #1042."
    headers = {"HX-Request": "true", "X-Chat-Token": token}
    customer.post("/chat/escalation", data={"summary": summary}, headers=headers)
    for question in (
        "What are your opening hours?",
        "What are your opening hours on Sundays?",
        "tell me a joke",
    ):
        ask(app.test_client(), question)
    runner = app.test_cli_runner()
    for role, email in STAFF.items():
        result = runner.invoke(args=["create-staff", email, f"--{role}", "--password", PASSWORD])
        if result.exit_code:
            raise SystemExit(result.output)


def log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/admin/")


def main() -> None:
    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    OUTPUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="portal-screenshots-") as instance:
        app = build_app(instance)
        a_days_work(app)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for width_name, (width, height) in WIDTHS.items():
                    for role, email in STAFF.items():
                        context = browser.new_context(viewport={"width": width, "height": height})
                        page = context.new_page()
                        log_in(page, base, email)
                        for name, path, who in PAGES:
                            if who == role:
                                page.goto(base + path)
                                page.wait_for_load_state("networkidle")
                                if name in OPENED:
                                    page.locator(OPENED[name]).first.click()
                                    page.locator(OPENED[name]).first.scroll_into_view_if_needed()
                                page.screenshot(path=OUTPUT / f"{name}-{width_name}.png")
                        context.close()
                browser.close()
        finally:
            server.shutdown()
    print(f"Saved {len(PAGES) * len(WIDTHS)} pictures in {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
