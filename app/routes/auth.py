"""Staff login and logout, and how long a staff session lasts."""

import time
from urllib.parse import unquote, urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user

from app.extensions import db, limiter, login_manager
from app.forms import EmptyForm, LoginForm
from app.models import StaffUser

bp = Blueprint("auth", __name__, url_prefix="/auth")

LAST_SEEN = "staff_seen"  # in the session: when its staff user last made a request


@login_manager.user_loader
def load_user(user_id: str) -> StaffUser | None:
    """The session's user, unless their sessions were ended since (StaffUser.get_id)."""
    return StaffUser.from_session_id(user_id)


def _is_local_path(target: str) -> bool:
    """A path on this site, as a browser would read it, however it is spelled.

    Browsers drop tabs and newlines, read `\\` as `/`, and take `///host` or `////host`
    for `//host` (another site); a proxy may decode `%2F`. So: no control character or
    backslash, and one leading slash, even once percent-decoded.
    """
    for candidate in (target, unquote(target)):
        if any(ord(char) < 32 or ord(char) == 127 for char in candidate) or "\\" in candidate:
            return False
        if not candidate.startswith("/") or candidate.startswith("//"):
            return False
        parts = urlsplit(candidate)
        if parts.scheme or parts.netloc:
            return False
    return True


def safe_next(target: str | None) -> str:
    """Only a local path: `//evil.example`, `///evil.example` or `https://evil.example`
    go to the back office instead."""
    if target and _is_local_path(target):
        return target
    return url_for("admin.index")


TOO_MANY = "Too many log-in attempts. Please wait a few minutes, then try again."


def _submitted_account() -> str:
    return "login:" + (request.form.get("email") or "").strip().lower()


def _forget_account_attempts() -> None:
    """After a successful log-in, its account's attempts no longer count.

    Every attempt is counted before its password is checked (so parallel guesses cannot
    all get through before the first failure is counted); without this, a member of staff
    who logs in a few times a minute would lock themselves out. A guesser gains nothing:
    only the right password clears the count. The per-address limit is not cleared.
    """
    account = _submitted_account()
    for request_limit in limiter.current_limits:
        if account in request_limit.request_args:
            try:
                limiter.limiter.clear(request_limit.limit, *request_limit.request_args)
            except Exception:  # storage down: as Flask-Limiter does, log and carry on
                current_app.logger.warning("Could not clear the login limit", exc_info=True)


def _start_session(user: StaffUser) -> None:
    login_user(user)
    session[LAST_SEEN] = int(time.time())


@bp.before_app_request
def end_idle_session() -> None:
    """End a staff session unused for STAFF_IDLE_MINUTES, and note this request otherwise.

    A cookie left in a shared browser or copied from one then opens nothing. Only sessions
    with a logged-in user (Flask-Login's `_user_id`) are timed; one without a last-seen
    time (older than this check) counts as idle.
    """
    if "_user_id" not in session:
        return
    now, seen = int(time.time()), session.get(LAST_SEEN, 0)
    minutes = current_app.config["STAFF_IDLE_MINUTES"]
    if now - seen > minutes * 60:
        logout_user()
        session.pop(LAST_SEEN, None)
        flash(f"You were logged out after {minutes} minutes without activity.", "info")
    elif now - seen >= 60:  # to the minute: not a new cookie for every request
        session[LAST_SEEN] = now


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_IP"], methods=["POST"], error_message=TOO_MANY
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_submitted_account,
    methods=["POST"],
    error_message=TOO_MANY,
)
def login():
    """Log a member of staff in, then send them where they were going."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        user = StaffUser.authenticate(form.email.data, form.password.data)
        if user is not None:
            _forget_account_attempts()
            _start_session(user)
            return redirect(safe_next(request.args.get("next")))
        flash("Wrong email or password, or the account is disabled.", "error")
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 401


@bp.post("/logout")
@login_required
def logout():
    """End the staff session, and every other one of this user (a copied cookie too)."""
    if EmptyForm().validate_on_submit():
        current_user.sign_out_everywhere()
        db.session.commit()
        logout_user()
        session.pop(LAST_SEEN, None)
        flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))
