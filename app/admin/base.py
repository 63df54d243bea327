"""Access control for every back-office view: staff only, admins for the admin-only ones.

Every view derives from these bases, so no view can forget to check.
"""

from flask import abort, redirect, request, url_for
from flask_admin import BaseView
from flask_admin.actions import action
from flask_admin.babel import lazy_gettext
from flask_admin.contrib.sqla import ModelView
from flask_login import current_user
from flask_wtf import FlaskForm


def staff_signed_in() -> bool:
    return current_user.is_authenticated and current_user.is_active


def to_login():
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


class StaffOnly:
    """Mixed into every view: anyone not signed in is sent to the login page."""

    def is_accessible(self) -> bool:
        return staff_signed_in()

    def inaccessible_callback(self, name, **kwargs):
        return to_login()


class SecurePageView(StaffOnly, BaseView):
    """A plain page of the back office (help, reports)."""


class AdminForm(FlaskForm):
    """FlaskForm, whose token is the one CSRFProtect checks on every POST (Flask-Admin's
    own SecureForm uses a different token that CSRFProtect would reject), plus the
    edited object that Flask-Admin's forms keep: its Unique validator compares with it,
    and without it editing any row with a unique column fails ("Already exists")."""

    def __init__(self, *args, obj=None, **kwargs):
        super().__init__(*args, obj=obj, **kwargs)
        self._obj = obj


class SecureModelView(StaffOnly, ModelView):
    """Every model view: staff only, and forms carry the app's CSRF token."""

    form_base_class = AdminForm
    page_size = 50

    @action(
        "delete",
        lazy_gettext("Delete"),
        lazy_gettext("Are you sure you want to delete selected records?"),
    )
    def action_delete(self, ids):
        """Flask-Admin's own bulk delete, with the row ids as their column's type: psycopg 3
        sends the form's strings as text, which PostgreSQL refuses to compare with integers."""
        python_type = self.model.__mapper__.primary_key[0].type.python_type
        return super().action_delete(tuple(python_type(row_id) for row_id in ids))


class AdminOnlyModelView(SecureModelView):
    """For admins only (staff accounts); agents do not even see it in the menu."""

    def is_accessible(self) -> bool:
        return staff_signed_in() and current_user.is_admin

    def inaccessible_callback(self, name, **kwargs):
        return abort(403) if staff_signed_in() else to_login()
