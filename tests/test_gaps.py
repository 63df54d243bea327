"""Unanswered questions, grouped (app/support/gaps.py, app/admin/unanswered.py): rewordings
of one question share a group and different questions do not, by meaning and by words;
each group offers "Write an FAQ", "Save as draft" and "Mark handled"; the work is bounded;
questions are compared by vectors stored off the web request (app/jobs/gaps.py)."""

import csv
import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from app.extensions import db
from app.models import ExampleSource, Faq, Message, QuestionEmbedding, Role
from app.models.base import utcnow
from app.support import gaps, semantic
from app.support.drafts import NEEDS_ANSWER
from app.support.prompts import DONT_KNOW
from tests.conftest import DATA, THROUGH_RQ, Customer, run_worker
from tests.factories import make_chat, make_faq, make_message

GIFT_CARDS = ["do gift cards expire", "can I buy an e-gift card", "gift card"]
TENTS = [
    "is the tent rainproof",
    "does the tent leak in heavy rain",
    "can I use the tent in the rain",
]


def unanswered(*texts: str, minutes_apart: int = 1) -> list[Message]:
    """Customer questions on the unanswered list, the last one newest."""
    chat, _ = make_chat()
    now = utcnow()
    messages = []
    for age, text in enumerate(reversed(texts)):
        message = make_message(chat, Role.USER, text)
        message.unanswered = True
        message.created_at = now - timedelta(minutes=age * minutes_apart)
        messages.append(message)
    db.session.commit()
    return list(reversed(messages))


