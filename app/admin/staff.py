"""Staff accounts, for admins: passwords are set here, stored hashed, never shown."""

from flask_login import current_user
from wtforms import PasswordField
from wtforms.validators import Length, Optional, ValidationError

from app.admin.base import AdminOnlyModelView

MIN_PASSWORD = 8


class StaffUserView(AdminOnlyModelView):
    # Accounts are deactivated, not deleted: tickets and replies keep their author.
    can_delete = False
    column_list = ("email", "is_admin", "active", "created_at")
    column_labels = {"is_admin": "Admin", "active": "Can log in", "created_at": "Created"}
    column_searchable_list = ("email",)
    column_details_exclude_list = ("password_hash",)
    form_columns = ("email", "new_password", "is_admin", "active")
    form_extra_fields = {
        "new_password": PasswordField(
            "Password",
            validators=[Optional(), Length(min=MIN_PASSWORD)],
            description="Required for a new account; leave empty to keep the current one.",
        )
    }

    def on_model_change(self, form, model, is_created):
        if is_created and not form.new_password.data:
            raise ValidationError("A new account needs a password.")
        if form.new_password.data:
            model.set_password(form.new_password.data)
        if model.id == current_user.id and not (model.is_admin and model.active):
            # Otherwise the last admin could lock everyone out of staff management.
            raise ValidationError("You cannot remove your own admin access or log-in.")
