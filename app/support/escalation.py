"""Handing a conversation to a person and back: the one place its owner changes.

(About 330 lines: every change of owner, and the customer's doors in, stay together so
the state machine below can be checked in one read.)

    assistant --escalate--> waiting --staff reply--> person
        ^                      |                        |
        +---- back to the assistant (customer) ---------+
        +---- ticket resolved (staff) -------------------+
    assistant --ticket reopened (staff)--> waiting

The assistant is only ever asked for a reply while the session is assistant-owned:
every customer message, from the page, the widget or the API, comes through `receive()`,
which checks the state; while waiting or with a person, messages join the ticket thread.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from app import jobs, metrics
from app.extensions import db
from app.jobs.mail import enqueue_email, notify_staff_of_ticket
from app.models import (
    ChatSession,
    Message,
    Role,
    SessionState,
    StaffUser,
    Status,
    Ticket,
    TicketNote,
    TicketStatus,
)
from app.models.base import MAX_ID, utcnow
from app.support.conversation import post_customer_message, reopen_for_retry
from app.support.privacy import mask_cards, mask_personal_data

SNAPSHOT_MESSAGES = 10

STATUS_LABELS = {
    TicketStatus.OPEN: "Open",
    TicketStatus.IN_PROGRESS: "In progress",
    TicketStatus.RESOLVED: "Resolved",
}
# A change of status or assignee is kept as a note whose body starts with this: the
# ticket's timeline says who did what, when, with no table of its own (is_change()).
CHANGE = "[change] "

BACK_TO_ASSISTANT = (
    "You're back with the assistant. Your request #{ticket} stays open, so a person "
    "may still reply here."
)
RESOLVED = (
    "A member of our team has marked your request #{ticket} as resolved. "
    "I'm the assistant again: ask me anything, or ask for a person if you need one."
)
REOPENED = (
    "A member of our team has reopened your request #{ticket}: a person will answer you "
    "here. Until then your messages go to them, not to the assistant."
)


def unresolved_ticket(chat: ChatSession) -> Ticket | None:
    return db.session.scalar(db.select(Ticket).filter_by(unresolved_session_id=chat.id))


def snapshot(chat: ChatSession) -> list[dict]:
    """The last messages as the customer saw them, frozen into the ticket."""
    query = (
        db.select(Message)
        .filter(Message.session_id == chat.id, Message.status != Status.PENDING)
        .order_by(Message.id.desc())
        .limit(SNAPSHOT_MESSAGES)
    )
    return [as_entry(m) for m in reversed(db.session.scalars(query).all())]


def as_entry(message: Message) -> dict:
    """A message as a ticket keeps it: who, what, when (UTC)."""
    at = message.created_at.isoformat(sep=" ", timespec="minutes")
    return {"role": message.role, "content": message.content, "at": at}


def escalate(chat: ChatSession, summary: str, contact: str | None) -> tuple[Ticket, bool]:
    """The session's unresolved ticket, opened now (and staff emailed) if it has none:
    (ticket, created).

    A double submit or a replay finds the first ticket, even when two requests race:
    the unique unresolved_session_id lets only one of them insert.
    """
    existing = unresolved_ticket(chat)
    if existing is not None:
        if chat.state == SessionState.ASSISTANT:  # went back to the assistant, now asks again
            chat.state = SessionState.WAITING
            db.session.commit()
        return existing, False
    ticket = Ticket(
        session=chat,
        unresolved_session_id=chat.id,
        summary=mask_cards(summary),
        contact=contact or None,
        snapshot=snapshot(chat),
    )
    chat.state = SessionState.WAITING
    db.session.add(ticket)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return unresolved_ticket(chat), False
    # Staff hear of every new ticket (a flood of them in one email: app/jobs/mail.py).
    enqueue_email(notify_staff_of_ticket, ticket.id)
    metrics.ESCALATIONS.inc()
    return ticket, True


@dataclass(frozen=True)
class Received:
    message: Message  # the customer's, saved: acknowledged, never lost
    reply: Message | None  # the assistant's reply, pending; None while a person owns the chat


def receive(chat: ChatSession, text: str, *, wait: bool = False) -> Received:
    """The one door for a customer's message: the chat's state decides who answers.

    The assistant's: the message and a pending reply are saved, and the reply started
    (`wait`: see jobs.start_reply). A person's: it joins their ticket, and no reply starts.
    """
    if chat.state != SessionState.ASSISTANT:
        return Received(post_to_person(chat, text), None)
    message, reply = post_customer_message(chat, text)
    jobs.start_reply(reply.id, wait)
    return Received(message, reply)


def retry_reply(reply: Message, wait: bool = False) -> None:
    """The customer's Retry: a failed reply is reopened and started again; a pending one
    whose job was lost (Redis flushed) is queued again rather than left to the reconciler.
    `wait`: see jobs.start_reply."""
    if reopen_for_retry(reply):
        jobs.start_reply(reply.id, wait)
    elif reply.is_pending and jobs.queue_available() and not jobs.is_queued(reply.id):
        jobs.enqueue_reply(reply.id)


def last_customer_message(chat: ChatSession) -> str:
    """What the customer said last: the escalation form's summary starts from it."""
    query = db.select(Message.content).filter_by(session_id=chat.id, role=Role.USER)
    return db.session.scalar(query.order_by(Message.id.desc()).limit(1)) or ""


