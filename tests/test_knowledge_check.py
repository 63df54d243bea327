"""Every FAQ edit is tested (issue 19): example questions on an FAQ, its versions with
who, when and what changed, and the knowledge check that runs every example question
through the FAQ selection after each change, reports the ones a change lost, and undoes
it in one click. Through the back office's pages, as staff use them."""

import html
import io
import re

import pytest

from app.extensions import db
from app.models import (
    ChatSession,
    ExampleQuestion,
    ExampleSource,
    Faq,
    KnowledgeCheck,
    Message,
    Role,
)
from tests.conftest import THROUGH_RQ, csrf_token_in, run_worker
from tests.factories import make_chat, make_faq, make_message

PARCEL = "When will my parcel arrive?"
DELIVERY = "How many days does delivery take?"


@pytest.fixture
def shop(app):
    """Three FAQs of the demo shop's kind: (shipping, returns, gift cards)."""
    return (
        make_faq(
            "How long does shipping take?",
            "Standard shipping takes 3-5 working days.",
            category="shipping",
        ),
        make_faq(
            "How do I return an item?", "Return it within 30 days for a refund.", category="returns"
        ),
        make_faq("Do you sell gift cards?", "Yes, from $10 to $200.", category="payments"),
    )


def save_faq(client, faq_id: int, **changes) -> str:
    """The FAQ's edit form, submitted with `changes`; the FAQ list it leads to."""
    url = f"/admin/faq/edit/?id={faq_id}"
    form = client.get(url).get_data(as_text=True)
    faq = db.session.get(Faq, faq_id)
    data = {
        "csrf_token": csrf_token_in(form),
        "question": faq.question,
        "answer": faq.answer,
        "category": faq.category or "",
        "example_questions": textarea(form, "example_questions"),
        "is_active": "y" if faq.is_active else "",
    } | changes
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return faq_list(client)


def textarea(form_html: str, name: str) -> str:
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', form_html, re.S)
    return html.unescape(found.group(1)).strip("\r\n")


def faq_list(client) -> str:
    return html.unescape(client.get("/admin/faq/").get_data(as_text=True))


def report(page: str) -> str:
    """The knowledge check's box on a page, tags dropped, spaces squeezed."""
    box = re.search(r'<div class="knowledge-check.*?</div>', page, re.S)
    assert box, "no knowledge check on the page"
    return " ".join(re.sub(r"<[^>]+>", " ", box.group(0)).split())


def with_examples(client, faq: Faq, *questions: str) -> str:
    return save_faq(client, faq.id, example_questions="\n".join(questions))


def test_staff_keep_example_questions_on_an_faq(client, agent, shop):
    shipping, *_ = shop
    with_examples(client, shipping, PARCEL, f"  {DELIVERY}  ", "", PARCEL)

    form = client.get(f"/admin/faq/edit/?id={shipping.id}").get_data(as_text=True)
    assert textarea(form, "example_questions") == f"{PARCEL}\n{DELIVERY}"
    with_examples(client, shipping, DELIVERY)
    db.session.expire_all()
    assert [(e.text, e.source) for e in db.session.get(Faq, shipping.id).examples] == [
        (DELIVERY, ExampleSource.STAFF)
    ]


def test_the_first_check_says_every_question_finds_its_answer(client, agent, shop):
    shipping, *_ = shop
    page = with_examples(client, shipping, PARCEL, DELIVERY)

    assert "All 2 example questions still find their answer" in report(page)
    assert f"FAQ #{shipping.id} saved by agent@example.com" in report(page)
    dashboard = html.unescape(client.get("/admin/").get_data(as_text=True))
    assert "All 2 example questions still find their answer" in report(dashboard)


def test_an_example_that_never_found_its_faq_is_reported_as_such(client, agent, shop):
    _, returns, _ = shop
    page = with_examples(client, returns, PARCEL)  # a shipping question, put on returns

    said = report(page)
    assert "1 of 1 example question does not find its FAQ first" in said
    assert f"“{PARCEL}” should find How do I return an item? , and finds How long" in said
    assert "Undo that change" not in said  # nothing this change lost


def test_an_edit_that_loses_questions_is_reported_and_restoring_the_version_clears_it(
    client, agent, shop
):
    shipping, *_ = shop
    with_examples(client, shipping, PARCEL, DELIVERY)

    page = save_faq(
        client,
        shipping.id,
        question="Do you have a loyalty scheme?",
        answer="Yes: one point for every dollar you spend.",
    )

    said = report(page)
    assert "2 questions no longer find their answer after your last edit" in said
    assert f"“{PARCEL}” should find Do you have a loyalty scheme?" in said
    assert "Undo that change" in said
    dashboard = html.unescape(client.get("/admin/").get_data(as_text=True))
    assert "2 questions no longer find their answer" in report(dashboard)

    edit = html.unescape(client.get(f"/admin/faq/edit/?id={shipping.id}").get_data(as_text=True))
    assert "Restore version 1" in edit and "question, answer" in edit
    token = csrf_token_in(edit)
    restored = client.post(
        "/admin/faq/restore/", data={"id": shipping.id, "version": 1, "csrf_token": token}
    )

    assert restored.status_code == 302
    db.session.expire_all()
    faq = db.session.get(Faq, shipping.id)
    assert (faq.question, faq.version) == ("How long does shipping take?", 3)
    assert "All 2 example questions still find their answer" in report(faq_list(client))
    history = html.unescape(client.get(f"/admin/faq/edit/?id={shipping.id}").get_data(as_text=True))
    assert "restored version 1" in history
    assert history.count("agent@example.com") >= 2  # who saved versions 2 and 3


