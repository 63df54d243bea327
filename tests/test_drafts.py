"""FAQ drafts (app/support/drafts.py, app/admin/drafts.py): from a ticket's staff reply,
from resolved tickets with `kb drafts` (by the model or plainly), reviewed in the queue
(publish, edit, discard, merge into a near-duplicate), and never in a prompt before."""

import json
import re
from datetime import timedelta
from html import unescape

import pytest

from app.extensions import db
from app.models import (
    ExampleQuestion,
    ExampleSource,
    Faq,
    FaqVersion,
    KnowledgeCheck,
    StaffUser,
    Ticket,
    TokenUsage,
)
from app.models.base import utcnow
from app.support.drafts import NEEDS_ANSWER
from tests.conftest import Customer
from tests.factories import make_faq
from tests.model_server import Fault
from tests.test_escalation import escalate
from tests.test_gaps import post_group, unanswered

SHIPPING = "How long does shipping take?"
CANADA = "How long does shipping to Canada take?"
CANADA_ANSWER = "Parcels to Canada take 7-10 working days and cost $15."


def open_ticket(client, summary: str) -> Ticket:
    """A customer asks the assistant, then asks a person: the ticket staff see."""
    customer = Customer(client)
    customer.ask(summary)
    assert escalate(customer, summary=summary).status_code == 200
    return db.session.scalars(db.select(Ticket).order_by(Ticket.id.desc())).first()


# Tokens from the drafts page: the staff pages share one CSRF token per session.
def post(client, staff, url: str, data: dict | None = None, page: str = "/admin/draft/"):
    return client.post(url, data={**(data or {}), "csrf_token": staff.csrf_token(page)})


def reply(client, staff, ticket: Ticket, text: str) -> None:
    response = post(client, staff, f"/admin/ticket/reply/?id={ticket.id}", {"reply-body": text})
    assert response.status_code == 302


def ticket_page(client, ticket: Ticket) -> str:
    return client.get(f"/admin/ticket/details/?id={ticket.id}").get_data(as_text=True)


def save_as_draft(client, staff, ticket: Ticket):
    return post(client, staff, f"/admin/ticket/draft/?id={ticket.id}")


def drafts() -> list[Faq]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Faq).filter_by(is_draft=True).order_by(Faq.id)))


def draft_from_ticket(client, staff, summary: str = CANADA, answer: str = CANADA_ANSWER) -> Faq:
    ticket = open_ticket(client, summary)
    reply(client, staff, ticket, answer)
    save_as_draft(client, staff, ticket)
    return drafts()[-1]


def test_a_staff_reply_becomes_one_draft_opened_for_editing(client, agent):
    ticket = open_ticket(client, "Do you ship to Canada? Write to pat@example.com")
    assert "Save as FAQ draft" not in ticket_page(client, ticket)  # no reply to take yet

    reply(client, agent, ticket, "Yes: 7-10 days. Card 4111 1111 1111 1111 was refunded.")
    assert "Save as FAQ draft" in ticket_page(client, ticket)
    saved = save_as_draft(client, agent, ticket)
    [draft] = drafts()
    assert saved.headers["Location"] == f"/admin/draft/edit/?id={draft.id}"
    assert draft.question == "Do you ship to Canada? Write to [email address removed]"
    assert draft.answer == "Yes: 7-10 days. Card [card number removed] was refunded."
    assert (draft.draft_source, draft.source_ticket_id) == (f"Ticket #{ticket.id}", ticket.id)
    assert draft.is_active is False
    agent_id = db.session.scalar(db.select(StaffUser.id))
    assert draft.edited_by_id == agent_id and draft.versions[0].edited_by_id == agent_id
    form = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Save and publish" in form and "Write to [email address removed]" in form

    # Pressed again for the same reply: the same draft opens.
    again = save_as_draft(client, agent, ticket)
    assert again.headers["Location"] == f"/admin/draft/edit/?id={draft.id}"
    assert len(drafts()) == 1
    page = ticket_page(client, ticket)
    assert "Open the FAQ draft" in page and "Save as FAQ draft" not in page

    # A new reply is new material.
    reply(client, agent, ticket, "Update: express to Canada takes 3 days.")
    assert "Save as FAQ draft" in ticket_page(client, ticket)
    save_as_draft(client, agent, ticket)
    assert [d.answer for d in drafts()][-1] == "Update: express to Canada takes 3 days."


