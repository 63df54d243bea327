"""The command line other tools rely on: migrations, demo data and FAQ imports."""

import os
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from app.extensions import db
from app.models import Faq

ROOT = Path(__file__).parents[1]


def flask(*args: str, database_url: str, **settings: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SECRET_KEY": "cli-test", "DATABASE_URL": database_url, **settings}
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_db_upgrade_builds_exactly_the_models_schema(app, database_url):
    db.drop_all()  # start from an empty database, as a fresh install does
    db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
    db.session.commit()

    result = flask("db", "upgrade", database_url=database_url)

    assert result.returncode == 0, result.stderr
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    engine.dispose()
    assert differences == [], "models changed without a migration: run flask db migrate"
    db.session.execute(db.text("DROP TABLE alembic_version"))
    db.session.commit()


def test_seed_demo_loads_ten_faqs_and_is_idempotent(runner, app):
    first = runner.invoke(args=["seed-demo"])
    second = runner.invoke(args=["seed-demo"])

    assert "10 added" in first.output and "0 added, 10 already there" in second.output
    faqs = db.session.scalars(db.select(Faq)).all()
    assert len(faqs) == 10
    assert {faq.category for faq in faqs} == {"products", "shipping", "returns"}
    assert all(faq.is_active for faq in faqs)


def test_kb_import_adds_rows_without_an_id(app, database_url, tmp_path):
    db.session.add(Faq(id=3, question="Old question?", answer="Old answer."))
    db.session.commit()
    path = tmp_path / "faqs.csv"
    path.write_text(
        "id,category,question,answer\n"
        ",gift cards,Do you sell gift cards?,From $25.\n"
        "3,returns,How do I return an item?,Within 30 days.\n",
        encoding="utf-8",
    )

    result = flask("kb", "import", str(path), database_url=database_url, SEMANTIC_RANKER="off")

    assert result.returncode == 0, result.stderr
    assert "Imported 2 FAQs: 1 new, 1 updated." in result.stdout
    db.session.expire_all()
    rows = db.session.execute(db.select(Faq.id, Faq.category, Faq.question).order_by(Faq.id))
    assert rows.all() == [
        (3, "returns", "How do I return an item?"),
        (4, "gift cards", "Do you sell gift cards?"),
    ]
