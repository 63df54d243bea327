"""The API plays well with others (issue 20): the original widget's client flow (its own
UUID as session_id), JSON errors at every status, CORS for the embedding sites, the
messages list with a person's replies, API keys made in the back office, and the
interactive docs."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import ApiKey, ChatSession, Message, Role, Site, Ticket
from app.support import escalation
from tests.conftest import csrf_token_in
from tests.factories import make_faq, make_staff
from tests.test_headers import Violations

SHOP = "https://shop.example.com"


def error_of(response) -> tuple[int, str]:
    assert response.mimetype == "application/json", response.get_data(as_text=True)[:200]
    return response.status_code, response.get_json()["error"]["code"]


def test_the_original_client_flow_works_unchanged(client, model_server):
    """As the original widget does: its own UUID on the first call, the same on the next,
    then a person asked for with a phone number."""
    make_faq("How long does shipping take?", "3-5 working days.")
    session_id = str(uuid.uuid4())
    model_server.reply_with("Shipping takes 3-5 working days.", "It ships from Leeds.")

    first = client.post(
        "/api/chat/", json={"message": "How long is shipping?", "session_id": session_id}
    )
    second = client.post("/api/chat/", json={"message": "From where?", "session_id": session_id})
    escalated = client.post(
        "/api/escalate/",
        json={
            "session_id": session_id,
            "issue_summary": "Parcel late",
            "customer_contact": "+44 7700 900123",
        },
    )

    assert (
        first.status_code == 200 and first.get_json()["reply"] == "Shipping takes 3-5 working days."
    )
    assert first.get_json()["session_id"] == session_id
    assert second.get_json()["reply"] == "It ships from Leeds."
    assert escalated.status_code == 201
    chat = ChatSession.find_by_token(session_id)
    assert [m.content for m in chat.messages if m.role == Role.USER] == [
        "How long is shipping?",
        "From where?",
    ]
    ticket = db.session.scalar(db.select(Ticket))
    assert ticket.contact == "+44 7700 900123"
    assert len(ticket.snapshot) == 4  # the conversation, as it stood


@pytest.mark.parametrize(
    "weak",
    [
        "abc123",  # short
        "00000000-0000-4000-8000-000000000000",  # a UUID of zeros
        "abcdefghijklmnopqrstuvwxyzABCDEFGH",  # the alphabet
        "my-widget-session-id-for-testing-only",  # words
        "aAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaA",  # a repeat
        str(uuid.uuid1()),  # a time-based UUID: not random
    ],
)
def test_weak_client_made_ids_are_refused_and_open_nothing(client, weak):
    response = client.post("/api/chat/", json={"message": "Hi", "session_id": weak})

    assert error_of(response) == (400, "weak_session_id")
    assert "version 4 UUID" in response.get_json()["error"]["message"]
    assert db.session.scalar(db.select(db.func.count(ChatSession.id))) == 0


@pytest.mark.app_config(NEW_CHATS_PER_IP="2 per minute")
def test_client_made_ids_count_as_new_chats(client):
    statuses = [
        client.post("/api/chat/", json={"message": "Hi", "session_id": str(uuid.uuid4())})
        for _ in range(3)
    ]

    assert [r.status_code for r in statuses[:2]] == [200, 200]
    assert error_of(statuses[2]) == (429, "too_many_requests")


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/api/no-such-thing", (404, "not_found")),
        ("get", "/api/chat/", (405, "method_not_allowed")),
        ("delete", "/api/escalate/", (405, "method_not_allowed")),
        ("post", "/api/messages/1", (405, "method_not_allowed")),
    ],
)
def test_every_api_error_is_json(client, method, path, expected):
    assert error_of(getattr(client, method)(path)) == expected


@pytest.mark.app_config(MAX_CONTENT_LENGTH=1024)
def test_an_oversized_body_anywhere_in_the_api_is_json(client):
    assert error_of(client.post("/api/feedback/", data="x" * 100_000))[0] == 413


@pytest.mark.app_config(PROPAGATE_EXCEPTIONS=False)
def test_a_server_error_is_json_too(app, client):
    db.drop_all()  # the database loses its tables: every query fails

    response = client.post("/api/chat/", json={"message": "Hello"})

    assert error_of(response) == (500, "internal_server_error")
    db.create_all()


def preflight(client, origin: str):
    return client.options(
        "/api/chat/",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, authorization",
        },
    )


@pytest.mark.app_config(EMBED_ALLOWED_ORIGINS="https://default.example.org")
def test_cors_answers_the_embedding_sites_and_nobody_else(client, model_server):
    db.session.add(Site(name="Shop", allowed_origins=SHOP))
    db.session.add(Site(name="Old shop", allowed_origins="https://old.example", is_active=False))
    db.session.commit()

    allowed = preflight(client, SHOP)
    default = preflight(client, "https://default.example.org")
    foreign = preflight(client, "https://evil.example")
    inactive = preflight(client, "https://old.example")
    call = client.post("/api/chat/", json={"message": "Hi"}, headers={"Origin": SHOP})

    assert allowed.status_code == 200
    assert allowed.headers["Access-Control-Allow-Origin"] == SHOP
    assert "POST" in allowed.headers["Access-Control-Allow-Methods"]
    assert {"Authorization", "Content-Type"} <= {
        h.strip() for h in allowed.headers["Access-Control-Allow-Headers"].split(",")
    }
    assert default.headers["Access-Control-Allow-Origin"] == "https://default.example.org"
    for refused in (foreign, inactive):
        assert "Access-Control-Allow-Origin" not in refused.headers
    assert call.headers["Access-Control-Allow-Origin"] == SHOP
    assert "Origin" in call.headers["Vary"]


def test_the_messages_list_shows_a_persons_reply(client, model_server):
    model_server.reply_with("Let me find a person.")
    session_id = client.post("/api/chat/", json={"message": "My tent is torn"}).get_json()[
        "session_id"
    ]
    bearer = {"Authorization": f"Bearer {session_id}"}
    client.post("/api/escalate/", json={"issue_summary": "Torn tent"}, headers=bearer)
    ticket = db.session.scalar(db.select(Ticket))
    escalation.staff_reply(ticket, make_staff(), "Sorry! A new one is on its way.")

    listed = client.get("/api/messages?after=0", headers=bearer).get_json()
    last = listed["messages"][-1]["message_id"]
    later = client.get(f"/api/messages?after={last}", headers=bearer).get_json()

    assert [(m["role"], m["content"]) for m in listed["messages"]][-1] == (
        "staff",
        "Sorry! A new one is on its way.",
    )
    assert [m["role"] for m in listed["messages"]][:2] == ["customer", "assistant"]
    assert listed["with_person"] is True and listed["more"] is False
    assert later["messages"] == []
    assert error_of(client.get("/api/messages?after=x", headers=bearer)) == (400, "malformed")
    assert error_of(client.get("/api/messages"))[0] == 400  # no session named
    other = client.post("/api/chat/", json={"message": "Hi"}).get_json()["session_id"]
    theirs = client.get("/api/messages", headers={"Authorization": f"Bearer {other}"})
    assert "torn" not in theirs.get_data(as_text=True)


def make_key(client, admin, limit: str = "100 per minute") -> str:
    token = csrf_token_in(client.get("/admin/apikey/new/").get_data(as_text=True))
    page = client.post(
        "/admin/apikey/new/", data={"name": "Order system", "limit": limit, "csrf_token": token}
    ).get_data(as_text=True)
    return re.search(r'id="new-api-key">([^<]+)<', page).group(1)


@pytest.mark.app_config(API_LIMIT_PER_IP="2 per minute")
def test_an_api_key_lifts_the_address_limit_until_revoked(client, admin, model_server):
    secret = make_key(client, admin)
    key = db.session.scalar(db.select(ApiKey))
    keyed = {"X-Api-Key": secret}

    without = [client.post("/api/chat/", json={"message": "Hi"}).status_code for _ in range(3)]
    with_key = [
        client.post("/api/chat/", json={"message": "Hi"}, headers=keyed).status_code
        for _ in range(5)
    ]
    token = csrf_token_in(client.get("/admin/apikey/").get_data(as_text=True))
    client.post(
        "/admin/apikey/action/",
        data={"action": "revoke", "rowid": [str(key.id)], "csrf_token": token},
    )
    revoked = client.post("/api/chat/", json={"message": "Hi"}, headers=keyed)

    assert without == [200, 200, 429]
    assert with_key == [200] * 5
    assert error_of(revoked) == (401, "invalid_api_key")
    assert secret.startswith("sk_") and secret not in str(key.__dict__)  # only its digest
    listing = client.get("/admin/apikey/").get_data(as_text=True)
    assert "Revoked" in listing and secret not in listing and key.shown_as in listing


@pytest.mark.app_config(API_LIMIT_PER_IP="100 per minute")
def test_a_keys_own_limit_applies(client, admin, model_server):
    keyed = {"X-Api-Key": make_key(client, admin, limit="2 per minute")}

    statuses = [
        client.post("/api/chat/", json={"message": "Hi"}, headers=keyed).status_code
        for _ in range(3)
    ]

    assert statuses == [200, 200, 429]


def test_only_admins_manage_api_keys(client, agent):
    assert client.get("/admin/apikey/").status_code == 403


def test_an_unknown_key_is_refused_not_ignored(client):
    response = client.post("/api/chat/", json={"message": "Hi"}, headers={"X-Api-Key": "sk_nope"})

    assert error_of(response) == (401, "invalid_api_key")
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 0


def test_the_interactive_docs_render_under_the_strict_policy(live_server, page):
    violations = Violations(page)

    page.goto(f"{live_server}/api/docs")

    expect(page.get_by_text("Support portal API")).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/api/messages").first).to_be_visible()
    violations.check("/api/docs")
