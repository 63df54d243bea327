"""The customer's support page, through HTTP as the browser (htmx) and a plain form use it."""

import logging
import re

import pytest

from app.extensions import db
from app.models import ChatSession, Message, Role, Status
from tests.conftest import pending_reply_id
from tests.factories import make_chat, make_faq, make_message

URL_ATTRIBUTE = r'(?:href|src|action|hx-get|hx-post|data-stream|data-message)="([^"]*)"'


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_page_shows_business_welcome_and_labelled_message_box(client):
    html = client.get("/").get_data(as_text=True)
    assert "<h1>Trailhead Outfitters</h1>" in html
    assert "Ask us anything" in html
    assert '<label for="message" class="visually-hidden">Message</label>' in html
    assert '<textarea id="message" name="message"' in html
    assert ">Send</button>" in html
    assert "htmx-2.0.11.min.js" in html
    # The thread sits above the message box.
    assert html.index('id="thread"') < html.index('id="composer"')


def test_vendored_htmx_is_served(client):
    response = client.get("/static/js/htmx-2.0.11.min.js")
    assert response.status_code == 200
    assert b"htmx" in response.data[:100]


def test_first_message_opens_a_session_and_returns_bubble_and_typing_placeholder(customer):
    response = customer.send("Do you ship to Canada?")
    html = response.get_data(as_text=True)

    assert response.status_code == 200
    assert len(customer.token) >= 43  # token_urlsafe(32): 256 bits
    assert response.headers["HX-Retarget"] == "#thread"
    assert html.index("Do you ship to Canada?") < html.index("The assistant is typing")
    assert 'data-stream="/chat/messages/' in html
    chat = db.session.scalar(db.select(ChatSession))
    assert chat.token_hash != customer.token  # only a digest is stored
    assert [(m.role, m.status) for m in chat.messages] == [
        ("user", "done"),
        ("assistant", "pending"),
    ]


def test_reply_streams_in_then_the_end_event_brings_the_final_message(customer, model_server):
    model_server.reply_with("Yes, we ship to **Canada** and Mexico.")
    reply_id = pending_reply_id(customer.send("Do you ship to Canada?").get_data(as_text=True))

    events = customer.stream(reply_id)

    deltas = [data for event, data in events if event == "delta"]
    assert len(deltas) > 3 and "".join(deltas) == "Yes, we ship to **Canada** and Mexico."
    event, html = events[-1]
    assert event == "end"  # with the final message, rendered, to replace the placeholder
    assert html.startswith(f'<li id="message-{reply_id}" class="bubble from-assistant">')
    assert "<strong>Canada</strong>" in html
    assert "data-stream" not in html  # final: nothing more to stream
    # The very fragment the message's URL serves (the page's fallback).
    assert customer.poll(reply_id).get_data(as_text=True) == html
    reply = db.session.get(Message, reply_id)
    assert reply.status == Status.DONE
    assert reply.model == "gpt-4o-mini"
    assert reply.prompt_tokens > 0 and reply.completion_tokens > 0


def test_the_stream_of_a_finished_reply_is_just_its_end_with_the_message(customer):
    customer.ask("Hello")  # answered
    reply_id = pending_reply_id(customer.send("Anything else?").get_data(as_text=True))
    customer.stream(reply_id)

    events = customer.stream(reply_id)  # a reconnect after the reply was done

    assert [event for event, _ in events] == ["end"]
    assert "Thanks for your question: Anything else?" in events[0][1]


@pytest.mark.app_config(OPENAI_BASE_URL="http://127.0.0.1:1/v1", REPLY_DEADLINE_SECONDS=1)
def test_a_failed_reply_ends_its_stream_with_the_retry_offer(customer):
    reply_id = pending_reply_id(customer.send("Where is my parcel?").get_data(as_text=True))

    event, html = customer.stream(reply_id)[-1]

    assert event == "end"
    assert 'class="bubble from-assistant failed"' in html and ">Retry</button>" in html
    assert f'hx-post="/chat/messages/{reply_id}/retry"' in html


