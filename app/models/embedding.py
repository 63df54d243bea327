from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import Timestamped


class FaqEmbedding(Timestamped, db.Model):
    """An FAQ's vector for the semantic ranker, kept so a worker embeds only what changed.

    The vector is valid while the model and the text it was made from (`text_hash`, a
    SHA-256 of what was embedded) are the current ones; `app/support/grounding.py`
    re-embeds it otherwise.
    """

    __tablename__ = "faq_embedding"

    faq_id: Mapped[int] = mapped_column(ForeignKey("faq.id", ondelete="CASCADE"), primary_key=True)
    model: Mapped[str] = mapped_column(String(120))
    text_hash: Mapped[str] = mapped_column(String(64))
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, native byte order

    def __str__(self) -> str:
        return f"FAQ {self.faq_id} ({self.model})"


class QuestionEmbedding(db.Model):
    """An unanswered customer question's vector, for grouping it with the others
    (app/support/gaps.py) without embedding it in a web request.

    Stored by the reply job that found the question unanswered, or later by a job the
    grouped page queues (app/jobs/gaps.py); valid while `model` (the ranker and what was
    embedded: the question as a query) is the current one. Deleting the message deletes it.
    """

    __tablename__ = "question_embedding"

    message_id: Mapped[int] = mapped_column(
        ForeignKey("message.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(String(120))
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, native byte order

    def __str__(self) -> str:
        return f"Question {self.message_id} ({self.model})"
