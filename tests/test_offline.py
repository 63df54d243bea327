"""Without an API key the portal answers from the best-matching FAQ (what `make run` shows)."""

import re

import pytest

from app.extensions import db
from app.models import Message, Role
from tests.conftest import sources
from tests.factories import make_faq
from tests.test_grounding import last_question

pytestmark = pytest.mark.app_config(OPENAI_API_KEY=None)


@pytest.fixture
def demo(runner):
    assert "10 added" in runner.invoke(args=["seed-demo"]).output


def test_return_question_gets_the_demo_return_policy(demo, customer, model_server):
    html = customer.ask("how do I return an item?")

    assert "You can return unused items within 30 days of delivery." in html
    assert sources(html) == ["How do I return an item?"]
    assert model_server.requests == []
    reply = db.session.scalar(db.select(Message).filter_by(role=Role.ASSISTANT))
    assert reply.model == "offline-faq"
    assert reply.cited_faqs == [{"id": 1, "question": "How do I return an item?"}]


def related(html: str) -> list[str]:
    """The related questions offered under a reply (each a button that asks it)."""
    block = re.search(r'<div class="related">.*?</div>', html, re.S)
    return (
        re.findall(r'<button type="submit" class="ask">(.*?)</button>', block.group(0))
        if block
        else []
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The everyday rewordings that a lexical guess turned into "I don't know".
        ("What is your return policy?", "How do I return an item?"),
        ("is the tent rainproof", "Are your tents waterproof?"),
        ("can you send to the UK", "Do you ship internationally?"),
        ("returning something I bought", "How do I return an item?"),
        ("is the tent water proof?", "Are your tents waterproof?"),
        ("do you ship to canada", "Do you ship internationally?"),
        ("where is my order", "How can I track my order?"),
        ("gift card", "Do you sell gift cards?"),
    ],
)
def test_paraphrases_and_typos_find_their_faq(demo, customer, question, expected):
    html = customer.ask(question)
    assert sources(html) == [expected]
    assert len(related(html)) == 2 and expected not in related(html)
    assert last_question().unanswered is False


def test_a_related_question_asks_it_and_gets_its_own_answer(demo, customer):
    offered = related(customer.ask("What is your return policy?"))
    assert "Can I exchange an item for a different size?" in offered

    html = customer.ask("Can I exchange an item for a different size?")  # what its button sends
    assert sources(html) == ["Can I exchange an item for a different size?"]
    assert "Choose <strong>Exchange</strong>" in html


def test_the_api_lists_the_related_questions_too(demo, client):
    body = client.post("/api/chat/", json={"message": "is the tent rainproof"}).get_json()
    assert [s["question"] for s in body["sources"]] == ["Are your tents waterproof?"]
    assert len(body["related"]) == 2


@pytest.mark.parametrize(
    "question", ["What's the weather on Mars?", "tell me a joke", "asdf qwerty"]
)
def test_no_good_match_says_so_and_offers_a_person(demo, customer, question):
    html = customer.ask(question)
    assert "I don&#39;t have an answer" in html or "I don't have an answer" in html
    assert "put you in touch with a person" in html
    assert sources(html) == [] and related(html) == []
    assert last_question().unanswered is True


def test_inactive_faq_is_never_used(customer):
    make_faq("What is the staff discount code?", "STAFF-ONLY-50", is_active=False)
    html = customer.ask("staff discount code")
    assert "STAFF-ONLY-50" not in html
