"""The JSON API as another program uses it: the seed's two calls, the 202 path, every
error code, and session isolation."""

import pytest

from app.extensions import db
from app.models import ChatSession, Message, Role, Status, Ticket
from tests.conftest import THROUGH_RQ
from tests.factories import make_faq
from tests.model_server import Fault


def chat(client, message, session_id=None, **kwargs):
    body = {"message": message} | ({"session_id": session_id} if session_id else {})
    return client.post("/api/chat/", json=body, **kwargs)


def error_of(response) -> tuple[int, str]:
    body = response.get_json()
    assert set(body["error"]) == {"code", "message"} and body["error"]["message"]
    return response.status_code, body["error"]["code"]


def test_chat_starts_a_session_and_answers_with_sources(client, model_server):
    faq = make_faq("How long does shipping take?", "3-5 working days.", category="shipping")
    model_server.reply_with(f"Shipping takes 3-5 working days [FAQ {faq.id}].")
    response = chat(client, "How long does shipping take?")
    assert response.status_code == 200
    body = response.get_json()
    assert body["reply"] == "Shipping takes 3-5 working days."
    assert body["sources"] == [{"id": faq.id, "question": "How long does shipping take?"}]
    assert body["suggest_person"] is False  # the model answered
    assert len(body["session_id"]) >= 22  # at least 128 bits, url-safe base64
    assert isinstance(body["message_id"], int)
    assert response.headers.get("Set-Cookie") is None


def test_the_session_continues_by_body_or_bearer_header(client, model_server):
    session_id = chat(client, "My order number is 4411").get_json()["session_id"]
    assert chat(client, "Where is it?", session_id).get_json()["session_id"] == session_id
    headers = {"Authorization": f"Bearer {session_id}"}
    again = chat(client, "And when will it come?", headers=headers)
    assert again.status_code == 200 and again.get_json()["session_id"] == session_id
    users = [m["content"] for m in model_server.last_messages if m["role"] == "user"]
    assert users == ["My order number is 4411", "Where is it?", "And when will it come?"]


def test_a_reply_fetched_later_with_the_session_in_the_header(client):
    body = chat(client, "Hello").get_json()
    headers = {"Authorization": f"Bearer {body['session_id']}"}
    fetched = client.get(f"/api/messages/{body['message_id']}", headers=headers)
    assert fetched.status_code == 200
    assert fetched.get_json()["reply"] == body["reply"]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"data": "not json", "content_type": "application/json"}, (400, "malformed")),
        ({"json": ["a", "list"]}, (400, "malformed")),
        ({"json": {}}, (400, "malformed")),
        ({"json": {"message": 42}}, (400, "malformed")),
        ({"json": {"message": "   "}}, (400, "malformed")),
        ({"json": {"message": "hi", "session_id": 7}}, (400, "malformed")),
        ({"json": {"message": "hi", "session_id": "no-such-session"}}, (400, "weak_session_id")),
        ({"json": {"message": "x" * 2001}}, (422, "too_long")),
    ],
)
def test_bad_requests_get_a_json_error_and_change_nothing(client, kwargs, expected):
    assert error_of(client.post("/api/chat/", **kwargs)) == expected
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 0


@pytest.mark.app_config(MAX_CONTENT_LENGTH=1024)
def test_an_oversized_body_is_413(client):
    assert error_of(chat(client, "x" * 2000))[0] == 413


def test_another_sessions_message_id_is_404(client):
    alice = chat(client, "Alice here").get_json()
    bob = chat(client, "Bob here").get_json()
    headers = {"Authorization": f"Bearer {bob['session_id']}"}
    response = client.get(f"/api/messages/{alice['message_id']}", headers=headers)
    assert error_of(response) == (404, "unknown_message")
    assert "Alice" not in response.get_data(as_text=True)
    no_session = client.get(f"/api/messages/{alice['message_id']}")
    assert error_of(no_session)[0] in (400, 404)


@pytest.mark.app_config(API_LIMIT_PER_SESSION="2 per minute")
def test_a_session_over_its_limit_gets_429(client):
    session_id = chat(client, "one").get_json()["session_id"]
    assert chat(client, "two", session_id).status_code == 200
    assert chat(client, "three", session_id).status_code == 200
    assert error_of(chat(client, "four", session_id)) == (429, "too_many_requests")
    assert chat(client, "a new customer").status_code == 200  # others are not blocked


@pytest.mark.app_config(API_LIMIT_PER_IP="3 per minute")
def test_an_address_over_its_limit_gets_429(client):
    for n in range(3):
        chat(client, f"new customer {n}")
    assert error_of(chat(client, "one more"))[0] == 429


@pytest.mark.app_config(NEW_CHATS_PER_IP="3 per hour")
def test_new_chats_over_the_address_cap_are_429_and_open_no_session(client):
    session_id = chat(client, "new customer 0").get_json()["session_id"]
    for n in (1, 2):
        assert chat(client, f"new customer {n}").status_code == 200
    refused = chat(client, "one chat too many")
    assert error_of(refused) == (429, "too_many_requests")
    assert "new conversations" in refused.get_json()["error"]["message"]
    assert "session_id" not in refused.get_json()
    assert db.session.scalar(db.select(db.func.count(ChatSession.id))) == 3
    # Chats already open carry on.
    assert chat(client, "still here", session_id).status_code == 200


