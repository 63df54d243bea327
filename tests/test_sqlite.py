"""SQLite shared by several processes: the embedded default must never say "database is locked".

These tests build SQLite apps of their own, so they run in the PostgreSQL pass too.
"""

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app import create_app
from app.extensions import db
from app.models import ChatSession, Message
from app.support.conversation import post_customer_message
from tests.conftest import Customer, pending_reply_id

ROOT = Path(__file__).parents[1]

WRITER = """
import sys
from app import create_app
from tests.conftest import Customer
app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": sys.argv[1], "OPENAI_API_KEY": None})
customer = Customer(app.test_client())
for n in range(int(sys.argv[2])):
    response = customer.send(f"process {sys.argv[3]} message {n}", htmx=False)
    assert response.status_code == 200, response.status_code
"""


@pytest.fixture
def sqlite_app(tmp_path, model_server):
    model_server.reset()
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'shared.db'}",
            "OPENAI_API_KEY": "test-key",
            "OPENAI_BASE_URL": model_server.url,
        }
    )
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.engine.dispose()


def test_write_transactions_take_the_write_lock_up_front(sqlite_app):
    statements: list[str] = []
    with sqlite_app.app_context():
        connection = db.session.connection().connection.dbapi_connection
        connection.set_trace_callback(statements.append)
        chat, _ = ChatSession.open()
        post_customer_message(chat, "Hello")
        connection.set_trace_callback(None)

    assert statements[0] == "BEGIN IMMEDIATE"
    assert any(s.startswith("INSERT INTO message") for s in statements)


def test_no_transaction_is_open_while_the_model_answers(sqlite_app, model_server, tmp_path):
    model_server.pace(ttft=1.0)
    customer = Customer(sqlite_app.test_client())
    reply_id = pending_reply_id(customer.send("Hello").get_data(as_text=True))
    streaming = threading.Thread(target=customer.stream, args=(reply_id,))
    streaming.start()
    while not model_server.timings:  # the model has the request and is "thinking"
        threading.Event().wait(0.02)

    # Another process's write, refusing to wait even a millisecond for a lock.
    other = sqlite3.connect(tmp_path / "shared.db", timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE chat_session SET state = state")
    other.execute("COMMIT")
    other.close()
    streaming.join()

    with sqlite_app.app_context():
        assert db.session.get(Message, reply_id).status == "done"


def test_several_processes_writing_at_once_never_lock(sqlite_app):
    url = sqlite_app.config["SQLALCHEMY_DATABASE_URI"]
    processes, messages = 4, 25
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, str(messages), str(n)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for n in range(processes)
    ]
    results = [writer.communicate(timeout=120) for writer in writers]

    for writer, (_, stderr) in zip(writers, results, strict=True):
        assert writer.returncode == 0, stderr
        assert "database is locked" not in stderr
    with sqlite_app.app_context():
        # Each message and its (offline) reply, from every process.
        statuses = db.session.scalars(db.select(Message.status)).all()
        assert len(statuses) == processes * messages * 2
        assert set(statuses) == {"done"}
