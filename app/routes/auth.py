"""Staff login and logout."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from app.extensions import db, limiter, login_manager
from app.forms import EmptyForm, LoginForm
from app.models import StaffUser

bp = Blueprint("auth", __name__, url_prefix="/auth")


@login_manager.user_loader
def load_user(user_id: str) -> StaffUser | None:
    return db.session.get(StaffUser, int(user_id))


def safe_next(target: str | None) -> str:
    """Only a local path: `//evil.example` or `https://evil.example` go to the back office."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and "\\" not in target:
            return target
    return url_for("admin.index")


TOO_MANY = "Too many log-in attempts. Please wait a few minutes, then try again."


def _submitted_account() -> str:
    return "login:" + (request.form.get("email") or "").strip().lower()


def _failed(response) -> bool:
    return response.status_code == 401


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_IP"], methods=["POST"], error_message=TOO_MANY
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_submitted_account,
    methods=["POST"],
    deduct_when=_failed,
    error_message=TOO_MANY,
)
def login():
    """Log a member of staff in, then send them where they were going."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(db.select(StaffUser).filter_by(email=form.email.data.lower()))
        if user is not None and user.is_active and user.check_password(form.password.data):
            login_user(user)
            return redirect(safe_next(request.args.get("next")))
        flash("Wrong email or password, or the account is disabled.", "error")
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 401


@bp.post("/logout")
@login_required
def logout():
    """End the staff session."""
    if EmptyForm().validate_on_submit():
        logout_user()
        flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))
