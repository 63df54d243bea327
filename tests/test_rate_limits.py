"""Rate limits on the chat page and the widget (the same routes): messages per chat,
new chats per address, escalations per chat and per address. Through HTTP, as the
page's htmx does and as a browser without JavaScript does; the per-address budgets are
shared with the JSON API, so it is driven here too.

A chat's first message has no token yet: it is counted by the new-chat limit, and the
message limit counts the messages sent with the chat's token after it.
"""

from html import unescape

import pytest
from redis import Redis

from app.extensions import db
from app.models import ChatSession, Message, Ticket
from app.models.chat import hash_token
from tests.conftest import TEST_REDIS_URL, Customer
from tests.factories import make_chat
from tests.test_escalation import escalate

TOO_FAST = "You're sending messages faster than we can answer — please wait a minute."
TOO_MANY_CHATS = "Too many new conversations have been started from your network."
TOO_MANY_ESCALATIONS = "You've sent this form several times in a short while."
TOO_MANY_FROM_ADDRESS = "Many requests for a person have come from your network"


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def stored_texts() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Message.content).order_by(Message.id)))


def new_chat(client, text: str = "Hello", **environ):
    """A first message from a browser without a chat token (htmx, as the page sends it)."""
    return client.post(
        "/chat/messages",
        data={"message": text},
        headers={"HX-Request": "true"},
        environ_base=environ,
    )


@pytest.mark.app_config(CHAT_LIMIT_PER_SESSION="2 per minute")
def test_a_burst_is_refused_inline_with_nothing_stored_and_no_model_call(customer, model_server):
    customer.ask("First question")
    # Without JavaScript a send waits for its reply: each is one model call, at once.
    for text in ("Second question", "Third question"):
        assert customer.send(text, htmx=False).status_code == 200
    assert len(model_server.requests) == 3

    limited = customer.send("Fourth question")
    assert limited.status_code == 429
    # htmx swaps it in place of the composer's error line (chat.js lets 429s swap).
    assert limited.headers["HX-Retarget"] == "#composer-error"
    assert limited.headers["HX-Reswap"] == "outerHTML"
    html = unescape(limited.get_data(as_text=True))
    assert html.startswith('<div id="composer-error"') and TOO_FAST in html
    assert "<html" not in html and "429" not in html  # a fragment, not an error page

    plain = customer.send("Fifth question", htmx=False)
    assert plain.status_code == 429
    page = unescape(plain.get_data(as_text=True))
    assert TOO_FAST in page and '<form id="composer"' in page
    assert ">Fifth question</textarea>" in page  # what they typed is still there to resend

    assert count(Message) == 6
    assert not {"Fourth question", "Fifth question"} & set(stored_texts())
    assert len(model_server.requests) == 3
    assert "Fourth question" not in model_server.all_text()


@pytest.mark.app_config(CHAT_LIMIT_PER_SESSION="1 per minute")
def test_the_message_limit_is_per_chat_and_counts_retries(client, customer, model_server):
    from tests.conftest import pending_reply_id

    sent = customer.send("Is the Ridge tent in stock?")
    reply_id = pending_reply_id(sent.get_data(as_text=True))
    # A retry asks the model again, so it spends the same allowance.
    retry = client.post(f"/chat/messages/{reply_id}/retry", headers=customer.headers())
    assert retry.status_code == 200
    assert customer.send("And the Summit tent?").status_code == 429

    other = Customer(client)
    assert other.send("Hello from another chat").status_code == 200
    assert count(ChatSession) == 2


@pytest.mark.app_config(NEW_CHATS_PER_IP="2 per hour")
def test_new_chats_per_address_are_limited_without_creating_a_session(client, model_server):
    first, second = Customer(client), Customer(client)
    first.ask("Hello")
    assert second.send("Hi there").status_code == 200

    refused = new_chat(client, "A third chat")
    assert refused.status_code == 429
    assert TOO_MANY_CHATS in unescape(refused.get_data(as_text=True))
    assert "X-Chat-Token" not in refused.headers  # no chat was opened
    forged = client.post(
        "/chat/messages",
        data={"message": "A forged token opens nothing"},
        headers={"HX-Request": "true", "X-Chat-Token": "forged-" + "x" * 40},
    )
    assert forged.status_code == 429
    plain = client.post("/chat/messages", data={"message": "No JavaScript"})
    assert plain.status_code == 429 and TOO_MANY_CHATS in unescape(plain.get_data(as_text=True))

    assert count(ChatSession) == 2
    assert "A third chat" not in stored_texts()
    assert len(model_server.requests) == 1
    # Chats already open carry on.
    assert first.send("Still here").status_code == 200


