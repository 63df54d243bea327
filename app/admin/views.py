"""The knowledge base in the back office: FAQs (with CSV in and out), their categories,
category keywords, and the questions no FAQ answered.

Categories stay plain text on each FAQ and keywords row; every form picks them from the
ones in use (or "New category…"), and one page renames a category everywhere at once.
"""

from flask import Response, abort, flash, g, get_template_attribute, redirect, request, url_for
from flask_admin import expose
from flask_admin.actions import action
from flask_admin.contrib.sqla.filters import BooleanEqualFilter, FilterEqual
from flask_admin.contrib.sqla.validators import Unique
from flask_admin.helpers import get_redirect_target
from flask_login import current_user
from wtforms.validators import DataRequired, Length

from app.admin.base import SecureModelView, is_admin, parse_row_id, parse_row_ids
from app.admin.faq_history import (
    editor_id,
    examples_field,
    examples_text,
    prefill_from_link,
    questions_asked,
    snapshot_unsaved,
)
from app.extensions import db
from app.forms import CategoryField, FaqImportForm, RenameCategoryForm, listed_spelling
from app.models import CategoryKeywords, Faq, FaqVersion, KnowledgeCheck
from app.support.examples import adopt_questions, save_examples
from app.support.faq_changes import changed, snapshot
from app.support.knowledge import (
    CATEGORY_MAX_CHARS,
    BadCsv,
    categories,
    category_names,
    read_faq_bytes,
    rename_category,
    show_faqs,
    upsert_faqs,
    write_faq_csv,
)
from app.support.knowledge_check import latest_check, restore, restore_version

# Far above any real knowledge base (10,000 FAQs are about 7 MB), far below harm.
MAX_IMPORT_BYTES = 20 * 1024 * 1024


def count(number: int, noun: str) -> str:
    """ "1 FAQ", "3 FAQs": flashes staff read."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


class CategoryOptions:
    """The category filter's choices, read again for every page: Flask-Admin keeps what
    a filter's `options` gives at start-up (no categories yet, and they change), but
    iterates this object afresh each time it lists the filters."""

    def __iter__(self):
        return ((name, name) for name in category_names())


class ShownFilter(BooleanEqualFilter):
    """The assistant's column filtered as the list shows it: Shown or Hidden, not Yes/No."""

    def __init__(self, column, name: str):
        super().__init__(column, name)
        self.options = (("1", "Shown"), ("0", "Hidden"))


def category_field(**kwargs) -> CategoryField:
    """A form's category: picked from those in use (FAQs' and keywords'), or a new one."""
    validators = [*kwargs.pop("validators", ()), Length(max=CATEGORY_MAX_CHARS)]
    return CategoryField("Category", validators, categories=category_names, **kwargs)


def shown_cell(view, context, model, name):
    """The list's Assistant column: Shown or Hidden, and the button that changes it."""
    macro = get_template_attribute("admin/faq_macros.html", "shown_cell")
    return macro(model, url_for(f"{view.endpoint}.shown_view"), context.get("return_url"))


