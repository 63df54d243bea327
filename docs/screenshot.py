"""Take docs/chat.png: the chat answering a demo-shop question, with no model key.

Run it from the checkout, after `make test` has installed Playwright into .venv:

    .venv/bin/python docs/screenshot.py

It needs what the browser tests need, Debian's Chromium at /usr/bin/chromium
(`apt-get install chromium`), and nothing else: no Redis, no network, no API key. The app
is built in a temporary instance folder (its own SQLite file; instance/ is not touched),
given the demo FAQs, served on a free port of 127.0.0.1, and asked "What is your return
policy?" at 1280x800; the page, with the answer, its source and the related questions,
is saved over docs/chat.png.
"""

import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "chat.png"
QUESTION = "What is your return policy?"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # as tests/conftest.py launches it
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def build_app(instance: str):
    """The portal as a fresh `make run` has it: schema, demo FAQs, the offline answerer."""
    os.environ.update(INSTANCE_PATH=instance, SECRET_KEY="screenshot-only")
    for name in ("OPENAI_API_KEY", "REDIS_URL", "DATABASE_URL"):
        os.environ.pop(name, None)  # no model, replies inline, SQLite in the instance
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)  # `db upgrade` finds migrations/ here
    from app import create_app

    app = create_app()
    runner = app.test_cli_runner()
    for args in (["db", "upgrade"], ["seed-demo"]):
        result = runner.invoke(args=args)
        if result.exit_code:
            raise SystemExit(f"flask {' '.join(args)} failed:\n{result.output}")
    return app


def main() -> None:
    from playwright.sync_api import expect, sync_playwright
    from werkzeug.serving import make_server

    with tempfile.TemporaryDirectory(prefix="portal-screenshot-") as instance:
        server = make_server("127.0.0.1", 0, build_app(instance), threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(f"http://127.0.0.1:{server.port}/")
                page.get_by_label("Message").fill(QUESTION)
                page.get_by_role("button", name="Send").click()
                answer = page.locator(".from-assistant").first
                expect(answer.locator(".reply")).to_be_visible(timeout=30_000)
                expect(answer.locator(".related")).to_be_visible()
                page.get_by_label("Message").blur()  # no focus ring in the picture
                page.wait_for_load_state("networkidle")
                page.screenshot(path=OUTPUT)
                browser.close()
        finally:
            server.shutdown()
    print(f"Saved {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
