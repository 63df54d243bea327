"""Fixtures: the app on SQLite (or PostgreSQL with TEST_DATABASE_URL), a local model
server, real Redis for the queue, and a `customer` that chats through HTTP."""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import pytest
from jinja2 import StrictUndefined
from playwright.sync_api import sync_playwright
from redis import Redis
from rq import Queue
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from tests.factories import make_faq, make_staff
from tests.model_server import ModelServer

# e.g. TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test (.ci/run sets it)
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).parents[1]
# Tests never read the repo's instance/ folder (where `make run` keeps a SECRET_KEY and
# its database): every app here, workers included, gets an empty one of its own.
os.environ["INSTANCE_PATH"] = tempfile.mkdtemp(prefix="portal-tests-instance-")


DATA = ROOT / "tests" / "data"  # what the tests read, with licences (its README)


def pytest_configure(config):
    config.addinivalue_line("markers", "app_config(**settings): settings for the app fixture")


@pytest.fixture(scope="session")
def model_server():
    server = ModelServer().start()
    yield server
    server.stop()


@pytest.fixture
def database_url(tmp_path):
    return TEST_DATABASE_URL or f"sqlite:///{tmp_path / 'portal.db'}"


@pytest.fixture
def app_settings(request, database_url, model_server):
    """The test app's settings; a test changes them with @pytest.mark.app_config(...)."""
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "REDIS_URL": None,
        "OPENAI_API_KEY": "test-key",
        "OPENAI_BASE_URL": model_server.url,
        "BUSINESS_NAME": "Trailhead Outfitters",
        "BUSINESS_DESCRIPTION": "An online shop for hiking and camping gear.",
        # A person is always there unless a test says otherwise (results must not
        # depend on the hour the tests run).
        "BUSINESS_HOURS": "24/7",
        # Limits and budgets would stop tests that chat a lot from one place; the tests
        # of limits and budgets set their own.
        "CHAT_LIMIT_PER_SESSION": "1000 per minute",
        "NEW_CHATS_PER_IP": "1000 per minute",
        "ESCALATIONS_PER_SESSION": "1000 per minute",
        "ESCALATIONS_PER_IP": "1000 per minute",
        "SESSION_TOKEN_BUDGET": 0,
        "DAILY_TOKEN_BUDGET": 0,
    }
    # Module markers first, then the test's own, so the closest setting wins.
    for marker in reversed(list(request.node.iter_markers("app_config"))):
        settings.update(marker.kwargs)
    return settings


@pytest.fixture
def app(app_settings, model_server):
    model_server.reset()
    app = create_app(app_settings)
    app.jinja_env.undefined = StrictUndefined  # a missing template variable fails the test
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def redis_url():
    """A real Redis database of its own, emptied for each test."""
    connection = Redis.from_url(TEST_REDIS_URL)
    try:
        connection.ping()
    except Exception as error:  # a missing service must fail loudly, not skip
        pytest.fail(f"Redis is needed at {TEST_REDIS_URL}: {error}")
    connection.flushdb()
    yield TEST_REDIS_URL
    connection.flushdb()


# Every back-office list (Flask-Admin endpoints), for the tests that visit them all;
# test_admin.py checks it names every registered one, so a new view cannot be missed.
ADMIN_LIST_VIEWS = (
    "ticket",
    "conversation",
    "faq",
    "draft",
    "categorykeywords",
    "unanswered",
    "flagged",
    "staff",
    "site",
    "apikey",
)

TEST_QUEUE = "test-replies"

# For modules whose replies go through RQ on the real Redis (its own database and queue).
THROUGH_RQ = [
    pytest.mark.app_config(REDIS_URL=TEST_REDIS_URL, RQ_QUEUE=TEST_QUEUE),
    pytest.mark.usefixtures("redis_url"),
]


@pytest.fixture
def queue(redis_url):
    return Queue(TEST_QUEUE, connection=Redis.from_url(redis_url))


class StaffAuth:
    """Logs a member of staff in and out through the login form, as a browser would."""

    def __init__(self, client):
        self.client = client

    def login(
        self, email: str = "agent@example.com", password: str = "correct horse", next_url: str = ""
    ):
        url = "/auth/login" + (f"?next={next_url}" if next_url else "")
        token = csrf_token_in(self.client.get("/auth/login").get_data(as_text=True))
        return self.client.post(
            url, data={"email": email, "password": password, "csrf_token": token}
        )

    def csrf_token(self, url: str = "/admin/") -> str:
        return csrf_token_in(self.client.get(url).get_data(as_text=True))


@pytest.fixture
def auth(client):
    return StaffAuth(client)


@pytest.fixture
def agent(auth):
    """Signed in as an agent: answers tickets and edits FAQs, deletes nothing."""
    make_staff("agent@example.com", is_admin=False)
    auth.login("agent@example.com")
    return auth


@pytest.fixture
def admin(auth):
    """Signed in as an admin: deletes, imports FAQ files, manages staff and sites."""
    make_staff("boss@example.com", is_admin=True)
    auth.login("boss@example.com")
    return auth


