"""The support portal: `create_app()` reads as a table of contents."""

import logging
import os
import sqlite3

from flask import Flask, render_template, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from app import config as settings
from app.extensions import csrf, db, limiter, login_manager, mail, migrate
from app.security import init_security
from app.sentry import init_sentry
from app.support.hours import BadSchedule, Schedule
from app.support.privacy import install_log_masking
from app.support.reports import BadPrices, parse_prices
from app.support.semantic import check_ranker


def create_app(test_config: dict | None = None) -> Flask:
    # INSTANCE_PATH: where config.py and the SQLite file live (default: instance/ here).
    instance_path = os.environ.get("INSTANCE_PATH") or None
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    app.config.from_mapping(settings.from_environment(app.instance_path))
    app.config.from_pyfile("config.py", silent=True)
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config["SECRET_KEY"] and not (app.debug or app.testing):
        raise RuntimeError("SECRET_KEY must be set (environment or instance/config.py).")
    app.logger.setLevel(logging.INFO)
    install_log_masking()
    init_sentry(app)  # SENTRY_DSN: errors reported, scrubbed (app/sentry.py); else nothing
    trust_proxies(app)
    app.extensions["business_hours"] = business_hours(app.config)
    app.extensions["model_prices"] = model_prices(app.config["MODEL_PRICES"])
    check_ranker(app.config["SEMANTIC_RANKER"])  # a missing extra stops the start, not replies

    init_security(app)  # first: a foreign POST is refused before anything reads it
    register_extensions(app)
    register_blueprints(app)
    register_admin(app)
    register_errorhandlers(app)
    register_template_filters(app)
    register_commands(app)
    register_metrics(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES proxies, take the client's address from X-Forwarded-For.

    Only that many hops are believed, so a client cannot pick its own address (and its
    own rate-limit bucket) by sending the header itself. Without proxies: none is.
    """
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def business_hours(config) -> Schedule:
    """The schedule staff keep; a setting that cannot be read stops the start, saying why."""
    try:
        return Schedule.from_settings(
            config["BUSINESS_HOURS"], config["BUSINESS_TIMEZONE"], config["BUSINESS_CLOSED_DATES"]
        )
    except BadSchedule as error:
        raise RuntimeError(str(error)) from None


def model_prices(raw: str) -> dict:
    """MODEL_PRICES read once; a value that cannot be read stops the start, saying why."""
    try:
        return parse_prices(raw)
    except BadPrices as error:
        raise RuntimeError(str(error)) from None


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db)
    csrf.init_app(app)
    mail.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to open the back office."


def register_blueprints(app: Flask) -> None:
    from app.routes import api, auth, chat, embed, health

    app.register_blueprint(chat.bp)
    app.register_blueprint(embed.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(health.bp)


def register_metrics(app: Flask) -> None:
    """/metrics for Prometheus (METRICS_TOKEN) and the counts it shows (app/metrics.py)."""
    from app import metrics
    from app.routes import metrics as metrics_route

    metrics.install(app)
    app.register_blueprint(metrics_route.bp)


def register_admin(app: Flask) -> None:
    from app.admin import init_admin

    init_admin(app)


def register_errorhandlers(app: Flask) -> None:
    from app.routes.api import http_error

    def render_error(error):
        if request.path.startswith("/api/"):
            return http_error(error)  # the API's JSON shape, even where no route matched
        code = getattr(error, "code", 500)
        return render_template("errors/error.html", code=code, error=error), code

    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, render_error)


def register_template_filters(app: Flask) -> None:
    from app.admin.times import staff_time
    from app.forms import FEEDBACK_COMMENT_MAX_CHARS
    from app.support.budget import EXHAUSTED
    from app.support.feedback import REASONS, votable
    from app.support.render import render_markdown

    app.add_template_filter(render_markdown, "markdown")
    app.add_template_filter(staff_time, "staff_time")  # the back office's times
    app.context_processor(lambda: {"business_name": app.config["BUSINESS_NAME"]})
    # A reply's `failure` marks that say a token budget was used up (app/support/budget.py).
    app.jinja_env.globals["BUDGET_SPENT"] = EXHAUSTED
    # "Did that help?" (app/support/feedback.py): which replies ask it, and its choices.
    app.jinja_env.tests["votable"] = votable
    app.jinja_env.globals["FEEDBACK_REASONS"] = REASONS
    app.jinja_env.globals["FEEDBACK_COMMENT_MAX"] = FEEDBACK_COMMENT_MAX_CHARS


def register_commands(app: Flask) -> None:
    from app import commands

    for command in commands.ALL:
        app.cli.add_command(command)


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, connection_record) -> None:
    """SQLite shared by several processes (web, workers) without "database is locked".

    WAL lets readers work while one process writes, and the busy timeout waits out a
    writer. Python's sqlite3 opens a transaction just before the first write; with
    IMMEDIATE that BEGIN takes the write lock up front, so a transaction never has to
    upgrade a read lock, which fails at once instead of waiting.
    """
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.isolation_level = "IMMEDIATE"
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
