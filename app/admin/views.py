"""Flask-Admin views: access control lives in the secured bases, the rest is declarative."""

from flask import redirect, request, url_for
from flask_admin import AdminIndexView, expose
from flask_admin.contrib.sqla import ModelView
from flask_login import current_user
from flask_wtf import FlaskForm


def staff_signed_in() -> bool:
    return current_user.is_authenticated and current_user.is_active


def to_login():
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


class SecureIndexView(AdminIndexView):
    def is_accessible(self) -> bool:
        return staff_signed_in()

    def inaccessible_callback(self, name, **kwargs):
        return to_login()

    @expose("/")
    def index(self):
        return self.render("admin/index.html")


class SecureModelView(ModelView):
    """Every model view: staff only, and forms carry the app's CSRF token."""

    # FlaskForm's token is the one CSRFProtect checks on every POST (Flask-Admin's own
    # SecureForm uses a different token that CSRFProtect would reject).
    form_base_class = FlaskForm
    page_size = 50

    def is_accessible(self) -> bool:
        return staff_signed_in()

    def inaccessible_callback(self, name, **kwargs):
        return to_login()


class FaqView(SecureModelView):
    column_list = ("question", "category", "is_active", "updated_at")
    column_editable_list = ("is_active",)
    column_filters = ("category", "is_active")
    column_searchable_list = ("question", "answer")
    column_default_sort = ("id", False)
    column_labels = {"is_active": "Active"}
    form_columns = ("question", "answer", "category", "is_active")
    form_widget_args = {"answer": {"rows": 8}}
