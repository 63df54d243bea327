import hashlib
import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import utcnow

KEY_PREFIX = "sk_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKey(db.Model):
    """A server-to-server key for the JSON API (`X-Api-Key`), made by an admin: it lifts
    the per-address limits to its own `limit`. Shown once when made; only its digest and
    its first characters (to tell keys apart) are kept."""

    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    shown_as: Mapped[str] = mapped_column(String(16))  # "sk_AbCd…"
    # A Flask-Limiter rate, e.g. "600 per minute", for every request made with the key.
    limit: Mapped[str] = mapped_column(String(64), default="600 per minute")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    revoked_at: Mapped[datetime | None]

    created_by = relationship("StaffUser")

    @classmethod
    def make(cls, name: str, limit: str, created_by_id: int | None) -> tuple["ApiKey", str]:
        """A new key and its secret, which is returned once and never stored."""
        secret = KEY_PREFIX + secrets.token_urlsafe(32)
        key = cls(
            name=name,
            limit=limit,
            key_hash=hash_key(secret),
            shown_as=secret[:7] + "…",
            created_by_id=created_by_id,
        )
        return key, secret

    @classmethod
    def find(cls, secret: str | None) -> "ApiKey | None":
        """The key with this secret, revoked or not (None for no such key)."""
        if not secret or len(secret) > 128:
            return None
        return db.session.scalar(db.select(cls).filter_by(key_hash=hash_key(secret)))

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def __str__(self) -> str:
        return f"{self.name} ({self.shown_as})"