def newest_answer_id(messages: list[Message]) -> int:
    """The newest of `messages` the customer did not write: a page showing them has its
    waiting banner poll past it."""
    return max((message.id for message in messages if message.role != Role.USER), default=0)


def last_answer_id(chat: ChatSession) -> int:
    """The newest message the customer did not write: the waiting banner polls past it."""
    query = db.select(db.func.max(Message.id)).filter(
        Message.session_id == chat.id, Message.role != Role.USER
    )
    return db.session.scalar(query) or 0


def news_since(chat: ChatSession, after: int, staff_only: bool = False) -> list[Message]:
    """Staff replies and notices newer than message `after`, for the waiting banner.
    `staff_only`: while the assistant answers, its replies come with the customer's
    messages, and only a person's reply is news."""
    after = min(max(after, 0), MAX_ID)  # any number a URL carries, within an id's range
    news = Message.role == Role.STAFF if staff_only else Message.role != Role.USER
    query = db.select(Message).filter(Message.session_id == chat.id, news, Message.id > after)
    return list(db.session.scalars(query.order_by(Message.id)))


def save_contact(ticket: Ticket, contact: str) -> None:
    """Out of hours, the email the person can reach the customer at."""
    ticket.contact = contact
    db.session.commit()


def post_to_person(chat: ChatSession, text: str) -> Message:
    """A customer message while a person owns the chat: it joins the ticket, no reply job."""
    content = mask_personal_data(text)
    message = Message(session=chat, role=Role.USER, content=content, status=Status.DONE)
    chat.updated_at = utcnow()
    db.session.add(message)
    db.session.commit()
    return message


def staff_reply(ticket: Ticket, author: StaffUser, text: str) -> Message:
    """A person answers: the reply goes into the customer's chat, which the person now owns.

    Only unresolved tickets take replies (a resolved conversation is the assistant's).
    """
    if ticket.is_resolved:
        raise ValueError(f"ticket {ticket.id} is resolved")
    message = Message(
        session_id=ticket.session_id, role=Role.STAFF, content=text, author_id=author.id
    )
    chat = ticket.session
    chat.state = SessionState.PERSON
    chat.updated_at = utcnow()
    if ticket.status == TicketStatus.OPEN:
        ticket.status = TicketStatus.IN_PROGRESS
    if ticket.assignee_id is None:
        ticket.assignee_id = author.id
    db.session.add(message)
    db.session.commit()
    return message


def add_note(ticket: Ticket, author: StaffUser, text: str) -> TicketNote:
    note = TicketNote(ticket=ticket, author_id=author.id, body=text)
    db.session.add(note)
    db.session.commit()
    return note


def is_change(note: TicketNote) -> bool:
    """A note that records a change (see CHANGE), not one a person wrote."""
    return note.body.startswith(CHANGE)


