"""Form classes: validation lives here, not in the views."""

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import EmailField, PasswordField, TextAreaField
from wtforms.validators import DataRequired, Email, ValidationError


def _strip(value: str | None) -> str | None:
    # NUL bytes are refused by PostgreSQL and never meant by a person.
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


class MessageForm(FlaskForm):
    """A customer's chat message.

    No CSRF token: chat requests carry no cookie or other ambient credential, only the
    chat token in a header, which another site cannot read or send.
    """

    class Meta:
        csrf = False

    message = TextAreaField(
        "Message",
        filters=[_strip],
        validators=[DataRequired("Please type a message.")],
    )

    def validate_message(self, field: TextAreaField) -> None:
        limit = current_app.config["MAX_MESSAGE_CHARS"]
        if len(field.data) > limit:
            raise ValidationError(
                f"Your message is {len(field.data):,} characters long; "
                f"please keep it under {limit:,}."
            )


class LoginForm(FlaskForm):
    email = EmailField("Email", filters=[_strip], validators=[DataRequired(), Email()])
    password = PasswordField("Password", validators=[DataRequired()])


class EmptyForm(FlaskForm):
    """For buttons that only POST (logout): just the CSRF token."""


class FaqImportForm(FlaskForm):
    file = FileField(
        "CSV file",
        validators=[
            FileRequired("Choose a CSV file to import."),
            FileAllowed(["csv"], "Choose a .csv file."),
        ],
    )
