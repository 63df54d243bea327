"""The reply pipeline on a real Redis with real RQ workers."""

import os
import signal
import time
from pathlib import Path

import pytest
from rq import Queue, SimpleWorker
from rq.job import Job

from app import jobs
from app.extensions import db
from app.models import Message, Role, Status
from tests.conftest import THROUGH_RQ, Customer, pending_reply_id, run_worker

pytestmark = THROUGH_RQ


def work(queue: Queue) -> None:
    SimpleWorker([queue], connection=queue.connection).work(burst=True)


def replies() -> list[Message]:
    return list(db.session.scalars(db.select(Message).filter_by(role=Role.ASSISTANT)))


def test_reply_is_queued_with_explicit_job_settings_and_worked_by_rq(customer, model_server, queue):
    sent = customer.send("How long does shipping take?")
    reply_id = pending_reply_id(sent.get_data(as_text=True))

    job = Job.fetch(f"reply-{reply_id}", connection=queue.connection)
    assert job.func_name == "app.jobs.replies.generate_reply"
    assert job.args == (reply_id,)
    assert job.timeout == 60 + 10  # the reply deadline, plus room to store the outcome
    assert job.result_ttl == 600
    assert job.failure_ttl == 7 * 24 * 3600
    # The web request did not call the model; the page keeps polling.
    assert model_server.requests == []
    assert "The assistant is typing" in customer.poll(reply_id).get_data(as_text=True)

    work(queue)

    html = customer.poll(reply_id).get_data(as_text=True)
    assert "Thanks for your question: How long does shipping take?" in html
    assert len(model_server.requests) == 1


def test_same_reply_queued_twice_calls_the_model_once(app, customer, model_server, queue):
    reply_id = pending_reply_id(customer.send("Do you sell gift cards?").get_data(as_text=True))
    jobs.enqueue_reply(reply_id)
    queue.enqueue(jobs.generate_reply, reply_id)  # a stray duplicate with another job id

    work(queue)

    assert len(model_server.requests) == 1
    assert [(r.status, r.content) for r in replies()] == [
        (Status.DONE, "Thanks for your question: Do you sell gift cards?")
    ]


@pytest.mark.parametrize("concurrency", [1, 50], ids=["forking-worker", "gevent-worker"])
def test_a_separate_flask_worker_process_produces_the_reply(
    app, customer, model_server, concurrency
):
    reply_id = pending_reply_id(customer.send("Are your tents waterproof?").get_data(as_text=True))
    model_server.reply_with("Yes: 3000 mm flysheets.")

    assert run_worker(app, model_server, concurrency=concurrency).wait(timeout=60) == 0

    assert "Yes: 3000 mm flysheets." in customer.poll(reply_id).get_data(as_text=True)
    assert model_server.customer_message()["content"] == "Are your tents waterproof?"


@pytest.mark.parametrize("concurrency", [1, 50], ids=["forking-worker", "gevent-worker"])
def test_a_running_worker_lets_the_web_tier_go_first(app, customer, model_server, concurrency):
    """Workers run WORKER_NICE (10) nicer than they were started, and still answer."""
    reply_id = pending_reply_id(customer.send("Do you repair zips?").get_data(as_text=True))
    model_server.reply_with("Yes, for free within a year.")
    worker = run_worker(app, model_server, burst=False, concurrency=concurrency)
    try:
        deadline = time.monotonic() + 60
        while "for free within a year" not in customer.poll(reply_id).get_data(as_text=True):
            assert worker.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        assert os.getpriority(os.PRIO_PROCESS, worker.pid) == min(os.nice(0) + 10, 19)
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.mark.skipif(
    not Path("/proc/self/autogroup").exists(), reason="the kernel groups no tasks by session"
)
@pytest.mark.parametrize("concurrency", [1, 50], ids=["forking-worker", "gevent-worker"])
def test_a_worker_in_a_session_of_its_own_makes_the_whole_session_nicer(
    app, model_server, concurrency
):
    """Between sessions the kernel shares the CPU first; a worker's own niceness would count
    only inside its session, and under load it took the CPU the web tier needed."""
    worker = run_worker(
        app, model_server, burst=False, concurrency=concurrency, start_new_session=True
    )
    try:
        group = Path(f"/proc/{worker.pid}/autogroup")
        deadline = time.monotonic() + 60
        while not group.read_text().rstrip().endswith(" nice 10"):
            assert worker.poll() is None and time.monotonic() < deadline, group.read_text()
            time.sleep(0.2)
    finally:
        # Its whole session at once: a worker stopped while still starting may wait out
        # a dequeue before it sees a SIGTERM, and the gevent worker runs as a child.
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)


@pytest.mark.app_config(REDIS_URL="redis://127.0.0.1:1/0")
def test_redis_down_keeps_the_message_and_never_errors(customer, model_server):
    response = customer.send("Is anyone there?")

    assert response.status_code == 200
    assert "The assistant is typing" in response.get_data(as_text=True)
    saved = db.session.scalars(db.select(Message).order_by(Message.id)).all()
    assert [(m.role, m.content, m.status) for m in saved] == [
        ("user", "Is anyone there?", "done"),
        ("assistant", "", "pending"),
    ]


def test_worker_command_needs_redis(runner, app):
    app.config["REDIS_URL"] = None
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code != 0
    assert "REDIS_URL is not set" in result.output


def test_one_gevent_worker_streams_many_replies_at_once(app, client, model_server):
    model_server.pace(ttft=2.0, tokens_per_second=20)  # a wide window, even on a busy machine
    reply_ids = []
    for n in range(10):
        sent = Customer(client).send(f"Customer {n} asks about returns")
        reply_ids.append(pending_reply_id(sent.get_data(as_text=True)))

    assert run_worker(app, model_server, concurrency=10).wait(timeout=60) == 0

    assert {r.status for r in replies()} == {"done"} and len(replies()) == 10
    # All ten model calls were in flight together: each began before any ended.
    first_end = min(t.finished_at for t in model_server.timings)
    assert all(t.received_at < first_end for t in model_server.timings)


def test_a_warm_shutdown_finishes_the_replies_in_flight_then_exits(app, client, model_server):
    """SIGTERM (a deploy, a scale-down) mid-stream: every reply completes, the worker exits."""
    # Ten long, fast replies keep the worker busy in their own code, where a signal
    # handled in place (as RQ does) would land and fail one of them.
    answer = "Refunds take five working days. " * 100
    model_server.reply_with(*[answer] * 10)
    model_server.pace(ttft=0.2, tokens_per_second=200)  # each streams for about two seconds
    for n in range(10):
        Customer(client).send(f"Customer {n} asks about refunds")
    worker = run_worker(app, model_server, burst=False, concurrency=10)
    deadline = time.monotonic() + 60
    streaming = lambda: [t.first_token_at for t in model_server.timings]  # noqa: E731
    while len(streaming()) < 10 or None in streaming():
        assert worker.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)

    worker.send_signal(signal.SIGTERM)  # the replies are streaming when it lands

    assert worker.wait(timeout=60) == 0
    db.session.expire_all()
    assert [(r.status, r.content) for r in replies()] == [("done", answer.strip())] * 10