def test_a_draft_is_never_in_a_prompt_until_it_is_published(client, agent, model_server):
    make_faq(SHIPPING, "3-5 working days.", category="shipping")
    draft = draft_from_ticket(client, agent)
    Customer(client).ask("how long does shipping to canada take?")
    assert "7-10 working days" not in model_server.system_prompt()
    assert "7-10 working days" not in model_server.all_text()
    assert CANADA not in model_server.system_prompt()

    post(client, agent, "/admin/draft/publish/", {"id": draft.id})
    Customer(client).ask("how long does shipping to canada take?")
    assert CANADA_ANSWER in model_server.system_prompt()


def test_the_queue_lists_drafts_with_their_source_and_closest_faqs(client, agent):
    shipping = make_faq(SHIPPING, "3-5 working days.", category="shipping")
    make_faq("Do you sell gift cards?", "Yes, from $25.", category="gift cards")
    draft = draft_from_ticket(client, agent)
    html = client.get("/admin/draft/").get_data(as_text=True)
    assert CANADA in html and "Do you sell gift cards?" not in html
    assert f'<a href="/admin/ticket/details/?id={draft.source_ticket_id}">Ticket #' in html
    near = re.search(r'<ul class="draft-near.*?</ul>', html, re.S).group(0)
    assert SHIPPING in near and "gift cards" not in near  # only FAQs alike enough
    percent = int(re.search(r"(\d+)%", near).group(1))
    assert 84 <= percent <= 100
    merge = f"/admin/draft/merge/?id={draft.id}&amp;into={shipping.id}"
    assert merge in near
    assert "Publish" in html and "Discard" in html
    # The FAQ list is for published FAQs.
    assert CANADA not in client.get("/admin/faq/").get_data(as_text=True)


@pytest.mark.app_config(SEMANTIC_RANKER="off")
def test_without_a_ranker_the_closest_faqs_are_found_by_words(client, agent):
    make_faq(SHIPPING, "3-5 working days.")
    make_faq("Do you sell gift cards?", "Yes, from $25.")
    draft_from_ticket(client, agent, summary="How long does shipping take to Canada?")
    near = re.search(
        r'<ul class="draft-near.*?</ul>', client.get("/admin/draft/").get_data(as_text=True), re.S
    ).group(0)
    assert SHIPPING in near and "100%" in near and "gift cards" not in near


def test_publishing_makes_it_an_faq_and_checks_the_knowledge_base(client, agent):
    faq = make_faq(SHIPPING, "3-5 working days.")
    faq.examples.append(ExampleQuestion(text="when will my parcel come", source="staff"))
    db.session.commit()
    draft = draft_from_ticket(client, agent)
    published = post(client, agent, "/admin/draft/publish/", {"id": draft.id})
    assert published.headers["Location"] == "/admin/draft/"
    html = client.get("/admin/draft/").get_data(as_text=True)
    assert "Published:" in html and "is now an FAQ the assistant uses" in html
    db.session.expire_all()
    draft = db.session.get(Faq, draft.id)
    assert draft.is_draft is False and draft.is_active is True
    check = db.session.scalar(db.select(KnowledgeCheck).order_by(KnowledgeCheck.id.desc()))
    assert "published" in check.reason
    assert check.before == [{"id": draft.id, "version": 1, "is_active": False}]
    assert CANADA in client.get("/admin/faq/").get_data(as_text=True)
    # Published, it is no draft to publish, edit or discard here.
    assert post(client, agent, "/admin/draft/publish/", {"id": draft.id}).status_code == 404
    assert post(client, agent, "/admin/draft/discard/", {"id": draft.id}).status_code == 404
    edit = client.get(f"/admin/draft/edit/?id={draft.id}", follow_redirects=True)
    assert "Record does not exist." in edit.get_data(as_text=True)


def test_a_draft_still_to_answer_cannot_be_published(client, agent):
    questions = unanswered("do you sell gift cards?", "can I buy a gift card?")
    post_group(client, agent, "draft", questions)
    [draft] = drafts()
    html = client.get("/admin/draft/").get_data(as_text=True)
    assert "Needs an answer" in html and "Write the answer" in html
    assert "2 unanswered questions" in html
    refused = post(client, agent, "/admin/draft/publish/", {"id": draft.id})
    assert refused.headers["Location"] == f"/admin/draft/edit/?id={draft.id}"
    page = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "Not published: write its answer first." in page
    assert drafts()[0].is_draft and drafts()[0].answer == NEEDS_ANSWER


