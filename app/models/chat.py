import hashlib
import secrets
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import Timestamped, utcnow


def _public_id() -> str:
    return secrets.token_urlsafe(16)


def hash_token(token: str) -> str:
    """Only a digest of the chat token is stored, so a database leak opens no chat."""
    return hashlib.sha256(token.encode()).hexdigest()


class SessionState(StrEnum):
    """Who answers the customer: the assistant stays silent unless it owns the chat."""

    ASSISTANT = "assistant"
    WAITING = "waiting"  # escalated: the customer waits for a person
    PERSON = "person"  # a member of staff has answered and owns the conversation


class Role(StrEnum):
    USER = "user"
    ASSISTANT = "assistant"
    STAFF = "staff"  # a person's reply, written on the ticket


class Status(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class Failure(StrEnum):
    """Why a reply failed; decides what the customer is shown and offered."""

    INTERRUPTED = "interrupted"  # the stream broke off; the partial text is kept
    UNAVAILABLE = "unavailable"  # quota or credentials: retrying will not help
    ERROR = "error"  # errors and timeouts outlasted the retry budget
    STALLED = "stalled"  # no worker finished it in time (marked by the reconciler)


class Feedback(StrEnum):
    """A customer's answer to "Did that help?" under an assistant's reply."""

    YES = "yes"
    NO = "no"


class FeedbackReason(StrEnum):
    """Why "No" (the customer picks one)."""

    WRONG = "wrong"  # the answer was wrong
    NOT_MY_QUESTION = "not_my_question"  # it did not answer what was asked
    WANT_PERSON = "want_person"  # they need a person


class Outcome(StrEnum):
    """What a conversation achieved (docs/outcomes.md has the definitions)."""

    CONFIRMED = "confirmed"
    ASSUMED = "assumed"
    REVERSED = "reversed"
    HANDED_OFF = "handed_off"
    UNANSWERED = "unanswered"


class ChatSession(Timestamped, db.Model):
    """One customer's conversation, reached only through its secret chat token."""

    __tablename__ = "chat_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=_public_id)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    state: Mapped[str] = mapped_column(String(16), default=SessionState.ASSISTANT)
    # Decided by the outcome job (Outcome), and when; None until it has decided.
    outcome: Mapped[str | None] = mapped_column(String(16), index=True)
    outcome_at: Mapped[datetime | None]
    messages: Mapped[list["Message"]] = relationship(
        back_populates="session", order_by="Message.id", cascade="all, delete-orphan"
    )

    @classmethod
    def open(cls) -> tuple["ChatSession", str]:
        """A new session and its token; the token is returned once and never stored."""
        token = secrets.token_urlsafe(32)  # 256 bits
        return cls(token_hash=hash_token(token), state=SessionState.ASSISTANT), token

    @classmethod
    def open_with(cls, token: str) -> "ChatSession":
        """A new session under a client-made token (app/support/client_ids.py), stored as
        a server-made one is: only its digest."""
        return cls(token_hash=hash_token(token), state=SessionState.ASSISTANT)

    @classmethod
    def find_by_token(cls, token: str | None) -> "ChatSession | None":
        if not token or len(token) > 128:
            return None
        return db.session.scalar(db.select(cls).filter_by(token_hash=hash_token(token)))

    def __repr__(self) -> str:
        return f"<ChatSession {self.public_id}>"


class Message(db.Model):
    """A customer message or an assistant reply; replies start pending."""

    __tablename__ = "message"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("chat_session.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=Status.DONE, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Set when a job takes the reply, so a duplicate job leaves it alone.
    claimed_at: Mapped[datetime | None]
    # Times the reply was handed to a job; the reconciler gives up after a few.
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    failure: Mapped[str | None] = mapped_column(String(16))
    model: Mapped[str | None] = mapped_column(String(64))
    prompt_tokens: Mapped[int | None]
    completion_tokens: Mapped[int | None]
    # FAQs given to the model for this reply, and those it cited as its sources, as
    # [{"id": 3, "question": "..."}]: a snapshot, so later FAQ edits do not rewrite history.
    # The injected ones also hold the FAQ's "version" (Faq.version) and ranking "score".
    injected_faqs: Mapped[list | None] = mapped_column(JSON)
    cited_faqs: Mapped[list | None] = mapped_column(JSON)
    # An offline answer's "related questions" (the next best FAQs), in the same form.
    related_faqs: Mapped[list | None] = mapped_column(JSON)
    # A customer message the reply did not answer from the FAQs (app/support/answered.py):
    # the staff's list of questions the knowledge base does not answer yet.
    unanswered: Mapped[bool] = mapped_column(default=False, server_default=false(), index=True)
    # "Did that help?" on an assistant's reply (Feedback), why not (FeedbackReason), an
    # optional comment, and when: the latest vote counts (the customer may change it).
    feedback: Mapped[str | None] = mapped_column(String(8))
    feedback_reason: Mapped[str | None] = mapped_column(String(32))
    feedback_comment: Mapped[str | None] = mapped_column(Text)
    feedback_at: Mapped[datetime | None] = mapped_column(index=True)
    # Facts in an assistant's reply (numbers, prices, URLs...) that no FAQ in its prompt
    # and no earlier message holds (app/support/facts.py): [{"text", "kind", "start",
    # "end"}]. The customer is told a person can confirm them; staff see them listed.
    unsupported_facts: Mapped[list | None] = mapped_column(JSON)
    # Who wrote a staff reply.
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    session: Mapped[ChatSession] = relationship(back_populates="messages")

    @property
    def is_pending(self) -> bool:
        return self.status == Status.PENDING

    def __repr__(self) -> str:
        return f"<Message {self.id} {self.role} {self.status}>"
