"""The knowledge base in the back office: FAQs (with CSV in and out), their categories,
category keywords, and the questions no FAQ answered.

Categories stay plain text on each FAQ and keywords row; every form picks them from the
ones in use (or "New category…"), and one page renames a category everywhere at once.
"""

from flask import Response, abort, flash, get_template_attribute, redirect, request, url_for
from flask_admin import expose
from flask_admin.actions import action
from flask_admin.contrib.sqla.filters import BooleanEqualFilter, FilterEqual
from flask_admin.contrib.sqla.validators import Unique
from flask_admin.helpers import get_redirect_target
from wtforms.validators import DataRequired, Length

from app.admin.base import SecureModelView, is_admin, parse_row_ids
from app.extensions import db
from app.forms import CategoryField, FaqImportForm, RenameCategoryForm, listed_spelling
from app.jobs.knowledge import enqueue_embedding
from app.models import CategoryKeywords, Faq
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
    form_columns = ("question", "answer", "category", "is_active")
    form_extra_fields = {"category": category_field()}
    form_args = {
        "is_active": {
            "label": "Shown to the assistant",
            "description": "Untick to hide this FAQ from the assistant. Nothing is deleted.",
        }
    }
    form_widget_args = {"answer": {"rows": 8}}
    list_template = "admin/faq_list.html"

    def after_model_change(self, form, model, is_created):
        # Its vector now (on a worker, with Redis), so no customer's reply waits for it.
        enqueue_embedding()

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
        """Then the vectors job, as after any FAQ change: a shown FAQ needs its vector."""
        changed = show_faqs(ids, shown)
        if changed:
            enqueue_embedding()
        where = "shown to" if shown else "hidden from"
        flash(f"{count(changed, 'FAQ')} {where} the assistant.", "success")

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
        moved = rename_category(old, new)
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
