"""Model faults injected at the local model server: what the customer sees, what is stored."""

import time

import pytest

from app.extensions import db
from app.models import Message, Role
from tests.conftest import pending_reply_id
from tests.model_server import Fault


@pytest.fixture
def demo(runner):
    runner.invoke(args=["seed-demo"])


def stored_reply() -> Message:
    db.session.expire_all()
    return db.session.scalars(db.select(Message).filter_by(role=Role.ASSISTANT)).all()[-1]


def retry(customer, reply_id: int):
    return customer.client.post(f"/chat/messages/{reply_id}/retry", headers=customer.headers())


def test_rate_limit_is_retried_after_the_servers_retry_after(customer, model_server):
    model_server.reply_with(Fault.rate_limited(retry_after=1), "Standard shipping takes 3-5 days.")

    html = customer.ask("How long does shipping take?")

    assert "Standard shipping takes 3-5 days." in html
    first, second = model_server.timings
    assert second.received_at - first.received_at >= 0.95  # waited as told
    assert stored_reply().status == "done"


def test_server_errors_are_retried_with_backoff(customer, model_server):
    model_server.reply_with(Fault.server_error(503), Fault.server_error(500), "Back again.")
    assert "Back again." in customer.ask("Hello?")
    assert len(model_server.requests) == 3


@pytest.mark.app_config(REPLY_DEADLINE_SECONDS=2)
def test_retries_stop_at_the_reply_deadline_and_offer_retry(customer, model_server):
    model_server.reply_with(*[Fault.server_error(502)] * 50)
    started = time.monotonic()

    html = customer.ask("Hello?")

    assert time.monotonic() - started < 2 + 1.5
    assert 2 <= len(model_server.requests) < 50
    assert "Sorry, I couldn" in html and ">Retry</button>" in html
    reply = stored_reply()
    assert (reply.status, reply.failure, reply.content) == ("failed", "error", "")


@pytest.mark.app_config(OPENAI_TIMEOUT_SECONDS=1, REPLY_DEADLINE_SECONDS=3)
def test_a_silent_model_is_cut_off_at_the_deadline(customer, model_server):
    model_server.reply_with(*[Fault.hang(30)] * 10)
    started = time.monotonic()

    html = customer.ask("Anyone there?")

    assert time.monotonic() - started < 3 + 1.5
    assert ">Retry</button>" in html
    assert stored_reply().failure == "error"


def test_a_cut_stream_keeps_its_text_marked_interrupted_and_retry_finishes_it(
    customer, model_server
):
    model_server.reply_with(
        Fault.cut_stream("Our tents are waterproof to 3000 mm and", after_chunks=4)
    )
    reply_id = pending_reply_id(customer.send("Are the tents waterproof?").get_data(as_text=True))

    events = customer.stream(reply_id)
    html = customer.poll(reply_id).get_data(as_text=True)

    assert (
        "".join(data for event, data in events if event == "delta") == "Our tents are waterproof "
    )
    assert "Our tents are waterproof" in html and "The answer was cut off." in html
    reply = stored_reply()
    assert (reply.status, reply.failure, reply.content) == (
        "failed",
        "interrupted",
        "Our tents are waterproof",
    )

    model_server.reply_with("Our tents are waterproof to 3000 mm.")
    placeholder = retry(customer, reply_id).get_data(as_text=True)
    assert "data-stream" in placeholder
    customer.stream(reply_id)
    final = customer.poll(reply_id).get_data(as_text=True)
    assert "Our tents are waterproof to 3000 mm." in final and "cut off" not in final
    assert len(db.session.scalars(db.select(Message).filter_by(role=Role.ASSISTANT)).all()) == 1


def test_insufficient_quota_is_not_retried_and_falls_back_to_the_faq(demo, customer, model_server):
    model_server.reply_with(Fault.insufficient_quota(), "never used")

    html = customer.ask("how do I return an item?")

    assert len(model_server.requests) == 1
    assert "Our assistant is unavailable right now." in html
    assert "You can return unused items within 30 days" in html
    assert "talk to a person" in html
    assert ">Retry</button>" not in html
    reply = stored_reply()
    assert (reply.status, reply.failure) == ("failed", "unavailable")


def test_bad_credentials_say_unavailable_and_offer_a_person(demo, customer, model_server):
    model_server.reply_with(Fault.unauthorized(), "never used")

    html = customer.ask("What's the meaning of life?")

    assert len(model_server.requests) == 1
    assert "Our assistant is unavailable right now." in html
    assert "talk to a person" in html
    assert "help articles" not in html  # no FAQ matches, so none is offered
    assert retry(customer, stored_reply().id).status_code == 200
    assert len(model_server.requests) == 1  # Retry does not hammer a refusing model


def test_retry_twice_gives_one_reply(customer, model_server):
    model_server.reply_with(
        Fault.server_error(500), Fault.server_error(500), Fault.server_error(500)
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(customer.client.application.config, "REPLY_DEADLINE_SECONDS", 1)
        reply_id = pending_reply_id(customer.send("Hi").get_data(as_text=True))
        customer.stream(reply_id)
    model_server.reset()

    retry(customer, reply_id)
    retry(customer, reply_id)  # a double click
    customer.stream(reply_id)

    assert len(model_server.requests) == 1
    assert stored_reply().status == "done"
