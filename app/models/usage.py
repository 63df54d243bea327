from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import utcnow


class TokenUsage(db.Model):
    """The model tokens one reply spent, kept apart from the conversation.

    The day's budget is counted from these rows, so a conversation the customer or staff
    delete still counts against it (deleting and starting again must not refill the
    budget). They hold no text and no link to the conversation.
    """

    __tablename__ = "token_usage"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    tokens: Mapped[int]
