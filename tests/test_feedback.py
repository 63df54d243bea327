""" "Did that help?" under an answer: Yes, No with a reason and a comment, a change of
mind; every refusal changes nothing; the same without JavaScript (whole pages), and the
API's POST /api/feedback/."""

import html
import io
import re

import pytest

from app.extensions import db
from app.models import ChatSession, Message, Role, SessionState, Status, Ticket
from app.support import escalation
from tests.factories import make_chat, make_message

QUESTION = "Where is my parcel? I ordered 3 weeks ago"
HANDOFF = re.compile(r'<section id="handoff".*?</section>', re.S)


def answer_of(customer) -> Message:
    chat = ChatSession.find_by_token(customer.token)
    return db.session.scalars(
        db.select(Message).filter_by(session_id=chat.id, role=Role.ASSISTANT)
    ).all()[-1]


def vote(customer, message_id: int, htmx: bool = True, **data):
    headers = customer.headers(htmx)
    if not htmx:  # a page without JavaScript posts its token in the form
        headers.pop("X-Chat-Token", None)
        data["chat_token"] = customer.token
    return customer.client.post(f"/chat/messages/{message_id}/feedback", data=data, headers=headers)


def html_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def stored(message_id: int) -> tuple:
    db.session.expire_all()
    m = db.session.get(Message, message_id)
    return m.feedback, m.feedback_reason, m.feedback_comment


def test_the_latest_answer_asks_did_that_help(chatting):
    reply = answer_of(chatting)
    thread = html_of(chatting.thread())
    assert f'id="feedback-{reply.id}"' in thread and "Did that help?" in thread
    assert 'name="vote" value="yes"' in thread and 'name="vote" value="no"' in thread

    chatting.ask("And can I return it?")
    thread = html_of(chatting.thread())
    assert thread.count("Did that help?") == 1  # under the newest answer only
    assert f'id="feedback-{reply.id}"' not in thread


def test_yes_thanks_the_customer_and_is_kept(chatting):
    reply = answer_of(chatting)
    response = vote(chatting, reply.id, vote="yes")
    html = html_of(response)
    assert response.status_code == 200 and "<html" not in html
    assert "Thanks for letting us know!" in html and "Did that help?" not in html
    assert stored(reply.id) == ("yes", None, None)
    assert "You said this helped." in html_of(chatting.thread())  # a reload


def test_no_asks_why_then_offers_a_person_with_the_question_pre_filled(chatting):
    reply = answer_of(chatting)
    reasons = html_of(vote(chatting, reply.id, vote="no"))
    assert stored(reply.id) == ("no", None, None)
    for label in ("The answer was wrong", "It didn't answer my question", "I need a person"):
        assert label in reasons
    assert 'name="comment"' in reasons and "Submit" in reasons

    sent = vote(
        chatting, reply.id, vote="no", details="1", reason="not_my_question", comment="Tracking?"
    )
    html = html_of(sent)
    assert sent.status_code == 200
    assert stored(reply.id) == ("no", "not_my_question", "Tracking?")
    assert "You said this didn't help." in html
    offer = HANDOFF.search(html).group(0)
    assert 'hx-swap-oob="true"' in offer and 'id="escalation-summary"' in offer
    assert f"{QUESTION}\n\nTracking?</textarea>" in offer


def test_no_person_is_offered_while_one_has_the_chat(chatting):
    reply = answer_of(chatting)
    escalation.escalate(ChatSession.find_by_token(chatting.token), "Parcel", None)
    html = html_of(vote(chatting, reply.id, vote="no", details="1", reason="wrong"))
    assert stored(reply.id) == ("no", "wrong", None)
    assert "escalation-summary" not in html


def test_the_latest_vote_counts_and_yes_clears_the_reason(chatting):
    reply = answer_of(chatting)
    vote(chatting, reply.id, vote="no", details="1", reason="wrong", comment="Not 3-5 days")
    assert stored(reply.id) == ("no", "wrong", "Not 3-5 days")
    changed = html_of(vote(chatting, reply.id, vote="yes"))
    assert "Thanks for letting us know!" in changed
    assert stored(reply.id) == ("yes", None, None)
    vote(chatting, reply.id, vote="no")
    assert stored(reply.id) == ("no", None, None)


def test_another_chats_answer_is_refused_as_every_door_refuses(chatting, client):
    other_chat, _ = make_chat()
    make_message(other_chat, Role.USER, "Hi")
    theirs = make_message(other_chat, Role.ASSISTANT, "Hello")
    theirs.model = "test-model"
    db.session.commit()
    for htmx in (True, False):
        refused = vote(chatting, theirs.id, htmx=htmx, vote="yes")
        same_door = chatting.client.get(f"/chat/messages/{theirs.id}", headers=chatting.headers())
        assert refused.status_code == same_door.status_code == 404
        assert refused.get_data() == same_door.get_data()
    assert stored(theirs.id) == (None, None, None)


