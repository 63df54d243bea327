"""Queue and worker faults on a real Redis with real worker processes."""

import os
import signal
import subprocess
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from redis import Redis
from rq import SimpleWorker

from app import jobs
from app.extensions import db
from app.models import Message, Role
from app.models.base import utcnow
from tests.conftest import THROUGH_RQ, Customer, pending_reply_id, run_worker

pytestmark = THROUGH_RQ


def replies() -> list[Message]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Message).filter_by(role=Role.ASSISTANT)))


def children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def wait_for(condition, seconds: float = 10.0) -> None:
    ends = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < ends, "timed out"
        time.sleep(0.05)


@pytest.mark.app_config(RECONCILE_AFTER_SECONDS=0)
def test_flushed_queue_is_refilled_by_the_reconciler(customer, model_server, queue, runner):
    reply_id = pending_reply_id(customer.send("Do you sell gift cards?").get_data(as_text=True))
    queue.connection.flushdb()  # Redis lost everything it held

    result = runner.invoke(args=["reconcile"])

    assert "Replies enqueued again: 1; marked failed: 0." in result.output
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    assert [(r.id, r.status) for r in replies()] == [(reply_id, "done")]
    assert len(model_server.requests) == 1


@pytest.mark.app_config(RECONCILE_AFTER_SECONDS=0)
def test_reconciler_leaves_queued_and_fresh_replies_alone(customer, app, runner):
    customer.send("Hello")
    assert (
        "Replies enqueued again: 0; marked failed: 0." in runner.invoke(args=["reconcile"]).output
    )
    app.config["RECONCILE_AFTER_SECONDS"] = 3600
    Redis.from_url(app.config["REDIS_URL"]).flushdb()
    assert "enqueued again: 0" in runner.invoke(args=["reconcile"]).output


@pytest.mark.app_config(REPLY_GIVE_UP_SECONDS=60)
def test_replies_stuck_too_long_are_failed_with_a_retry_offer(customer, queue, runner):
    reply_id = pending_reply_id(customer.send("Hello").get_data(as_text=True))
    queue.connection.flushdb()
    stuck = db.session.get(Message, reply_id)
    stuck.created_at = utcnow() - timedelta(minutes=5)  # a reply from five minutes ago
    db.session.commit()

    assert "marked failed: 1" in runner.invoke(args=["reconcile"]).output

    reply = replies()[0]
    assert (reply.status, reply.failure) == ("failed", "stalled")
    assert ">Retry</button>" in customer.poll(reply_id).get_data(as_text=True)


@pytest.mark.app_config(REPLY_DEADLINE_SECONDS=2, RECONCILE_AFTER_SECONDS=0)
def test_worker_killed_mid_reply_ends_with_exactly_one_reply(app, customer, model_server, runner):
    model_server.pace(ttft=0.2, tokens_per_second=4)
    reply_id = pending_reply_id(customer.send("Are the tents waterproof?").get_data(as_text=True))
    worker = run_worker(app, model_server, burst=False, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: model_server.timings and model_server.timings[0].first_token_at)
        # The work horse (RQ forks one per job, in a session of its own) and the
        # worker itself, mid-stream, with no chance to clean up.
        for pid in children(worker.pid) + [worker.pid]:
            os.kill(pid, signal.SIGKILL)
        worker.wait()
    finally:
        if worker.poll() is None:
            worker.kill()
    time.sleep(2.5)  # past the reply deadline: a surviving run would have stored its outcome
    assert replies()[0].status == "pending"

    # Once the dead run's claim is older than the job timeout (deadline + 10 s), the
    # reconciler hands the reply to a new worker.
    model_server.reset()
    wait_for(lambda: "enqueued again: 1" in runner.invoke(args=["reconcile"]).output, 20)
    assert run_worker(app, model_server).wait(timeout=60) == 0

    (reply,) = replies()
    assert (reply.id, reply.status, reply.attempts) == (reply_id, "done", 2)
    assert reply.content == "Thanks for your question: Are the tents waterproof?"


def test_a_second_stop_signal_stops_at_once_and_offers_the_customer_a_retry(
    app, customer, model_server
):
    """Ctrl+C twice (a cold shutdown) mid-stream: the worker goes now, the reply ends."""
    model_server.pace(ttft=0.2, tokens_per_second=1)  # eight words: eight seconds of stream
    reply_id = pending_reply_id(customer.send("Do you ship abroad?").get_data(as_text=True))
    worker = run_worker(app, model_server, burst=False)
    wait_for(lambda: model_server.timings and model_server.timings[0].first_token_at)

    worker.send_signal(signal.SIGINT)  # warm: it would wait for the reply
    time.sleep(2)  # a second signal within a second is taken for a duplicate (as RQ does)
    worker.send_signal(signal.SIGINT)

    worker.wait(timeout=5)  # well before the reply would have ended
    assert model_server.timings[0].finished_at is None
    (reply,) = replies()
    assert (reply.status, reply.failure) == ("failed", "interrupted")  # not left pending
    assert reply.content.startswith("Thanks for")  # what the customer had seen is kept
    assert ">Retry</button>" in customer.poll(reply_id).get_data(as_text=True)


