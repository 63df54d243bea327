"""What an attacker found (issue 16), at the doors a browser or a script uses: bodies too
big to parse, headers that are not URLs, huge numbers, files where text is expected,
private pages a cache could keep, and a forged Last-Event-ID."""

import io

import pytest

from app.extensions import db
from app.models import ChatSession, Faq, Message, Status, Ticket
from tests.conftest import TEST_QUEUE, TEST_REDIS_URL, pending_reply_id
from tests.factories import make_faq, make_staff

MANY_EMPTY_FIELDS = b"a&" * 100_000  # 200 KB of fields, the attack's shape at 1/40th


def form_post(client, path, body, **headers):
    return client.post(
        path,
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
    )


# -- 1. Bodies are bounded before anything parses them ------------------------------


@pytest.mark.parametrize(
    "path", ["/chat/messages", "/chat/thread", "/chat/delete", "/chat/escalation", "/auth/login"]
)
def test_a_body_of_many_fields_is_refused_unparsed(client, path):
    response = form_post(client, path, MANY_EMPTY_FIELDS, **{"HX-Request": "true"})
    assert response.status_code == 413
    assert db.session.scalar(db.select(db.func.count(ChatSession.id))) == 0


def test_a_small_body_with_too_many_fields_is_refused(client):
    body = "&".join(f"f{i}=x" for i in range(40)) + "&message=hello"
    response = form_post(client, "/chat/messages", body.encode(), **{"HX-Request": "true"})
    assert response.status_code == 413
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 0


@pytest.mark.app_config(CHAT_LIMIT_PER_SESSION="1 per minute", NEW_CHATS_PER_IP="1 per minute")
def test_a_limited_door_refuses_a_huge_body_as_too_large_not_after_reading_it(client, customer):
    customer.send("hello")  # the address and the chat have used their one message
    headers = {**customer.headers(), "Content-Type": "application/x-www-form-urlencoded"}
    response = client.post("/chat/messages", data=MANY_EMPTY_FIELDS, headers=headers)
    assert response.status_code == 413


def test_the_longest_message_in_any_script_still_fits(customer, model_server):
    model_server.reply_with("Noted.")
    longest = "😀" * 1000 + "ü" * 999  # 2,000 characters, ~18 KB percent-encoded
    response = customer.send(longest)
    assert response.status_code == 200
    stored = db.session.scalar(db.select(Message).filter_by(content=longest))
    assert stored is not None


def test_staff_bulk_actions_still_take_a_page_of_rows(client, auth):
    make_staff(is_admin=True)
    faqs = [make_faq(f"Question {i}?", f"Answer {i}.") for i in range(60)]
    auth.login()
    token = auth.csrf_token("/admin/faq/")
    rows = [str(faq.id) for faq in faqs]
    data = {"action": "delete", "csrf_token": token, "rowid": rows}
    response = client.post("/admin/faq/action/", data=data)
    assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.count(Faq.id))) == 0


# -- 7. Hostile input is a 4xx, never a 5xx ------------------------------------------


@pytest.mark.parametrize(
    "path", ["/chat/messages", "/chat/delete", "/auth/login", "/admin/faq/new/"]
)
def test_an_origin_that_is_not_a_url_is_refused_as_foreign(client, path):
    response = client.post(path, data={"message": "hi"}, headers={"Origin": "http://["})
    assert response.status_code == 403


@pytest.mark.app_config(EMBED_ALLOWED_ORIGINS="https://shop.example.com")
@pytest.mark.parametrize("referrer", ["http://x:99999/", "http://x:abc/", "http://[::1/"])
def test_an_embed_referrer_that_is_not_a_url_is_not_an_error(client, referrer):
    response = client.get("/embed/default", headers={"Referer": referrer})
    assert response.status_code == 200
    assert "frame-ancestors https://shop.example.com" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("after", ["100000000000000000000", "-5", "abc"])
def test_a_waiting_customer_polling_with_any_number_gets_the_updates(chatting, after):
    chatting.client.post(
        "/chat/handoff", data={"email": "sam@example.com"}, headers=chatting.headers()
    )
    response = chatting.client.get(f"/chat/updates?after={after}", headers=chatting.headers())
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path, field",
    [
        ("/chat/messages", "message"),
        ("/chat/escalation", "summary"),
        ("/chat/escalation", "email"),
        ("/chat/handoff", "email"),
        ("/auth/login", "email"),
    ],
)
def test_a_file_where_text_is_expected_is_no_value(chatting, path, field):
    data = {"message": "hi", "summary": "My order is late", "email": "sam@example.com"}
    data[field] = (io.BytesIO(b"not text"), "x.txt")
    response = chatting.client.post(
        path, data=data, headers=chatting.headers(), content_type="multipart/form-data"
    )
    assert response.status_code < 500
    stored = [m.content for m in db.session.scalars(db.select(Message))]
    stored += [str(vars(t)) for t in db.session.scalars(db.select(Ticket))]
    assert not any("not text" in text or "x.txt" in text for text in stored)


# -- 8. Private responses are never cached -------------------------------------------


def test_the_chat_the_api_and_the_back_office_are_sent_no_store(client, chatting, auth):
    chatting.client.post(
        "/chat/handoff", data={"email": "sam@example.com"}, headers=chatting.headers()
    )
    api = client.post("/api/chat/", json={"message": "hello"})
    session_id = api.get_json()["session_id"]
    make_staff(is_admin=True)
    private = [
        client.get("/chat/updates?after=0", headers=chatting.headers()),
        chatting.client.post(
            "/chat/escalation/form", headers=chatting.headers(), data={"summary": "late"}
        ),
        api,
        client.get(
            f"/api/messages/{api.get_json()['message_id']}",
            headers={"Authorization": f"Bearer {session_id}"},
        ),
    ]
    auth.login()
    private += [client.get(path) for path in ("/admin/", "/admin/ticket/", "/admin/faq/")]
    private.append(client.get("/admin/faq/export.csv"))
    for response in private:
        assert response.headers.get("Cache-Control") == "no-store", response.request.path
    assert "no-store" not in client.get("/static/css/portal.css").headers.get("Cache-Control", "")


# -- 10. A forged Last-Event-ID is ignored -------------------------------------------


# Queued for workers, none of which is running: only the web process could call the model.
@pytest.mark.app_config(
    REDIS_URL=TEST_REDIS_URL, RQ_QUEUE=TEST_QUEUE, REPLY_CLIENT_TIMEOUT_SECONDS=1
)
@pytest.mark.usefixtures("redis_url")
@pytest.mark.parametrize("header", ["junk", "1-", "0-0-0", "9" * 40 + "-1"])
def test_a_malformed_last_event_id_never_makes_the_web_process_call_the_model(
    app, customer, model_server, header
):
    sent = customer.send("Where is my parcel?")
    reply_id = pending_reply_id(sent.get_data(as_text=True))
    events = customer.stream(reply_id, last_event_id=header)
    assert events[-1][0] == "end"
    assert model_server.requests == []
    assert db.session.get(Message, reply_id).status == Status.PENDING
