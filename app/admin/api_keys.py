"""API keys for server-to-server clients of the JSON API, for admins: made here, shown
once, revoked here. A key lifts the per-address limits to its own (app/routes/api.py)."""

from flask import flash, g
from flask_admin import expose
from flask_admin.actions import action
from flask_login import current_user
from limits import parse
from markupsafe import Markup
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

from app.admin.base import AdminOnlyModelView, parse_row_ids
from app.extensions import db
from app.models import ApiKey
from app.models.base import utcnow


def valid_limit(form, field) -> None:
    try:
        parse(field.data)
    except ValueError:
        raise ValidationError('Write a rate such as "600 per minute" or "10 per second".') from None


def _state(view, context, model: ApiKey, name) -> Markup:
    if model.is_revoked:
        return Markup('<span class="badge badge-secondary">Revoked</span>')
    return Markup('<span class="badge badge-success">Active</span>')


class ApiKeyView(AdminOnlyModelView):
    column_list = ("name", "shown_as", "limit", "revoked_at", "created_at", "created_by")
    column_labels = {
        "shown_as": "Key starts",
        "limit": "Limit",
        "revoked_at": "State",
        "created_at": "Made",
        "created_by": "Made by",
    }
    column_formatters = {"revoked_at": _state}
    column_default_sort = ("created_at", True)
    can_edit = False  # a key's limit is part of what was agreed: revoke and make another
    form_columns = ("name", "limit")
    form_extra_fields = {
        "name": StringField(
            "Name",
            [DataRequired(), Length(max=120)],
            description="Who uses it, e.g. “Order system”.",
        ),
        "limit": StringField(
            "Limit",
            [DataRequired(), Length(max=64), valid_limit],
            default="600 per minute",
            description="Requests allowed with this key, instead of an address's limits.",
        ),
    }

    def create_model(self, form):
        key, secret = ApiKey.make(form.name.data, form.limit.data, current_user.id)
        db.session.add(key)
        db.session.commit()
        g.new_api_key = (key, secret)
        return key

    @expose("/new/", methods=("GET", "POST"))
    def create_view(self):
        """After a key is made, its secret on a page of its own, once (never in a flash
        message, which a cookie would carry)."""
        response = super().create_view()
        if "new_api_key" in g:
            key, secret = g.pop("new_api_key")
            return self.render("admin/api_key_created.html", key=key, secret=secret)
        return response

    @action("revoke", "Revoke", "Revoke the selected keys? Calls using them will be refused.")
    def action_revoke(self, ids):
        keys = db.session.scalars(db.select(ApiKey).where(ApiKey.id.in_(parse_row_ids(ids))))
        revoked = [key for key in keys if not key.is_revoked]
        for key in revoked:
            key.revoked_at = utcnow()
        db.session.commit()
        flash(f"{len(revoked)} key(s) revoked: calls using them are now refused.", "success")