def _record_change(ticket: Ticket, by: StaffUser | None, what: str, at: datetime) -> None:
    if by is not None:
        body = CHANGE + what
        db.session.add(TicketNote(ticket=ticket, author_id=by.id, body=body, created_at=at))


def set_status(ticket: Ticket, status: TicketStatus, by: StaffUser) -> None:
    """Staff mark an unresolved ticket open (nobody on it yet) or in progress (taken, by
    whoever takes it when nobody has). Only staff see it: the customer's chat is unchanged,
    and their banner says "waiting for a person" until a person writes."""
    if ticket.is_resolved or status == TicketStatus.RESOLVED:
        raise ValueError(f"ticket {ticket.id}: resolve() and reopen() change a resolution")
    if ticket.status == status:
        return
    ticket.status = status
    if status == TicketStatus.IN_PROGRESS and ticket.assignee_id is None:
        ticket.assignee_id = by.id
    _record_change(ticket, by, f"set the status to {STATUS_LABELS[status]}", utcnow())
    db.session.commit()


def assign(ticket: Ticket, assignee: StaffUser | None, by: StaffUser) -> None:
    """Who handles the ticket (None: nobody); staff see who changed it in the timeline."""
    if ticket.assignee_id == (assignee.id if assignee else None):
        return
    ticket.assignee = assignee
    what = f"assigned it to {assignee.email}" if assignee else "left it unassigned"
    _record_change(ticket, by, what, utcnow())
    db.session.commit()


def back_to_assistant(chat: ChatSession) -> Message | None:
    """The customer would rather not wait: the assistant answers again, the ticket stays."""
    if chat.state == SessionState.ASSISTANT:
        return None
    ticket = unresolved_ticket(chat)
    chat.state = SessionState.ASSISTANT
    text = (
        BACK_TO_ASSISTANT.format(ticket=ticket.id) if ticket else "You're back with the assistant."
    )
    return _assistant_says(chat, text)


def resolve(ticket: Ticket, at: datetime | None = None, by: StaffUser | None = None) -> bool:
    """Staff close the ticket; an escalated conversation returns to the assistant, which
    says so. False if it was resolved already."""
    if ticket.is_resolved:
        return False
    at = at or utcnow()
    ticket.status = TicketStatus.RESOLVED
    ticket.resolved_at = at
    ticket.unresolved_session_id = None
    _record_change(ticket, by, "marked it resolved", at)
    chat = ticket.session
    if chat.state != SessionState.ASSISTANT:
        chat.state = SessionState.ASSISTANT
        _assistant_says(chat, RESOLVED.format(ticket=ticket.id), commit=False, at=at)
    db.session.commit()
    return True


def reopen(ticket: Ticket, by: StaffUser) -> Ticket | None:
    """A resolved ticket is open again and the conversation back with a person: the
    customer is told, and waits for a person as after escalating (the assistant is quiet).

    A chat holds one unresolved ticket (unresolved_session_id is unique): if the customer
    has asked for a person again since, that newer ticket is returned and this one stays
    resolved; staff carry on there. None when reopened (or not resolved to begin with).
    """
    if not ticket.is_resolved:
        return None
    chat = ticket.session
    newer = unresolved_ticket(chat)
    if newer is not None:
        return newer
    at = utcnow()
    ticket.status = TicketStatus.OPEN
    ticket.resolved_at = None
    ticket.unresolved_session_id = chat.id
    chat.state = SessionState.WAITING
    _record_change(ticket, by, "reopened it", at)
    _assistant_says(chat, REOPENED.format(ticket=ticket.id), commit=False, at=at)
    try:
        db.session.commit()
    except IntegrityError:  # the customer escalated at this very moment
        db.session.rollback()
        return unresolved_ticket(chat)
    return None


def _assistant_says(
    chat: ChatSession, text: str, commit: bool = True, at: datetime | None = None
) -> Message:
    # A fixed notice, not a model reply: stored done so the thread shows it after reload.
    at = at or utcnow()
    message = Message(
        session=chat, role=Role.ASSISTANT, content=text, status=Status.DONE, created_at=at
    )
    chat.updated_at = at
    db.session.add(message)
    if commit:
        db.session.commit()
    return message
