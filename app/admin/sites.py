"""Sites that embed the chat, for admins: each shows the snippet to paste."""

from flask import url_for
from markupsafe import Markup, escape
from wtforms.validators import ValidationError

from app.admin.base import AdminOnlyModelView
from app.models.site import origin_of


def _snippet(view, context, model, name) -> Markup:
    src = url_for("embed.widget", _external=True)
    tag = f'<script src="{src}" data-site="{model.key}" async></script>'
    return Markup(f"<code>{escape(tag)}</code>")


class SiteView(AdminOnlyModelView):
    column_list = ("name", "allowed_origins", "is_active", "snippet")
    column_labels = {"allowed_origins": "May embed it", "is_active": "Active"}
    column_formatters = {"snippet": _snippet}
    column_details_list = ("name", "key", "allowed_origins", "greeting", "is_active", "snippet")
    can_view_details = True
    form_columns = ("name", "allowed_origins", "greeting", "is_active")
    # A placeholder, not a description: Flask-Admin's template trips on textarea ones.
    form_widget_args = {
        "allowed_origins": {"rows": 3, "placeholder": "One per line, e.g. https://shop.example.com"}
    }
    form_args = {
        "greeting": {
            "description": "Shown under your business name when the chat opens on this site."
        }
    }

    def on_model_change(self, form, model, is_created):
        lines = model.allowed_origins.replace(",", "\n").split()
        bad = [line for line in lines if origin_of(line) != line.rstrip("/").lower()]
        if bad:
            raise ValidationError(f"Not an origin (like https://shop.example.com): {bad[0]}")
        model.allowed_origins = "\n".join(origin_of(line) for line in lines)
