"""Conversation outcomes: the rules (docs/outcomes.md), the periodic job that stores them,
its CLI and ledger export, and a real worker's maintenance deciding them."""

import csv
import io
import subprocess
from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.models import ChatSession, Feedback, Message, Outcome, Role, Status, Ticket
from app.models.base import utcnow
from app.support.outcomes import (
    LEDGER_FIELDS,
    OUTCOME_LINES,
    Windows,
    anonymous_id,
    candidates,
    decide,
    decide_outcomes,
    same_question,
)
from tests.conftest import ROOT, THROUGH_RQ, run_worker
from tests.factories import make_chat

pytestmark = pytest.mark.usefixtures("app")

T0 = datetime(2026, 6, 1, 12, 0)
QUESTION = "Where is my parcel? I ordered it last week"


def minutes(n: float) -> datetime:
    return T0 + timedelta(minutes=n)


def hours(n: float) -> datetime:
    return T0 + timedelta(hours=n)


def say(chat: ChatSession, role: Role, text: str, at: datetime, **fields) -> Message:
    message = Message(session=chat, role=role, content=text, created_at=at, **fields)
    db.session.add(message)
    db.session.commit()
    return message


def exchange(
    chat: ChatSession, question: str, at: datetime, answer: str = "It ships in 3-5 days.", **reply
) -> tuple[Message, Message]:
    """A customer question and the assistant's finished reply, a second later."""
    unanswered = reply.pop("unanswered", False)
    asked = say(chat, Role.USER, question, at, unanswered=unanswered)
    fields = {"status": Status.DONE, **reply}
    answered = say(chat, Role.ASSISTANT, answer, at + timedelta(seconds=1), **fields)
    return asked, answered


def conversation(at: datetime = T0, **reply) -> ChatSession:
    chat, _ = make_chat()
    chat.created_at = at
    db.session.commit()
    exchange(chat, QUESTION, at, **reply)
    return chat


def open_ticket(chat: ChatSession, at: datetime, contact: str | None = None) -> Ticket:
    ticket = Ticket(
        session=chat,
        unresolved_session_id=chat.id,
        summary="Parcel",
        contact=contact,
        created_at=at,
    )
    db.session.add(ticket)
    db.session.commit()
    return ticket


def outcome_of(chat: ChatSession) -> tuple[str | None, datetime | None]:
    db.session.expire_all()
    chat = db.session.get(ChatSession, chat.id)
    return chat.outcome, chat.outcome_at


def test_an_answered_conversation_is_assumed_once_quiet_and_not_before():
    chat = conversation()

    assert decide_outcomes(minutes(29)) == {}
    assert outcome_of(chat) == (None, None)  # still active: no outcome yet

    assert decide_outcomes(minutes(31)) == {Outcome.ASSUMED: 1}
    assert outcome_of(chat) == (Outcome.ASSUMED, minutes(31))


def test_deciding_twice_changes_nothing_the_second_time():
    chats = [conversation(), conversation(feedback=Feedback.YES), conversation(unanswered=True)]
    open_ticket(conversation(), minutes(5))

    first = decide_outcomes(minutes(40))
    before = [outcome_of(chat) for chat in chats]
    second = decide_outcomes(minutes(41))

    assert sum(first.values()) == 4
    assert second == {}  # no row updated
    assert [outcome_of(chat) for chat in chats] == before


def test_a_yes_is_confirmed_once_quiet():
    conversation(feedback=Feedback.YES, feedback_at=minutes(2))

    assert decide_outcomes(minutes(10)) == {}
    assert decide_outcomes(minutes(31)) == {Outcome.CONFIRMED: 1}


def test_a_later_no_takes_a_yes_back():
    chat = conversation(feedback=Feedback.YES, feedback_at=minutes(1))
    exchange(chat, "And can I change the address?", minutes(3), feedback=Feedback.NO)

    decide_outcomes(minutes(40))

    assert outcome_of(chat)[0] == Outcome.UNANSWERED


@pytest.mark.parametrize(
    "reply",
    [{"unanswered": True}, {"status": Status.FAILED}, {"feedback": Feedback.NO}],
    ids=["not-from-the-faqs", "reply-failed", "voted-no"],
)
def test_a_customer_left_without_an_answer_is_unanswered(reply):
    chat = conversation(**reply)

    assert decide_outcomes(minutes(20)) == {}
    assert decide_outcomes(minutes(31)) == {Outcome.UNANSWERED: 1}
    assert outcome_of(chat)[0] == Outcome.UNANSWERED


