"""What each conversation achieved: the rules (docs/outcomes.md publishes them).

`decide()` reads one conversation's timeline (messages, votes, tickets) and says what it
achieved by `now`; `decide_outcomes()` stores that for the conversations that may still
change. Both are judged from the timeline, not from when the job happened to run: a
worker that was down for an hour decides as one that ran every minute would have.

The rules, first match wins:

1. Final: an outcome stored OUTCOME_REOPEN_HOURS ago or more never changes again.
2. A ticket was opened: reversed if it came within OUTCOME_REOPEN_HOURS of a resolution
   (a "Yes", or an answer followed by OUTCOME_QUIET_MINUTES of quiet), else handed_off.
3. The customer came back within OUTCOME_REOPEN_HOURS of a resolution with the same
   question (rapidfuzz token_set_ratio >= SAME_QUESTION): reversed.
4. Still active (a reply pending, or a message in the last OUTCOME_QUIET_MINUTES): the
   stored outcome stays (none for a new conversation).
5. Quiet: the last reply did not answer (failed, or its question is marked unanswered),
   or the customer's latest vote is "No": unanswered. The latest vote is "Yes":
   confirmed. Otherwise: assumed.
"""

import csv
import hashlib
import hmac
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import ChatSession, Feedback, Message, Outcome, Role, Status, Ticket
from app.models.base import utcnow

# The one-line definitions the dashboard shows; docs/outcomes.md carries each verbatim.
OUTCOME_LINES = {
    Outcome.CONFIRMED: "Confirmed: the customer said an answer helped, and did not take it back.",
    Outcome.ASSUMED: "Assumed: answered, no complaint, no person asked for, then quiet.",
    Outcome.REVERSED: "Reversed: after seeming resolved, the customer came back with the same "
    "question or asked for a person.",
    Outcome.HANDED_OFF: "Handed off: the customer asked for a person (a ticket was opened).",
    Outcome.UNANSWERED: "Unanswered: the assistant could not answer, or was told it did not "
    "help, and the customer left.",
}

# rapidfuzz token_set_ratio at or above which a later message asks the same question.
SAME_QUESTION = 80
# Fewer words than this ("hi", "thanks") is no question a customer could come back to:
# token_set_ratio would call it the same as any message containing those words.
MIN_QUESTION_WORDS = 3


@dataclass(frozen=True)
class Windows:
    """OUTCOME_QUIET_MINUTES and OUTCOME_REOPEN_HOURS, as durations."""

    quiet: timedelta
    reopen: timedelta

    @classmethod
    def from_config(cls, config=None) -> "Windows":
        config = config or current_app.config
        return cls(
            quiet=timedelta(minutes=config["OUTCOME_QUIET_MINUTES"]),
            reopen=timedelta(hours=config["OUTCOME_REOPEN_HOURS"]),
        )


@dataclass(frozen=True)
class Resolution:
    """A moment the conversation looked resolved: after it, coming back reverses it."""

    at: datetime
    question: str


@dataclass(frozen=True)
class Exchange:
    """An assistant's reply and the customer message it answers."""

    question: Message
    reply: Message

    @property
    def answered(self) -> bool:
        return self.reply.status == Status.DONE and not self.question.unanswered


def exchanges(messages: Sequence[Message]) -> list[Exchange]:
    """Each assistant reply with the customer message before it (staff replies and
    notices before any customer message answer nothing and are left out)."""
    pairs, question = [], None
    for message in messages:
        if message.role == Role.USER:
            question = message
        elif message.role == Role.ASSISTANT and question is not None:
            pairs.append(Exchange(question, message))
    return pairs


def same_question(later: str, earlier: str) -> bool:
    """Rapidfuzz's token_set_ratio: cheap, and indifferent to word order and additions."""
    if len(default_process(earlier).split()) < MIN_QUESTION_WORDS:
        return False
    ratio = fuzz.token_set_ratio(later, earlier, processor=default_process)
    return ratio >= SAME_QUESTION


