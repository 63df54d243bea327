"""Settings come from the environment (and instance/config.py); secrets have no default."""

import pytest
from sqlalchemy import text

from app import create_app
from app.config import database_url, from_environment
from app.extensions import db


def test_secret_key_is_required_outside_debug_and_testing(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})


def test_defaults(tmp_path):
    settings = from_environment(str(tmp_path), environ={})
    assert settings["SECRET_KEY"] is None
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/portal.db"
    assert settings["REDIS_URL"] is None and settings["OPENAI_API_KEY"] is None
    assert settings["OPENAI_MODEL"] == "gpt-4o-mini"
    assert (
        settings["HISTORY_MESSAGES"],
        settings["FAQ_INJECT_ALL"],
        settings["MAX_MESSAGE_CHARS"],
    ) == (15, 50, 2000)


def test_environment_overrides(tmp_path):
    environ = {
        "SECRET_KEY": "s",
        "REDIS_URL": "redis://r:6379/0",
        "OPENAI_API_KEY": "k",
        "OPENAI_BASE_URL": "http://llm:8000/v1",
        "OPENAI_MODEL": "m",
        "BUSINESS_NAME": "B",
        "BUSINESS_DESCRIPTION": "D",
        "HISTORY_MESSAGES": "4",
        "FAQ_INJECT_ALL": "9",
        "MAX_MESSAGE_CHARS": "500",
    }
    settings = from_environment(str(tmp_path), environ=environ)
    assert [settings[k] for k in environ] == [
        "s",
        "redis://r:6379/0",
        "k",
        "http://llm:8000/v1",
        "m",
        "B",
        "D",
        4,
        9,
        500,
    ]


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////srv/x.db", "sqlite:////srv/x.db"),
    ],
)
def test_database_url_uses_the_installed_postgres_driver(raw, url):
    assert database_url(raw, "/instance") == url


def test_instance_config_file_is_read(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text(
        "BUSINESS_NAME = 'From Instance'\nSECRET_KEY = 'instance-secret'\n"
    )
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    assert app.config["BUSINESS_NAME"] == "From Instance"
    assert app.config["SECRET_KEY"] == "instance-secret"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    # Its own SQLite app, so the PostgreSQL run checks this too.
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/wal.db"})
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        db.engine.dispose()
