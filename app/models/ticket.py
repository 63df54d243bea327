from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import Timestamped, utcnow
from app.models.chat import ChatSession
from app.models.staff import StaffUser


class TicketStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"


class Ticket(Timestamped, db.Model):
    """A customer's request for a person, with the conversation as it stood then."""

    __tablename__ = "ticket"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("chat_session.id"), index=True)
    # The session's id while the ticket is not resolved, else NULL: the unique index
    # lets a session hold one unresolved ticket however often "send" is pressed.
    unresolved_session_id: Mapped[int | None] = mapped_column(unique=True)
    summary: Mapped[str] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(16), default=TicketStatus.OPEN, index=True)
    # The last messages at escalation: [{"role": ..., "content": ..., "at": iso time}].
    snapshot: Mapped[list] = mapped_column(JSON, default=list)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    resolved_at: Mapped[datetime | None]
    # When an FAQ draft was first made from it: `kb drafts` proposes none again, even
    # once staff have discarded or merged that draft.
    drafted_at: Mapped[datetime | None]

    session: Mapped[ChatSession] = relationship()
    assignee: Mapped[StaffUser | None] = relationship()
    notes: Mapped[list["TicketNote"]] = relationship(
        back_populates="ticket", order_by="TicketNote.id", cascade="all, delete-orphan"
    )

    @property
    def is_resolved(self) -> bool:
        return self.status == TicketStatus.RESOLVED

    def __str__(self) -> str:
        return f"Ticket #{self.id}"


class TicketNote(db.Model):
    """Staff's internal note on a ticket; customers never see these."""

    __tablename__ = "ticket_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    ticket: Mapped[Ticket] = relationship(back_populates="notes")
    author: Mapped[StaffUser | None] = relationship()
