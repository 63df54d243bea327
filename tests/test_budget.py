"""Token budgets: past a session's or the day's budget, answers come from the FAQs alone,
with the offer of a person, and the model is not called; staff see the day's usage."""

import logging
from datetime import timedelta
from html import unescape

import pytest

from app.extensions import db
from app.models import Message, Role, TokenUsage
from app.models.base import utcnow
from app.support.offline import DONT_KNOW, OFFLINE_MODEL
from tests.conftest import Customer, sources
from tests.factories import make_chat, make_faq, make_message, make_staff
from tests.test_api import chat as api_chat

PERSON_OFFER = "Would you like to talk to a person instead?"


@pytest.fixture
def shipping():
    return make_faq("How long does shipping take?", "3-5 working days.", category="shipping")


def last_reply() -> Message:
    return db.session.scalars(
        db.select(Message).filter_by(role=Role.ASSISTANT).order_by(Message.id.desc())
    ).first()


def spent() -> int:
    return sum(
        (m.prompt_tokens or 0) + (m.completion_tokens or 0)
        for m in db.session.scalars(db.select(Message))
    )


# The system prompt alone is a few hundred tokens: one model reply spends any of these.
@pytest.mark.app_config(SESSION_TOKEN_BUDGET=100)
def test_a_session_over_its_budget_gets_the_faq_answer_and_a_person(
    customer, model_server, shipping
):
    first = customer.ask("Hi, I have a question")
    assert "Thanks for your question" in first and len(model_server.requests) == 1
    assert spent() >= 100

    html = customer.ask("How long does shipping take?")

    assert len(model_server.requests) == 1  # no second model call
    assert "3-5 working days." in html and sources(html) == ["How long does shipping take?"]
    assert PERSON_OFFER in html
    reply = last_reply()
    assert (reply.failure, reply.model, reply.status) == ("session_budget", OFFLINE_MODEL, "done")
    assert PERSON_OFFER in customer.thread().get_data(as_text=True)  # and when reloaded
    # Another conversation has a budget of its own.
    Customer(customer.client).ask("How long does shipping take?")
    assert len(model_server.requests) == 2


@pytest.mark.app_config(SESSION_TOKEN_BUDGET=100)
def test_over_budget_with_no_matching_faq_says_so_and_offers_a_person(customer, model_server):
    customer.ask("Hi, I have a question")
    html = unescape(customer.ask("What's the weather on Mars?"))
    assert len(model_server.requests) == 1
    assert DONT_KNOW in html and PERSON_OFFER not in html  # the answer offers one already


@pytest.mark.app_config(DAILY_TOKEN_BUDGET=100)
def test_the_daily_budget_holds_across_sessions(client, model_server, shipping, caplog):
    Customer(client).ask("Hi, I have a question")
    assert len(model_server.requests) == 1
    caplog.set_level(logging.WARNING, logger="app.support.budget")

    for _ in range(3):  # new customers, each with an untouched session budget
        html = Customer(client).ask("How long does shipping take?")
        assert "3-5 working days." in html and PERSON_OFFER in html

    assert len(model_server.requests) == 1
    assert last_reply().failure == "daily_budget"
    warnings = [r for r in caplog.records if "token budget used up" in r.getMessage()]
    assert len(warnings) == 1 and "daily_budget" in warnings[0].getMessage()


@pytest.mark.app_config(DAILY_TOKEN_BUDGET=100)
def test_yesterdays_tokens_do_not_count_against_today(customer, model_server):
    db.session.add(TokenUsage(tokens=5000, created_at=utcnow() - timedelta(days=1, hours=1)))
    db.session.commit()

    customer.ask("Hello")
    assert len(model_server.requests) == 1


@pytest.mark.app_config(DAILY_TOKEN_BUDGET=100)
def test_deleting_a_conversation_does_not_refill_the_daily_budget(customer, model_server, shipping):
    customer.ask("Hi, I have a question")
    assert len(model_server.requests) == 1
    confirm = {"confirm": "yes"}
    deleted = customer.client.post("/chat/delete", data=confirm, headers=customer.headers())
    assert deleted.status_code == 200
    assert db.session.scalars(db.select(Message)).all() == []

    html = Customer(customer.client).ask("How long does shipping take?")

    assert len(model_server.requests) == 1  # the deleted chat's tokens still count today
    assert "3-5 working days." in html and PERSON_OFFER in html


@pytest.mark.app_config(SESSION_TOKEN_BUDGET=100)
def test_the_api_over_budget_answers_from_the_faqs(client, model_server, shipping):
    session_id = api_chat(client, "Hi, I have a question").get_json()["session_id"]

    response = api_chat(client, "How long does shipping take?", session_id)

    assert response.status_code == 200 and len(model_server.requests) == 1
    body = response.get_json()
    assert body["reply"] == "3-5 working days."
    assert body["sources"] == [{"id": shipping.id, "question": "How long does shipping take?"}]
    assert body["suggest_person"] is True  # as the page offers one


@pytest.mark.app_config(DAILY_TOKEN_BUDGET=10_000, SESSION_TOKEN_BUDGET=100)
def test_the_dashboard_shows_todays_tokens_against_the_budget(client, auth, customer, shipping):
    chat, _ = make_chat()
    old = make_message(chat, Role.ASSISTANT, "An answer from yesterday.")
    old.prompt_tokens, old.created_at = 5000, utcnow() - timedelta(days=1, hours=1)
    db.session.commit()
    customer.ask("Hi, I have a question")
    customer.ask("How long does shipping take?")  # over this session's budget
    today = spent() - 5000
    make_staff()
    auth.login()

    html = client.get("/admin/").get_data(as_text=True)

    share = f"{int(today / 10_000 * 100)}%"
    assert f'id="tokens-today" title="{today:,} of 10,000 model tokens">{share}<' in html
    assert "of today's allowance used" in html
    assert 'id="sessions-over-budget">1 conversation went past its own allowance today' in html


def test_the_dashboard_says_when_there_is_no_daily_budget(client, auth):
    make_staff()
    auth.login()
    html = client.get("/admin/").get_data(as_text=True)
    assert 'id="tokens-today" title="0 model tokens">No limit<' in html
    assert "No daily allowance is set" in html
