"""Replies that stated a detail none of their FAQs holds (app/support/facts.py): a price,
a date, a phone number the model may have made up. The customer was told a person can
confirm it; staff read each here, the detail highlighted, and fix the FAQ or answer."""

from flask import url_for
from markupsafe import Markup, escape

from app.admin.base import SecureModelView
from app.admin.times import DuringFilter
from app.models import Message, Role

FLAGGED = (Message.role == Role.ASSISTANT, Message.unsupported_facts.is_not(None))


def highlighted(text: str, facts: list[dict]) -> Markup:
    """The reply's text, escaped, with each unsupported fact in <mark>."""
    parts, at = [], 0
    for fact in sorted(facts, key=lambda f: f.get("start", 0)):
        start, end = fact.get("start", 0), fact.get("end", 0)
        if not (at <= start < end <= len(text)):
            continue  # overlapping, or not where it says: shown unmarked
        parts += [escape(text[at:start]), Markup("<mark>{}</mark>").format(text[start:end])]
        at = end
    parts.append(escape(text[at:]))
    return Markup('<span class="pre-wrap">{}</span>').format(Markup("").join(parts))


def _reply(view, context, model: Message, name) -> Markup:
    return highlighted(model.content, model.unsupported_facts or [])


def _details(view, context, model: Message, name) -> str:
    return ", ".join(dict.fromkeys(f"{f['text']} ({f['kind']})" for f in model.unsupported_facts))


def _conversation(view, context, model: Message, name) -> Markup:
    href = url_for("conversation.details_view", id=model.session_id)
    return Markup('<a href="{}">Open the conversation</a>').format(href)


class FlaggedView(SecureModelView):
    """Read-only: the fix is in the FAQs (or a reply to the customer on their ticket)."""

    can_create = can_edit = can_delete = False
    column_list = ("content", "details", "conversation", "created_at")
    column_labels = {
        "content": "Reply (details no FAQ holds are marked)",
        "details": "Details",
        "conversation": "Conversation",
        "created_at": "When",
    }
    column_formatters = {
        "content": _reply,
        "details": _details,
        "conversation": _conversation,
    }
    column_filters = (DuringFilter(Message.created_at, "When"),)
    column_default_sort = ("created_at", True)

    def get_query(self):
        return super().get_query().filter(*FLAGGED)

    def get_count_query(self):
        return super().get_count_query().filter(*FLAGGED)
