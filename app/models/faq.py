from sqlalchemy import String, Text
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

    def __str__(self) -> str:
        return self.question


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