def edit(client, staff, draft: Faq, answer: str, button: str):
    url = f"/admin/draft/edit/?id={draft.id}"
    data = {"question": draft.question, "answer": answer, "category": "", button: "1"}
    return post(client, staff, url, data, page=url)


def test_save_and_publish_from_the_drafts_page_records_who(client, agent):
    questions = unanswered("do you sell gift cards?", "can I buy a gift card?")
    post_group(client, agent, "draft", questions)
    [draft] = drafts()
    # Still the placeholder: saved, not published, and back on its page.
    kept = edit(client, agent, draft, NEEDS_ANSWER, "_publish")
    assert kept.headers["Location"] == f"/admin/draft/edit/?id={draft.id}"
    assert drafts()[0].is_draft

    done = edit(client, agent, draft, "Yes: gift cards from $25, by email.", "_publish")
    assert done.headers["Location"] == "/admin/draft/"
    db.session.expire_all()
    faq = db.session.get(Faq, draft.id)
    assert (faq.is_draft, faq.is_active, faq.answer) == (
        False,
        True,
        "Yes: gift cards from $25, by email.",
    )
    latest = db.session.scalar(
        db.select(FaqVersion).filter_by(faq_id=faq.id).order_by(FaqVersion.version.desc())
    )
    assert latest.changed == "answer" and latest.edited_by.email == "agent@example.com"
    # The questions it was made for are its examples, ready for the knowledge check.
    assert {e.text for e in faq.examples} == {"do you sell gift cards?", "can I buy a gift card?"}


def test_an_agent_discards_a_draft_and_nothing_else(client, agent):
    published = make_faq(SHIPPING, "3-5 working days.")
    draft = draft_from_ticket(client, agent)
    ticket_id = draft.source_ticket_id
    gone = post(client, agent, "/admin/draft/discard/", {"id": draft.id})
    assert gone.headers["Location"] == "/admin/draft/"
    assert "Draft discarded" in client.get("/admin/draft/").get_data(as_text=True)
    assert drafts() == [] and db.session.get(Ticket, ticket_id) is not None
    # A published FAQ is not a draft: Discard refuses it, and deleting stays the admins'.
    assert post(client, agent, "/admin/draft/discard/", {"id": published.id}).status_code == 404
    assert post(client, agent, "/admin/draft/delete/", {"id": published.id}).status_code == 403
    assert db.session.get(Faq, published.id) is not None


def test_merging_folds_the_draft_into_the_faq_the_assistant_then_uses(client, agent, model_server):
    shipping = make_faq(SHIPPING, "3-5 working days in the US.", category="shipping")
    draft = draft_from_ticket(client, agent)
    url = f"/admin/draft/merge/?id={draft.id}&into={shipping.id}"
    page = client.get(url).get_data(as_text=True)
    assert f"Merge a draft into “{SHIPPING}”" in unescape(page)
    box = unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1))
    assert box.strip() == f"3-5 working days in the US.\n\n{CANADA_ANSWER}"

    merged = "3-5 working days in the US; 7-10 to Canada ($15)."
    done = post(client, agent, url, {"answer": merged}, page=url)
    assert done.headers["Location"] == "/admin/draft/"
    db.session.expire_all()
    shipping = db.session.get(Faq, shipping.id)
    assert shipping.answer == merged and shipping.version == 2
    assert shipping.versions[0].edited_by.email == "agent@example.com"
    assert [(e.text, e.source) for e in shipping.examples] == [(CANADA, ExampleSource.STAFF)]
    assert drafts() == []
    check = db.session.scalar(db.select(KnowledgeCheck).order_by(KnowledgeCheck.id.desc()))
    assert "merged into FAQ" in check.reason
    assert check.before == [{"id": shipping.id, "version": 1, "is_active": True}]

    Customer(client).ask("how long does shipping to canada take?")
    assert merged in model_server.system_prompt()


