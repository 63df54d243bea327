"""/metrics, as Prometheus scrapes it: behind its token, counting what chats do.

In this process the app counts in memory, shared by every test here, so each test reads
the change its own actions made. The last tests run production's shape: gunicorn
(gunicorn.conf.py) and a `flask --app wsgi worker` process sharing PROMETHEUS_MULTIPROC_DIR,
one scrape adding up every process.
"""

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import (
    ROOT,
    TEST_QUEUE,
    THROUGH_RQ,
    pending_reply_id,
    run_worker,
    worker_env,
)
from tests.factories import make_faq
from tests.model_server import Fault

TOKEN = "metrics-token-for-tests-0123456789"
BEARER = {"Authorization": f"Bearer {TOKEN}"}

pytestmark = pytest.mark.app_config(METRICS_TOKEN=TOKEN)


def parse(text: str) -> dict[tuple, float]:
    """{(sample name, ((label, value), ...)): value} from the exposition text."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def scrape(client) -> dict[tuple, float]:
    response = client.get("/metrics", headers=BEARER)
    assert response.status_code == 200, response.status_code
    assert response.content_type.startswith("text/plain; version=")
    return parse(response.get_data(as_text=True))


def value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


class Change:
    """What one test's actions added to the counters."""

    def __init__(self, client) -> None:
        self.client = client
        self.before = scrape(client)
        self.after: dict = {}

    def read(self) -> "Change":
        self.after = scrape(self.client)
        return self

    def __call__(self, name: str, **labels) -> float:
        return value(self.after, name, **labels) - value(self.before, name, **labels)


# The door -------------------------------------------------------------------------------


@pytest.mark.app_config(METRICS_TOKEN=None)
def test_without_a_token_setting_there_is_no_metrics_page(client):
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers=BEARER).status_code == 404


