"""The knowledge base as CSV (`id,category,question,answer`), for the CLI and the admin."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TextIO

from sqlalchemy import text

from app.extensions import db
from app.models import Faq

COLUMNS = ("id", "category", "question", "answer")


class BadCsv(ValueError):
    """A row that cannot be imported; the message names its line."""


class FaqEntry(Protocol):
    """What prompts and answerers read of an FAQ: a `Faq` row or a plain `FaqRow`."""

    @property
    def id(self) -> int: ...
    @property
    def category(self) -> str | None: ...
    @property
    def question(self) -> str: ...
    @property
    def answer(self) -> str: ...


@dataclass(frozen=True)
class FaqRow:
    id: int
    category: str | None
    question: str
    answer: str


def read_faq_csv(stream: TextIO) -> list[FaqRow]:
    """Every row, validated; raises BadCsv naming the first bad line (nothing is kept)."""
    reader = csv.DictReader(stream)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise BadCsv(
            f"line 1: the header needs {', '.join(COLUMNS)} (missing {', '.join(missing)})"
        )
    rows: list[FaqRow] = []
    seen: set[int] = set()
    for row in reader:
        line = reader.line_num
        raw_id = (row["id"] or "").strip()
        if not raw_id.isdigit() or int(raw_id) == 0:
            raise BadCsv(f"line {line}: id must be a positive whole number, not {raw_id!r}")
        faq_id = int(raw_id)
        if faq_id in seen:
            raise BadCsv(f"line {line}: id {faq_id} appears twice")
        question = restore((row["question"] or "").strip())
        answer = restore((row["answer"] or "").strip())
        if not question or not answer:
            raise BadCsv(f"line {line}: question and answer must not be empty")
        seen.add(faq_id)
        category = restore((row["category"] or "").strip()) or None
        rows.append(FaqRow(faq_id, category, question, answer))
    return rows


def upsert_faqs(rows: Iterable[FaqRow]) -> tuple[int, int]:
    """Create or update FAQs by id in one transaction; returns (created, updated)."""
    created = updated = 0
    for row in rows:
        faq = db.session.get(Faq, row.id)
        if faq is None:
            faq = Faq(id=row.id)
            db.session.add(faq)
            created += 1
        else:
            updated += 1
        faq.category, faq.question, faq.answer = row.category, row.question, row.answer
    db.session.flush()
    if db.engine.dialect.name == "postgresql":
        # Explicit ids do not move PostgreSQL's sequence: the admin's next new FAQ would clash.
        db.session.execute(
            text("SELECT setval(pg_get_serial_sequence('faq', 'id'), (SELECT MAX(id) FROM faq))")
        )
    db.session.commit()
    return created, updated


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Quote a would-be formula so spreadsheets show it as text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def restore(cell: str) -> str:
    """Undo neutralise(), so an exported file imports back unchanged."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def write_faq_csv(faqs: Iterable[Faq]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for faq in faqs:
        cells = (faq.category or "", faq.question, faq.answer)
        writer.writerow([faq.id, *(neutralise(cell) for cell in cells)])
    return out.getvalue()
