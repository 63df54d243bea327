from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, event, false, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import Timestamped, utcnow


class Faq(Timestamped, db.Model):
    """One question and answer of the business's knowledge base."""

    __tablename__ = "faq"

    id: Mapped[int] = mapped_column(primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(64), index=True)
    is_active: Mapped[bool] = mapped_column(default=True, index=True)
    # 1, 2, 3...: goes up whenever what the model is shown (question, answer, category)
    # changes, so a reply's record of the FAQs it was given names the text it saw. Each
    # version's text is kept (FaqVersion), so staff can read or restore it.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Who saved it last (None: the CLI or an import file); the next version records it.
    edited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    # A draft, proposed from an unanswered question or a ticket: never shown to the
    # assistant (is_active stays False) until staff publish it. Where it came from, in
    # words ("Ticket #12"), and the ticket, when there is one.
    is_draft: Mapped[bool] = mapped_column(default=False, server_default=false(), index=True)
    draft_source: Mapped[str | None] = mapped_column(String(200))
    source_ticket_id: Mapped[int | None] = mapped_column(
        ForeignKey("ticket.id", ondelete="SET NULL")
    )

    versions: Mapped[list["FaqVersion"]] = relationship(
        back_populates="faq",
        order_by="FaqVersion.version.desc()",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    examples: Mapped[list["ExampleQuestion"]] = relationship(
        back_populates="faq",
        order_by="ExampleQuestion.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    def __str__(self) -> str:
        return self.question


# What the prompt shows of an FAQ (prompts.format_faq): a change to any is a new version.
VERSIONED = ("question", "answer", "category")


class FaqVersion(db.Model):
    """One version of an FAQ's text: who saved it, when, and what changed from the one
    before. Written by the events below, whoever changes the FAQ (admin, import, CLI)."""

    __tablename__ = "faq_version"
    __table_args__ = (UniqueConstraint("faq_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    faq_id: Mapped[int] = mapped_column(ForeignKey("faq.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(64))
    # "created", or the VERSIONED fields that changed: "answer", "question, category".
    changed: Mapped[str] = mapped_column(String(64))
    edited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    faq: Mapped[Faq] = relationship(back_populates="versions")
    edited_by = relationship("StaffUser")


class ExampleSource(StrEnum):
    """Where an example question came from."""

    STAFF = "staff"  # typed by staff on the FAQ's page
    CONFIRMED = "confirmed"  # a customer's question whose answer they said helped
    UNANSWERED = "unanswered"  # a group of unanswered questions this FAQ was written for


class ExampleQuestion(db.Model):
    """A question customers ask that this FAQ answers: the knowledge check runs each one
    through the FAQ selection after every change, to catch an edit that loses it."""

    __tablename__ = "example_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    faq_id: Mapped[int] = mapped_column(ForeignKey("faq.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16), default=ExampleSource.STAFF)
    # The customer message it was taken from, if any: deleting the conversation (the
    # customer's privacy request, retention) deletes the example too.
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("message.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The FAQ the latest knowledge check ranked first for it (no foreign key: a deleted
    # FAQ's id is still what it landed on), and when.
    landed_on: Mapped[int | None]
    checked_at: Mapped[datetime | None]

    faq: Mapped[Faq] = relationship(back_populates="examples")


class CheckState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class KnowledgeCheck(db.Model):
    """One run of the stored example questions through the FAQ selection, after a change
    to the FAQs: which questions no longer find their FAQ, and how to undo the change."""

    __tablename__ = "knowledge_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None]
    reason: Mapped[str] = mapped_column(String(200))  # "FAQ #3 saved by sam@example.com"
    state: Mapped[str] = mapped_column(String(16), default=CheckState.PENDING)
    questions: Mapped[int] = mapped_column(default=0)
    # [{"question", "faq_id", "faq", "now_id", "now"}]: example questions that found their
    # FAQ before and not now ("lost"), or that land on another FAQ than before ("moved").
    lost: Mapped[list | None] = mapped_column(JSON)
    moved: Mapped[list | None] = mapped_column(JSON)
    # Every example question that does not find its FAQ first now, this change's doing
    # or not (an example staff just added may never have): the same form.
    unreached: Mapped[list | None] = mapped_column(JSON)
    # The changed FAQs as they were before: [{"id", "version", "is_active"}], for restore.
    before: Mapped[list | None] = mapped_column(JSON)
    restored_at: Mapped[datetime | None]


class CategoryKeywords(Timestamped, db.Model):
    """Words staff add to a category so messages using them find its FAQs.

    Keywords are also derived from the FAQ texts; these cover what the texts do not say
    ("chargeback" for refunds). The category is the FAQs' `category` text.
    """

    __tablename__ = "category_keywords"

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(64), unique=True)
    keywords: Mapped[str] = mapped_column(Text, default="")

    @property
    def words(self) -> list[str]:
        """The keywords, one per comma or line, trimmed and lower-cased."""
        parts = self.keywords.replace("\n", ",").split(",")
        return [word.strip().lower() for word in parts if word.strip()]

    def __str__(self) -> str:
        return self.category


# The version history is kept by these events, so every writer of FAQs keeps it alike.


@event.listens_for(Faq, "before_insert")
@event.listens_for(Faq, "before_update")
def _drafts_stay_hidden(mapper, connection, faq: Faq) -> None:
    if faq.is_draft:
        faq.is_active = False


@event.listens_for(Faq, "before_update")
def _next_version(mapper, connection, faq: Faq) -> None:
    state = inspect(faq)
    changed = [name for name in VERSIONED if state.attrs[name].history.has_changes()]
    if changed:
        faq.version = (faq.version or 1) + 1
    restoring = getattr(faq, "_restoring", None)
    faq._restoring = None
    # For _keep_version, after the row is written.
    faq._changed = f"restored version {restoring}" if changed and restoring else ", ".join(changed)


@event.listens_for(Faq, "after_insert")
@event.listens_for(Faq, "after_update")
def _keep_version(mapper, connection, faq: Faq) -> None:
    changed = getattr(faq, "_changed", "created")
    if not changed:
        return
    faq._changed = ""
    connection.execute(
        FaqVersion.__table__.insert().values(
            faq_id=faq.id,
            version=faq.version or 1,
            question=faq.question,
            answer=faq.answer,
            category=faq.category,
            changed=changed,
            edited_by_id=faq.edited_by_id,
            created_at=utcnow(),
        )
    )
