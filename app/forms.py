"""Form classes: validation lives here, not in the views."""

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from werkzeug.datastructures import MultiDict
from wtforms import EmailField, PasswordField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError


def _strip(value: str | None) -> str | None:
    # NUL bytes are refused by PostgreSQL and never meant by a person.
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


class TextForm(FlaskForm):
    """A form of text fields only: a file posted in a field's place is no value at all,
    and NUL characters (which PostgreSQL refuses, and no person means) are dropped.

    (Flask-WTF would hand the file to the field, whose filters and validators expect
    text, and the request would end in a 500.)
    """

    class Meta:
        def wrap_formdata(self, form, formdata):
            formdata = super().wrap_formdata(form, formdata)
            if not isinstance(formdata, MultiDict):
                return formdata
            return MultiDict(
                (key, value.replace("\x00", ""))
                for key, value in formdata.items(multi=True)
                if isinstance(value, str)
            )


class MessageForm(TextForm):
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


class LoginForm(TextForm):
    email = EmailField("Email", filters=[_strip], validators=[DataRequired(), Email()])
    password = PasswordField("Password", validators=[DataRequired()])


class EmptyForm(TextForm):
    """For buttons that only POST (logout): just the CSRF token."""


class FaqImportForm(FlaskForm):
    file = FileField(
        "CSV file",
        validators=[
            FileRequired("Choose a CSV file to import."),
            FileAllowed(["csv"], "Choose a .csv file."),
        ],
    )


SUMMARY_MAX_CHARS = 1000


def _no_line_breaks(form, field) -> None:
    # An address goes into email headers, where a line break would start a new header.
    if field.data and ("\r" in field.data or "\n" in field.data):
        raise ValidationError("An email address cannot contain line breaks.")


def _strip_line(value: str | None) -> str | None:
    # Like _strip but keeps inner CR/LF, so _no_line_breaks can refuse them.
    return value.replace("\x00", "").strip(" \t") if isinstance(value, str) else value


def _email_field(label: str, *required) -> EmailField:
    return EmailField(
        label,
        filters=[_strip_line],
        validators=[
            _no_line_breaks,
            *(required or [Optional()]),
            Email("Please enter a valid email address."),
            Length(max=254),
        ],
    )


class EscalationForm(TextForm):
    """ "Talk to a person": what the customer needs, and where to answer them.

    No CSRF token, like MessageForm: the chat token in a header is the credential.
    """

    class Meta:
        csrf = False

    email = _email_field("Your email (optional)")
    summary = TextAreaField(
        "What do you need help with?",
        filters=[_strip],
        validators=[
            DataRequired("Please tell us briefly what you need help with."),
            Length(
                max=SUMMARY_MAX_CHARS,
                message=f"Please keep this under {SUMMARY_MAX_CHARS:,} characters.",
            ),
        ],
    )


class ContactForm(TextForm):
    """The email a customer adds when nobody can answer them straight away."""

    class Meta:
        csrf = False

    email = _email_field("Your email", DataRequired("Please enter your email address."))


STAFF_TEXT_MAX_CHARS = 5000


class StaffTextForm(TextForm):
    """A staff reply to the customer, or an internal note: the same shape."""

    body = TextAreaField(
        filters=[_strip],
        validators=[
            DataRequired("Write something first."),
            Length(
                max=STAFF_TEXT_MAX_CHARS,
                message=f"Keep it under {STAFF_TEXT_MAX_CHARS:,} characters.",
            ),
        ],
    )
