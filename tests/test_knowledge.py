"""The knowledge base in and out of CSV (`flask --app wsgi kb ...`), and offline token counts."""

import csv
import io
import subprocess
import sys

import pytest

from app.extensions import db
from app.models import Faq
from app.support.knowledge import BadCsv, read_faq_csv
from tests.conftest import DATA, ROOT
from tests.factories import make_faq

NORTHWIND = DATA / "northwind-bank" / "faqs.csv"


def faqs() -> list[tuple]:
    db.session.expire_all()
    rows = db.session.scalars(db.select(Faq).order_by(Faq.id))
    return [(f.id, f.category, f.question, f.answer) for f in rows]


def write(tmp_path, text: str):
    path = tmp_path / "kb.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_the_northwind_knowledge_base_ignoring_extra_columns(runner, app):
    result = runner.invoke(args=["kb", "import", str(NORTHWIND)])

    assert result.exit_code == 0, result.output
    assert "Imported 77 FAQs: 77 new, 0 updated." in result.output
    first = faqs()[0]
    assert first[:3] == (1, "cards", "Tracking a card delivery and what to do if it's late")
    assert "£" in "".join(f[3] for f in faqs())


def test_import_upserts_by_id(runner, app, tmp_path):
    make_faq("Old question?", "Old answer.", category="old")  # id 1
    path = write(
        tmp_path, "id,category,question,answer\n1,returns,New question?,New answer.\n7,,Q7?,A7.\n"
    )

    result = runner.invoke(args=["kb", "import", path])

    assert "2 FAQs: 1 new, 1 updated" in result.output
    assert faqs() == [(1, "returns", "New question?", "New answer."), (7, None, "Q7?", "A7.")]


@pytest.mark.app_config(SEMANTIC_RANKER="off")  # the ids, not the vectors
def test_rows_without_an_id_are_added_after_every_id_the_file_names(runner, app, tmp_path):
    make_faq("Old question?", "Old answer.", category="old")  # id 1
    path = write(
        tmp_path,
        "id,category,question,answer\n"
        ",gift cards,Do you sell gift cards?,From $25.\n"
        "1,returns,New question?,New answer.\n"
        "9,,Q9?,A9.\n"
        ",,Another new one?,Yes.\n",
    )

    result = runner.invoke(args=["kb", "import", path])

    assert result.exit_code == 0, result.output
    assert "Imported 4 FAQs: 3 new, 1 updated." in result.output
    assert faqs() == [
        (1, "returns", "New question?", "New answer."),
        (9, None, "Q9?", "A9."),
        (10, "gift cards", "Do you sell gift cards?", "From $25."),
        (11, None, "Another new one?", "Yes."),
    ]
    assert make_faq("Made in the admin?", "Yes.").id == 12


@pytest.mark.app_config(SEMANTIC_RANKER="off")  # the ids, not the vectors
def test_a_file_of_new_rows_only_imports_twice_as_new_faqs(runner, app, tmp_path):
    path = write(tmp_path, "id,category,question,answer\n,a,Q1?,A1.\n,a,Q2?,A2.\n")
    assert "2 FAQs: 2 new, 0 updated" in runner.invoke(args=["kb", "import", path]).output
    # Without ids nothing says they are the same FAQs: exporting first is how to update.
    assert "2 FAQs: 2 new, 0 updated" in runner.invoke(args=["kb", "import", path]).output
    assert [faq[0] for faq in faqs()] == [1, 2, 3, 4]


def test_an_evaluation_file_still_needs_every_id():
    stream = io.StringIO("id,category,question,answer\n,a,Q?,A.\n", newline="")
    with pytest.raises(BadCsv, match="line 2: id must be a positive whole number"):
        read_faq_csv(stream)
    assert read_faq_csv(io.StringIO(stream.getvalue()), new_rows=True)[0].id is None


def test_a_bad_row_stops_the_import_naming_its_line_and_imports_nothing(runner, app, tmp_path):
    path = write(
        tmp_path,
        "id,category,question,answer\n1,a,Fine?,Fine.\n2,b,,Missing question.\n3,c,Q?,A.\n",
    )

    result = runner.invoke(args=["kb", "import", path])

    assert result.exit_code != 0
    assert "line 3: question and answer must not be empty (nothing was imported)" in result.output
    assert faqs() == []