class Customer:
    """A browser's side of the chat: keeps the token it is given and sends it as htmx does."""

    def __init__(self, client):
        self.client = client
        self.token: str | None = None

    def headers(self, htmx: bool = True) -> dict:
        headers = {"HX-Request": "true"} if htmx else {}
        if self.token:
            headers["X-Chat-Token"] = self.token
        return headers

    def send(self, text: str, htmx: bool = True):
        response = self.client.post(
            "/chat/messages", data={"message": text}, headers=self.headers(htmx)
        )
        self.token = response.headers.get("X-Chat-Token") or self.token
        return response

    def poll(self, message_id: int, htmx: bool = True):
        return self.client.get(f"/chat/messages/{message_id}", headers=self.headers(htmx))

    def thread(self, htmx: bool = True):
        return self.client.get("/chat/thread", headers=self.headers(htmx))

    def stream(self, message_id: int, last_event_id: str | None = None) -> list[tuple[str, str]]:
        """Read a reply's event stream to its end, as chat.js does: [(event, data), ...]."""
        headers = self.headers(htmx=False)
        if last_event_id:
            headers["Last-Event-ID"] = last_event_id
        response = self.client.get(f"/chat/messages/{message_id}/stream", headers=headers)
        assert response.status_code == 200, response.status_code
        assert response.mimetype == "text/event-stream"
        return parse_events(response.get_data(as_text=True))

    def ask(self, text: str) -> str:
        """Send a message, read its reply's stream, return the final reply's HTML."""
        sent = self.send(text)
        assert sent.status_code == 200, sent.get_data(as_text=True)
        reply_id = pending_reply_id(sent.get_data(as_text=True))
        events = self.stream(reply_id)
        assert events[-1][0] == "end", events
        return self.poll(reply_id).get_data(as_text=True)


def parse_events(body: str) -> list[tuple[str, str]]:
    events = []
    for block in body.split("\n\n"):
        fields = dict(
            line.split(": ", 1) for line in block.splitlines() if not line.startswith(":")
        )
        if "event" in fields:
            events.append((fields["event"], json.loads(fields["data"])))
    return events


def worker_env(app, model_server) -> dict:
    """The environment for a `flask --app wsgi worker` process serving this test app."""
    config = app.config
    return {
        **os.environ,
        "SECRET_KEY": "worker-secret",
        "DATABASE_URL": config["SQLALCHEMY_DATABASE_URI"].replace("+psycopg", ""),
        "REDIS_URL": config["REDIS_URL"],
        "RQ_QUEUE": config["RQ_QUEUE"],
        "OPENAI_API_KEY": "test-key",
        "OPENAI_BASE_URL": model_server.url,
        "REPLY_DEADLINE_SECONDS": str(config["REPLY_DEADLINE_SECONDS"]),
        **(
            {"MAIL_SERVER": config["MAIL_SERVER"], "MAIL_PORT": str(config["MAIL_PORT"])}
            if config["MAIL_SERVER"]
            else {}
        ),
    }


_started_workers: list[subprocess.Popen] = []


def run_worker(
    app, model_server, burst: bool = True, concurrency: int = 50, **popen
) -> subprocess.Popen:
    """A real `flask --app wsgi worker` process for this test app; wait() on it."""
    args = [sys.executable, "-m", "flask", "--app", "wsgi", "worker"]
    args += ["--concurrency", str(concurrency)] + (["--burst"] if burst else [])
    worker = subprocess.Popen(args, cwd=ROOT, env=worker_env(app, model_server), **popen)
    _started_workers.append(worker)
    return worker


@pytest.fixture(autouse=True)
def _no_worker_outlives_its_test():
    """A worker left running by a failed test would take the next tests' jobs."""
    yield
    while _started_workers:
        worker = _started_workers.pop()
        if worker.poll() is None:
            worker.kill()
            worker.wait()


def sources(html: str) -> list[str]:
    """The source FAQs listed under a reply."""
    block = re.search(r'<div class="sources">.*?</div>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", block.group(0)) if block else []


def csrf_token_in(html: str) -> str:
    tag = re.search(r'<input[^>]*name="csrf_token"[^>]*>', html).group(0)
    return re.search(r'value="([^"]+)"', tag).group(1)


def pending_reply_id(html: str) -> int:
    return int(re.findall(r'data-message="/chat/messages/(\d+)"', html)[-1])


@pytest.fixture
def customer(client):
    return Customer(client)


@pytest.fixture
def chatting(customer, model_server):
    """A customer who has asked one question and had one answer ("Talk to a person" shows)."""
    make_faq("How long does shipping take?", "3-5 working days.", category="shipping")
    model_server.reply_with("Shipping takes 3-5 working days.")
    customer.ask("Where is my parcel? I ordered 3 weeks ago")
    return customer


class SmtpSink:
    """A local SMTP server that keeps what it is sent (aiosmtpd), for the email tests."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[EmailMessage] = []
        with socket.socket() as probe:  # a free port (aiosmtpd cannot report one it chose)
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = message_from_bytes(envelope.content, policy=default_policy)
        message["X-Rcpt-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 10) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    sink.controller.start()
    yield sink
    sink.controller.stop()


def mail_settings(sink: SmtpSink) -> dict:
    # Flask-Mail sends nothing under TESTING unless told to.
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": sink.port, "MAIL_SUPPRESS_SEND": False}


# Browser tests: Debian's Chromium, driven by Playwright (its own download does not work
# offline). One browser for the session; each test gets fresh contexts.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():  # a missing browser must fail loudly, in one line
        pytest.fail(f"Chromium is needed at {CHROMIUM}: apt-get install chromium", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