@pytest.mark.parametrize(
    "header",
    [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer "],
    ids=["none", "wrong", "not-bearer", "longer", "empty"],
)
def test_metrics_refuse_a_request_without_the_token(client, header):
    response = client.get("/metrics", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "portal_" not in response.get_data(as_text=True)


# What a chat turn counts ---------------------------------------------------------------


def test_a_chat_turn_through_the_model_counts_its_reply_latency_tokens_and_cost(
    client, customer, model_server
):
    make_faq("How long does shipping take?", "3-5 working days.", category="shipping")
    change = Change(client)
    model_server.pace(ttft=0.3)
    question = "How long does shipping to Kirkwall take?"
    model_server.reply_with("Shipping takes 3-5 working days.")

    assert "Shipping takes 3-5 working days." in customer.ask(question)

    change.read()
    assert change("portal_replies_total", status="done", failure="none", answerer="model") == 1
    assert change("portal_model_time_to_first_token_seconds_count") == 1
    # The model server waited 0.3 s before its first word (how much longer depends on
    # the machine's load: no upper bound is asserted).
    assert change("portal_model_time_to_first_token_seconds_bucket", le="0.25") == 0
    assert change("portal_model_time_to_first_token_seconds_sum") >= 0.3
    assert change("portal_model_time_to_first_token_seconds_sum") >= 0.3
    assert change("portal_model_reply_seconds_count") == 1
    prompt = change("portal_model_tokens_total", model="gpt-4o-mini", kind="prompt")
    completion = change("portal_model_tokens_total", model="gpt-4o-mini", kind="completion")
    assert prompt > 0 and completion > 0
    # MODEL_PRICES' default: gpt-4o-mini=0.15/0.60 dollars per million tokens.
    expected = (prompt * 0.15 + completion * 0.60) / 1_000_000
    assert change("portal_model_cost_dollars_total", model="gpt-4o-mini") == pytest.approx(expected)
    assert change("portal_model_errors_total", kind="server") == 0
    # Nothing the customer wrote, nor their chat token, is ever a label or a value.
    text = client.get("/metrics", headers=BEARER).get_data(as_text=True)
    assert "Kirkwall" not in text and customer.token not in text


def test_model_errors_are_counted_by_kind_with_their_retries(client, customer, model_server):
    change = Change(client)
    model_server.fail_with(Fault.server_error(503), Fault.rate_limited(retry_after=0))
    customer.ask("Do you ship to Norway?")  # two failures, then the answer
    model_server.fail_with(Fault.unauthorized())
    customer.ask("And to Iceland?")  # not retried: the reply ends unavailable

    change.read()
    assert change("portal_model_errors_total", kind="server") == 1
    assert change("portal_model_errors_total", kind="rate_limit") == 1
    assert change("portal_model_errors_total", kind="auth") == 1
    assert change("portal_model_retries_total") == 2
    assert change("portal_replies_total", status="done", failure="none", answerer="model") == 1
    # Unavailable: the customer got the FAQs' own answer ("I don't know": none match).
    assert (
        change("portal_replies_total", status="failed", failure="unavailable", answerer="offline")
        == 1
    )


def test_a_stream_cut_midway_counts_as_interrupted(client, customer, model_server):
    change = Change(client)
    model_server.reply_with(Fault.cut_stream("Our tents are all waterproof to 3000 mm.", 3))
    customer.ask("Are the tents waterproof?")

    change.read()
    assert change("portal_model_errors_total", kind="interrupted") == 1
    assert (
        change("portal_replies_total", status="failed", failure="interrupted", answerer="model")
        == 1
    )


@pytest.mark.app_config(OPENAI_API_KEY=None)
def test_unanswered_questions_and_escalations_are_counted(client, customer):
    change = Change(client)
    customer.ask("Can you write me a poem about otters?")  # no FAQ: "I don't have an answer"
    escalated = client.post(
        "/chat/escalation",
        data={"summary": "I need a person", "email": ""},
        headers=customer.headers(),
    )
    assert escalated.status_code == 200
    # Asking again finds the same ticket: one escalation.
    client.post("/chat/escalation", data={"summary": "Again"}, headers=customer.headers())

    change.read()
    assert change("portal_unanswered_questions_total") == 1
    assert change("portal_replies_total", status="done", failure="none", answerer="offline") == 1
    assert change("portal_escalations_total") == 1


@pytest.mark.app_config(CHAT_LIMIT_PER_SESSION="1 per minute")
def test_rate_limit_refusals_are_counted_by_view(client, customer):
    change = Change(client)
    customer.ask("First question")  # opens the chat, whose messages count from then on
    assert customer.send("Second question").status_code == 200
    assert customer.send("Third question").status_code == 429
    assert customer.send("Fourth question").status_code == 429

    change.read()
    assert change("portal_rate_limit_refusals_total", endpoint="chat.send") == 2


# Queue gauges, read at scrape time ------------------------------------------------------


@THROUGH_RQ[0]
@THROUGH_RQ[1]
def test_queue_depth_and_the_oldest_pending_reply_are_read_when_scraped(
    app, client, customer, model_server
):
    sent = customer.send("Is the Ridge tent in stock?")
    pending_reply_id(sent.get_data(as_text=True))
    time.sleep(1.1)

    waiting = scrape(client)
    assert value(waiting, "portal_queue_jobs", queue=TEST_QUEUE, state="queued") == 1
    assert value(waiting, "portal_pending_replies") == 1
    assert value(waiting, "portal_oldest_pending_reply_seconds") >= 1
    assert value(waiting, "portal_workers_alive", queue=TEST_QUEUE) == 0
    assert value(waiting, "portal_dependency_up", dependency="redis") == 1
    assert value(waiting, "portal_dependency_up", dependency="database") == 1

    assert run_worker(app, model_server).wait(timeout=60) == 0

    done = scrape(client)
    assert value(done, "portal_queue_jobs", queue=TEST_QUEUE, state="queued") == 0
    assert value(done, "portal_pending_replies") == 0
    assert value(done, "portal_oldest_pending_reply_seconds") == 0


@pytest.mark.app_config(REDIS_URL="redis://127.0.0.1:9/0")
def test_a_scrape_with_redis_down_still_answers_and_says_so(client):
    samples = scrape(client)
    assert value(samples, "portal_dependency_up", dependency="redis") == 0
    assert value(samples, "portal_dependency_up", dependency="database") == 1


# Production's shape: gunicorn and a worker process, one metrics directory ---------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Http:
    """Plain HTTP to a server this test started, as a browser or Prometheus would."""

    def __init__(self, base: str) -> None:
        self.base = base

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def metrics_dir(tmp_path, monkeypatch) -> Path:
    """The directory web and worker processes share; workers started here inherit it."""
    path = tmp_path / "metrics"
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(path))
    return path


@pytest.fixture
def gunicorn(app, model_server, metrics_dir):
    """`gunicorn -c gunicorn.conf.py wsgi:app`, as production runs it (two gevent workers)."""
    port = free_port()
    env = {
        **worker_env(app, model_server),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "METRICS_TOKEN": TOKEN,
        "BUSINESS_HOURS": "24/7",
    }
    args = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
    server = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    http = Http(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 60
    while True:
        try:
            if http.request("/healthz")[0] == 200:
                break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"gunicorn did not start: {server.stderr.read().decode()[-3000:]}")
        time.sleep(0.2)
    yield server, http
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@THROUGH_RQ[0]
@THROUGH_RQ[1]
def test_one_scrape_of_gunicorn_adds_up_its_workers_and_the_rq_worker(
    app, model_server, gunicorn, metrics_dir
):
    server, http = gunicorn
    status, _, _ = http.request("/metrics")
    assert status == 401
    _, _, text = http.request("/metrics", headers=BEARER)
    assert "portal_replies_total" not in text  # a new directory: nothing counted yet

    # Two customers' turns through HTTP (perhaps one to each web worker); the replies
    # wait for a worker.
    htmx = {"HX-Request": "true"}
    status, headers, html = http.request("/chat/messages", {"message": "Hi, any tents?"}, htmx)
    assert status == 200, html
    reply_id = pending_reply_id(html)
    chat = {**htmx, "X-Chat-Token": headers["X-Chat-Token"]}
    assert http.request("/chat/messages", {"message": "Hello?"}, htmx)[0] == 200
    _, _, text = http.request("/metrics", headers=BEARER)
    waiting = parse(text)
    assert value(waiting, "portal_queue_jobs", queue=TEST_QUEUE, state="queued") == 2
    assert value(waiting, "portal_pending_replies") == 2
    assert value(waiting, "portal_workers_alive", queue=TEST_QUEUE) == 0

    # One text for both: the worker writes the two replies at once, in either order.
    model_server.reply_with("We have three tents.", "We have three tents.")
    assert run_worker(app, model_server).wait(timeout=60) == 0
    assert "We have three tents." in http.request(f"/chat/messages/{reply_id}", headers=chat)[2]
    summary = {"summary": "A person please", "email": ""}
    assert http.request("/chat/escalation", summary, chat)[0] == 200

    _, _, text = http.request("/metrics", headers=BEARER)
    after = parse(text)
    # The worker process's counts, through the web tier's scrape, beside the web's own.
    done = {"status": "done", "failure": "none", "answerer": "model"}
    assert value(after, "portal_replies_total", **done) == 2
    assert value(after, "portal_model_time_to_first_token_seconds_count") == 2
    assert value(after, "portal_model_tokens_total", model="gpt-4o-mini", kind="prompt") > 0
    assert value(after, "portal_escalations_total") == 1
    assert value(after, "portal_pending_replies") == 0
    assert "tents" not in text and chat["X-Chat-Token"] not in text
    # Every process wrote files of its own, named by host and pid: two web workers (and
    # the worker, whose files outlive it).
    names = sorted(p.name for p in metrics_dir.iterdir())
    assert len({name.rsplit("-", 1)[1] for name in names}) >= 3, names
    assert all(name.startswith(("counter_", "histogram_")) for name in names), names


def test_gunicorn_marks_a_dead_worker_by_the_name_its_files_have(tmp_path, monkeypatch):
    """child_exit (gunicorn.conf.py) names a process's files as app/metrics.py does, so a
    dead web worker's live gauges leave /metrics' sums."""
    import runpy
    from types import SimpleNamespace

    from app.metrics import process_id

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    live = tmp_path / f"gauge_livesum_{process_id(4321)}.db"
    other = tmp_path / f"gauge_livesum_{process_id(1234)}.db"
    live.write_bytes(b""), other.write_bytes(b"")

    conf["child_exit"](None, SimpleNamespace(pid=4321))

    assert not live.exists() and other.exists()