@pytest.mark.app_config(NEW_CHATS_PER_IP="2 per hour", TRUSTED_PROXIES=0)
def test_a_spoofed_forwarded_for_does_not_escape_the_address_limit(client):
    for n in range(2):
        forged = {"HTTP_X_FORWARDED_FOR": f"198.51.100.{n}"}
        assert new_chat(client, **forged).status_code == 200
    refused = new_chat(client, HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.50")
    assert refused.status_code == 429
    assert count(ChatSession) == 2


@pytest.mark.app_config(NEW_CHATS_PER_IP="2 per hour", TRUSTED_PROXIES=1)
def test_behind_a_trusted_proxy_the_real_client_address_is_counted(client):
    # The proxy (REMOTE_ADDR) appends the address it saw; whatever the client wrote
    # before that is not believed.
    def via_proxy(forwarded: str):
        return new_chat(client, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert via_proxy("1.1.1.1, 203.0.113.7").status_code == 200
    assert via_proxy("2.2.2.2, 203.0.113.7").status_code == 200
    assert via_proxy("3.3.3.3, 203.0.113.7").status_code == 429
    # Another customer behind the same proxy has an allowance of their own.
    assert via_proxy("203.0.113.7, 203.0.113.8").status_code == 200
    assert count(ChatSession) == 3


@pytest.mark.app_config(ESCALATIONS_PER_SESSION="2 per hour")
def test_escalations_per_chat_are_limited_with_the_reason_in_the_form(client, customer):
    customer.ask("Where is my parcel?")
    assert escalate(customer).status_code == 200
    client.post("/chat/assistant", headers=customer.headers())
    assert escalate(customer, summary="").status_code == 422  # a form error counts too
    limited = escalate(customer, summary="Please, a person", email="sam@example.com")
    assert limited.status_code == 429
    html = unescape(limited.get_data(as_text=True))
    assert TOO_MANY_ESCALATIONS in html
    assert 'id="handoff"' in html and "Please, a person" in html  # the form, as typed
    assert count(Ticket) == 1

    plain = client.post(
        "/chat/escalation",
        data={"summary": "No JavaScript", "chat_token": customer.token},
    )
    assert plain.status_code == 429
    assert TOO_MANY_ESCALATIONS in unescape(plain.get_data(as_text=True))
    assert "Back to support" in plain.get_data(as_text=True)

    other = Customer(client)
    other.ask("Hello")
    assert escalate(other).status_code == 200
    assert count(Ticket) == 2


@pytest.mark.app_config(CHAT_LIMIT_PER_SESSION="1 per minute", RATELIMIT_STORAGE_URI=TEST_REDIS_URL)
def test_limits_are_counted_in_redis_without_the_chat_secret(customer, redis_url):
    customer.ask("Hello")
    assert customer.send("Again").status_code == 200
    assert customer.send("And again").status_code == 429
    keys = [key.decode() for key in Redis.from_url(redis_url).keys("*")]
    assert any(hash_token(customer.token) in key for key in keys), keys
    assert not any(customer.token in key for key in keys)


@pytest.mark.app_config(
    API_LIMIT_PER_IP="5 per minute", MAX_CONTENT_LENGTH=1024, RATELIMIT_STORAGE_URI=TEST_REDIS_URL
)
def test_an_oversized_body_is_refused_and_the_limits_stay_in_redis(client, redis_url):
    too_big = client.post("/api/chat/", json={"message": "x" * 2000})
    assert too_big.status_code == 413
    form = client.post("/chat/messages", data={"message": "x" * 2000, "chat_token": "t"})
    assert form.status_code == 413
    assert count(Message) == 0

    assert client.post("/api/chat/", json={"message": "Hello"}).status_code == 200
    # Counted in Redis, shared by every process, not in this process's memory.
    assert any(b"api-address" in key for key in Redis.from_url(redis_url).keys("*"))


def customer_with(client, token: str) -> Customer:
    """A browser holding this chat's token."""
    customer = Customer(client)
    customer.token = token
    return customer


def api_chat(client, text: str = "Hello", session_id: str | None = None):
    body = {"message": text} | ({"session_id": session_id} if session_id else {})
    return client.post("/api/chat/", json=body)


def api_escalate(client, token: str, summary: str = "I need a person"):
    return client.post("/api/escalate/", json={"session_id": token, "issue_summary": summary})


@pytest.mark.app_config(NEW_CHATS_PER_IP="3 per hour", RATELIMIT_STORAGE_URI=TEST_REDIS_URL)
def test_page_and_api_new_chats_share_one_budget_per_address(client, redis_url):
    assert new_chat(client, "From the page").status_code == 200
    assert api_chat(client, "From the API").status_code == 200
    no_javascript = Customer(client).send("From a browser without JavaScript", htmx=False)
    assert no_javascript.status_code == 200

    refused_api = api_chat(client, "One more through the API")
    assert refused_api.status_code == 429
    assert refused_api.get_json()["error"]["code"] == "too_many_requests"
    refused_page = new_chat(client, "One more on the page")
    assert refused_page.status_code == 429
    assert TOO_MANY_CHATS in unescape(refused_page.get_data(as_text=True))
    assert count(ChatSession) == 3
    # Another address has its own budget, at either door.
    assert new_chat(client, "Elsewhere", REMOTE_ADDR="203.0.113.9").status_code == 200


@pytest.mark.app_config(ESCALATIONS_PER_IP="3 per hour", ESCALATIONS_PER_SESSION="5 per hour")
def test_escalations_per_address_are_limited_across_chats_and_doors(client):
    tokens = [make_chat()[1] for _ in range(6)]
    for token in tokens[:2]:
        assert escalate(customer_with(client, token)).status_code == 200
    assert api_escalate(client, tokens[2]).status_code == 201

    # A fourth chat from the same address: the form again, with the reason; no ticket.
    limited = escalate(customer_with(client, tokens[3]), summary="Please, a person")
    assert limited.status_code == 429
    html = unescape(limited.get_data(as_text=True))
    assert TOO_MANY_FROM_ADDRESS in html and "Please, a person" in html
    refused = api_escalate(client, tokens[4])
    assert refused.status_code == 429
    assert refused.get_json()["error"]["code"] == "too_many_requests"
    assert "requests for a person" in refused.get_json()["error"]["message"]
    assert count(Ticket) == 3

    elsewhere = client.post(
        "/api/escalate/",
        json={"session_id": tokens[5], "issue_summary": "From another network"},
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )
    assert elsewhere.status_code == 201
    assert count(Ticket) == 4


@pytest.mark.app_config(API_LIMIT_PER_SESSION="2 per minute", RATELIMIT_STORAGE_URI=TEST_REDIS_URL)
def test_api_limits_are_counted_in_redis_without_the_session_id(client, redis_url):
    session_id = api_chat(client).get_json()["session_id"]
    assert api_chat(client, "Again", session_id).status_code == 200
    headers = {"Authorization": f"Bearer {session_id}"}
    assert client.post("/api/chat/", json={"message": "Bearer"}, headers=headers).status_code == 200
    assert api_chat(client, "Too many", session_id).status_code == 429
    keys = [key.decode() for key in Redis.from_url(redis_url).keys("*")]
    assert not any(session_id in key for key in keys), keys
    assert any(hash_token(session_id) in key for key in keys), keys


# Last in this module: Flask-Limiter keeps "storage dead" on the (process-wide) limiter,
# across apps, until a later health check finds it back; tests of keys in Redis go first.
@pytest.mark.app_config(
    CHAT_LIMIT_PER_SESSION="1 per minute", RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0"
)
def test_with_the_limits_redis_down_the_chat_works_and_is_still_limited(customer):
    # Nothing listens on port 1: each process counts in its own memory meanwhile.
    first = customer.send("Hello")
    assert first.status_code == 200 and customer.token
    assert customer.send("Again").status_code == 200
    assert customer.send("And again").status_code == 429
    assert count(Message) == 4