def test_the_same_reply_raced_by_two_runs_calls_the_model_once(app, customer, model_server):
    model_server.pace(ttft=0.3)
    reply_id = pending_reply_id(customer.send("Is there a warranty?").get_data(as_text=True))

    def run():
        with app.app_context():
            jobs.generate_reply(reply_id)

    racers = [threading.Thread(target=run) for _ in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()

    assert len(model_server.requests) == 1
    assert [(r.status, r.content) for r in replies()] == [
        ("done", "Thanks for your question: Is there a warranty?")
    ]


def test_live_text_is_relayed_from_the_worker_through_redis(app, customer, model_server):
    model_server.pace(ttft=0.3, tokens_per_second=10)
    model_server.reply_with("One two three four five.")
    reply_id = pending_reply_id(customer.send("Count please").get_data(as_text=True))
    worker = run_worker(app, model_server)

    events = customer.stream(reply_id)  # while the worker writes

    assert worker.wait(timeout=60) == 0
    assert events[0] == ("reset", "")
    deltas = [data for event, data in events if event == "delta"]
    # In order and complete; words less than 0.1 s apart may come together (live.py
    # batches them), but the first goes alone, at once.
    assert "".join(deltas) == "One two three four five." and deltas[0] == "One "
    event, html = events[-1]
    assert event == "end" and "One two three four five." in html and "data-stream" not in html


def test_a_reconnecting_reader_resumes_after_its_last_event(app, customer, model_server, queue):
    model_server.pace(ttft=0.1, tokens_per_second=4)
    model_server.reply_with("One two three four five.")
    reply_id = pending_reply_id(customer.send("Count please").get_data(as_text=True))
    worker = run_worker(app, model_server)
    key = f"reply:{reply_id}:live"
    wait_for(lambda: queue.connection.xlen(key) >= 3)  # start, "One ", "two "
    seen_up_to = queue.connection.xrange(key)[2][0].decode()

    events = customer.stream(reply_id, last_event_id=seen_up_to)

    assert worker.wait(timeout=60) == 0
    assert "".join(data for event, data in events if event == "delta") == "three four five."


def test_replies_streamed_at_once_each_reach_every_reader_whole(app, model_server):
    # One reader per web process follows every live reply (app/jobs/relay.py): three
    # customers' replies, and a second tab on the first, are relayed side by side.
    model_server.pace(ttft=0.2, tokens_per_second=20)
    customers = [Customer(app.test_client()) for _ in range(3)]
    reply_ids = [
        pending_reply_id(customer.send(f"Question {n}").get_data(as_text=True))
        for n, customer in enumerate(customers)
    ]
    readers = [*zip(customers, reply_ids, strict=True), (customers[0], reply_ids[0])]
    worker = run_worker(app, model_server)
    texts: dict[int, str] = {}

    def read(index: int, customer: Customer, reply_id: int) -> None:
        with app.app_context():
            events = customer.stream(reply_id)
        texts[index] = "".join(data for event, data in events if event == "delta")

    threads = [threading.Thread(target=read, args=(i, *r)) for i, r in enumerate(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert worker.wait(timeout=60) == 0
    expected = [f"Thanks for your question: Question {n}" for n in (0, 1, 2, 0)]
    assert [texts.get(i) for i in range(4)] == expected


def test_a_last_event_id_redis_cannot_read_from_starts_over_and_spoils_no_other_reader(
    app, customer, model_server
):
    # Each process reads every live stream in one XREAD: an id past 64 bits, which Redis
    # refuses, must not fail the read for the other customers.
    model_server.pace(ttft=0.3, tokens_per_second=20)
    reply_id = pending_reply_id(customer.send("Count please").get_data(as_text=True))
    worker = run_worker(app, model_server)
    texts: dict[str, str] = {}

    def read(name: str, last_event_id: str | None) -> None:
        tab = Customer(app.test_client())  # another tab of the same chat
        tab.token = customer.token
        with app.app_context():
            events = tab.stream(reply_id, last_event_id=last_event_id)
        texts[name] = "".join(data for event, data in events if event == "delta")

    readers = [
        threading.Thread(target=read, args=("past 64 bits", "99999999999999999999-0")),
        threading.Thread(target=read, args=("from the start", None)),
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(timeout=60)

    assert worker.wait(timeout=60) == 0
    whole = "Thanks for your question: Count please"
    assert texts == {"past 64 bits": whole, "from the start": whole}


@pytest.mark.app_config(REDIS_URL="redis://127.0.0.1:1/0")
def test_redis_down_the_reply_is_produced_inline(customer, model_server):
    html = customer.ask("Is anyone there?")

    assert "Thanks for your question: Is anyone there?" in html
    assert [r.status for r in replies()] == ["done"]


def test_the_relay_outlasts_a_long_silence_before_the_first_words(app, customer, model_server):
    # Longer than a relay read blocks (5 s) and than redis-py's default socket timeout.
    model_server.pace(ttft=6.5, tokens_per_second=20)
    model_server.reply_with("Sorry for the wait, here it is.")
    reply_id = pending_reply_id(customer.send("Hello?").get_data(as_text=True))
    worker = run_worker(app, model_server)

    events = customer.stream(reply_id)

    assert worker.wait(timeout=60) == 0
    assert "".join(d for e, d in events if e == "delta") == "Sorry for the wait, here it is."
