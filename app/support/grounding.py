"""Which FAQs ground a reply."""

from app.extensions import db
from app.models import Faq


def active_faqs(limit: int | None = None) -> list[Faq]:
    """Active FAQs in a stable order (stable so the prompt prefix can be cached)."""
    query = db.select(Faq).filter_by(is_active=True).order_by(Faq.id)
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def faqs_for_prompt(inject_all: int) -> list[Faq]:
    """Every active FAQ, capped at FAQ_INJECT_ALL until category selection exists."""
    return active_faqs(limit=inject_all)