def groups_page(client) -> str:
    response = client.get("/admin/unanswered/groups/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def shown_groups(html: str) -> list[tuple[str, int, list[str]]]:
    """(typical question, count, latest questions shown) per group, in page order."""
    found = []
    for section in re.findall(r'<section class="card gap-group.*?</section>', html, re.S):
        typical = unescape(re.search(r"<h2[^>]*>(.*?)</h2>", section, re.S).group(1))
        count = int(re.search(r"asked (\d+) time", section).group(1))
        shown = re.findall(r'<li><span class="pre-wrap">(.*?)</span>', section, re.S)
        found.append((typical, count, [unescape(text) for text in shown]))
    return found


def test_rewordings_group_by_meaning_biggest_first_with_the_typical_question(client, agent):
    unanswered(*GIFT_CARDS, "how much can I put on a gift card", *TENTS, "are you hiring?")
    found = shown_groups(groups_page(client))
    assert [count for _, count, _ in found] == [4, 3, 1]
    gift, tents, hiring = found
    # The typical question is the one most like the others; the latest three are shown.
    assert gift[0] == "how much can I put on a gift card"
    assert gift[2] == ["how much can I put on a gift card", "gift card", "can I buy an e-gift card"]
    assert tents[0] in TENTS and set(tents[2]) == set(TENTS)
    assert hiring[0] == "are you hiring?"
    assert "and 1 more" in groups_page(client)


@pytest.mark.app_config(SEMANTIC_RANKER="off")
def test_without_a_ranker_questions_group_by_the_words_they_share(client, agent):
    unanswered(
        "do you sell gift cards?",
        "Gift cards: do you sell them",
        "what time do you open on sunday",
        "do you SELL gift cards",
    )
    found = shown_groups(groups_page(client))
    assert [count for _, count, _ in found] == [3, 1]
    assert found[1][0] == "what time do you open on sunday"
    assert "by the words they share" in groups_page(client)


def b_cubed_precision(groups: list[gaps.Gap], label: dict[int, str]) -> float:
    """How many of each question's group-mates ask the same thing, on average."""
    shares = [
        sum(label[mate.id] == label[question.id] for mate in gap.questions) / gap.count
        for gap in groups
        for question in gap.questions
    ]
    return sum(shares) / len(shares)


def test_the_demo_shops_rewordings_group_at_the_chosen_threshold(app):
    """The threshold's own check (gaps.BY_MEANING): the demo shop's rewordings of one FAQ
    share groups, questions about different things rarely do."""
    questions, label = [], {}
    for name in ("demo_rewordings.csv", "demo_rewordings_heldout.csv"):
        with open(DATA / name, encoding="utf-8") as file:
            for row in csv.DictReader(file):
                asked = gaps.Asked(len(questions) + 1, row["text"], utcnow())
                label[asked.id] = row["faq_id"] or f"own topic {asked.id}"
                questions.append(asked)
    # Compared as the page compares them: the vectors keep_vector stores (queries).
    made = semantic.semantic_ranker(app.config["SEMANTIC_RANKER"]).query(
        [q.text for q in questions]
    )
    vectors = {question.id: vector for question, vector in zip(questions, made, strict=True)}
    groups = gaps.group(questions, gaps.cosines(questions, vectors), gaps.BY_MEANING)
    assert b_cubed_precision(groups, label) >= 0.9
    # Rewordings really are grouped: most questions have company.
    assert sum(gap.count for gap in groups if gap.count > 1) >= 0.6 * len(questions)


def test_write_an_faq_links_to_the_form_with_the_typical_question_and_the_group(client, agent):
    messages = unanswered(*TENTS)
    html = groups_page(client)
    link = unescape(re.search(r'href="([^"]*)">Write an FAQ<', html).group(1))
    url = urlsplit(link)
    assert url.path == "/admin/faq/new/"
    args = parse_qs(url.query)
    assert args["question"] == [shown_groups(html)[0][0]]
    assert sorted(args["from_questions"][0].split(",")) == sorted(str(m.id) for m in messages)
    assert args["url"] == ["/admin/unanswered/groups/"]  # back to the groups after saving


def post_group(client, agent, view: str, messages: list[Message]):
    return client.post(
        f"/admin/unanswered/groups/{view}/",
        data={
            "id": [m.id for m in messages],
            "csrf_token": agent.csrf_token("/admin/unanswered/groups/"),
        },
        follow_redirects=True,
    )


def test_save_as_draft_makes_one_draft_to_answer_and_hands_its_questions_over(client, agent):
    tents = unanswered(*TENTS)
    unanswered("are you hiring?")
    html = post_group(client, agent, "draft", tents).get_data(as_text=True)
    assert "Saved as a draft" in html and "Write its answer there" in html

    draft = db.session.scalar(db.select(Faq))
    assert draft.is_draft and not draft.is_active
    assert draft.question in TENTS and draft.answer == NEEDS_ANSWER
    assert draft.draft_source == "3 unanswered questions" and draft.source_ticket_id is None
    assert sorted(e.message_id for e in draft.examples) == sorted(m.id for m in tents)
    assert {e.source for e in draft.examples} == {ExampleSource.UNANSWERED}
    # The group has left the report; the other question stays.
    assert [typical for typical, _, _ in shown_groups(html)] == ["are you hiring?"]

    # Pressed again (a second tab, a double click): nothing more.
    again = post_group(client, agent, "draft", tents).get_data(as_text=True)
    assert "handled already: nothing was saved" in again
    assert db.session.scalar(db.select(db.func.count(Faq.id))) == 1


def test_mark_handled_takes_a_group_off_the_report_and_the_list(client, agent):
    gift = unanswered(*GIFT_CARDS)
    unanswered("are you hiring?")
    html = post_group(client, agent, "handled", gift).get_data(as_text=True)
    assert "3 questions marked handled." in html
    assert [typical for typical, _, _ in shown_groups(html)] == ["are you hiring?"]
    listed = client.get("/admin/unanswered/").get_data(as_text=True)
    assert "gift card" not in listed and "are you hiring?" in listed


def test_the_tabs_link_the_groups_and_every_question_both_ways(client, agent):
    unanswered("are you hiring?")
    listed = client.get("/admin/unanswered/").get_data(as_text=True)
    assert 'href="/admin/unanswered/groups/"' in listed and "Mark handled" in listed
    assert 'href="/admin/unanswered/"' in groups_page(client)


def test_an_empty_report_says_so(client, agent):
    assert "No unanswered questions" in groups_page(client)


@pytest.mark.app_config(SEMANTIC_RANKER="off")
def test_only_the_latest_500_questions_are_grouped(client, agent):
    old = unanswered("a question from long ago about kayaks")[0]
    old.created_at = utcnow() - timedelta(days=30)
    chat, _ = make_chat()
    db.session.add_all(
        Message(session=chat, role=Role.USER, content=f"question number {n}", unanswered=True)
        for n in range(gaps.MAX_QUESTIONS)
    )
    db.session.commit()
    html = groups_page(client)
    assert "501 questions no FAQ answered (the latest 500 grouped)" in html
    assert "kayaks" not in html


def test_a_customers_unanswered_question_reaches_the_groups(client, agent, model_server):
    model_server.reply_with(DONT_KNOW, DONT_KNOW)
    for question in ("do you sell gift cards?", "can I buy a gift card?"):
        Customer(client).ask(question)
    found = shown_groups(groups_page(client))
    assert [(count, set(latest)) for _, count, latest in found] == [
        (2, {"do you sell gift cards?", "can I buy a gift card?"})
    ]


def test_the_group_buttons_need_staff_and_a_csrf_token(client, agent, auth):
    tents = unanswered(*TENTS)
    refused = client.post("/admin/unanswered/groups/draft/", data={"id": [tents[0].id]})
    assert refused.status_code == 400
    client.post("/auth/logout", data={"csrf_token": auth.csrf_token("/admin/unanswered/")})
    assert client.get("/admin/unanswered/groups/").status_code == 302
    assert db.session.scalar(db.select(Faq)) is None


# Vectors: stored off the web request, by the reply job or the page's job.


def stored_vectors() -> dict[int, str]:
    """Message id -> the kind of its stored vector."""
    db.session.expire_all()
    rows = db.session.scalars(db.select(QuestionEmbedding))
    return {row.message_id: row.model for row in rows}


def waiting_note(html: str) -> str | None:
    """The page's note on questions not compared yet, whitespace tidied."""
    found = re.search(r'<p class="alert alert-info" role="status">(.*?)</p>', html, re.S)
    return " ".join(found.group(1).split()) if found else None


@pytest.fixture
def embeds_nothing(monkeypatch):
    """This process (the web side of the tests) embeds nothing: only worker processes
    do. Embedding here fails the request, and with it the test."""

    def refuse(ranker, kind, texts):
        raise AssertionError(f"embedded in the web process: {texts}")

    monkeypatch.setattr(semantic.E5Ranker, "_embed", refuse)


@THROUGH_RQ[0]
@THROUGH_RQ[1]
def test_a_worker_stores_an_unanswered_questions_vector_and_the_page_only_reads_it(
    app, client, agent, model_server, queue, embeds_nothing
):
    make_faq("How long does shipping take?", "3-5 working days.", category="shipping")
    model_server.reply_with("Shipping takes 3-5 working days.")  # answered: no vector
    assert Customer(client).send("How long is shipping?").status_code == 200
    assert run_worker(app, model_server).wait(timeout=60) == 0
    model_server.reply_with(DONT_KNOW, DONT_KNOW)
    gift_cards = ["do you sell gift cards?", "can I buy a gift card?"]
    for question in gift_cards:
        assert Customer(client).send(question).status_code == 200
    assert run_worker(app, model_server).wait(timeout=60) == 0

    # The reply jobs stored the vectors of the questions no FAQ answered, and only those.
    ids = {
        db.session.scalar(db.select(Message.id).filter_by(content=text)): text
        for text in gift_cards
    }
    assert set(db.session.scalars(db.select(Message.id).where(*gaps.UNANSWERED))) == set(ids)
    assert stored_vectors() == dict.fromkeys(ids, gaps.vector_kind(app.config))

    html = groups_page(client)
    found = shown_groups(html)
    assert [(count, set(latest)) for _, count, latest in found] == [(2, set(gift_cards))]
    assert waiting_note(html) is None and queue.count == 0  # nothing left to embed

    # Acting on the group finds its typical question from the stored vectors too.
    questions = [db.session.get(Message, message_id) for message_id in ids]
    saved = post_group(client, agent, "draft", questions).get_data(as_text=True)
    assert "Saved as a draft" in saved
    assert db.session.scalar(db.select(Faq.question).filter_by(is_draft=True)) == found[0][0]


@THROUGH_RQ[0]
@THROUGH_RQ[1]
def test_questions_without_a_vector_wait_for_one_job_then_are_grouped(
    app, client, agent, model_server, queue, embeds_nothing
):
    tents = unanswered(*TENTS)  # as before vectors were stored: none
    unanswered("are you hiring?")

    html = groups_page(client)
    assert waiting_note(html) == (
        "4 questions are still being compared with the others: "
        "reload the page in a minute to see them grouped."
    )
    assert shown_groups(html) == [] and "No unanswered questions" not in html
    assert queue.count == 1
    groups_page(client)  # staff reload: the job waiting will do, no second one is queued
    assert queue.count == 1 and stored_vectors() == {}

    assert run_worker(app, model_server).wait(timeout=60) == 0

    assert len(stored_vectors()) == 4
    html = groups_page(client)
    assert waiting_note(html) is None and queue.count == 0
    found = shown_groups(html)
    assert [count for _, count, _ in found] == [3, 1]
    assert found[0][0] in TENTS and set(found[0][2]) == set(TENTS)
    typical = found[0][0]
    # Saved as a draft, the group keeps the typical question the page showed.
    post_group(client, agent, "draft", tents)
    assert db.session.scalar(db.select(Faq.question).filter_by(is_draft=True)) == typical


@THROUGH_RQ[0]
@THROUGH_RQ[1]
def test_a_vector_of_another_model_is_made_again_and_a_new_question_queues_a_new_job(
    app, client, agent, model_server, queue, embeds_nothing
):
    old = unanswered("do gift cards expire")[0]
    db.session.add(QuestionEmbedding(message_id=old.id, model="an older model", vector=b"\0" * 8))
    db.session.commit()
    assert waiting_note(groups_page(client)).startswith("1 question is still being compared")
    assert run_worker(app, model_server).wait(timeout=60) == 0
    assert stored_vectors() == {old.id: gaps.vector_kind(app.config)}

    unanswered("gift card")  # asked later, its vector not stored: a new job is queued
    assert waiting_note(groups_page(client)).startswith("1 question is still being compared")
    assert queue.count == 1
    assert run_worker(app, model_server).wait(timeout=60) == 0
    assert [count for _, count, _ in shown_groups(groups_page(client))] == [2]


@pytest.mark.app_config(REDIS_URL="redis://127.0.0.1:1/0")
def test_with_redis_down_the_page_embeds_nothing_and_says_the_questions_wait(
    client, agent, embeds_nothing
):
    unanswered(*TENTS)
    html = groups_page(client)
    assert waiting_note(html).startswith("3 questions are still being compared")
    assert stored_vectors() == {}


def test_without_a_queue_the_page_embeds_what_waits_once(client, agent):
    """No REDIS_URL: no worker to ask, so (as for replies) the web process does the work,
    and stores it: the next look reads the vectors."""
    unanswered(*TENTS)
    assert [count for _, count, _ in shown_groups(groups_page(client))] == [3]
    assert len(stored_vectors()) == 3


@pytest.mark.app_config(SEMANTIC_RANKER="off")
def test_without_a_ranker_nothing_is_stored_and_nothing_waits(client, agent, model_server):
    model_server.reply_with(DONT_KNOW)
    Customer(client).ask("do you sell gift cards?")
    html = groups_page(client)
    assert [count for _, count, _ in shown_groups(html)] == [1] and waiting_note(html) is None
    assert stored_vectors() == {}


def test_deleting_a_conversation_deletes_its_questions_vectors(client, admin, model_server):
    model_server.reply_with(DONT_KNOW, DONT_KNOW, DONT_KNOW)
    kept, forgets, deleted_by_staff = Customer(client), Customer(client), Customer(client)
    kept.ask("do you sell gift cards?")
    forgets.ask("can I buy a gift card?")
    deleted_by_staff.ask("is the tent rainproof")
    questions = {
        text: db.session.scalar(db.select(Message.id).filter_by(content=text))
        for text in ("do you sell gift cards?", "can I buy a gift card?", "is the tent rainproof")
    }
    assert set(stored_vectors()) == set(questions.values())

    # The customer deletes their conversation; staff delete another.
    confirm = {"confirm": "yes"}
    response = client.post("/chat/delete", data=confirm, headers=forgets.headers())
    assert response.status_code == 200
    session_id = db.session.get(Message, questions["is the tent rainproof"]).session_id
    response = client.post(
        "/admin/conversation/delete/",
        data={"id": str(session_id), "csrf_token": admin.csrf_token("/admin/conversation/")},
        follow_redirects=True,
    )
    assert response.status_code == 200

    assert set(stored_vectors()) == {questions["do you sell gift cards?"]}
