"""The knowledge base in the back office: FAQs (with CSV in and out), category keywords,
and the questions no FAQ answered."""

from flask import Response, abort, flash, redirect, url_for
from flask_admin import expose
from flask_admin.actions import action
from wtforms.validators import DataRequired, Length

from app.admin.base import SecureModelView, is_admin, parse_row_ids
from app.extensions import db
from app.forms import FaqImportForm
from app.jobs.knowledge import enqueue_embedding
from app.models import Faq, Message, Role
from app.support.knowledge import BadCsv, read_faq_bytes, upsert_faqs, write_faq_csv

# Far above any real knowledge base (10,000 FAQs are about 7 MB), far below harm.
MAX_IMPORT_BYTES = 20 * 1024 * 1024


class FaqView(SecureModelView):
    column_list = ("question", "category", "is_active", "updated_at")
    column_editable_list = ("is_active",)
    column_filters = ("category", "is_active")
    column_searchable_list = ("question", "answer")
    column_default_sort = ("id", False)
    column_labels = {"is_active": "Active"}
    form_columns = ("question", "answer", "category", "is_active")
    form_widget_args = {"answer": {"rows": 8}}
    list_template = "admin/faq_list.html"

    def after_model_change(self, form, model, is_created):
        # Its vector now (on a worker, with Redis), so no customer's reply waits for it.
        enqueue_embedding()

    @property
    def can_import(self) -> bool:
        """Admins only: one file can overwrite every FAQ (agents edit them one by one)."""
        return is_admin()

    @expose("/import/", methods=("GET", "POST"))
    def import_view(self):
        """The CLI's `kb import` for admins: upsert by id, all rows or none."""
        if not self.can_import:
            abort(403)
        form = FaqImportForm()
        if form.validate_on_submit():
            try:
                rows = read_faq_bytes(_uploaded_bytes(form.file.data))
            except BadCsv as error:
                form.file.errors.append(f"{error}. Nothing was imported.")
            else:
                created, updated = upsert_faqs(rows)
                enqueue_embedding()
                flash(f"Imported {len(rows)} FAQs: {created} new, {updated} updated.", "success")
                return redirect(url_for(".index_view"))
        return self.render("admin/faq_import.html", form=form)

    @expose("/export.csv")
    def export_view(self):
        """Every FAQ in the import format, so a file round-trips."""
        faqs = db.session.scalars(db.select(Faq).order_by(Faq.id))
        return Response(
            write_faq_csv(faqs),
            mimetype="text/csv",
            headers={"Content-Disposition": "attachment; filename=faqs.csv"},
        )


def _uploaded_bytes(upload) -> bytes:
    data = upload.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise BadCsv(f"the file is larger than {MAX_IMPORT_BYTES // 1024 // 1024} MB")
    return data


class CategoryKeywordsView(SecureModelView):
    """Staff words that send a customer's message to a category's FAQs."""

    column_list = ("category", "keywords", "updated_at")
    column_searchable_list = ("category", "keywords")
    form_columns = ("category", "keywords")
    form_args = {
        "category": {
            "validators": [DataRequired(), Length(max=64)],
            "description": "Exactly as written in the FAQs' category.",
        },
    }
    # A placeholder rather than a description: Flask-Admin's template reads an attribute
    # textareas lack when rendering one.
    form_widget_args = {
        "keywords": {
            "rows": 4,
            "placeholder": "Words customers use for this topic, separated by commas",
        }
    }

    def on_model_change(self, form, model, is_created):
        model.category = model.category.strip()
        model.keywords = ", ".join(model.words)


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
