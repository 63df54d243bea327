"""Handing a conversation to a person and back: the one place its owner changes.

(About 230 lines: every change of owner, and the customer's doors in, stay together so
the state machine below can be checked in one read.)

    assistant --escalate--> waiting --staff reply--> person
        ^                      |                        |
        +---- back to the assistant (customer) ---------+
        +---- ticket resolved (staff) -------------------+

The assistant is only ever asked for a reply while the session is assistant-owned:
every customer message, from the page, the widget or the API, comes through `receive()`,
which checks the state; while waiting or with a person, messages join the ticket thread.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from app import jobs
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

BACK_TO_ASSISTANT = (
    "You're back with the assistant. Your request #{ticket} stays open, so a person "
    "may still reply here."
)
RESOLVED = (
    "A member of our team has marked your request #{ticket} as resolved. "
    "I'm the assistant again: ask me anything, or ask for a person if you need one."
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


def last_answer_id(chat: ChatSession) -> int:
    """The newest message the customer did not write: the waiting banner polls past it."""
    query = db.select(db.func.max(Message.id)).filter(
        Message.session_id == chat.id, Message.role != Role.USER
    )
    return db.session.scalar(query) or 0


def news_since(chat: ChatSession, after: int) -> list[Message]:
    """Staff replies and notices newer than message `after`, for the waiting banner."""
    after = min(max(after, 0), MAX_ID)  # any number a URL carries, within an id's range
    query = db.select(Message).filter(
        Message.session_id == chat.id, Message.role != Role.USER, Message.id > after
    )
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


def resolve(ticket: Ticket, at: datetime | None = None) -> None:
    """Staff close the ticket; an escalated conversation returns to the assistant, which says so."""
    if ticket.is_resolved:
        return
    ticket.status = TicketStatus.RESOLVED
    ticket.resolved_at = at or utcnow()
    ticket.unresolved_session_id = None
    chat = ticket.session
    if chat.state != SessionState.ASSISTANT:
        chat.state = SessionState.ASSISTANT
        _assistant_says(chat, RESOLVED.format(ticket=ticket.id), commit=False)
    db.session.commit()


def _assistant_says(chat: ChatSession, text: str, commit: bool = True) -> Message:
    # A fixed notice, not a model reply: stored done so the thread shows it after reload.
    message = Message(session=chat, role=Role.ASSISTANT, content=text, status=Status.DONE)
    chat.updated_at = utcnow()
    db.session.add(message)
    if commit:
        db.session.commit()
    return message
