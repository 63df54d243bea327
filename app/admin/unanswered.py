"""Customer questions no FAQ covered: what to write next in the knowledge base."""

from flask import flash
from flask_admin.actions import action

from app.admin.base import SecureModelView, parse_row_ids
from app.extensions import db
from app.models import Message, Role

UNANSWERED = (Message.role == Role.USER, Message.unanswered.is_(True))


class UnansweredView(SecureModelView):
    """Customer questions no FAQ covered: what to write next in the knowledge base."""

    can_create = can_edit = can_delete = False
    column_list = ("content", "created_at")
    column_labels = {"content": "Question", "created_at": "Asked"}
    column_searchable_list = ("content",)
    column_filters = ("created_at",)
    column_default_sort = ("created_at", True)

    def get_query(self):
        return super().get_query().filter(*UNANSWERED)

    def get_count_query(self):
        return super().get_count_query().filter(*UNANSWERED)

    @action("handled", "Mark handled", "Remove the selected questions from this list?")
    def mark_handled(self, ids):
        handled = db.session.execute(
            db.update(Message)
            .where(Message.id.in_(parse_row_ids(ids)), *UNANSWERED)
            .values(unanswered=False)
        ).rowcount
        db.session.commit()
        flash(f"{handled} questions marked handled.", "success")