def test_merging_a_group_draft_brings_its_questions_along(client, agent):
    gifts = make_faq("Do you sell gift cards?", "Yes, from $25.")
    questions = unanswered("can I buy a gift voucher?", "gift vouchers?")
    post_group(client, agent, "draft", questions)
    [draft] = drafts()
    url = f"/admin/draft/merge/?id={draft.id}&into={gifts.id}"
    box = re.search(
        r"<textarea[^>]*>(.*?)</textarea>", client.get(url).get_data(as_text=True), re.S
    )
    assert box.group(1).strip() == "Yes, from $25."  # the placeholder is left out
    post(client, agent, url, {"answer": "Yes, from $25: vouchers too."}, page=url)
    db.session.expire_all()
    examples = {(e.text, e.source) for e in db.session.get(Faq, gifts.id).examples}
    assert examples == {
        ("can I buy a gift voucher?", ExampleSource.UNANSWERED),
        ("gift vouchers?", ExampleSource.UNANSWERED),
    }  # the draft's question was one of them: not twice


def test_merge_refuses_what_is_not_a_draft_into_a_published_faq(client, agent):
    shipping = make_faq(SHIPPING, "3-5 working days.")
    first = draft_from_ticket(client, agent)
    second = draft_from_ticket(client, agent, summary="Do you ship to Mexico?")
    for draft_id, into in ((first.id, second.id), (shipping.id, first.id), (first.id, 10**12)):
        assert client.get(f"/admin/draft/merge/?id={draft_id}&into={into}").status_code == 404
    url = f"/admin/draft/merge/?id={first.id}&into={shipping.id}"
    empty = post(client, agent, url, {"answer": "  "}, page=url)
    assert "Write the FAQ" in empty.get_data(as_text=True)
    assert len(drafts()) == 2


def test_the_queue_is_staff_only_and_in_the_menu(client, agent, auth):
    html = client.get("/admin/draft/").get_data(as_text=True)
    assert re.search(r'<a class="nav-link[^"]*" href="/admin/draft/">\s*FAQ drafts</a>', html)
    assert "No drafts to review" in html
    client.post("/auth/logout", data={"csrf_token": auth.csrf_token("/admin/draft/")})
    assert client.get("/admin/draft/").status_code == 302


# `kb drafts`: from tickets resolved since a day.


def resolved_ticket(client, staff, summary: str, answer: str | None, days_ago: int = 0) -> Ticket:
    ticket = open_ticket(client, summary)
    if answer:
        reply(client, staff, ticket, answer)
    post(client, staff, f"/admin/ticket/resolve/?id={ticket.id}")
    db.session.expire_all()
    ticket = db.session.get(Ticket, ticket.id)
    if days_ago:  # resolved then (its reply earlier still)
        ticket.resolved_at = utcnow() - timedelta(days=days_ago)
        ticket.created_at = ticket.resolved_at - timedelta(hours=1)
        for message in ticket.session.messages:
            message.created_at = ticket.created_at + timedelta(minutes=message.id)
        db.session.commit()
    return ticket


@pytest.fixture
def resolved(client, agent):
    """Tickets of every kind; only `canada` should give a draft."""
    return {
        "canada": resolved_ticket(
            client, agent, "Do you ship to Canada? card 4111 1111 1111 1111", CANADA_ANSWER
        ),
        "old": resolved_ticket(client, agent, "Do you ship to Peru?", "Yes, 3 weeks.", 20),
        "no_reply": resolved_ticket(client, agent, "Never mind", None),
        "open": open_ticket(client, "Do you ship to Chile?"),
    }


def since(days: int = 7) -> str:
    return (utcnow() - timedelta(days=days)).date().isoformat()


@pytest.mark.app_config(OPENAI_API_KEY=None)
def test_kb_drafts_without_a_key_takes_the_request_and_the_last_reply(runner, resolved):
    result = runner.invoke(args=["kb", "drafts", "--since", since()])
    assert result.exit_code == 0, result.output
    [draft] = drafts()
    canada = resolved["canada"]
    assert (draft.question, draft.answer) == (
        "Do you ship to Canada? card [card number removed]",
        CANADA_ANSWER,
    )
    assert draft.source_ticket_id == canada.id and draft.edited_by_id is None
    assert result.output.splitlines() == [
        f"Ticket #{canada.id}: draft #{draft.id} (from the last staff reply): {draft.question}",
        f"1 FAQ draft made from tickets #{canada.id}; review them under FAQ drafts.",
    ]
    # Run again: that ticket has its draft.
    again = runner.invoke(args=["kb", "drafts", "--since", since()])
    assert again.output == "0 FAQ drafts made.\n" and len(drafts()) == 1
    # A longer window takes the older ticket too.
    older = runner.invoke(args=["kb", "drafts", "--since", since(30)])
    assert f"from tickets #{resolved['old'].id};" in older.output


