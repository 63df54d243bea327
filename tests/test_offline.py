"""Without an API key the portal answers from the best-matching FAQ (what `make run` shows)."""

import pytest

from app.extensions import db
from app.models import Message, Role
from tests.conftest import sources
from tests.factories import make_faq

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


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("returning something I bought", "How do I return an item?"),
        ("is the tent water proof?", "Are your tents waterproof?"),
        ("do you ship to canada", "Do you ship internationally?"),
        ("where is my order", "How can I track my order?"),
        ("gift card", "Do you sell gift cards?"),
    ],
)
def test_paraphrases_and_typos_find_their_faq(demo, customer, question, expected):
    assert sources(customer.ask(question)) == [expected]


@pytest.mark.parametrize(
    "question", ["What's the weather on Mars?", "tell me a joke", "asdf qwerty"]
)
def test_no_good_match_says_so_and_offers_a_person(demo, customer, question):
    html = customer.ask(question)
    assert "I don&#39;t have an answer" in html or "I don't have an answer" in html
    assert "put you in touch with a person" in html
    assert sources(html) == []


def test_inactive_faq_is_never_used(customer):
    make_faq("What is the staff discount code?", "STAFF-ONLY-50", is_active=False)
    html = customer.ask("staff discount code")
    assert "STAFF-ONLY-50" not in html