class FaqView(SecureModelView):
    column_list = ("question", "category", "is_active", "updated_at")
    column_filters = (
        FilterEqual(Faq.category, "Category", options=CategoryOptions()),
        ShownFilter(Faq.is_active, "Assistant"),
    )
    column_searchable_list = ("question", "answer")
    column_default_sort = ("id", False)
    column_labels = {"is_active": "Assistant"}
    column_formatters = {"is_active": shown_cell}
    form_columns = ("question", "answer", "category", "example_questions", "is_active")
    form_extra_fields = {"category": category_field(), "example_questions": examples_field()}
    form_args = {
        "is_active": {
            "label": "Shown to the assistant",
            "description": "Untick to hide this FAQ from the assistant. Nothing is deleted.",
        }
    }
    form_widget_args = {"answer": {"rows": 8}}
    list_template = "admin/faq_list.html"
    edit_template = "admin/faq_edit.html"

    # Drafts are listed for review on their own page (app/admin/drafts.py).

    def get_query(self):
        return super().get_query().filter(Faq.is_draft.is_(False))

    def get_count_query(self):
        return super().get_count_query().filter(Faq.is_draft.is_(False))

    def get_one(self, id):
        """Not a draft: those are edited, published or merged on the drafts page."""
        faq = super().get_one(id)
        return None if faq is None or faq.is_draft else faq

    def create_form(self, obj=None):
        form = super().create_form(obj)
        prefill_from_link(form)
        return form

    def edit_form(self, obj=None):
        form = super().edit_form(obj)
        if request.method == "GET":
            form.example_questions.data = examples_text(obj)
        return form

    def on_model_change(self, form, model, is_created):
        g.faqs_before = [] if is_created else snapshot_unsaved(model)
        model.edited_by_id = editor_id()
        save_examples(model, form.example_questions.data)
        if is_created:
            adopt_questions(model, questions_asked(request.args.get("from_questions")))

    def after_model_change(self, form, model, is_created):
        # Its vector now (on a worker, with Redis), so no customer's reply waits for it;
        # then the knowledge check of this change.
        verb = "added" if is_created else "saved"
        changed(f"FAQ #{model.id} {verb} by {current_user.email}", g.pop("faqs_before", []))

    def on_model_delete(self, model):
        g.faqs_before = snapshot([model])

    def after_model_delete(self, model):
        changed(f"FAQ #{model.id} deleted by {current_user.email}", g.pop("faqs_before", []))

    def render(self, template, **kwargs):
        """The list shows the latest knowledge check; the edit page the FAQ's history."""
        if template == self.list_template:
            kwargs["check"] = latest_check()
        elif template == self.edit_template:
            kwargs["versions"] = kwargs["model"].versions
        return super().render(template, **kwargs)

    # Versions, and undoing a change the knowledge check reported.

    @expose("/restore/", methods=("POST",))
    def restore_view(self):
        """An earlier version's text back, as a new version."""
        faq = self.get_one(request.form.get("id", ""))
        version = parse_row_id(request.form.get("version"))
        kept = faq and db.session.scalar(
            db.select(FaqVersion).filter_by(faq_id=faq.id, version=version)
        )
        if not kept:
            abort(404)
        before = snapshot([faq])
        restore_version(faq, kept, editor_id())
        db.session.commit()
        changed(f"FAQ #{faq.id} restored to version {version} by {current_user.email}", before)
        flash(f"Restored version {version} of “{faq.question}”.", "success")
        return redirect(url_for(".edit_view", id=faq.id))

    @expose("/check/restore/", methods=("POST",))
    def restore_check_view(self):
        """Undo the change a knowledge check reported on: its FAQs as they were before."""
        check = db.session.get(KnowledgeCheck, parse_row_id(request.form.get("check")) or 0)
        if check is None or not check.before:
            abort(404)
        done, before = restore(check, editor_id())
        changed(f"Change undone ({check.reason}) by {current_user.email}", before)
        also = f" {count(done.missing, 'FAQ')} was deleted since." if done.missing else ""
        flash(f"Restored {count(done.faqs, 'FAQ')} as before that change.{also}", "success")
        return redirect(get_redirect_target() or url_for(".index_view"))

    # Shown to the assistant, or hidden from it.

    @expose("/shown/", methods=("POST",))
    def shown_view(self):
        """The list's Show/Hide button: one FAQ, no JavaScript needed."""
        faq = self.get_one(request.form.get("id", ""))
        if faq is None:
            abort(404)
        self._show([faq.id], request.form.get("shown") == "1")
        return redirect(get_redirect_target() or url_for(".index_view"))

    @action("hide", "Hide from the assistant")
    def action_hide(self, ids):
        self._show(parse_row_ids(ids), False)

    @action("show", "Show to the assistant")
    def action_show(self, ids):
        self._show(parse_row_ids(ids), True)

    def _show(self, ids: list[int], shown: bool) -> None:
        """Then the knowledge job, as after any FAQ change: a shown FAQ needs its vector."""
        before = snapshot(db.session.scalars(db.select(Faq).where(Faq.id.in_(ids))))
        done = show_faqs(ids, shown)
        where = "shown to" if shown else "hidden from"
        if done:
            changed(f"{count(done, 'FAQ')} {where} the assistant by {current_user.email}", before)
        flash(f"{count(done, 'FAQ')} {where} the assistant.", "success")

    # Categories.

    @expose("/categories/", methods=("GET", "POST"))
    def categories_view(self):
        """Rename a category on its FAQs and its keywords at once (or merge it into one in
        use, a misspelt one for example): one form, not an edit per FAQ."""
        listed = categories()
        form = RenameCategoryForm(old=request.args.get("category"))
        form.old.choices = [category.name for category in listed]
        if form.validate_on_submit():
            self._rename(form.old.data, form.new.data, listed)
            return redirect(url_for(".categories_view"))
        return self.render("admin/faq_categories.html", form=form, categories=listed)

    def _rename(self, old: str, typed: str, listed) -> None:
        new = listed_spelling(typed, [category.name for category in listed if category.name != old])
        if new == old:
            flash(f"“{old}” has that name already: nothing changed.", "info")
            return
        before = snapshot(db.session.scalars(db.select(Faq).where(Faq.category == old)))
        moved = rename_category(old, new)
        changed(f"Category “{old}” renamed “{new}” by {current_user.email}", before)
        keywords = any(category.name == old and category.has_keywords for category in listed)
        also = ", and its keywords" if keywords else ""
        flash(f"Renamed “{old}” to “{new}”: {count(moved, 'FAQ')} moved{also}.", "success")

    @property
    def can_import(self) -> bool:
        """Admins only: one file can overwrite every FAQ (agents edit them one by one)."""
        return is_admin()

    @expose("/import/", methods=("GET", "POST"))
    def import_view(self):
        """The CLI's `kb import` for admins: upsert by id (no id: a new FAQ), all rows or none."""
        if not self.can_import:
            abort(403)
        form = FaqImportForm()
        if form.validate_on_submit():
            try:
                rows = read_faq_bytes(_uploaded_bytes(form.file.data))
            except BadCsv as error:
                form.file.errors.append(f"{error}. Nothing was imported.")
            else:
                ids = [row.id for row in rows if row.id is not None]
                before = snapshot(db.session.scalars(db.select(Faq).where(Faq.id.in_(ids))))
                created, updated = upsert_faqs(rows, editor_id())
                changed(f"{count(len(rows), 'FAQ')} imported by {current_user.email}", before)
                flash(f"Imported {len(rows)} FAQs: {created} new, {updated} updated.", "success")
                return redirect(url_for(".index_view"))
        return self.render("admin/faq_import.html", form=form)

    @expose("/export.csv")
    def export_view(self):
        """Every FAQ in the import format, so a file round-trips."""
        # Not drafts: importing the file back would publish them.
        faqs = db.session.scalars(db.select(Faq).where(Faq.is_draft.is_(False)).order_by(Faq.id))
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
    form_extra_fields = {
        "category": category_field(
            validators=[
                DataRequired(),
                Unique(
                    db,
                    CategoryKeywords,
                    CategoryKeywords.category,
                    "This category has keywords already: edit those instead.",
                ),
            ],
            blank="Choose a category",
            description="The FAQs' category these words lead customers to.",
        )
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
        model.keywords = ", ".join(model.words)
