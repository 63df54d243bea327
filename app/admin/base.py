"""Access control for every back-office view: staff only, admins for the admin-only ones.

Every view derives from these bases, so no view can forget to check.

Who may do what, as a small shop runs it (the Help page says the same to staff):

- Agents (`StaffUser.is_admin` False) answer tickets (reply, note, assign, resolve) and
  look after the knowledge base: write and edit FAQs and category keywords, hide and show
  FAQs, export them, mark unanswered questions handled, publish, merge or discard FAQ
  drafts (a draft was never shown to customers). They delete nothing else.
- Admins do all that, and also delete (FAQs, keywords, a conversation a customer wants
  forgotten, sites), import FAQ files (one import can overwrite every FAQ), and manage
  staff accounts and sites.
- Nobody deletes tickets (they go with their conversation), unanswered questions (they
  are marked handled) or staff accounts (deactivated, so replies keep their author).

Deleting is decided here once: `can_delete` is true for admins only (a view whose rows
nobody deletes sets it False), and the delete URL and the bulk "delete" action answer
anyone else with a 403, whatever the page offered.
"""

import copy
from datetime import datetime

from flask import abort, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_admin.actions import action
from flask_admin.babel import gettext, lazy_gettext
from flask_admin.contrib.sqla import ModelView
from flask_admin.model import typefmt
from flask_login import current_user
from wtforms.fields.core import UnboundField
from wtforms.widgets import TextArea

from app.admin.times import staff_time_formatter
from app.forms import TextForm
from app.models.base import MAX_ID

# 5 million rows at 50 a page, far past any list here; a page number past it overflows
# SQLite's OFFSET and PostgreSQL's bigint, and PostgreSQL refuses a negative one.
MAX_PAGE = 100_000
# What no back-office page may show, filter, search, export or take in a form, directly
# or through a relation (issue 16: the ticket filters offered the assignee's hash).
SECRET_COLUMNS = frozenset(
    {"password_hash", "session_token", "token_hash", "public_id", "key_hash"}
)


def staff_signed_in() -> bool:
    return current_user.is_authenticated and current_user.is_active


def is_admin() -> bool:
    return staff_signed_in() and current_user.is_admin


def to_login():
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def parse_row_id(value) -> int | None:
    """The row id a URL or form names, or None when it cannot name one: `abc`, `²` (a
    digit to str.isdigit, not to int), 0, or too big for the column (SQLite overflows,
    PostgreSQL refuses to compare)."""
    text = str(value)
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ID))):
        return None
    row_id = int(text)
    return row_id if 0 < row_id <= MAX_ID else None


def parse_row_ids(values) -> list[int]:
    """The ids a bulk action names, as integers (psycopg 3 sends strings as text, which
    PostgreSQL will not compare with an integer column); any that name no row are left out."""
    return [row_id for row_id in map(parse_row_id, values) if row_id is not None]


class StaffOnly:
    """Mixed into every view: anyone not signed in is sent to the login page."""

    def is_accessible(self) -> bool:
        return staff_signed_in()

    def inaccessible_callback(self, name, **kwargs):
        return to_login()


class SecurePageView(StaffOnly, BaseView):
    """A plain page of the back office (help, reports)."""


class AdminForm(TextForm):
    """FlaskForm, whose token is the one CSRFProtect checks on every POST (Flask-Admin's
    own SecureForm uses a different token that CSRFProtect would reject), text only (no
    back-office model form has a file field), plus the edited object that Flask-Admin's
    forms keep: its Unique validator compares with it, and without it editing any row
    with a unique column fails ("Already exists")."""

    def __init__(self, *args, obj=None, **kwargs):
        super().__init__(*args, obj=obj, **kwargs)
        self._obj = obj


