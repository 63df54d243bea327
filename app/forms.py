"""Form classes: validation lives here, not in the views."""

from collections.abc import Callable, Iterable
from functools import cached_property

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms import EmailField, Field, PasswordField, SelectField, StringField, TextAreaField
from wtforms.utils import unset_value
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    Optional,
    StopValidation,
    ValidationError,
)
from wtforms.widgets import html_params

from app.models.chat import FeedbackReason
from app.support.knowledge import CATEGORY_MAX_CHARS


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


# The value of the "New category…" choice: a name nobody gives a category.
NEW_CATEGORY = "__new__"


def listed_spelling(name: str, names: Iterable[str]) -> str:
    """`name` as a listed category spells it when they differ only in case ("Shipping"
    for "shipping"): one category, not two that look alike."""
    return next((known for known in names if known.casefold() == name.casefold()), name)


class CategoryPicker:
    """The list of categories with "New category…" last, and the box for a new one's name.

    Without JavaScript both show, and a name in the box wins; admin.js shows the box only
    while "New category…" is chosen (and empties it when another is)."""

    input_type = None  # Flask-Admin's form template reads it, and fails on a missing one

    def __call__(self, field: "CategoryField", **kwargs) -> Markup:
        chosen, typed = field.shown()
        box = f"{field.id}-new-box"
        options = [("", field.blank), *((name, name) for name in field.categories)]
        options.append((NEW_CATEGORY, "New category…"))
        select = Markup("<select {}>{}</select>").format(
            Markup(
                html_params(
                    **{"id": field.id, **kwargs},
                    name=field.name,
                    data_new_category=box,
                    data_new_value=NEW_CATEGORY,
                )
            ),
            Markup("").join(
                Markup("<option {}>{}</option>").format(
                    Markup(html_params(value=value, selected=value == chosen)), label
                )
                for value, label in options
            ),
        )
        text = html_params(
            type="text", id=field.new_name, name=field.new_name, value=typed, class_="form-control"
        )
        return select + Markup(
            '<div id="{box}" class="new-category mt-2">'
            '<label for="{id}">New category name</label><input {text}>'
            '<small class="form-text text-muted">Leave it empty unless the category is new: a'
            " name here is used instead of the list.</small></div>"
        ).format(box=box, id=field.new_name, text=Markup(text))


class CategoryField(Field):
    """A category picked from those in use, or typed in after "New category…": a typo no
    longer makes a second category without anyone noticing.

    `categories` is called once per form for the current list. A posted category that is
    not listed is taken as a name (a script, a page opened before a rename), as is the
    box's text; both in a listed category's spelling if it differs only in case.
    """

    widget = CategoryPicker()

    def __init__(
        self,
        label=None,
        validators=None,
        categories: Callable[[], Iterable[str]] = list,
        blank: str = "No category",
        **kwargs,
    ):
        super().__init__(label, validators, **kwargs)
        self._categories = categories
        self.blank = blank
        self.typed = ""

    @cached_property
    def categories(self) -> list[str]:
        return list(self._categories())

    @property
    def new_name(self) -> str:
        return f"{self.name}-new"

    def process(self, formdata, data=unset_value, extra_filters=None):
        """Reads the new-category box too, which posts under a name of its own."""
        if formdata is not None:
            self.typed = (formdata.get(self.new_name) or "").strip()
        super().process(formdata, data, extra_filters)

    def process_formdata(self, valuelist):
        picked = valuelist[0].strip() if valuelist else ""
        if not (valuelist or self.typed):
            return  # not posted at all: the category stays as it was
        if picked == NEW_CATEGORY and not self.typed:
            self.data = NEW_CATEGORY
        else:
            self.data = listed_spelling(self.typed or picked, self.categories) or None

    def pre_validate(self, form):
        if self.data == NEW_CATEGORY:
            raise StopValidation("Type the new category's name, or choose one from the list.")

    def shown(self) -> tuple[str, str]:
        """What the list shows chosen, and what the box holds, for the current value."""
        if not self.data or self.data == NEW_CATEGORY:
            return self.data or "", ""
        if self.data in self.categories:
            return self.data, ""
        return NEW_CATEGORY, self.data


class RenameCategoryForm(TextForm):
    """A category's new name, for its FAQs and its keywords at once (choices: the view's)."""

    old = SelectField("Category", validators=[DataRequired("Choose the category to rename.")])
    new = StringField(
        "New name",
        filters=[_strip],
        validators=[DataRequired("Type the new name."), Length(max=CATEGORY_MAX_CHARS)],
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


FEEDBACK_COMMENT_MAX_CHARS = 500


def _one_of(values: Iterable[str], message: str) -> Callable:
    def check(form, field) -> None:
        if field.data not in values:
            raise StopValidation(message)

    return check


class FeedbackForm(TextForm):
    """ "Did that help?" under a reply: Yes or No, and after No why (optional) and a comment.

    No CSRF token, like MessageForm: the chat token in a header is the credential.
    """

    class Meta:
        csrf = False

    vote = StringField(
        filters=[_strip], validators=[_one_of(("yes", "no"), "Please answer Yes or No.")]
    )
    reason = StringField(
        filters=[_strip, lambda value: value or None],
        validators=[
            _one_of(
                (None, *(reason.value for reason in FeedbackReason)),
                "Please pick one of the reasons listed.",
            )
        ],
    )
    comment = TextAreaField(
        filters=[_strip],
        validators=[
            Length(
                max=FEEDBACK_COMMENT_MAX_CHARS,
                message=f"Please keep your comment under {FEEDBACK_COMMENT_MAX_CHARS} characters.",
            )
        ],
    )
    # Set by the reasons form: the customer has said why (then a person is offered).
    details = StringField(filters=[_strip])

    @property
    def helpful(self) -> bool:
        return self.vote.data == "yes"


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
