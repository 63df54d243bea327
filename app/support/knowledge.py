"""The knowledge base as CSV (`id,category,question,answer`), for the CLI and the admin,
and its categories (plain text on FAQs and category keywords: listed, renamed)."""

import codecs
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TextIO

from sqlalchemy import text

from app.extensions import db
from app.models import CategoryKeywords, Faq

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
    id: int | None  # None only for an imported row that is a new FAQ
    category: str | None
    question: str
    answer: str
    version: int = 1  # Faq.version: which text of the FAQ this is


# faq.id is an INTEGER column: 32 bits on PostgreSQL.
MAX_FAQ_ID = 2**31 - 1
CATEGORY_MAX_CHARS = Faq.__table__.c.category.type.length


def read_faq_bytes(data: bytes) -> list[FaqRow]:
    """The rows of an import file as uploaded or read from disk (UTF-8, with or without
    the BOM spreadsheets write); raises BadCsv naming the line for any other encoding.

    A row with a blank id is a new FAQ (its id None until the database gives it one):
    staff adding FAQs in a spreadsheet cannot know the next free ids."""
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BadCsv(f"line {line}: not UTF-8 text; save the file as CSV UTF-8") from None
    return read_faq_csv(io.StringIO(text, newline=""), new_rows=True)


def read_faq_csv(stream: TextIO, new_rows: bool = False) -> list[FaqRow]:
    """Every row, validated; raises BadCsv naming the first bad line (nothing is kept).

    With `new_rows`, a blank id means a new FAQ (imports); without, every row needs its
    id (an evaluation's queries name the FAQs that answer them by id)."""
    reader = csv.DictReader(stream)
    try:
        return _read_rows(reader, new_rows)
    except csv.Error as error:
        # Raised mid-row, before the reader counted the row's first line.
        raise BadCsv(f"line {reader.line_num + 1}: {_csv_problem(error)}") from None


def _csv_problem(error: csv.Error) -> str:
    if "field limit" in str(error):
        return f"a cell is longer than {csv.field_size_limit():,} characters"
    return str(error)


def _read_rows(reader: csv.DictReader, new_rows: bool) -> list[FaqRow]:
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise BadCsv(
            f"line 1: the header needs {', '.join(COLUMNS)} (missing {', '.join(missing)})"
        )
    rows: list[FaqRow] = []
    seen: set[int] = set()
    for row in reader:
        faq = _faq_row(row, reader.line_num, new_rows)
        if faq.id in seen:
            raise BadCsv(f"line {reader.line_num}: id {faq.id} appears twice")
        if faq.id is not None:
            seen.add(faq.id)
        rows.append(faq)
    return rows


def _faq_row(row: dict, line: int, new_rows: bool) -> FaqRow:
    """One row, checked for what the database would refuse later (mid-import, as a 500)."""
    raw_id, category, question, answer = ((row[c] or "").strip() for c in COLUMNS)
    if "\x00" in raw_id + category + question + answer:
        raise BadCsv(f"line {line}: a cell contains a NUL character")
    faq_id = None if new_rows and not raw_id else _faq_id(raw_id, line)
    question, answer, category = restore(question), restore(answer), restore(category)
    if not question or not answer:
        raise BadCsv(f"line {line}: question and answer must not be empty")
    if len(category) > CATEGORY_MAX_CHARS:
        raise BadCsv(f"line {line}: category must be at most {CATEGORY_MAX_CHARS} characters")
    return FaqRow(faq_id, category or None, question, answer)


def _faq_id(raw: str, line: int) -> int:
    """ASCII digits only: `²` is a digit to str.isdigit but not to int()."""
    digits = raw.isascii() and raw.isdigit() and len(raw) <= len(str(MAX_FAQ_ID))
    if digits and 0 < int(raw) <= MAX_FAQ_ID:
        return int(raw)
    shown = raw if len(raw) <= 30 else raw[:29] + "…"
    raise BadCsv(
        f"line {line}: id must be a positive whole number up to {MAX_FAQ_ID:,}, not {shown!r}"
    )


def upsert_faqs(rows: Iterable[FaqRow], editor_id: int | None = None) -> tuple[int, int]:
    """Create or update FAQs in one transaction; returns (created, updated). `editor_id`:
    the staff member importing (None: the CLI), recorded on each FAQ's new version.

    Rows with an id first (updated, or created with that id), then the rows without one:
    the database numbers those after every id the file named, so none can clash."""
    rows = list(rows)
    created = updated = 0
    for row in rows:
        if row.id is None:
            continue
        faq = db.session.get(Faq, row.id)
        if faq is None:
            faq = Faq(id=row.id)
            db.session.add(faq)
            created += 1
        else:
            updated += 1
        _fill(faq, row, editor_id)
    db.session.flush()
    _sync_id_sequence()
    new = [_fill(Faq(), row, editor_id) for row in rows if row.id is None]
    db.session.add_all(new)
    db.session.commit()
    return created + len(new), updated


def _fill(faq: Faq, row: FaqRow, editor_id: int | None) -> Faq:
    faq.category, faq.question, faq.answer = row.category, row.question, row.answer
    faq.edited_by_id = editor_id
    return faq


def _sync_id_sequence() -> None:
    """Explicit ids do not move PostgreSQL's sequence: the next FAQ without an id (the
    file's new rows, the admin's next one) would clash. SQLite numbers from MAX(id)."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(
            text("SELECT setval(pg_get_serial_sequence('faq', 'id'), (SELECT MAX(id) FROM faq))")
        )


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


@dataclass(frozen=True)
class Category:
    name: str
    faqs: int
    has_keywords: bool


def categories() -> list[Category]:
    """Every category an FAQ or a keywords row names, A to Z whatever the case: what the
    back office offers to pick from, so staff reuse a spelling instead of retyping it."""
    counts = dict(
        db.session.execute(
            db.select(Faq.category, db.func.count(Faq.id))
            .where(Faq.category.is_not(None), Faq.category != "")
            .group_by(Faq.category)
        ).all()
    )
    with_keywords = set(db.session.scalars(db.select(CategoryKeywords.category)))
    names = sorted(counts.keys() | with_keywords, key=lambda name: (name.casefold(), name))
    return [Category(name, counts.get(name, 0), name in with_keywords) for name in names]


def category_names() -> list[str]:
    return [category.name for category in categories()]


def rename_category(old: str, new: str) -> int:
    """Rename a category on its FAQs and its keywords at once; renaming it to a category
    in use merges the two (keywords too). Returns how many FAQs moved."""
    # One by one through the ORM, so each FAQ gets its next version (models/faq.py).
    faqs = db.session.scalars(db.select(Faq).where(Faq.category == old)).all()
    for faq in faqs:
        faq.category = new
    moved = len(faqs)
    _move_keywords(old, new)
    db.session.commit()
    return moved


def _move_keywords(old: str, new: str) -> None:
    """The old category's keywords row takes the new name, or, if the new category has
    one already (the name is unique), its words join that row's."""
    row = db.session.scalar(db.select(CategoryKeywords).filter_by(category=old))
    if row is None:
        return
    target = db.session.scalar(db.select(CategoryKeywords).filter_by(category=new))
    if target is None:
        row.category = new
        return
    target.keywords = ", ".join(dict.fromkeys(target.words + row.words))
    db.session.delete(row)


def show_faqs(ids: Iterable[int], shown: bool) -> int:
    """Show FAQs to the assistant or hide them from it; returns how many changed."""
    changed = db.session.execute(
        db.update(Faq).where(Faq.id.in_(list(ids)), Faq.is_active != shown).values(is_active=shown)
    ).rowcount
    db.session.commit()
    return changed
