"""Grounding at scale, seen from the model's side: which FAQs a reply is sent, how much
history, and what happens when no FAQ covers the question."""

import pytest

from app.extensions import db
from app.models import CategoryKeywords, Message, Role
from app.support.prompts import DONT_KNOW
from tests.factories import make_faq, make_staff
from tests.test_prompts import faq_block

# More FAQs than FAQ_INJECT_ALL below, so selection (not inject-all) decides.
SHOP_FAQS = [
    ("shipping", "How long does delivery take?", "Standard delivery takes 3-5 working days."),
    ("shipping", "Do you ship abroad?", "We ship to Canada and Mexico; delivery takes 7-10 days."),
    ("shipping", "How much does shipping cost?", "Shipping is free on orders over $50."),
    ("returns", "How do I return an item?", "Return unused items within 30 days for a refund."),
    (
        "returns",
        "When will I get my refund?",
        "Refunds reach your card 5 days after we receive it.",
    ),
    ("payments", "Which payment methods do you accept?", "Visa, Mastercard and PayPal."),
    ("payments", "Can I pay in instalments?", "Yes, with Klarna on orders over $100."),
    ("accounts", "How do I reset my password?", "Use 'Forgot password' on the sign-in page."),
    ("general", "How do I contact you?", "Chat with us here or email help@example.com."),
]


@pytest.fixture
def shop(app):
    return {
        question: make_faq(question, answer, category=category)
        for category, question, answer in SHOP_FAQS
    }


def injected_questions(model_server) -> set[str]:
    block = faq_block(model_server.system_prompt())
    return {faq[1] for faq in SHOP_FAQS if f"Q: {faq[1]}\n" in block}


def last_question() -> Message:
    return db.session.scalars(
        db.select(Message).filter_by(role=Role.USER).order_by(Message.id.desc())
    ).first()


# Words alone route by category; by meaning (the default) every FAQ of this small shop
# fits the budget in rank order (tests/test_semantic.py).
@pytest.mark.app_config(FAQ_INJECT_ALL=4, SEMANTIC_RANKER="off")
def test_above_the_cap_only_the_matching_categories_and_general_are_sent(
    shop, customer, model_server
):
    customer.ask("how long does delivery take to Canada?")
    injected = injected_questions(model_server)
    assert "Do you ship abroad?" in injected and "How long does delivery take?" in injected
    assert "How do I contact you?" in injected  # `general` always goes along
    assert "How do I reset my password?" not in injected
    assert "Can I pay in instalments?" not in injected
    assert last_question().unanswered is False


@pytest.mark.app_config(FAQ_INJECT_ALL=4)
def test_typos_still_find_their_faqs(shop, customer, model_server):
    customer.ask("how do I retrun an itme?")
    assert "How do I return an item?" in injected_questions(model_server)


@pytest.mark.app_config(FAQ_INJECT_ALL=4)
def test_a_follow_up_keeps_the_topic_of_the_question_before(shop, customer, model_server):
    customer.ask("Can I pay with PayPal?")
    customer.ask("and is there a minimum?")
    assert "Can I pay in instalments?" in injected_questions(model_server)
    assert last_question().unanswered is False


@pytest.mark.app_config(FAQ_INJECT_ALL=4, SEMANTIC_RANKER="off")  # keywords are lexical
def test_staff_keywords_route_words_the_faqs_never_use(shop, customer, model_server):
    customer.ask("I want a chargeback")
    assert "When will I get my refund?" not in injected_questions(model_server)

    db.session.add(CategoryKeywords(category="returns", keywords="chargeback, money back"))
    db.session.commit()
    customer.ask("I want a chargeback")
    assert "When will I get my refund?" in injected_questions(model_server)


