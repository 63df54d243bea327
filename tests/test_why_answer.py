"""Why the assistant said what it said (issue 18): each reply records the FAQs it was
given, with each FAQ's version and ranking score, the ones it cited, the model and its
tokens; staff open an outcome from the dashboard and read it under the reply."""

import re

import pytest

from app.extensions import db
from app.models import ChatSession, Faq, Message, Outcome, Role
from app.support import knowledge
from tests.conftest import csrf_token_in
from tests.factories import make_faq

pytestmark = pytest.mark.app_config(MODEL_PRICES="gpt-4o-mini=0.15/0.60")


def assistant_replies() -> list[Message]:
    db.session.expire_all()
    query = db.select(Message).filter_by(role=Role.ASSISTANT).order_by(Message.id)
    return list(db.session.scalars(query))


def why_rows(html: str) -> list[list[str]]:
    """The "Why this answer" tables' rows, as cell texts (tags dropped), in page order."""
    rows = []
    for table in re.findall(r'<table class="table table-sm why-faqs.*?</table>', html, re.S):
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>")[1], re.S):
            cells = re.findall(r"<td>(.*?)</td>", row, re.S)
            rows.append([re.sub(r"<[^>]+>", "", cell).strip() for cell in cells])
    return rows


def edit_answer(client, staff, faq: Faq, answer: str) -> None:
    form = client.get(f"/admin/faq/edit/?id={faq.id}").get_data(as_text=True)
    data = {
        "csrf_token": csrf_token_in(form),
        "question": faq.question,
        "answer": answer,
        "category": faq.category or "",
        "is_active": "y",
    }
    response = client.post(f"/admin/faq/edit/?id={faq.id}", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def faqs(app):
    shipping = make_faq("How long does shipping take?", "3-5 working days.", category="shipping")
    returns = make_faq("How do I return an item?", "Within 30 days.", category="returns")
    return shipping, returns


def test_each_reply_records_the_faq_versions_and_scores_it_was_given(
    client, customer, model_server, agent, faqs
):
    shipping, returns = faqs
    model_server.reply_with(f"Shipping takes 3-5 working days [FAQ {shipping.id}].")
    customer.ask("How long will shipping take to Leeds?")
    edit_answer(client, agent, shipping, "2-4 working days.")
    model_server.reply_with(f"Shipping takes 2-4 working days [FAQ {shipping.id}].")
    customer.ask("And how long does shipping take to Paris?")

    first, second = assistant_replies()
    assert {faq["id"]: faq["version"] for faq in first.injected_faqs} == {
        shipping.id: 1,
        returns.id: 1,
    }
    assert {faq["id"]: faq["version"] for faq in second.injected_faqs}[shipping.id] == 2
    for reply in (first, second):
        scores = {faq["id"]: faq["score"] for faq in reply.injected_faqs}
        assert all(isinstance(score, float) for score in scores.values())
        # The FAQ the question is about ranks above the one it is not.
        assert scores[shipping.id] > scores[returns.id]
    assert first.cited_faqs == [{"id": shipping.id, "question": shipping.question}]


def test_staff_read_why_each_reply_said_what_it_did(client, customer, model_server, agent, faqs):
    shipping, returns = faqs
    model_server.reply_with(f"Shipping takes 3-5 working days [FAQ {shipping.id}].")
    customer.ask("How long will shipping take to Leeds?")
    edit_answer(client, agent, shipping, "2-4 working days.")
    returns.is_active = False  # hidden since: not a new version of its text
    db.session.commit()
    chat = db.session.scalars(db.select(ChatSession)).one()
    reply = assistant_replies()[0]

    html = client.get(f"/admin/conversation/details/?id={chat.id}").get_data(as_text=True)

    assert "Why this answer" in html
    assert "Answered from the FAQs." in html
    tokens = f"{reply.prompt_tokens:,} in + {reply.completion_tokens:,} out"
    assert f"Model: gpt-4o-mini · tokens: {tokens} · cost: $" in html
    rows = why_rows(html)
    score = {faq["id"]: f"{faq['score']:.3f}" for faq in reply.injected_faqs}
    assert rows == [
        [shipping.question, "Yes", "1", score[shipping.id], "edited since (now version 2)"],
        [returns.question, "", "1", score[returns.id], "hidden from the assistant now"],
    ]
    assert f'href="/admin/faq/edit/?id={shipping.id}"' in html
    assert db.session.get(Faq, returns.id).version == 1


def test_the_customers_vote_and_a_deleted_faq_are_shown(client, customer, model_server, agent):
    faq = make_faq("Do you ship abroad?", "To 30 countries.", category="shipping")
    model_server.reply_with(f"We ship to 30 countries [FAQ {faq.id}].")
    customer.ask("Do you ship abroad to Norway?")
    reply = assistant_replies()[0]
    reply.feedback, reply.feedback_reason = "no", "wrong"
    db.session.delete(db.session.get(Faq, faq.id))
    db.session.commit()

    html = client.get(f"/admin/conversation/details/?id={reply.session_id}").get_data(as_text=True)

    assert "The customer said this did not help: the answer was wrong." in html
    assert why_rows(html)[0][0] == "Do you ship abroad?"
    assert why_rows(html)[0][-1] == "deleted since"
    assert f"/admin/faq/edit/?id={faq.id}" not in html


def test_a_category_rename_is_a_new_version_and_hiding_is_not(faqs):
    shipping, returns = faqs
    knowledge.rename_category("shipping", "delivery")
    knowledge.show_faqs([returns.id], False)
    db.session.expire_all()
    assert db.session.get(Faq, shipping.id).version == 2
    assert db.session.get(Faq, returns.id).version == 1


def test_saving_an_faq_unchanged_keeps_its_version(client, agent, faqs):
    shipping, _ = faqs
    edit_answer(client, agent, shipping, shipping.answer)
    db.session.expire_all()
    assert db.session.get(Faq, shipping.id).version == 1


def test_an_outcome_on_the_dashboard_opens_its_conversations(client, agent, customer, faqs):
    customer.ask("How long will shipping take to Leeds?")
    handed = db.session.scalars(db.select(ChatSession)).one()
    handed.outcome = Outcome.HANDED_OFF
    other = ChatSession.open()[0]
    other.outcome = Outcome.ASSUMED
    db.session.add(other)
    db.session.commit()

    dashboard = client.get("/admin/").get_data(as_text=True)
    links = dict(re.findall(r'<a href="([^"]+)" id="rate-link-(\w+)">', dashboard))
    by_slug = {slug: url.replace("&amp;", "&") for url, slug in links.items()}
    handed_list = client.get(by_slug["handed_off"]).get_data(as_text=True)
    resolved_list = client.get(by_slug["resolved"]).get_data(as_text=True)

    assert set(by_slug) == {"resolved", "handed_off", "unanswered", "reversed"}
    assert f"/admin/conversation/details/?id={handed.id}" in handed_list
    assert "Handed off" in handed_list
    assert f"/admin/conversation/details/?id={handed.id}" not in resolved_list
    assert "Assumed" in resolved_list
    details = client.get(f"/admin/conversation/details/?id={handed.id}").get_data(as_text=True)
    assert "Outcome: <strong>Handed off</strong>: the customer asked for a person" in details