def test_second_message_appends_to_the_same_session(customer):
    customer.ask("Hello")
    token = customer.token
    response = customer.send("And how long does shipping take?")

    assert "HX-Retarget" not in response.headers
    assert "X-Chat-Token" not in response.headers
    assert customer.token == token
    assert 'hx-swap-oob="true"' in response.get_data(as_text=True)  # clears an old error
    assert count(ChatSession) == 1
    assert count(Message) == 4


def test_reload_renders_the_history_for_the_token(customer):
    customer.ask("Do you sell gift cards?")

    fragment = customer.thread().get_data(as_text=True)
    page = customer.thread(htmx=False).get_data(as_text=True)

    assert fragment.startswith("<section") or fragment.lstrip().startswith("<section")
    assert "Do you sell gift cards?" in fragment and "Thanks for your question" in fragment
    assert "<html" not in fragment
    assert "<html" in page and "Do you sell gift cards?" in page
    assert "chat:token-ready" not in page  # already loaded, no second fetch


def test_page_load_asks_for_the_thread_without_any_token_in_the_url(customer):
    customer.ask("Hello")
    customer.send("And another thing")  # a pending reply: its stream and message URLs
    page = customer.client.get("/").get_data(as_text=True)
    thread = customer.thread().get_data(as_text=True)

    urls = re.findall(URL_ATTRIBUTE, page + thread)
    assert any(url.endswith("/stream") for url in urls)
    assert not any("?" in url or customer.token in url for url in urls)
    assert 'hx-get="/chat/thread" hx-trigger="chat:token-ready from:body"' in page
    # The page's script sends the token as a header on every request it makes.
    assert b'var HEADER = "X-Chat-Token";' in customer.client.get("/static/js/chat.js").data


def test_fresh_browser_gets_an_empty_thread(customer):
    html = customer.thread().get_data(as_text=True)
    assert 'id="messages"' in html
    assert "bubble" not in html


@pytest.mark.parametrize("text", ["", "   ", "\n\t  \n", "\x00"])
def test_empty_message_gets_inline_error_and_saves_nothing(customer, model_server, text):
    response = customer.send(text)

    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == "#composer-error"
    assert "Please type a message." in response.get_data(as_text=True)
    assert count(Message) == 0 and count(ChatSession) == 0
    assert model_server.requests == []


@pytest.mark.app_config(MAX_MESSAGE_CHARS=100)
def test_over_long_message_gets_inline_error_and_never_reaches_the_model(customer, model_server):
    response = customer.send("x" * 101)

    assert response.status_code == 422
    assert "please keep it under 100" in response.get_data(as_text=True)
    assert count(Message) == 0
    assert model_server.requests == []
    assert customer.send("x" * 100).status_code == 200


def test_default_limit_is_2000_characters(customer):
    assert customer.send("y" * 2001).status_code == 422
    assert customer.send("y" * 2000).status_code == 200


def test_forged_token_gets_a_fresh_session_never_someone_elses(customer, app):
    victim, victim_token = make_chat()
    make_message(victim, Role.USER, "my secret order 4411")
    customer.token = victim_token[:-2] + "xx"

    response = customer.send("Hi there")

    assert customer.token not in (victim_token, victim_token[:-2] + "xx")
    assert "4411" not in response.get_data(as_text=True)
    assert count(ChatSession) == 2
    assert len(db.session.get(ChatSession, victim.id).messages) == 1


def test_another_sessions_message_id_is_not_found(customer):
    other, _ = make_chat()
    theirs = make_message(other, Role.ASSISTANT, "their private reply")
    customer.ask("Hello")

    assert customer.poll(theirs.id).status_code == 404
    customer.token = None
    assert customer.poll(theirs.id).status_code == 404


