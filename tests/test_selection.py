"""Which FAQs a message gets (app.support.selection), as a customer would notice it."""

import csv
from dataclasses import dataclass

import numpy as np
import pytest

from app.support.prompts import format_faq
from app.support.selection import FaqSelector
from app.support.tokens import count_tokens
from tests.conftest import DATA


@dataclass(frozen=True)
class Entry:
    id: int
    category: str | None
    question: str
    answer: str


SHOP = [
    Entry(1, "shipping", "How long does delivery take?", "Delivery takes 3-5 working days."),
    Entry(2, "shipping", "Do you ship abroad?", "We ship to Canada and Mexico for $15."),
    Entry(3, "shipping", "Can I track my parcel?", "Every parcel has a tracking link by email."),
    Entry(4, "returns", "How do I return an item?", "Start a return in Orders within 30 days."),
    Entry(5, "returns", "How long does a refund take?", "A refund takes up to 10 days."),
    Entry(6, "payments", "Which payment methods do you accept?", "Visa, Mastercard, PayPal."),
    Entry(7, "payments", "Why was my card declined?", "Check the billing address and limit."),
    Entry(8, "products", "Are your tents waterproof?", "All tents are rated 3000 mm or more."),
    Entry(9, "products", "What size sleeping bag do I need?", "Pick one rated 5 C below."),
    Entry(10, "general", "How do I contact you?", "Chat here, or email help@example.com."),
]
RETURNS, REFUND, SHIP_ABROAD, CONTACT = 4, 5, 2, 10


def selector(budget: int = 2000, **options) -> FaqSelector:
    return FaqSelector(
        SHOP, token_budget=budget, inject_all=options.pop("inject_all", 5), **options
    )


def ids(selection) -> list[int]:
    return [faq.id for faq in selection.faqs]


def test_a_misspelt_question_still_gets_its_faq_first():
    selection = selector().select("how do I retrun a sleping bag I bougth?")

    assert ids(selection)[0] in {RETURNS, 9}
    assert RETURNS in ids(selection)[:3]
    assert selection.confident


def test_other_word_forms_match():
    selection = selector().select("I returned it, when will I be refunded?")

    assert ids(selection)[:2] == [REFUND, RETURNS]
    assert selection.categories[0] == "returns"


def test_a_follow_up_keeps_the_topic_of_the_conversation():
    follow_up = "and how long does that take?"

    after_a_return = selector().select(follow_up, recent=["Hi", "I'd like to return my tent"])
    after_shipping = selector().select(follow_up, recent=["Hi", "Do you ship to Canada?"])

    assert after_a_return.categories[0] == "returns"
    assert ids(after_a_return)[0] == REFUND
    assert after_shipping.categories[0] == "shipping"
    assert ids(after_shipping)[0] == 1  # "How long does delivery take?"


def test_a_change_of_subject_wins_over_the_earlier_topic():
    selection = selector().select("Do you ship to Canada?", recent=["I'd like to return my tent"])

    assert ids(selection)[0] == SHIP_ABROAD
    assert selection.categories[0] == "shipping"


def test_the_token_budget_is_respected_and_counted_as_the_prompt_formats_it():
    budget = 80
    selection = selector(budget).select("how long until my refund for the return arrives?")

    entries = [count_tokens(format_faq(faq), "gpt-4o-mini") for faq in selection.faqs]
    assert selection.tokens == sum(entries) <= budget
    assert len(selection.faqs) < len(SHOP)
    assert REFUND in ids(selection)


def test_general_is_always_included_even_when_the_budget_is_tight():
    tents = count_tokens(format_faq(SHOP[7]), "gpt-4o-mini")
    contact = count_tokens(format_faq(SHOP[CONTACT - 1]), "gpt-4o-mini")

    selection = selector(tents + contact).select("Are your tents waterproof?")

    assert set(ids(selection)) == {8, CONTACT}
    assert ids(selection)[0] == 8  # still best match first


@pytest.mark.parametrize(
    "message", ["how do I make pizza dough", "what's the weather like in Paris tomorrow?"]
)
def test_a_question_no_faq_covers_is_not_confident(message):
    assert not selector().select(message).confident


def test_a_question_an_faq_covers_is_confident():
    assert selector().select("can I pay with paypal?").confident


def test_up_to_inject_all_every_faq_goes_in_in_its_own_order():
    few = SHOP[:5]
    small = FaqSelector(few, inject_all=5)

    covered = small.select("Do you ship to Canada?")
    uncovered = small.select("how do I make pizza dough")

    assert covered.faqs == uncovered.faqs == few
    assert covered.tokens == sum(count_tokens(format_faq(f), "gpt-4o-mini") for f in few)
    assert covered.confident and not uncovered.confident
    assert covered.categories[0] == "shipping"


def test_staff_keywords_route_a_message_to_their_category():
    message = "I want a chargeback"
    plain = selector().select(message)
    keywords = {"returns": ["chargeback", "money back"], "no such category": ["zeppelin"]}
    with_keywords = selector(staff_keywords=keywords)

    selection = with_keywords.select(message)

    assert not plain.categories and not plain.confident
    assert selection.categories == ["returns"]
    assert selection.confident
    assert set(ids(selection)[:2]) == {RETURNS, REFUND}
    assert not with_keywords.select("a zeppelin ride").categories  # a category with no FAQs


def northwind() -> list[Entry]:
    path = DATA / "northwind-bank" / "faqs.csv"
    with open(path, encoding="utf-8") as stream:
        return [
            Entry(int(r["id"]), r["category"], r["question"], r["answer"])
            for r in csv.DictReader(stream)
        ]


def test_on_a_real_knowledge_base_a_typo_still_finds_the_answer():
    bank = FaqSelector(northwind())  # 77 FAQs: above inject_all, so this is a selection

    selection = bank.select("I still havent recieved my new card, is it lost in the post?")

    assert 1 in ids(selection)  # "Tracking a card delivery and what to do if it's late"
    assert "cards" in selection.categories
    assert selection.tokens <= 2000 and len(selection.faqs) < 77


class Pointing:
    """A stand-in semantic ranker: every message means FAQ `target`; counts its work.

    An FAQ's passage is a direction of its own; questions alone and the off-topic
    requests (lists of queries) mean nothing."""

    name = "pointing"

    def __init__(self, target: int) -> None:
        self.target, self.embedded = target, 0

    def passages(self, texts: list[str]):
        self.embedded += len(texts)
        return np.eye(len(texts))

    def query(self, text: str | list[str]):
        if isinstance(text, list):
            return np.zeros((len(text), len(SHOP)))
        return np.eye(len(SHOP))[self.target - 1]


def test_a_semantic_ranker_puts_what_it_finds_closest_first():
    ranker = Pointing(target=9)
    chosen = selector(ranker=ranker).select("I'll be cold at night in the hills").faqs
    assert chosen[0].id == 9 and ranker.embedded == len(SHOP)


def test_given_vectors_are_used_instead_of_embedding_again():
    ranker = Pointing(target=9)
    vectors = np.hstack([np.eye(len(SHOP)), np.zeros((len(SHOP), len(SHOP)))])
    chosen = selector(ranker=ranker, vectors=vectors).select("cold at night").faqs
    assert chosen[0].id == 9 and ranker.embedded == 0
    with pytest.raises(ValueError, match="3 vectors for 10 FAQs"):
        selector(ranker=ranker, vectors=np.eye(3))