@pytest.mark.parametrize("kind", ["customer message", "pending", "failed", "notice"])
def test_only_a_finished_answer_takes_a_vote(chatting, kind):
    chat = ChatSession.find_by_token(chatting.token)
    if kind == "customer message":
        target = db.session.scalars(db.select(Message).filter_by(role=Role.USER)).first()
    elif kind == "notice":  # a fixed text ("You're back with the assistant")
        chat.state = SessionState.WAITING
        target = escalation.back_to_assistant(chat)
    else:
        target = make_message(chat, Role.ASSISTANT, "", status=Status(kind))
    assert vote(chatting, target.id, vote="yes").status_code == 404
    assert stored(target.id) == (None, None, None)
    assert f'id="feedback-{target.id}"' not in html_of(chatting.thread())


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"vote": "maybe"}, "Please answer Yes or No."),
        ({}, "Please answer Yes or No."),
        ({"vote": "no", "details": "1", "reason": "bored"}, "Please pick one of the reasons"),
        ({"vote": "no", "details": "1", "comment": "x" * 501}, "under 500 characters"),
        ({"vote": "a file"}, "Please answer Yes or No."),
    ],
    ids=["unknown vote", "no vote", "unknown reason", "long comment", "a file"],
)
@pytest.mark.parametrize("htmx", [True, False], ids=["fragment", "full page"])
def test_bad_input_is_explained_and_changes_nothing(chatting, data, error, htmx):
    reply = answer_of(chatting)
    if data.get("vote") == "a file":  # a file posted in the field's place (fresh per run)
        data = {"vote": (io.BytesIO(b"yes"), "vote.txt")}
    response = vote(chatting, reply.id, htmx=htmx, **data)
    html = html_of(response)
    assert response.status_code == 422
    assert error in html and 'class="form-error"' in html
    assert ("<html" in html) is not htmx
    assert stored(reply.id) == (None, None, None)
    assert db.session.scalar(db.select(db.func.count(Ticket.id))) == 0


def test_without_javascript_each_step_is_a_whole_page(chatting):
    reply = answer_of(chatting)
    page = html_of(vote(chatting, reply.id, htmx=False, vote="no"))
    assert "<html" in page and "What went wrong?" in page
    form = re.search(r'<form class="feedback-reasons".*?</form>', page, re.S).group(0)
    assert f'name="chat_token" value="{chatting.token}"' in form
    assert f'action="/chat/messages/{reply.id}/feedback#feedback-{reply.id}"' in form

    page = html_of(
        vote(chatting, reply.id, htmx=False, vote="no", details="1", reason="want_person")
    )
    assert "<html" in page and "You said this didn't help." in page
    offer = HANDOFF.search(page).group(0)
    assert f"{QUESTION}</textarea>" in offer
    assert f'name="chat_token" value="{chatting.token}"' in offer
    assert stored(reply.id) == ("no", "want_person", None)

    page = html_of(vote(chatting, reply.id, htmx=False, vote="yes"))
    assert "Thanks for letting us know!" in page and stored(reply.id)[0] == "yes"


# ---- The API ------------------------------------------------------------------------


def api_chat(client, text="Where is my parcel?") -> dict:
    return client.post("/api/chat/", json={"message": text}).get_json()


def error_of(response) -> tuple[int, str]:
    body = response.get_json()
    assert set(body["error"]) == {"code", "message"} and body["error"]["message"]
    return response.status_code, body["error"]["code"]


def test_the_api_stores_a_vote_and_its_change(client):
    chat = api_chat(client)
    body = {"session_id": chat["session_id"], "message_id": chat["message_id"]}
    response = client.post(
        "/api/feedback/", json=body | {"helpful": False, "reason": "wrong", "comment": "Nope"}
    )
    assert response.status_code == 200
    got = response.get_json()
    assert {k: got[k] for k in ("message_id", "helpful", "reason", "comment")} == {
        "message_id": chat["message_id"],
        "helpful": False,
        "reason": "wrong",
        "comment": "Nope",
    }
    assert got["at"].endswith("Z")
    assert stored(chat["message_id"]) == ("no", "wrong", "Nope")

    headers = {"Authorization": f"Bearer {chat['session_id']}"}
    again = client.post(
        "/api/feedback/", json={"message_id": chat["message_id"], "helpful": True}, headers=headers
    )
    assert again.status_code == 200 and again.get_json()["reason"] is None
    assert stored(chat["message_id"]) == ("yes", None, None)


def test_the_api_refuses_other_sessions_and_unfinished_messages(client):
    alice, bob = api_chat(client, "Alice here"), api_chat(client, "Bob here")
    theirs = {"session_id": bob["session_id"], "message_id": alice["message_id"]}
    assert error_of(client.post("/api/feedback/", json=theirs | {"helpful": True})) == (
        404,
        "unknown_message",
    )
    own_question = {"session_id": alice["session_id"], "message_id": alice["message_id"] - 1}
    assert error_of(client.post("/api/feedback/", json=own_question | {"helpful": True}))[0] == 404
    assert stored(alice["message_id"]) == (None, None, None)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"helpful": "yes"}, (400, "malformed")),
        ({}, (400, "malformed")),
        ({"helpful": False, "reason": "bored"}, (422, "invalid_reason")),
        ({"helpful": False, "comment": "x" * 501}, (422, "too_long")),
        ({"helpful": False, "comment": 7}, (400, "malformed")),
        ({"helpful": True, "message_id": "1"}, (400, "malformed")),
        ({"helpful": True, "session_id": "no-such-session"}, (404, "unknown_session")),
    ],
)
def test_the_api_refuses_bad_input_and_changes_nothing(client, extra, expected):
    chat = api_chat(client)
    body = {"session_id": chat["session_id"], "message_id": chat["message_id"]} | extra
    assert error_of(client.post("/api/feedback/", json=body)) == expected
    assert stored(chat["message_id"]) == (None, None, None)
