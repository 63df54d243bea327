import functools
import hmac
import secrets

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, validates
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.base import Timestamped


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


@functools.cache
def _dummy_hash() -> str:
    """A hash of no one's password, made like real ones (same method and cost), so that
    checking it takes as long as checking a real account's: an unknown email must not
    answer faster than a known one (that would tell who has an account)."""
    return generate_password_hash(secrets.token_urlsafe(32))


class StaffUser(UserMixin, Timestamped, db.Model):
    """A member of staff who logs in to the back office."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    is_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    # Part of the id every session cookie carries (get_id): a new token ends every
    # session issued before it, wherever its cookie is (logout, new password, an admin).
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)

    @validates("email")
    def _normalise_email(self, key: str, value: str) -> str:
        return value.strip().lower()

    @validates("active")
    def _deactivation_signs_out(self, key: str, value: bool) -> bool:
        # Else reactivating the account would bring its old sessions back to life.
        if not value:
            self.sign_out_everywhere()
        return value

    @property
    def is_active(self) -> bool:
        # Flask-Login refuses to log in, and forgets, users who are not active.
        return self.active

    def get_id(self) -> str:
        """What Flask-Login keeps in the session (and a remember-me cookie): the id and
        the current session token, so a token changed since no longer loads the user."""
        return f"{self.id}:{self.session_token}"

    @classmethod
    def from_session_id(cls, value: str) -> "StaffUser | None":
        """The user a session's id names, if its token is still theirs."""
        user_id, _, token = value.partition(":")
        user = db.session.get(cls, int(user_id)) if user_id.isdecimal() else None
        if user is None or not hmac.compare_digest(user.session_token.encode(), token.encode()):
            return None
        return user

    @classmethod
    def authenticate(cls, email: str, password: str) -> "StaffUser | None":
        """The active account with this email and password, else None.

        A password hash is checked whatever the email (a dummy one when there is no such
        account), so the answer takes as long for an unknown email as for a wrong password.
        """
        user = db.session.scalar(db.select(cls).filter_by(email=email.strip().lower()))
        matches = check_password_hash(user.password_hash if user else _dummy_hash(), password)
        return user if user is not None and matches and user.is_active else None

    def sign_out_everywhere(self) -> None:
        """End every session of this user, once committed: their cookies name an old token."""
        self.session_token = new_session_token()

    def set_password(self, password: str) -> None:
        # A new password ends the sessions the old one opened (perhaps someone else's).
        self.password_hash = generate_password_hash(password)
        self.sign_out_everywhere()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __str__(self) -> str:
        return self.email
