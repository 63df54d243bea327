"""Chat sessions and their messages: what the customer said, what we answered."""

import logging
from collections.abc import Callable, Sequence

from sqlalchemy import or_, update

from app.extensions import db
from app.models import ChatSession, Failure, Message, Role, Status
from app.models.base import MAX_ID, utcnow
from app.support.privacy import mask_personal_data

log = logging.getLogger(__name__)


def resume_or_open(token: str | None) -> tuple[ChatSession, str | None]:
    """The session a token opens, or a new one (with its token) for no, unknown or forged tokens.

    A new session is not saved until it receives its first message.
    """
    chat = ChatSession.find_by_token(token)
    if chat is not None:
        return chat, None
    return ChatSession.open()


def post_customer_message(chat: ChatSession, text: str) -> tuple[Message, Message]:
    """Save the customer's message and a pending reply in one transaction.

    Once this returns the message is acknowledged: whatever happens to the model or
    the queue afterwards, both rows exist and the reply can be produced or retried.
    """
    question = Message(
        session=chat, role=Role.USER, content=mask_personal_data(text), status=Status.DONE
    )
    # content="" as the question gives its own: rows with the same columns go in one INSERT.
    reply = Message(session=chat, role=Role.ASSISTANT, content="", status=Status.PENDING)
    chat.updated_at = utcnow()
    db.session.add_all([chat, question, reply])
    db.session.commit()
    return question, reply


def find_message(chat: ChatSession, message_id: int) -> Message | None:
    """A message of this session only; another session's id finds nothing."""
    if not 0 < message_id <= MAX_ID:
        return None
    return db.session.scalar(db.select(Message).filter_by(id=message_id, session_id=chat.id))


def reopen_for_retry(reply: Message) -> bool:
    """Put a failed reply back to pending, once however often Retry is pressed.

    An unavailable model (quota, credentials) is not retried: it needs a person.
    """
    result = db.session.execute(
        update(Message)
        .where(Message.id == reply.id, Message.status == Status.FAILED)
        .where(or_(Message.failure.is_(None), Message.failure != Failure.UNAVAILABLE))
        .values(status=Status.PENDING, content="", failure=None, claimed_at=None, model=None)
    )
    db.session.commit()
    db.session.refresh(reply)
    return result.rowcount == 1


def turns_before(reply: Message, history_limit: int) -> tuple[list[Message], Message | None]:
    """The customer message a reply answers, and up to `history_limit` turns before it."""
    query = (
        db.select(Message)
        .filter(Message.session_id == reply.session_id, Message.id < reply.id)
        .filter(Message.status == Status.DONE)
        # Staff replies are a person's words, not the assistant's: the model never sees them.
        .filter(Message.role.in_((Role.USER, Role.ASSISTANT)))
        .order_by(Message.id.desc())
        .limit(history_limit + 1)
    )
    recent = list(reversed(db.session.scalars(query).all()))
    if not recent or recent[-1].role != Role.USER:
        return recent, None
    return repair_alternation(recent[:-1]), recent[-1]


def repair_alternation(history: Sequence[Message]) -> list[Message]:
    """Drop each message with the same role as the one before it, so roles alternate.

    Duplicates come from replies that failed or were skipped. The new customer message
    follows the history, so a trailing customer message is dropped too.
    """
    kept: list[Message] = []
    for message in history:
        if kept and kept[-1].role == message.role:
            log.info(
                "history repair: dropped message %s (second %s in a row)", message.id, message.role
            )
            continue
        kept.append(message)
    if kept and kept[-1].role == Role.USER:
        dropped = kept.pop()
        log.info("history repair: dropped message %s (unanswered before the new one)", dropped.id)
    return kept


def trim_history(
    history: Sequence[Message], budget: int, count: Callable[[str], int]
) -> list[Message]:
    """The most recent exchanges that fit in `budget` tokens, oldest dropped first.

    `history` alternates and ends with a reply (see repair_alternation); it is cut in
    whole customer/assistant exchanges so no reply is sent without its question.
    """
    kept = list(history)
    if kept and kept[0].role == Role.ASSISTANT:
        kept.pop(0)  # its question fell outside the HISTORY_MESSAGES window
    total = sum(count(m.content) for m in kept)
    while kept and total > budget:
        question, answer = kept.pop(0), kept.pop(0)
        total -= count(question.content) + count(answer.content)
    return kept
