"""Sites that embed the chat, for admins: each shows the snippet to paste."""

from flask import url_for
from markupsafe import Markup, escape
from wtforms.validators import ValidationError

from app.admin.base import AdminOnlyModelView, HelpedTextArea
from app.models.site import origin_of

ORIGINS_LABEL = "Websites allowed to show the chat"
ORIGINS_HELP = (
    "The address of each website where the chat may appear, one per line, like "
    "https://shop.example.com — just the start of the address, without a page path."
)


def _snippet(view, context, model, name) -> Markup:
    src = url_for("embed.widget", _external=True)
    tag = f'<script src="{src}" data-site="{model.key}" async></script>'
    return Markup(f"<code>{escape(tag)}</code>")


class SiteView(AdminOnlyModelView):
    column_list = ("name", "allowed_origins", "is_active", "snippet")
    column_labels = {"allowed_origins": ORIGINS_LABEL, "is_active": "Active"}
    column_formatters = {"snippet": _snippet}
    column_details_list = ("name", "key", "allowed_origins", "greeting", "is_active", "snippet")
    can_view_details = True
    form_columns = ("name", "allowed_origins", "greeting", "is_active")
    form_widget_args = {"allowed_origins": {"rows": 3, "placeholder": "https://shop.example.com"}}
    form_args = {
        "allowed_origins": {"description": ORIGINS_HELP, "widget": HelpedTextArea()},
        "greeting": {
            "description": "Shown under your business name when the chat opens on this site."
        },
    }

    def on_model_change(self, form, model, is_created):
        lines = model.allowed_origins.replace(",", "\n").split()
        bad = [line for line in lines if origin_of(line) != line.rstrip("/").lower()]
        if bad:
            # "Not an origin" kept for whoever knows the word; the rest says it plainly.
            raise ValidationError(f"Not an origin (the start of a website address): {bad[0]}")
        model.allowed_origins = "\n".join(origin_of(line) for line in lines)