def test_a_pending_reply_keeps_the_conversation_open():
    chat, _ = make_chat()
    say(chat, Role.USER, QUESTION, T0)
    say(chat, Role.ASSISTANT, "", T0, status=Status.PENDING)

    assert decide_outcomes(hours(2)) == {}


def test_a_ticket_hands_the_conversation_off_at_once():
    chat = conversation()
    open_ticket(chat, minutes(2))

    assert decide_outcomes(minutes(3)) == {Outcome.HANDED_OFF: 1}  # no need to wait


def test_the_same_question_within_the_window_reverses_an_assumed_outcome():
    chat = conversation()
    decide_outcomes(minutes(31))
    exchange(chat, "where is my parcel?? I ordered it last week!", hours(5))

    assert decide_outcomes(hours(5) + timedelta(minutes=1)) == {Outcome.REVERSED: 1}
    assert decide_outcomes(hours(6)) == {}  # quiet again: still reversed
    assert outcome_of(chat) == (Outcome.REVERSED, hours(5) + timedelta(minutes=1))


def test_the_same_question_after_a_yes_reverses_it():
    chat = conversation(feedback=Feedback.YES, feedback_at=minutes(1))
    exchange(chat, "Where is my parcel, I ordered it last week", minutes(2))

    assert decide_outcomes(minutes(3)) == {Outcome.REVERSED: 1}


@pytest.mark.parametrize("reply", [{}, {"feedback": Feedback.YES}], ids=["assumed", "confirmed"])
def test_asking_for_a_person_after_a_resolution_reverses_it(reply):
    chat = conversation(**reply, feedback_at=minutes(1) if reply else None)
    decide_outcomes(minutes(31))
    open_ticket(chat, hours(3))

    assert decide_outcomes(hours(3)) == {Outcome.REVERSED: 1}


def test_a_new_question_is_not_a_reversal():
    chat = conversation()
    decide_outcomes(minutes(31))
    exchange(chat, "Do you sell two-person tents?", hours(2))

    assert decide_outcomes(hours(2) + timedelta(minutes=5)) == {}  # active: stays assumed
    assert decide_outcomes(hours(3)) == {}
    assert outcome_of(chat) == (Outcome.ASSUMED, minutes(31))


def test_an_outcome_is_final_after_the_reopen_window():
    chat = conversation()
    decide_outcomes(minutes(31))
    exchange(chat, QUESTION, hours(30))
    open_ticket(chat, hours(30))

    assert decide_outcomes(hours(31)) == {}
    assert outcome_of(chat) == (Outcome.ASSUMED, minutes(31))
    assert decide(db.session.get(ChatSession, chat.id), hours(31)) == Outcome.ASSUMED


def test_the_job_reads_only_conversations_that_may_change():
    old = conversation(at=T0 - timedelta(days=3))  # never decided, long quiet
    final = conversation(at=T0 - timedelta(days=2))
    decide_outcomes(T0 - timedelta(days=2) + timedelta(minutes=31))
    recent = conversation(at=T0)

    assert candidates(minutes(31), Windows.from_config()) == [recent.id]
    assert decide_outcomes(minutes(31)) == {Outcome.ASSUMED: 1}
    assert outcome_of(old) == (None, None)
    assert outcome_of(final)[0] == Outcome.ASSUMED


def test_short_messages_are_never_the_same_question():
    assert same_question("Do you sell two-person tents?", QUESTION) is False
    assert same_question("hi there, where is my parcel?", "hi") is False
    assert same_question("Where's my parcel? ordered it last week", QUESTION) is True


def test_docs_carry_every_one_line_definition():
    published = (ROOT / "docs" / "outcomes.md").read_text()
    assert set(OUTCOME_LINES) == set(Outcome)
    for line in OUTCOME_LINES.values():
        assert f"- {line}\n" in published


def recent_conversation(**reply) -> ChatSession:
    return conversation(at=utcnow() - timedelta(hours=1), **reply)


def test_cli_decide_prints_the_count_per_outcome(runner):
    recent_conversation()
    recent_conversation(unanswered=True)

    first = runner.invoke(args=["outcomes", "decide"])
    second = runner.invoke(args=["outcomes", "decide"])

    assert first.exit_code == 0, first.output
    assert "Outcomes changed: 2." in first.output
    assert "assumed: 1 (1 changed)" in first.output
    assert "unanswered: 1 (1 changed)" in first.output
    assert "confirmed: 0 (0 changed)" in first.output
    assert "Outcomes changed: 0." in second.output
    assert "assumed: 1 (0 changed)" in second.output