def test_undo_that_change_puts_the_faqs_back_as_they_were(client, agent, shop):
    shipping, *_ = shop
    with_examples(client, shipping, PARCEL, DELIVERY)
    page = save_faq(client, shipping.id, question="Do you have a loyalty scheme?", is_active="")
    check = db.session.scalars(db.select(KnowledgeCheck).order_by(KnowledgeCheck.id)).all()[-1]
    assert "2 questions no longer find their answer" in report(page)

    undone = client.post(
        "/admin/faq/check/restore/",
        data={"check": check.id, "csrf_token": csrf_token_in(page)},
        follow_redirects=True,
    )

    assert "Restored 1 FAQ as before that change." in html.unescape(undone.get_data(as_text=True))
    db.session.expire_all()
    faq = db.session.get(Faq, shipping.id)
    assert (faq.question, faq.is_active) == ("How long does shipping take?", True)
    assert db.session.get(KnowledgeCheck, check.id).restored_at is not None
    assert "All 2 example questions still find their answer" in report(faq_list(client))


def test_hiding_an_faq_reports_the_questions_it_answered(client, agent, shop):
    shipping, *_ = shop
    page = with_examples(client, shipping, PARCEL)

    hidden = client.post(
        "/admin/faq/shown/",
        data={"id": shipping.id, "shown": "0", "csrf_token": csrf_token_in(page)},
        follow_redirects=True,
    )

    said = report(html.unescape(hidden.get_data(as_text=True)))
    assert "1 question no longer finds its answer" in said
    assert "hidden from the assistant by agent@example.com" in said


def test_an_import_is_checked_too(client, admin, shop):
    shipping, *_ = shop
    with_examples(client, shipping, PARCEL, DELIVERY)
    csv = f"id,category,question,answer\n{shipping.id},misc,Do you gift wrap?,For $3.\n"

    page = client.post(
        "/admin/faq/import/",
        data={
            "csrf_token": admin.csrf_token("/admin/"),
            "file": (io.BytesIO(csv.encode()), "faqs.csv"),
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    )

    said = report(html.unescape(page.get_data(as_text=True)))
    assert "2 questions no longer find their answer" in said
    assert "1 FAQ imported by boss@example.com" in said


def test_an_faq_written_for_unanswered_questions_keeps_them_as_examples(client, agent, shop):
    chat, _ = make_chat()
    asked = [
        make_message(chat, Role.USER, text)
        for text in ("Do you have a shop I can visit?", "Can I visit your store in person?")
    ]
    for message in asked:
        message.unanswered = True
    db.session.commit()
    ids = ",".join(str(m.id) for m in asked)
    url = f"/admin/faq/new/?question=Do+you+have+a+shop+I+can+visit%3F&from_questions={ids}"

    form = html.unescape(client.get(url).get_data(as_text=True))
    assert textarea(form, "question") == "Do you have a shop I can visit?"
    data = {
        "csrf_token": csrf_token_in(form),
        "question": "Do you have a shop I can visit?",
        "answer": "We are online only.",
        "category": "",
        "example_questions": "",
        "is_active": "y",
    }
    assert client.post(url, data=data).status_code == 302

    db.session.expire_all()
    faq = db.session.scalars(db.select(Faq).filter_by(answer="We are online only.")).one()
    assert sorted((e.text, e.source) for e in faq.examples) == [
        ("Can I visit your store in person?", ExampleSource.UNANSWERED),
        ("Do you have a shop I can visit?", ExampleSource.UNANSWERED),
    ]
    unanswered = html.unescape(client.get("/admin/unanswered/").get_data(as_text=True))
    assert "Can I visit your store in person?" not in unanswered


def test_a_yes_makes_the_customers_question_an_example_and_a_no_takes_it_back(
    customer, model_server, shop
):
    shipping, *_ = shop
    model_server.reply_with(f"It takes 3-5 working days [FAQ {shipping.id}].")
    customer.ask(PARCEL)
    chat = ChatSession.find_by_token(customer.token)
    reply = db.session.scalars(
        db.select(Message).filter_by(session_id=chat.id, role="assistant")
    ).one()

    def vote(choice: str) -> list[tuple[str, str]]:
        url = f"/chat/messages/{reply.id}/feedback"
        customer.client.post(url, data={"vote": choice}, headers=customer.headers())
        db.session.expire_all()
        return [(e.text, e.source) for e in db.session.get(Faq, shipping.id).examples]

    assert vote("yes") == [(PARCEL, ExampleSource.CONFIRMED)]
    assert vote("no") == []
    assert vote("yes") == [(PARCEL, ExampleSource.CONFIRMED)]
    # The customer deletes the conversation: their words go from the examples too.
    customer.client.post("/chat/delete", data={"confirm": "yes"}, headers=customer.headers())
    db.session.expire_all()
    assert db.session.scalars(db.select(ExampleQuestion)).all() == []


@pytest.mark.usefixtures(*THROUGH_RQ[1].args)
@pytest.mark.app_config(**THROUGH_RQ[0].kwargs)
def test_the_check_runs_on_a_worker(app, client, agent, model_server, shop):
    shipping, *_ = shop
    page = with_examples(client, shipping, PARCEL)
    assert "Checking your example questions against your last change" in report(page)

    assert run_worker(app, model_server).wait(timeout=120) == 0

    db.session.expire_all()  # the worker's writes, not this session's copies
    assert "Your 1 example question still finds its answer" in report(faq_list(client))
