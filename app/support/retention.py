"""Forgetting conversations: when they are old, or when the customer or staff ask.

A conversation with an unresolved ticket is kept whatever its age: a person still owes
the customer an answer. Deleting a conversation deletes its messages and its (resolved)
tickets with their notes, and FAQ example questions taken from its messages.
"""

import secrets
from datetime import timedelta

from app.extensions import db
from app.models import (
    ChatSession,
    ExampleQuestion,
    Faq,
    Message,
    Ticket,
    TicketNote,
    TokenUsage,
)
from app.models.base import utcnow
from app.models.chat import hash_token


def delete_conversations(session_ids: list[int]) -> int:
    """Delete these conversations and everything recorded about them; returns how many."""
    if not session_ids:
        return 0
    tickets = db.select(Ticket.id).where(Ticket.session_id.in_(session_ids))
    db.session.execute(db.delete(TicketNote).where(TicketNote.ticket_id.in_(tickets)))
    # FAQ drafts made from these tickets stay (staff wrote them); the link goes.
    db.session.execute(
        db.update(Faq).where(Faq.source_ticket_id.in_(tickets)).values(source_ticket_id=None)
    )
    db.session.execute(db.delete(Ticket).where(Ticket.session_id.in_(session_ids)))
    delete_messages(Message.session_id.in_(session_ids))
    deleted = db.session.execute(db.delete(ChatSession).where(ChatSession.id.in_(session_ids)))
    db.session.commit()
    return deleted.rowcount


def delete_messages(where) -> None:
    """Messages, and the customer's own words kept from them as FAQ example questions."""
    messages = db.select(Message.id).where(where)
    db.session.execute(db.delete(ExampleQuestion).where(ExampleQuestion.message_id.in_(messages)))
    db.session.execute(db.delete(Message).where(where))


def purge_old_conversations(retention_days: int) -> int:
    """Delete conversations quiet for `retention_days` that have no unresolved ticket."""
    cutoff = utcnow() - timedelta(days=retention_days)
    waiting = db.select(Ticket.session_id).where(Ticket.unresolved_session_id.is_not(None))
    old = db.session.scalars(
        db.select(ChatSession.id).where(
            ChatSession.updated_at < cutoff, ChatSession.id.not_in(waiting)
        )
    ).all()
    deleted = delete_conversations(list(old))
    # The token ledger is only needed for today's budget; it goes with the same age.
    db.session.execute(db.delete(TokenUsage).where(TokenUsage.created_at < cutoff))
    db.session.commit()
    return deleted


def delete_for_customer(chat: ChatSession) -> Ticket | None:
    """The customer deletes their conversation; returns the unresolved ticket kept, if any.

    Without one, everything goes, as when staff delete it. With one, a person still owes
    the customer an answer: the ticket stays with its summary, contact, notes and the
    snapshot taken when the customer asked for a person, while the transcript and any
    resolved tickets go. The session row stays only as the ticket's anchor, with a new
    secret nobody holds, so the deleted chat's token opens nothing.
    """
    kept = db.session.scalar(db.select(Ticket).filter_by(unresolved_session_id=chat.id))
    if kept is None:
        delete_conversations([chat.id])
        return None
    others = db.select(Ticket.id).where(Ticket.session_id == chat.id, Ticket.id != kept.id)
    db.session.execute(db.delete(TicketNote).where(TicketNote.ticket_id.in_(others)))
    db.session.execute(db.delete(Ticket).where(Ticket.session_id == chat.id, Ticket.id != kept.id))
    delete_messages(Message.session_id == chat.id)
    chat.token_hash = hash_token(secrets.token_urlsafe(32))
    db.session.commit()
    return kept