def resolutions(messages: Sequence[Message], tickets: Sequence[Ticket], quiet: timedelta):
    """Every moment the conversation looked resolved before its end: a "Yes" vote, or an
    answer (not voted "No") followed by `quiet` before anything else happened."""
    events = sorted([m.created_at for m in messages] + [t.created_at for t in tickets])
    found = []
    for exchange in exchanges(messages):
        reply = exchange.reply
        if reply.feedback == Feedback.YES:
            found.append(
                Resolution(reply.feedback_at or reply.created_at, exchange.question.content)
            )
        elif exchange.answered and reply.feedback != Feedback.NO:
            following = [at for at in events if at > reply.created_at]
            if following and following[0] - reply.created_at >= quiet:
                found.append(Resolution(reply.created_at + quiet, exchange.question.content))
    return found


def reversed_by(resolutions_: Iterable[Resolution], at: datetime, reopen: timedelta, text=None):
    """Whether something at `at` (a ticket; or a message, `text`, asking the same question)
    came within `reopen` after one of these resolutions."""
    return any(
        r.at < at <= r.at + reopen and (text is None or same_question(text, r.question))
        for r in resolutions_
    )


def decide(
    chat: ChatSession,
    now: datetime,
    tickets: Sequence[Ticket] | None = None,
    windows: Windows | None = None,
) -> Outcome | None:
    """The conversation's outcome as of `now` (None: too early to say); see the rules above.

    Pure but for reading the chat's messages (and its tickets when not given).
    """
    windows = windows or Windows.from_config()
    stored = Outcome(chat.outcome) if chat.outcome else None
    if stored and chat.outcome_at and chat.outcome_at <= now - windows.reopen:
        return stored  # final
    messages = [m for m in chat.messages if m.created_at <= now]
    if tickets is None:
        tickets = db.session.scalars(db.select(Ticket).filter_by(session_id=chat.id)).all()
    tickets = sorted((t for t in tickets if t.created_at <= now), key=lambda t: t.created_at)
    customer = [m for m in messages if m.role == Role.USER]
    if not customer and not tickets:
        return stored
    resolved = resolutions(messages, tickets, windows.quiet)
    if tickets:
        if reversed_by(resolved, tickets[0].created_at, windows.reopen):
            return Outcome.REVERSED
        return Outcome.HANDED_OFF
    if any(reversed_by(resolved, m.created_at, windows.reopen, m.content) for m in customer):
        return Outcome.REVERSED
    if is_active(messages, now, windows.quiet):
        return stored
    return quiet_outcome(exchanges(messages))


def is_active(messages: Sequence[Message], now: datetime, quiet: timedelta) -> bool:
    """A reply still coming, or a message within `quiet`: the customer may not be done."""
    if any(m.status == Status.PENDING for m in messages):
        return True
    return now - max(m.created_at for m in messages) < quiet


def quiet_outcome(pairs: Sequence[Exchange]) -> Outcome:
    """A quiet conversation without a ticket or a reversal: how its last reply went."""
    if not pairs or not pairs[-1].answered:
        return Outcome.UNANSWERED
    votes = [p.reply.feedback for p in pairs if p.reply.feedback in (Feedback.YES, Feedback.NO)]
    if votes and votes[-1] == Feedback.NO:
        return Outcome.UNANSWERED
    if votes:
        return Outcome.CONFIRMED
    return Outcome.ASSUMED


def candidates(now: datetime, windows: Windows, undecided: bool = False) -> list[int]:
    """Conversations whose outcome may change: not final, and with something (a message,
    a vote, a ticket) recent enough to matter. Older ones are never read again, unless
    `undecided`: then every conversation without an outcome, however old, is too (a
    backfill, after an upgrade or a long outage)."""
    since = now - windows.reopen - windows.quiet
    active = (
        db.select(Message.session_id)
        .where((Message.created_at >= since) | (Message.feedback_at >= since))
        .union(db.select(Ticket.session_id).where(Ticket.created_at >= since))
    )
    open_ = ChatSession.outcome.is_(None) | (ChatSession.outcome_at > now - windows.reopen)
    wanted = ChatSession.id.in_(active)
    if undecided:
        wanted = wanted | ChatSession.outcome.is_(None)
    query = db.select(ChatSession.id).where(open_, wanted)
    return list(db.session.scalars(query.order_by(ChatSession.id)))


BATCH = 200


