"""What the FAQ form adds for issue 19: the example questions field, who saved, the FAQ
as it was before the form changed it (for the knowledge check's undo), and an FAQ
written for unanswered questions (the report's "Write an FAQ" link).

FaqView (app/admin/views.py) calls these; its templates are admin/faq_edit.html (the
version history) and admin/_knowledge_check.html (the check's report, on the FAQ list
and the dashboard).
"""

from flask import request
from flask_login import current_user
from sqlalchemy import inspect
from wtforms import TextAreaField

from app.admin.base import HelpedTextArea, parse_row_ids
from app.extensions import db
from app.models import Faq, Message
from app.support.examples import EXAMPLE_MAX_CHARS
from app.support.gaps import UNANSWERED


def examples_field() -> TextAreaField:
    return TextAreaField(
        "Example questions",
        description=(
            "Questions customers ask that this FAQ answers, one per line. After every change "
            "to your FAQs, each is checked to still find this FAQ."
        ),
        render_kw={"rows": 4},
        widget=HelpedTextArea(),
    )


def examples_text(faq: Faq) -> str:
    return "\n".join(example.text for example in faq.examples)


def snapshot_unsaved(faq: Faq) -> list[dict]:
    """The FAQ as it was before the form's changes were put on it (not yet saved): its
    version goes up only when saved, and is_active's history holds the old value."""
    shown = inspect(faq).attrs.is_active.history
    was_active = shown.deleted[0] if shown.deleted else faq.is_active
    return [{"id": faq.id, "version": faq.version, "is_active": was_active}]


def editor_id() -> int | None:
    return current_user.id if current_user.is_authenticated else None


def questions_asked(ids_arg: str | None) -> list[Message]:
    """The unanswered customer messages a "Write an FAQ" link names (?from_questions=1,2):
    only those still unanswered, so a stale or forged link adds nothing."""
    ids = parse_row_ids((ids_arg or "").split(","))
    if not ids:
        return []
    query = db.select(Message).where(Message.id.in_(ids), *UNANSWERED)
    return list(db.session.scalars(query))


def prefill_from_link(form) -> None:
    """The create form opened from the unanswered report: its question filled in."""
    question = request.args.get("question", "")[:EXAMPLE_MAX_CHARS]
    if question and not form.question.data:
        form.question.data = question