class SecureModelView(StaffOnly, ModelView):
    """Every model view: staff only, forms carry the app's CSRF token, admins delete, no
    secret column anywhere, hostile ids and page numbers are answered, not a 500, and
    times read in the business's zone (app/admin/times.py)."""

    form_base_class = AdminForm
    page_size = 50
    column_type_formatters = {**typefmt.BASE_FORMATTERS, datetime: staff_time_formatter}
    column_type_formatters_detail = {**typefmt.DETAIL_FORMATTERS, datetime: staff_time_formatter}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if leaks := self._columns_shown() & SECRET_COLUMNS:
            # At start-up, so a view that would show one never serves a page.
            raise RuntimeError(f"{type(self).__name__} would show {sorted(leaks)}")

    def render(self, template, **kwargs):
        """Flask-Admin's page, its form's widget arguments copied first: its template adds
        `is-invalid` to the dict it is handed, in place, and that dict is the view's own
        `form_widget_args`, so one error would mark the field invalid on every later form
        (the invalid icon is a data: image the CSP blocks, and a false alarm for staff)."""
        if form_opts := kwargs.get("form_opts"):
            form_opts.widget_args = copy.deepcopy(form_opts.widget_args)
        return super().render(template, **kwargs)

    # Who may delete.

    @property
    def can_delete(self) -> bool:
        """Admins only; a view whose rows nobody deletes sets `can_delete = False`.

        Flask-Admin reads it for the delete buttons, the delete URL, and (in
        is_action_allowed) the bulk "delete" action: one switch hides and refuses all.
        """
        return is_admin()

    @expose("/delete/", methods=("POST",))
    def delete_view(self):
        """A 403 where Flask-Admin would redirect without a word, for whoever may not delete."""
        if not self.can_delete:
            abort(403)
        return super().delete_view()

    @expose("/action/", methods=("POST",))
    def action_view(self):
        """A 403 for an action this member of staff may not run (an agent's bulk delete)."""
        if not self.is_action_allowed(request.form.get("action", "")):
            abort(403)
        return super().action_view()

    @action(
        "delete",
        lazy_gettext("Delete"),
        lazy_gettext("Are you sure you want to delete selected records?"),
    )
    def action_delete(self, ids):
        """Flask-Admin's own bulk delete, with the ids as integers (see parse_row_ids)."""
        return super().action_delete(tuple(parse_row_ids(ids)))

    # Hostile ids and page numbers.

    def get_one(self, id):
        """None, as for a deleted row, for an id that cannot name one: Flask-Admin's pages
        then say "Record does not exist." where the database would have failed."""
        row_id = parse_row_id(id)
        return None if row_id is None else super().get_one(str(row_id))

    def _get_list_extra_args(self):
        """The list's URL arguments, with the page number kept within 0..MAX_PAGE."""
        args = super()._get_list_extra_args()
        args.page = min(max(args.page or 0, 0), MAX_PAGE)
        return args

    @expose("/ajax/update/", methods=("POST",))
    def ajax_update(self):
        """Flask-Admin answers a refused in-list edit with a 500; it is the request's
        fault: a 404 for no such row, a 400 for a value that does not do."""
        if self.column_editable_list and self.get_one(request.form.get("list_form_pk")) is None:
            return gettext("Record does not exist."), 404
        response = super().ajax_update()
        if response is None:
            abort(400)
        if isinstance(response, tuple) and response[1] == 500:
            return response[0], 400
        return response

    # No secrets.

    def get_filters(self):
        """Flask-Admin's filters, less any on a secret column: a relation's filter (the
        ticket's assignee) offers every column of the related model."""
        filters = super().get_filters() or []
        kept = [f for f in filters if getattr(f.column, "key", None) not in SECRET_COLUMNS]
        return kept or None

    def _columns_shown(self) -> set[str]:
        """Every column a page of this view lists, details, exports, searches or edits."""
        names = {name for name, _ in self.get_list_columns()}
        names |= {name for name, _ in self.get_export_columns()}
        if self.can_view_details:
            names |= {name for name, _ in self.get_details_columns()}
        names |= {str(name) for name in self.column_searchable_list or ()}
        if self.can_create or self.can_edit:
            form = self.get_form()
            names |= {name for name in dir(form) if isinstance(getattr(form, name), UnboundField)}
        return names


class HelpedTextArea(TextArea):
    """A text area Flask-Admin can print help under: its form template asks every widget
    for an `input_type` (to place a checkbox's help), which a plain TextArea lacks."""

    input_type = "textarea"


class AdminOnlyModelView(SecureModelView):
    """For admins only (staff accounts, sites); agents do not even see it in the menu."""

    def is_accessible(self) -> bool:
        return is_admin()

    def inaccessible_callback(self, name, **kwargs):
        return abort(403) if staff_signed_in() else to_login()
