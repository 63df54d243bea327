"""Which FAQs ground a reply: all of them while there are few, else the ones that match.

Building a FaqSelector (token counts, keyword indexes) costs far more than one
selection, so each process keeps one per knowledge base and builds a new one only
when staff change an FAQ or a category's keywords.
"""

from collections.abc import Mapping, Sequence
from threading import Lock

from flask import current_app
from sqlalchemy import func

from app.extensions import db
from app.models import CategoryKeywords, Faq
from app.support.knowledge import FaqRow
from app.support.selection import FaqSelector, Selection


def active_faqs() -> list[FaqRow]:
    """Plain copies: a selector outlives the database session its FAQs came from."""
    query = db.select(Faq).filter_by(is_active=True).order_by(Faq.id)
    return [FaqRow(f.id, f.category, f.question, f.answer) for f in db.session.scalars(query)]


def staff_keywords() -> dict[str, list[str]]:
    return {row.category: row.words for row in db.session.scalars(db.select(CategoryKeywords))}


def knowledge_version() -> tuple:
    """Changes whenever an FAQ or keyword row is added, edited, deactivated or deleted."""
    faqs = db.session.execute(db.select(func.count(Faq.id), func.max(Faq.updated_at))).one()
    keywords = db.session.execute(
        db.select(func.count(CategoryKeywords.id), func.max(CategoryKeywords.updated_at))
    ).one()
    return (*faqs, *keywords)


_selectors: dict[tuple, FaqSelector] = {}
_building = Lock()


def current_selector(config: Mapping) -> FaqSelector:
    settings = (
        config["SQLALCHEMY_DATABASE_URI"],
        config["FAQ_INJECT_ALL"],
        config["FAQ_TOKEN_BUDGET"],
        config["OPENAI_MODEL"],
    )
    key = (*settings, *knowledge_version())
    selector = _selectors.get(key)
    if selector is None:
        with _building:  # one build at a time; the others then find it ready
            selector = _selectors.get(key)
            if selector is None:
                selector = FaqSelector(
                    active_faqs(),
                    staff_keywords=staff_keywords(),
                    token_budget=config["FAQ_TOKEN_BUDGET"],
                    inject_all=config["FAQ_INJECT_ALL"],
                    model=config["OPENAI_MODEL"],
                )
                # Only the current knowledge base is worth keeping.
                for stale in [k for k in _selectors if k[: len(settings)] == settings]:
                    del _selectors[stale]
                _selectors[key] = selector
    return selector


def select_faqs(message: str, recent: Sequence[str] = ()) -> Selection:
    """The FAQs for a reply to `message`, given the customer's `recent` earlier messages."""
    return current_selector(current_app.config).select(message, recent)


def in_prompt_order(faqs: Sequence[FaqRow]) -> list[FaqRow]:
    # By id, not by score: the same FAQs then give the same bytes, which keeps the
    # prompt's prefix cacheable by the provider.
    return sorted(faqs, key=lambda faq: faq.id)