@pytest.mark.app_config(OPENAI_API_KEY=None)
def test_kb_drafts_proposes_no_ticket_again_once_its_draft_was_discarded(
    client, agent, runner, resolved
):
    runner.invoke(args=["kb", "drafts", "--since", since()])
    [draft] = drafts()
    assert post(client, agent, "/admin/draft/discard/", {"id": draft.id}).status_code == 302
    assert drafts() == []

    again = runner.invoke(args=["kb", "drafts", "--since", since()])

    assert again.output == "0 FAQ drafts made.\n" and drafts() == []


def test_kb_drafts_with_a_key_asks_the_model_for_a_question_and_answer(
    runner, resolved, model_server
):
    model_server.reset()
    condensed = {"question": "Do you ship to Canada?", "answer": "Yes: 7-10 working days, $15."}
    model_server.reply_with(json.dumps(condensed))
    result = runner.invoke(args=["kb", "drafts", "--since", since()])
    assert result.exit_code == 0, result.output
    [draft] = drafts()
    assert (draft.question, draft.answer) == (condensed["question"], condensed["answer"])
    assert "(by the model)" in result.output

    [request] = model_server.requests
    assert not request.get("stream") and request["response_format"] == {"type": "json_object"}
    sent = json.loads(request["messages"][1]["content"])
    assert sent["request"] == "Do you ship to Canada? card [card number removed]"
    assert sent["staff_replies"] == [CANADA_ANSWER]
    assert [m["role"] for m in sent["conversation"]] == ["user", "assistant"]
    assert "4111" not in model_server.all_text()
    assert "not instructions" in request["messages"][0]["content"]
    assert db.session.scalar(db.select(db.func.sum(TokenUsage.tokens))) > 0  # the day's budget


@pytest.mark.parametrize(
    "reply",
    [
        "Sure! Here is the FAQ: Do you ship to Canada?",
        json.dumps({"question": "Canada?"}),
        json.dumps({"question": "Canada?", "answer": ""}),
        "[]",
        Fault.server_error(),
    ],
    ids=["not JSON", "no answer", "empty answer", "not an object", "model down"],
)
def test_kb_drafts_falls_back_to_the_plain_way_when_the_reply_will_not_do(
    runner, resolved, model_server, reply
):
    model_server.reset()
    model_server.reply_with(reply)
    result = runner.invoke(args=["kb", "drafts", "--since", since()])
    assert "(from the last staff reply)" in result.output
    [draft] = drafts()
    assert draft.answer == CANADA_ANSWER


def test_kb_drafts_needs_a_day(runner):
    result = runner.invoke(args=["kb", "drafts", "--since", "last week"])
    assert result.exit_code == 2 and "Invalid value for '--since'" in result.output


def test_hostile_ids_are_answered_not_a_500(client, agent):
    draft = draft_from_ticket(client, agent)
    for bad in ("abc", "²", "0", "-1", str(10**20)):
        assert post(client, agent, "/admin/draft/publish/", {"id": bad}).status_code == 404
        assert post(client, agent, "/admin/draft/discard/", {"id": bad}).status_code == 404
        assert client.get(f"/admin/draft/merge/?id={bad}&into=1").status_code == 404
        assert client.get(f"/admin/draft/merge/?id={draft.id}&into={bad}").status_code == 404
        assert post(client, agent, f"/admin/ticket/draft/?id={bad}").status_code == 404
        edit = client.get(f"/admin/draft/edit/?id={bad}", follow_redirects=True)
        assert "Record does not exist." in edit.get_data(as_text=True)
        grouped = post(client, agent, "/admin/unanswered/groups/draft/", {"id": [bad, "x"]})
        assert grouped.status_code == 302
    assert drafts() == [draft]


def test_the_dashboard_counts_drafts_and_faq_pages_refuse_them(client, agent):
    draft = make_faq("Do you have a shop?", NEEDS_ANSWER, is_draft=True)

    dashboard = client.get("/admin/").get_data(as_text=True)
    edit = client.get(f"/admin/faq/edit/?id={draft.id}", follow_redirects=True)

    assert re.search(r'id="drafts-waiting">1 FAQ draft</a> to review', dashboard)
    assert "Record does not exist." in edit.get_data(as_text=True)  # drafts have their page
