"""Errors to Sentry, scrubbed: with SENTRY_DSN set, a real failure in the web tier and in
a reply job is reported, and what the customer typed (their message, their request for
a person, their email and phone number) and their chat token are not in the report.

No network: sentry-sdk is given a transport of its own kind that keeps each envelope here
(SENTRY_OPTIONS, the same door as instance/config.py). The failures are real ones: the
database refuses a write (a trigger), so the error carries the row's values, as a
database error does.
"""

import json

import pytest

sentry_sdk = pytest.importorskip("sentry_sdk")

from sentry_sdk.transport import Transport  # noqa: E402

from app.extensions import db  # noqa: E402
from tests.conftest import THROUGH_RQ, pending_reply_id  # noqa: E402

DSN = "http://public@127.0.0.1:9/1"  # never dialled: the transport below keeps everything
PRIVATE = [
    "Ottoline",  # typed into the escalation form and the chat
    "neighbour",
    "ottoline.customer@example.com",
    "7700 900123",
    "Where is my parcel",  # the chat so far, which the ticket's snapshot holds
]


class KeptHere(Transport):
    """sentry-sdk's transport interface: envelopes kept in a list instead of sent."""

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self.envelopes = []

    def capture_envelope(self, envelope) -> None:
        self.envelopes.append(envelope)

    def events(self) -> list[dict]:
        return [
            item.payload.json
            for envelope in self.envelopes
            for item in envelope.items
            if item.type == "event"
        ]


@pytest.fixture
def tracker():
    transport = KeptHere()
    yield transport
    # Integrations stay patched in this process; a client without a DSN makes them idle.
    sentry_sdk.get_client().close()
    sentry_sdk.init()


@pytest.fixture
def app_settings(app_settings, tracker):
    return {
        **app_settings,
        "SENTRY_DSN": DSN,
        "SENTRY_OPTIONS": {"transport": tracker},
        "PROPAGATE_EXCEPTIONS": False,  # a 500 page, as production answers
    }


def refuse_writes(table: str, when: str = "") -> None:
    """From now on the database refuses inserts into `table`, or with `when` (a condition
    on NEW) the updates that meet it."""
    event = f"UPDATE ON {table} FOR EACH ROW WHEN ({when})" if when else f"INSERT ON {table}"
    if db.engine.dialect.name == "sqlite":
        # RAISE() is a constraint error, which escalating handles (two requests racing);
        # a function that is not there is an operational one, as an outage would be. It is
        # looked up whenever a write to the table is prepared, so only for inserts.
        refusal = (
            "SELECT RAISE(ABORT, 'this_table_is_read_only_today')"
            if when
            else "SELECT this_table_is_read_only_today()"
        )
        db.session.execute(
            db.text(f"CREATE TRIGGER refuse_{table} BEFORE {event} BEGIN {refusal}; END")
        )
    else:
        db.session.execute(
            db.text(
                "CREATE OR REPLACE FUNCTION refuse_write() RETURNS trigger AS $$ BEGIN"
                " RAISE EXCEPTION 'this_table_is_read_only_today'; END $$ LANGUAGE plpgsql"
            )
        )
        db.session.execute(
            db.text(f"CREATE TRIGGER refuse_{table} BEFORE {event} EXECUTE FUNCTION refuse_write()")
        )
    db.session.commit()


def assert_scrubbed(events: list[dict], *private: str) -> str:
    sent = json.dumps(events)
    for text in private:
        assert text not in sent, f"{text!r} was sent"
    return sent


def test_without_a_dsn_nothing_is_set_up(app_settings, tracker):
    from app import create_app

    sentry_sdk.init()  # no client from an earlier test
    create_app({**app_settings, "SENTRY_DSN": None})
    assert sentry_sdk.get_client().dsn is None
    create_app(app_settings)
    assert sentry_sdk.get_client().dsn == DSN


def test_a_web_error_is_reported_without_what_the_customer_typed(client, chatting, tracker):
    refuse_writes("ticket")

    response = client.post(
        "/chat/escalation",
        data={
            "summary": "Ottoline here: my parcel went to my neighbour, call +44 7700 900123",
            "email": "ottoline.customer@example.com",
        },
        headers=chatting.headers(),
    )

    assert response.status_code == 500
    events = tracker.events()
    assert events, "no event reached the transport"
    sent = assert_scrubbed(events, *PRIVATE, chatting.token)
    (error,) = [e for e in events if e.get("exception")]
    exception = error["exception"]["values"][-1]
    # The database's error, its parameters (the summary, the contact) taken out.
    assert "this_table_is_read_only_today" in exception["value"]
    assert "[parameters: [scrubbed]]" in exception["value"]
    assert error["request"]["method"] == "POST"
    assert error["request"]["url"].endswith("/chat/escalation")
    assert "data" not in error["request"] and "X-Chat-Token" not in sent
    # Stack frames keep where it happened, not the variables (the form, the chat).
    frames = exception["stacktrace"]["frames"]
    assert frames and all("vars" not in frame for frame in frames)
    assert any(frame.get("function") == "escalate" for frame in frames)


@THROUGH_RQ[0]
@THROUGH_RQ[1]
def test_a_failed_reply_job_is_reported_without_the_conversation(app, customer, queue, tracker):
    from rq import SimpleWorker

    sent = customer.send("Ottoline again: is my neighbour's parcel mine? 7700 900123")
    reply_id = pending_reply_id(sent.get_data(as_text=True))
    # Storing the reply fails; the reply's text (which the model server's default reply
    # makes an echo of the question) is in the failed UPDATE's parameters.
    refuse_writes("message", "NEW.role = 'assistant' AND NEW.status = 'done'")

    SimpleWorker([queue], connection=queue.connection).work(burst=True)

    events = tracker.events()
    (error,) = [e for e in events if e.get("exception")]
    assert_scrubbed(events, "Ottoline", "neighbour", "7700 900123", customer.token)
    assert error["extra"]["rq-job"]["job_id"] == f"reply-{reply_id}"
    assert "args" not in error["extra"]["rq-job"] and "description" not in error["extra"]["rq-job"]
    value = error["exception"]["values"][-1]["value"]
    assert "this_table_is_read_only_today" in value
    assert "UPDATE message SET" in value and "[parameters: [scrubbed]]" in value