@pytest.mark.app_config(FAQ_INJECT_ALL=4, FAQ_TOKEN_BUDGET=60)
def test_the_faq_block_stays_within_the_token_budget(shop, customer, model_server, app):
    from app.support.prompts import format_faq
    from app.support.tokens import count_tokens

    customer.ask("how long does delivery take and how much is shipping abroad?")
    block = faq_block(model_server.system_prompt())
    entries = block.split("\n\n")
    assert 1 <= len(entries) < 4
    sent = [faq for faq in shop.values() if format_faq(faq) in entries]
    assert sum(count_tokens(format_faq(faq), "gpt-4o-mini") for faq in sent) <= 60


@pytest.mark.app_config(FAQ_INJECT_ALL=4)
def test_the_prompt_prefix_is_byte_identical_across_turns_on_one_topic(
    shop, customer, model_server
):
    customer.ask("How long does delivery take?")
    first = model_server.system_prompt()
    customer.ask("How long does delivery take to Mexico?")
    assert model_server.system_prompt() == first


def test_a_covered_rewording_reaches_the_model_with_every_faq_and_no_note(
    shop, customer, model_server
):
    """Up to FAQ_INJECT_ALL the model sees them all and judges coverage itself."""
    customer.ask("wheres my parcel")
    system = model_server.system_prompt()
    assert injected_questions(model_server) == {faq[1] for faq in SHOP_FAQS}
    assert system.endswith("[END BUSINESS FAQS]")  # no note of any kind after the FAQs
    assert DONT_KNOW in system  # the rule: say so, in these words, when they do not answer


def test_a_question_is_listed_unanswered_only_when_the_reply_cited_no_faq(
    shop, customer, model_server, client, auth
):
    model_server.reply_with(
        f"{DONT_KNOW}",
        "Yes: pizza dough is not something we sell, but our returns are easy [FAQ 4].",
    )
    customer.ask("how do I make pizza dough?")
    assert last_question().unanswered is True
    assert "Note:" not in model_server.system_prompt()  # still no note: every FAQ went in

    customer.ask("can I return pizza dough?")
    assert last_question().unanswered is False  # the reply cited an FAQ

    make_staff()
    auth.login()
    listed = client.get("/admin/unanswered/").get_data(as_text=True)
    assert "how do I make pizza dough?" in listed and "can I return pizza dough?" not in listed


@pytest.mark.app_config(FAQ_INJECT_ALL=4, FAQ_TOKEN_BUDGET=100)  # room for a few
def test_above_the_cap_a_surely_uncovered_message_gets_a_note_that_never_forbids_an_answer(
    shop, customer, model_server
):
    customer.ask("how tall is the Eiffel tower?")
    note = model_server.system_prompt().split("[END BUSINESS FAQS]", 1)[1]
    assert "may not cover it" in note and "Answer from them if they do" in note
    assert "Do not answer" not in note

    customer.ask("how long does delivery take to Canada?")
    assert model_server.system_prompt().endswith("[END BUSINESS FAQS]")


@pytest.mark.app_config(FAQ_INJECT_ALL=4, OPENAI_API_KEY=None)
def test_offline_with_no_matching_faq_offers_a_person(shop, customer):
    html = customer.ask("what's the weather like in Paris tomorrow?")
    assert "put you in touch with a person" in html
    assert DONT_KNOW.split(".")[0] in html.replace("&#39;", "'")
    assert last_question().unanswered is True


@pytest.mark.app_config(HISTORY_TOKEN_BUDGET=60)
def test_history_is_cut_to_its_token_budget_in_whole_exchanges(customer, model_server):
    words = " ".join(["filler"] * 15)  # about 15 tokens a message
    model_server.reply_with(*[f"Answer {n}: {words}" for n in range(4)])
    for n in range(4):
        customer.ask(f"Question {n}: {words}")

    sent = model_server.last_messages[1:-1]  # after the FAQs, before the rules' reminder
    history, new = sent[:-1], sent[-1]
    assert new["content"].startswith("Question 3")
    assert [m["role"] for m in history] == ["user", "assistant"] * (len(history) // 2)
    assert 2 <= len(history) < 6
    assert history[-1]["content"].startswith("Answer 2")
    assert not any(m["content"].startswith(("Question 0", "Answer 0")) for m in history)