def test_cli_decide_all_backfills_conversations_never_decided_however_old(runner):
    """Conversations from before outcomes existed: `decide` leaves them, `decide --all`
    judges each by its own timeline, once."""
    long_ago = utcnow() - timedelta(days=40)
    assumed = conversation(at=long_ago)
    unanswered = conversation(at=long_ago, unanswered=True)
    handed_off = conversation(at=long_ago)
    open_ticket(handed_off, long_ago + timedelta(minutes=5))

    plain = runner.invoke(args=["outcomes", "decide"])
    backfill = runner.invoke(args=["outcomes", "decide", "--all"])
    again = runner.invoke(args=["outcomes", "decide", "--all"])

    assert "Outcomes changed: 0." in plain.output
    assert backfill.exit_code == 0, backfill.output
    assert "Outcomes changed: 3." in backfill.output
    assert outcome_of(assumed)[0] == Outcome.ASSUMED
    assert outcome_of(unanswered)[0] == Outcome.UNANSWERED
    assert outcome_of(handed_off)[0] == Outcome.HANDED_OFF
    assert "Outcomes changed: 0." in again.output


def test_cli_export_round_trips_and_names_nobody(app, runner):
    started = utcnow() - timedelta(hours=2)
    chat = recent_conversation(
        feedback=Feedback.YES,
        cited_faqs=[{"id": 7, "question": "Shipping"}, {"id": 3, "question": "Returns"}],
        model="gpt-4o-mini",
        prompt_tokens=120,
        completion_tokens=30,
    )
    exchange(chat, "Send it to jo@example.com please", started + timedelta(minutes=70))
    open_ticket(chat, started + timedelta(minutes=71), contact="jo@example.com")
    quiet = conversation(at=utcnow() - timedelta(days=1, hours=1))  # started earlier
    decide_outcomes(utcnow() - timedelta(days=1) + timedelta(minutes=1))
    decide_outcomes()

    result = runner.invoke(args=["outcomes", "export"])

    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0]) == LEDGER_FIELDS
    assert rows == [expected_row(app, chat), expected_row(app, quiet)]
    assert expected_row(app, chat)["faqs_cited"] == "3 7"
    for secret in [QUESTION, "jo@example.com", "It ships", chat.public_id, quiet.public_id]:
        assert secret not in result.output
    since = (utcnow() - timedelta(hours=3)).date().isoformat()
    later = runner.invoke(args=["outcomes", "export", "--since", since])
    started_since = [row for row in rows if row["started"] >= since]
    assert list(csv.DictReader(io.StringIO(later.output))) == started_since


def expected_row(app, chat: ChatSession) -> dict:
    """What the database says about the conversation, as the CSV spells it."""
    db.session.expire_all()
    chat = db.session.get(ChatSession, chat.id)
    messages = db.session.scalars(db.select(Message).filter_by(session_id=chat.id)).all()
    tickets = db.session.scalar(
        db.select(db.func.count()).select_from(Ticket).filter_by(session_id=chat.id)
    )
    cited = sorted({faq["id"] for m in messages for faq in m.cited_faqs or []})
    return {
        "conversation": anonymous_id(chat.id, app.config["SECRET_KEY"]),
        "started": chat.created_at.date().isoformat(),
        "outcome": chat.outcome,
        "outcome_at": chat.outcome_at.isoformat(sep=" ", timespec="seconds"),
        "customer_messages": str(sum(m.role == Role.USER for m in messages)),
        "escalated": str(int(tickets > 0)),
        "feedback_yes": str(sum(m.feedback == Feedback.YES for m in messages)),
        "feedback_no": str(sum(m.feedback == Feedback.NO for m in messages)),
        "faqs_cited": " ".join(map(str, cited)),
        "models": " ".join(sorted({m.model for m in messages if m.model})),
        "tokens": str(sum((m.prompt_tokens or 0) + (m.completion_tokens or 0) for m in messages)),
    }


def worker_output(app, model_server) -> str:
    """What a real `flask --app wsgi worker --burst` logged; its maintenance runs once."""
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True}
    worker = run_worker(app, model_server, **pipes)
    output, _ = worker.communicate(timeout=60)
    assert worker.returncode == 0, output
    return output


@THROUGH_RQ[0]
@THROUGH_RQ[1]
def test_workers_decide_outcomes_in_their_maintenance_once_per_interval(app, model_server):
    chat = recent_conversation()

    first = worker_output(app, model_server)

    assert "outcomes: 1 decided (assumed 1)" in first
    assert outcome_of(chat)[0] == Outcome.ASSUMED

    # Another worker within OUTCOME_EVERY_SECONDS leaves the outcomes to the first one.
    later = recent_conversation()
    second = worker_output(app, model_server)
    assert "outcomes:" not in second
    assert outcome_of(later) == (None, None)