def test_message_endpoint_full_page_and_fragment(customer):
    html = customer.ask("Do you sell gift cards?")
    reply_id = int(html.split('id="message-', 1)[1].split('"', 1)[0])

    fragment = customer.poll(reply_id).get_data(as_text=True)
    page = customer.poll(reply_id, htmx=False).get_data(as_text=True)

    assert fragment.lstrip().startswith("<li") and "<html" not in fragment
    assert "<html" in page and "Do you sell gift cards?" in page


def test_responses_vary_on_htmx_and_are_not_cached(client, customer):
    for response in (client.get("/"), customer.send("hi"), customer.thread()):
        assert "HX-Request" in response.headers["Vary"]
        assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.app_config(OPENAI_API_KEY=None)
def test_page_works_as_a_plain_form_without_javascript(client, app):
    make_faq("How do I return an item?", "Returns are free within 30 days.", category="returns")

    first = client.post("/chat/messages", data={"message": "how do I return an item?"})
    html = first.get_data(as_text=True)

    assert first.status_code == 200 and "<html" in html
    assert "Returns are free within 30 days." in html
    token = html.split('name="chat_token" value="', 1)[1].split('"', 1)[0]
    assert ChatSession.find_by_token(token) is not None

    second = client.post("/chat/messages", data={"message": "thanks!", "chat_token": token})
    assert "Returns are free within 30 days." in second.get_data(as_text=True)  # same thread
    assert count(ChatSession) == 1

    empty = client.post("/chat/messages", data={"message": " ", "chat_token": token})
    assert empty.status_code == 422
    assert "Please type a message." in empty.get_data(as_text=True)
    assert "thanks!" in empty.get_data(as_text=True)


def test_chat_token_never_reaches_the_logs(customer, caplog):
    caplog.set_level(logging.DEBUG)
    customer.ask("Hello there")
    customer.thread()
    assert customer.token not in caplog.text


def test_customer_text_is_escaped(customer):
    html = customer.send('<img src=x onerror="alert(1)">').get_data(as_text=True)
    assert "<img" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html


def test_unknown_page_gets_a_friendly_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Back to support" in response.get_data(as_text=True)


def test_healthz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


@pytest.mark.app_config(OPENAI_BASE_URL="http://127.0.0.1:1/v1", REPLY_DEADLINE_SECONDS=2)
def test_unreachable_model_shows_a_friendly_failure_and_keeps_the_message(customer):
    html = customer.ask("Where is my parcel?")

    assert (
        "Sorry, I couldn&#39;t answer just now" in html
        or "Sorry, I couldn't answer just now" in html
    )
    saved = db.session.scalars(db.select(Message).order_by(Message.id)).all()
    assert [(m.role, m.content, m.status, m.failure) for m in saved] == [
        ("user", "Where is my parcel?", "done", None),
        ("assistant", "", "failed", "error"),
    ]
    assert ">Retry</button>" in html


# ---- The customer deletes their conversation ------------------------------------


def delete(customer, confirm: bool, htmx: bool = True):
    data = {"confirm": "yes"} if confirm else {}
    if not htmx and customer.token:
        data["chat_token"] = customer.token  # as the page's hidden field sends it
    return customer.client.post("/chat/delete", data=data, headers=customer.headers(htmx))


def texts_of_session(chat_id: int) -> list[str]:
    db.session.expire_all()
    query = db.select(Message.content).filter_by(session_id=chat_id).order_by(Message.id)
    return list(db.session.scalars(query))


def test_delete_asks_for_confirmation_first_and_deletes_nothing_until_then(customer):
    customer.ask("My address is 1 Elm Street")
    response = delete(customer, confirm=False)

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="delete-chat"')
    assert "Delete this conversation?" in html
    assert 'name="confirm" value="yes"' in html and 'hx-target="#thread"' in html
    assert ">Keep it</button>" in html
    assert count(Message) == 2

    kept = customer.client.get("/chat/delete", headers=customer.headers())  # "Keep it"
    assert ">Delete this conversation</button>" in kept.get_data(as_text=True)
    assert count(Message) == 2


