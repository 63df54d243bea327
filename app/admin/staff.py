"""Staff accounts, for admins: passwords are set here, stored hashed, never shown."""

from flask import flash
from flask_admin.actions import action
from flask_login import current_user, login_user
from wtforms import PasswordField
from wtforms.validators import Length, Optional, ValidationError

from app.admin.base import AdminOnlyModelView, parse_row_ids
from app.extensions import db
from app.models import StaffUser

MIN_PASSWORD = 8


def signed_out_message(count: int) -> str:
    members = "member of staff" if count == 1 else "members of staff"
    return f"{count} {members} signed out everywhere."


class StaffUserView(AdminOnlyModelView):
    # Accounts are deactivated, not deleted: tickets and replies keep their author.
    can_delete = False
    column_list = ("email", "is_admin", "active", "created_at")
    column_labels = {"is_admin": "Admin", "active": "Can log in", "created_at": "Created"}
    column_searchable_list = ("email",)
    column_details_exclude_list = ("password_hash", "session_token")
    form_columns = ("email", "new_password", "is_admin", "active")
    form_extra_fields = {
        "new_password": PasswordField(
            "Password",
            validators=[Optional(), Length(min=MIN_PASSWORD)],
            description="Required for a new account; leave empty to keep the current one. "
            "A new password, or unticking Can log in, signs the account out everywhere.",
        )
    }

    def on_model_change(self, form, model, is_created):
        if is_created and not form.new_password.data:
            raise ValidationError("A new account needs a password.")
        if form.new_password.data:
            model.set_password(form.new_password.data)  # which ends the account's sessions
        if model.id == current_user.id and not (model.is_admin and model.active):
            # Otherwise the last admin could lock everyone out of staff management.
            raise ValidationError("You cannot remove your own admin access or log-in.")

    def after_model_change(self, form, model, is_created):
        if model.id == current_user.id and form.new_password.data:
            # An admin who changes their own password keeps this session, not the others.
            login_user(model)

    @action(
        "sign_out",
        "Sign out everywhere",
        "End every session of the selected staff? They will have to log in again.",
    )
    def sign_out_everywhere(self, ids):
        """For a lost laptop or a leaked cookie: their sessions end, the password stays."""
        wanted = parse_row_ids(ids)
        users = db.session.scalars(db.select(StaffUser).where(StaffUser.id.in_(wanted))).all()
        for user in users:
            user.sign_out_everywhere()
        db.session.commit()
        flash(signed_out_message(len(users)), "success")