def decide_outcomes(now: datetime | None = None, undecided: bool = False) -> Counter:
    """Store the outcome of every conversation that may change (and, `undecided`, of every
    one never decided); returns the changes made, per new outcome (empty when nothing
    changed: running it again is a no-op)."""
    now = now or utcnow()
    windows = Windows.from_config()
    changed: Counter = Counter()
    ids = candidates(now, windows, undecided)
    for start in range(0, len(ids), BATCH):
        changed += decide_batch(ids[start : start + BATCH], now, windows)
    return changed


def decide_batch(ids: list[int], now: datetime, windows: Windows) -> Counter:
    chats = db.session.scalars(
        db.select(ChatSession)
        .where(ChatSession.id.in_(ids))
        .options(selectinload(ChatSession.messages))
    ).all()
    tickets: dict[int, list[Ticket]] = {}
    for ticket in db.session.scalars(db.select(Ticket).where(Ticket.session_id.in_(ids))):
        tickets.setdefault(ticket.session_id, []).append(ticket)
    changed: Counter = Counter()
    for chat in chats:
        outcome = decide(chat, now, tickets.get(chat.id, []), windows)
        if outcome is not None and outcome != chat.outcome:
            store(chat.id, outcome, now)
            changed[outcome] += 1
    db.session.commit()
    return changed


def store(chat_id: int, outcome: Outcome, now: datetime) -> None:
    """Set the outcome without touching updated_at: retention counts quiet from it."""
    db.session.execute(
        db.update(ChatSession)
        .where(ChatSession.id == chat_id)
        .values(outcome=outcome, outcome_at=now, updated_at=ChatSession.updated_at)
        .execution_options(synchronize_session=False)
    )


def outcome_counts() -> dict[str, int]:
    """Conversations per stored outcome."""
    query = db.select(ChatSession.outcome, db.func.count()).group_by(ChatSession.outcome)
    return {outcome: n for outcome, n in db.session.execute(query) if outcome}


# The export: nothing in it names or reaches a customer (no text, contact, token, public id).
LEDGER_FIELDS = [
    "conversation",
    "started",
    "outcome",
    "outcome_at",
    "customer_messages",
    "escalated",
    "feedback_yes",
    "feedback_no",
    "faqs_cited",
    "models",
    "tokens",
]


def anonymous_id(chat_id: int, secret: str) -> str:
    """Stable across exports from one site, but no way back to the conversation without
    the SECRET_KEY (an HMAC, truncated: enough to tell conversations apart)."""
    return hmac.new(secret.encode(), str(chat_id).encode(), hashlib.sha256).hexdigest()[:16]


def ledger_rows(since: date | None = None) -> Iterator[dict]:
    """One dict per conversation with an outcome (started on or after `since`)."""
    query = db.select(ChatSession).where(ChatSession.outcome.is_not(None))
    if since is not None:
        query = query.where(ChatSession.created_at >= datetime.combine(since, datetime.min.time()))
    secret = current_app.config["SECRET_KEY"]
    escalated = set(db.session.scalars(db.select(Ticket.session_id).distinct()))
    chats = db.session.scalars(
        query.order_by(ChatSession.id).options(selectinload(ChatSession.messages))
    )
    for chat in chats:
        yield ledger_row(chat, chat.id in escalated, secret)


def ledger_row(chat: ChatSession, escalated: bool, secret: str) -> dict:
    messages = chat.messages
    cited = {faq["id"] for m in messages for faq in m.cited_faqs or [] if "id" in faq}
    return {
        "conversation": anonymous_id(chat.id, secret),
        "started": chat.created_at.date().isoformat(),
        "outcome": chat.outcome,
        "outcome_at": chat.outcome_at.isoformat(sep=" ", timespec="seconds"),
        "customer_messages": sum(m.role == Role.USER for m in messages),
        "escalated": int(escalated),
        "feedback_yes": sum(m.feedback == Feedback.YES for m in messages),
        "feedback_no": sum(m.feedback == Feedback.NO for m in messages),
        "faqs_cited": " ".join(str(i) for i in sorted(cited)),
        "models": " ".join(sorted({m.model for m in messages if m.model})),
        "tokens": sum((m.prompt_tokens or 0) + (m.completion_tokens or 0) for m in messages),
    }


def write_ledger(rows: Iterable[dict], out: io.TextIOBase) -> None:
    writer = csv.DictWriter(out, fieldnames=LEDGER_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
