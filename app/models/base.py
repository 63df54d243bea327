"""Column helpers shared by the models."""

from datetime import UTC, datetime

from sqlalchemy.orm import Mapped, mapped_column

# Every id column is an INTEGER: 32 bits on PostgreSQL. A larger number (from a URL or a
# form) names no row, and must not reach a query: PostgreSQL refuses to compare it, and
# SQLite's driver fails on one above 64 bits.
MAX_ID = 2**31 - 1


def utcnow() -> datetime:
    """Naive UTC: SQLite drops time zones, so every stored timestamp is UTC without one."""
    return datetime.now(UTC).replace(tzinfo=None)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
