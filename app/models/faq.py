from sqlalchemy import String, Text, event, inspect
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import Timestamped


class Faq(Timestamped, db.Model):
    """One question and answer of the business's knowledge base."""

    __tablename__ = "faq"

    id: Mapped[int] = mapped_column(primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(64), index=True)
    is_active: Mapped[bool] = mapped_column(default=True, index=True)
    # 1, 2, 3...: goes up whenever what the model is shown (question, answer, category)
    # changes, so a reply's record of the FAQs it was given names the text it saw.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    def __str__(self) -> str:
        return self.question


# What the prompt shows of an FAQ (prompts.format_faq): a change to any is a new version.
VERSIONED = ("question", "answer", "category")


@event.listens_for(Faq, "before_update")
def _next_version(mapper, connection, faq: Faq) -> None:
    state = inspect(faq)
    if any(state.attrs[name].history.has_changes() for name in VERSIONED):
        faq.version = (faq.version or 1) + 1


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