def test_confirmed_delete_erases_this_conversation_only_and_the_chat_starts_afresh(client):
    from tests.conftest import Customer

    alice, bob = Customer(client), Customer(client)
    alice.ask("Alice's question")
    bob.ask("Bob's question")
    alice_chat = db.session.scalar(db.select(ChatSession).order_by(ChatSession.id))
    alice_reply = pending_reply_id(alice.send("One more").get_data(as_text=True))
    old_token = alice.token

    response = delete(alice, confirm=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "chat:forgotten"  # chat.js drops the token
    assert re.search(r'<ol id="messages" class="messages" aria-live="polite">\s*</ol>', html)
    assert "Your conversation was deleted." in html
    assert '<section id="handoff" class="handoff" aria-live="polite" hx-swap-oob="true">' in html

    assert db.session.get(ChatSession, alice_chat.id) is None
    assert texts_of_session(alice_chat.id) == []
    assert count(ChatSession) == 1 and count(Message) == 2  # Bob's, untouched
    assert "Bob&#39;s question" in bob.thread().get_data(as_text=True)

    # The deleted chat's token opens nothing any more.
    assert alice.thread().get_data(as_text=True).count("bubble") == 0
    assert alice.poll(alice_reply).status_code == 404
    assert client.get("/chat/escalation", headers=alice.headers()).status_code == 404
    # Writing again starts a new chat, with a new token.
    assert alice.send("Hello again").headers["X-Chat-Token"] != old_token
    assert count(ChatSession) == 2

    again = delete(Customer(client), confirm=True)  # a double click, or nothing to delete
    assert again.status_code == 200 and "Your conversation was deleted." in again.get_data(
        as_text=True
    )


def test_delete_keeps_an_open_ticket_for_staff_but_removes_the_transcript(customer):
    from app.models import Ticket
    from tests.test_escalation import escalate

    customer.ask("My parcel never arrived")
    escalate(customer, summary="Parcel lost", email="sam@example.com")
    customer.send("Any news?")
    ticket = db.session.scalar(db.select(Ticket))
    snapshot = list(ticket.snapshot)
    assert snapshot and count(Message) == 3

    confirm = delete(customer, confirm=False).get_data(as_text=True)
    assert f"Your request #{ticket.id} stays open" in confirm
    assert "answer by email to sam@example.com" in confirm
    delete(customer, confirm=True)

    db.session.expire_all()
    kept = db.session.get(Ticket, ticket.id)
    assert (kept.summary, kept.contact, kept.snapshot) == (
        "Parcel lost",
        "sam@example.com",
        snapshot,
    )
    assert kept.unresolved_session_id == kept.session_id  # still open, still owed an answer
    assert texts_of_session(kept.session_id) == []
    assert customer.thread().get_data(as_text=True).count("bubble") == 0


def test_delete_with_an_open_ticket_and_no_email_says_staff_cannot_reply(customer):
    from tests.test_escalation import escalate

    customer.ask("Help")
    escalate(customer)
    html = delete(customer, confirm=False).get_data(as_text=True)
    assert "As you left no email, they won't be able to reply to you" in html


def test_delete_works_as_plain_forms_without_javascript(customer):
    customer.ask("A question without JavaScript")

    page = delete(customer, confirm=False, htmx=False).get_data(as_text=True)
    assert "<html" in page and "Delete this conversation?" in page
    form = re.search(r'<form class="delete-confirm".*?</form>', page, re.S).group(0)
    assert f'name="chat_token" value="{customer.token}"' in form
    assert count(Message) == 2

    page = delete(customer, confirm=True, htmx=False).get_data(as_text=True)
    assert "Your conversation was deleted." in page
    assert 'name="chat_token"' not in page  # the next message starts a new chat
    assert count(Message) == 0 and count(ChatSession) == 0