def test_bad_ids_and_headers_are_named(runner, app, tmp_path):
    for content, message in [
        ("question,answer\nQ?,A.\n", "line 1: the header needs id, category, question, answer"),
        ("id,category,question,answer\nx,a,Q?,A.\n", "line 2: id must be a positive whole number"),
        ("id,category,question,answer\n-3,a,Q?,A.\n", "line 2: id must be a positive whole number"),
        ("id,category,question,answer\n4,a,Q?,A.\n4,b,Q2?,A2.\n", "line 3: id 4 appears twice"),
    ]:
        result = runner.invoke(args=["kb", "import", write(tmp_path, content)])
        assert message in result.output
    assert faqs() == []


def test_export_writes_the_import_format_and_round_trips(runner, app, tmp_path):
    runner.invoke(args=["kb", "import", str(NORTHWIND)])

    exported = runner.invoke(args=["kb", "export"]).output

    rows = list(csv.DictReader(io.StringIO(exported)))
    assert list(rows[0]) == ["id", "category", "question", "answer"]
    assert len(rows) == 77
    original = {r["id"]: r for r in csv.DictReader(NORTHWIND.open(encoding="utf-8"))}
    for row in rows:
        assert (row["category"], row["question"], row["answer"]) == (
            original[row["id"]]["category"],
            original[row["id"]]["question"],
            original[row["id"]]["answer"],
        )


def test_new_faqs_after_an_import_get_fresh_ids(runner, app, tmp_path):
    runner.invoke(
        args=["kb", "import", write(tmp_path, "id,category,question,answer\n40,a,Q?,A.\n")]
    )
    assert make_faq("Made in the admin?", "Yes.").id == 41


NO_NETWORK = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network is off for this test")
socket.socket.connect = refuse
socket.create_connection = refuse
from app.support.tokens import count_tokens
print(count_tokens("How do I return an item?", "gpt-4o-mini"))
"""


def test_token_counts_are_exact_with_the_network_off(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TMPDIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", NO_NETWORK], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "7"  # o200k_base: How| do| I| return| an| item|?


# Files an attacker (or a spreadsheet) makes: each is refused naming its row, and the good
# row before the bad one is not imported either (issue 16, item 7). tests/test_admin_hostile.py
# uploads the same files in the back office.
HEADER = b"id,category,question,answer\n"
GOOD_ROW = b"1,shipping,How long does shipping take?,3-5 days.\n"
HOSTILE_CSV = {
    "unicode digit id": (
        HEADER + GOOD_ROW + "²,a,Q?,A.\n".encode(),
        "line 3: id must be a positive whole number up to 2,147,483,647, not '²'",
    ),
    "huge id": (
        HEADER + GOOD_ROW + b"99999999999999999999,a,Q?,A.\n",
        "line 3: id must be a positive whole number up to 2,147,483,647,"
        " not '99999999999999999999'",
    ),
    "long cell": (
        HEADER + GOOD_ROW + b"3,a,Q?," + b"x" * 131_073 + b"\n",
        "line 3: a cell is longer than 131,072 characters",
    ),
    "latin-1": (HEADER + GOOD_ROW + "3,a,Café?,A.\n".encode("latin-1"), "not UTF-8 text"),
    "nul": (HEADER + GOOD_ROW + b"3,a,Q\x00?,A.\n", "line 3: a cell contains a NUL character"),
    "long category": (
        HEADER + GOOD_ROW + b"3," + b"c" * 65 + b",Q?,A.\n",
        "line 3: category must be at most 64 characters",
    ),
}


@pytest.mark.parametrize(("data", "message"), HOSTILE_CSV.values(), ids=HOSTILE_CSV)
def test_a_hostile_file_is_refused_naming_the_row(runner, app, tmp_path, data, message):
    path = tmp_path / "kb.csv"
    path.write_bytes(data)

    result = runner.invoke(args=["kb", "import", str(path)])

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    assert message in result.output and "(nothing was imported)" in result.output
    assert faqs() == []