def test_an_unavailable_assistant_is_503_with_the_offline_answer(client, model_server):
    make_faq("How do I return an item?", "Within 30 days, with the receipt.")
    model_server.reply_with(Fault.insufficient_quota())
    response = chat(client, "How do I return an item?")
    assert error_of(response) == (503, "assistant_unavailable")
    body = response.get_json()
    assert body["reply"] == "Within 30 days, with the receipt."
    assert body["sources"][0]["question"] == "How do I return an item?"
    assert body["suggest_person"] is True


def test_escalate_opens_one_ticket(client, model_server):
    session_id = chat(client, "My tent arrived torn").get_json()["session_id"]
    body = {"session_id": session_id, "issue_summary": "Torn tent", "customer_contact": "p@x.io"}
    first = client.post("/api/escalate/", json=body)
    assert first.status_code == 201
    assert first.get_json() == {"ticket_id": first.get_json()["ticket_id"], "status": "created"}
    again = client.post("/api/escalate/", json=body)
    assert again.status_code == 200 and again.get_json() == first.get_json()
    [ticket] = db.session.scalars(db.select(Ticket)).all()
    assert ticket.contact == "p@x.io" and ticket.snapshot[0]["content"] == "My tent arrived torn"

    # A person owns the chat now: messages join the ticket and the model is not called.
    calls = len(model_server.requests)
    waiting = chat(client, "Any news?", session_id)
    assert waiting.status_code == 202 and waiting.get_json()["status"] == "with_person"
    assert len(model_server.requests) == calls


@pytest.mark.parametrize(
    ("contact", "stored"),
    [
        ("+44 20 7946 0321", "+44 20 7946 0321"),  # the original's field is free text
        ("call me after 6pm", "call me after 6pm"),
        # Line breaks flattened: never an email header, and not an address to write to.
        ("a@b.io\r\nBcc: c@d.io", "a@b.io Bcc: c@d.io"),
    ],
)
def test_escalate_takes_any_contact_text(client, contact, stored):
    session_id = chat(client, "Hi").get_json()["session_id"]
    body = {"session_id": session_id, "issue_summary": "Help", "customer_contact": contact}

    response = client.post("/api/escalate/", json=body)

    assert response.status_code == 201, response.get_json()
    assert db.session.scalar(db.select(Ticket)).contact == stored


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"issue_summary": "Help"}, (400, "malformed")),  # no session_id at all
        ({"session_id": "nope", "issue_summary": "Help"}, (404, "unknown_session")),
        ({"session_id": True, "issue_summary": ""}, (400, "malformed")),
        ({"session_id": True, "issue_summary": "x" * 1001}, (422, "too_long")),
        ({"session_id": True, "issue_summary": "Help", "customer_contact": 7}, (400, "malformed")),
    ],
)
def test_escalate_refuses_bad_input(client, body, expected):
    session_id = chat(client, "Hi").get_json()["session_id"]
    if body.get("session_id") is True:
        body = body | {"session_id": session_id}
    assert error_of(client.post("/api/escalate/", json=body)) == expected
    assert db.session.scalar(db.select(Ticket)) is None


@pytest.mark.usefixtures(*THROUGH_RQ[1].args)
@pytest.mark.app_config(**THROUGH_RQ[0].kwargs, API_WAIT_SECONDS=1)
def test_a_slow_reply_answers_202_and_is_fetched_later(app, client, model_server):
    from tests.conftest import run_worker

    response = chat(client, "Hello?")
    assert response.status_code == 202  # no worker yet: nothing can answer within 1 s
    body = response.get_json()
    assert body["status"] == "pending" and body["reply"] is None
    headers = {"Authorization": f"Bearer {body['session_id']}"}
    assert client.get(f"/api/messages/{body['message_id']}", headers=headers).status_code == 202

    assert run_worker(app, model_server).wait(timeout=60) == 0
    done = client.get(f"/api/messages/{body['message_id']}", headers=headers)
    assert done.status_code == 200 and done.get_json()["reply"]
    assert db.session.get(Message, body["message_id"]).status == Status.DONE


def test_the_openapi_document_is_valid(client):
    from openapi_spec_validator import validate

    spec = client.get("/api/openapi.json").get_json()
    validate(spec)
    assert set(spec["paths"]) == {
        "/api/chat/",
        "/api/messages",
        "/api/messages/{message_id}",
        "/api/escalate/",
        "/api/feedback/",
    }


def test_customer_messages_are_never_returned_as_replies(client):
    body = chat(client, "secret question").get_json()
    headers = {"Authorization": f"Bearer {body['session_id']}"}
    question_id = db.session.scalar(db.select(Message.id).filter_by(role=Role.USER))
    assert error_of(client.get(f"/api/messages/{question_id}", headers=headers))[0] == 404


@pytest.mark.app_config(API_LIMIT_PER_IP="2 per minute")
def test_a_spoofed_forwarded_for_does_not_escape_the_limit(client):
    for n in range(2):
        chat(client, f"new customer {n}", headers={"X-Forwarded-For": f"10.0.0.{n}"})
    blocked = chat(client, "again", headers={"X-Forwarded-For": "10.0.0.99"})
    assert error_of(blocked)[0] == 429


@pytest.mark.app_config(API_LIMIT_PER_IP="2 per minute", TRUSTED_PROXIES=1)
def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client):
    for n in range(3):  # three clients, one request each, through the proxy
        response = chat(client, "hello", headers={"X-Forwarded-For": f"203.0.113.{n}"})
        assert response.status_code == 200
    for _ in range(2):
        chat(client, "hello", headers={"X-Forwarded-For": "203.0.113.7"})
    blocked = chat(client, "hello", headers={"X-Forwarded-For": "203.0.113.7"})
    assert error_of(blocked)[0] == 429
