"""Which FAQs ground a reply: all of them while there are few, else the ones that match.

Building a FaqSelector (token counts, keyword indexes) costs far more than one
selection, so each process keeps one per knowledge base and builds a new one only
when staff change an FAQ or a category's keywords. With SEMANTIC_RANKER, the FAQs'
vectors (0.05-0.25 s of CPU each to make) are kept in the database and only the FAQs
whose text changed are embedded again: when staff save them (app/jobs/knowledge.py), or
else by the first reply that needs them.
"""

import hashlib
from collections.abc import Callable, Mapping, Sequence
from threading import Lock

import numpy as np
from flask import current_app
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import CategoryKeywords, Faq, FaqEmbedding
from app.support.knowledge import FaqEntry, FaqRow
from app.support.selection import FaqSelector, Selection, faq_vectors, passage_text
from app.support.semantic import E5Ranker, semantic_ranker


def active_faqs() -> list[FaqRow]:
    """Plain copies: a selector outlives the database session its FAQs came from."""
    query = db.select(Faq).filter_by(is_active=True).order_by(Faq.id)
    return [
        FaqRow(f.id, f.category, f.question, f.answer, f.version) for f in db.session.scalars(query)
    ]


def staff_keywords() -> dict[str, list[str]]:
    return {row.category: row.words for row in db.session.scalars(db.select(CategoryKeywords))}


def knowledge_version() -> tuple:
    """Changes whenever an FAQ or keyword row is added, edited, deactivated or deleted."""
    # One round trip: this runs for every reply.
    counts = [
        db.select(func.count(model.id)).scalar_subquery() for model in (Faq, CategoryKeywords)
    ]
    latest = [
        db.select(func.max(model.updated_at)).scalar_subquery() for model in (Faq, CategoryKeywords)
    ]
    return tuple(db.session.execute(db.select(*counts, *latest)).one())


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# Vectors are stored a batch at a time, so a build cut short (a reply job's timeout, a
# restart) keeps what it embedded and the next build goes on from there.
EMBED_BATCH = 32


def stored_kind(ranker: E5Ranker) -> str:
    """What a stored row holds: a passage and a question vector side by side
    (selection.faq_vectors), by this model. Rows of any other kind are made again."""
    return f"{ranker.name}; passage+question"


def stored_vectors(
    faqs: Sequence[FaqEntry],
    ranker: E5Ranker,
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """The FAQs' vectors, one row each: stored ones reused, the others embedded and stored.

    Its own session, so the reply that triggered the build keeps its transaction.
    `progress(done, total)` hears how many of the `total` FAQs to embed are embedded,
    before the first batch and after each; it is not called when none needs embedding.
    """
    kind = stored_kind(ranker)
    hashes = [text_hash(passage_text(faq)) for faq in faqs]
    with Session(db.engine, expire_on_commit=False) as session:
        rows = {row.faq_id: row for row in session.scalars(db.select(FaqEmbedding))}
        made_by = {faq_id: (row.model, row.text_hash) for faq_id, row in rows.items()}
        vectors = {
            faq.id: np.frombuffer(rows[faq.id].vector, dtype=np.float32)
            for faq, digest in zip(faqs, hashes, strict=True)
            if made_by.get(faq.id) == (kind, digest)
        }
        stale = [i for i, faq in enumerate(faqs) if faq.id not in vectors]
        if stale and progress:
            progress(0, len(stale))
        for start in range(0, len(stale), EMBED_BATCH):
            batch = stale[start : start + EMBED_BATCH]
            made = faq_vectors(ranker, [faqs[i] for i in batch])
            for i, vector in zip(batch, made, strict=True):
                vectors[faqs[i].id] = np.asarray(vector, dtype=np.float32)
                row = rows.get(faqs[i].id) or FaqEmbedding(faq_id=faqs[i].id)
                row.model, row.text_hash = kind, hashes[i]
                row.vector = vectors[faqs[i].id].tobytes()
                session.add(row)
            try:
                session.commit()
            except IntegrityError:  # another process stored some first: theirs will do
                session.rollback()
                rows = {row.faq_id: row for row in session.scalars(db.select(FaqEmbedding))}
            if progress:
                progress(start + len(batch), len(stale))
        if stale:
            current_app.logger.info(
                "Embedded %d of %d FAQs (%s)", len(stale), len(faqs), ranker.name
            )
    return np.vstack([vectors[faq.id] for faq in faqs])


def new_selector(
    faqs: Sequence[FaqEntry],
    config: Mapping,
    *,
    staff_keywords: Mapping[str, Sequence[str]] | None = None,
    keep_vectors: bool = False,
) -> FaqSelector:
    """A selector as the settings say; replies and `kb eval` build theirs here alike.

    `keep_vectors`: take the FAQs' vectors from the database (and store new ones), for
    FAQs that are in it; `kb eval`'s are not, so it embeds them all.
    """
    # Ranked even when every FAQ goes in: the offline answer and `kb eval` come from the
    # ranking (a reply the model writes may skip it: select_faqs).
    ranker, vectors = semantic_ranker(config["SEMANTIC_RANKER"]), None
    if ranker is not None and keep_vectors and faqs:
        vectors = stored_vectors(faqs, ranker)
    return FaqSelector(
        faqs,
        staff_keywords=staff_keywords,
        token_budget=config["FAQ_TOKEN_BUDGET"],
        inject_all=config["FAQ_INJECT_ALL"],
        model=config["OPENAI_MODEL"],
        ranker=ranker,
        vectors=vectors,
    )


_selectors: dict[tuple, FaqSelector] = {}
_building = Lock()


def current_selector(config: Mapping) -> FaqSelector:
    settings = (
        config["SQLALCHEMY_DATABASE_URI"],
        config["FAQ_INJECT_ALL"],
        config["FAQ_TOKEN_BUDGET"],
        config["OPENAI_MODEL"],
        config["SEMANTIC_RANKER"],
    )
    key = (*settings, *knowledge_version())
    selector = _selectors.get(key)
    if selector is None:
        with _building:  # one build at a time; the others then find it ready
            selector = _selectors.get(key)
            if selector is None:
                selector = new_selector(
                    active_faqs(), config, staff_keywords=staff_keywords(), keep_vectors=True
                )
                # Only the current knowledge base is worth keeping.
                for stale in [k for k in _selectors if k[: len(settings)] == settings]:
                    del _selectors[stale]
                _selectors[key] = selector
    return selector


def select_faqs(
    message: str, recent: Sequence[str] = (), *, model_asked: bool = False
) -> Selection:
    """The FAQs for a reply to `message`, given the customer's `recent` earlier messages.

    `model_asked`: the model will judge coverage. When every FAQ goes in the prompt
    anyway, the ranking then decides nothing the customer sees, so it is made by words:
    embedding the message by meaning was most of the CPU a reply cost (docs/benchmarks.md,
    "Load"). The answer's record still gets each FAQ's match score, by words.
    """
    selector = current_selector(current_app.config)
    return selector.select(message, recent, by_meaning=not (model_asked and selector.injects_all))


def in_prompt_order(faqs: Sequence[FaqRow]) -> list[FaqRow]:
    # By id, not by score: the same FAQs then give the same bytes, which keeps the
    # prompt's prefix cacheable by the provider.
    return sorted(faqs, key=lambda faq: faq.id)
