"""Emails: staff hear of every new ticket (a flood of them in one email, at most one per
STAFF_TICKET_EMAIL_MINUTES), customers of every staff reply, sent by a job to a real
(local) SMTP server; without one, the email goes to the log."""

import pytest
from redis import Redis

from app.extensions import db
from app.models import Role, Ticket
from tests.conftest import THROUGH_RQ, mail_settings, run_worker
from tests.factories import make_chat, make_message, make_staff
from tests.test_escalation import escalate


@pytest.fixture
def app_settings(app_settings, smtp_sink):
    return {**mail_settings(smtp_sink), **app_settings}  # a test may still unset MAIL_SERVER


@pytest.fixture
def chatting(customer):
    customer.ask("My tent pole snapped")
    return customer


def test_staff_get_an_email_for_each_new_ticket(chatting, smtp_sink):
    make_staff("sam@example.com")
    make_staff("gone@example.com", active=False)
    escalate(chatting, "Broken tent pole", "pat@example.com")
    escalate(chatting, "Broken tent pole")  # a double submit: still one email

    [email] = smtp_sink.wait_for(1)
    ticket = db.session.scalar(db.select(Ticket))
    assert email["Subject"] == f"New support ticket #{ticket.id}"
    assert email["X-Rcpt-To"] == "sam@example.com"
    body = email.get_content()
    assert "Summary: Broken tent pole" in body and "Contact: pat@example.com" in body
    assert f"/admin/ticket/details/?id={ticket.id}" in body
    assert len(smtp_sink.messages) == 1


@pytest.mark.app_config(STAFF_NOTIFY_EMAILS="desk@example.com, lead@example.com")
def test_notify_list_overrides_the_staff_accounts(chatting, smtp_sink):
    make_staff("sam@example.com")
    escalate(chatting)
    [email] = smtp_sink.wait_for(1)
    assert sorted(email["X-Rcpt-To"].split(", ")) == ["desk@example.com", "lead@example.com"]


def test_a_staff_reply_is_emailed_to_the_customer_contact(chatting, smtp_sink, client, auth):
    make_staff()
    escalate(chatting, "Broken tent pole", "pat@example.com")
    ticket = db.session.scalar(db.select(Ticket))
    auth.login()
    token = auth.csrf_token(f"/admin/ticket/details/?id={ticket.id}")
    client.post(
        f"/admin/ticket/reply/?id={ticket.id}",
        data={"reply-body": "We'll send a new pole today.", "csrf_token": token},
    )
    staff_email, customer_email = smtp_sink.wait_for(2)
    assert customer_email["X-Rcpt-To"] == "pat@example.com"
    assert customer_email["Subject"] == f"Re: your request #{ticket.id}"
    assert "We'll send a new pole today." in customer_email.get_content()


@pytest.mark.app_config(MAIL_SERVER=None)
def test_without_smtp_settings_the_email_is_logged(chatting, smtp_sink, caplog):
    make_staff("sam@example.com")
    escalate(chatting, "Broken tent pole")
    assert "email (MAIL_SERVER unset, not sent) to ['sam@example.com']: New support ticket" in (
        caplog.text
    )
    assert smtp_sink.messages == []


@pytest.mark.parametrize("concurrency", [1, 50])
@pytest.mark.usefixtures(*THROUGH_RQ[1].args)
@pytest.mark.app_config(**THROUGH_RQ[0].kwargs)
def test_the_email_is_sent_by_a_worker_job(app, client, model_server, smtp_sink, concurrency):
    from tests.conftest import Customer

    make_staff("sam@example.com")
    chat, token = make_chat()
    make_message(chat, Role.USER, "My tent pole snapped")
    make_message(chat, Role.ASSISTANT, "Sorry to hear that.")
    customer = Customer(client)
    customer.token = token
    assert escalate(customer).status_code == 200
    assert smtp_sink.messages == []  # queued, not sent by the web request

    assert run_worker(app, model_server, concurrency=concurrency).wait(timeout=60) == 0
    [email] = smtp_sink.wait_for(1)
    assert email["X-Rcpt-To"] == "sam@example.com"


def open_tickets(client, count: int) -> list[int]:
    """`count` chats, each asking for a person through the API: their ticket ids."""
    ids = []
    for n in range(count):
        chat, token = make_chat()
        make_message(chat, Role.USER, f"Problem number {n}")
        body = {"session_id": token, "issue_summary": f"Problem number {n}\nMore detail"}
        response = client.post("/api/escalate/", json=body)
        assert response.status_code == 201, response.get_json()
        ids.append(response.get_json()["ticket_id"])
    return ids


@pytest.mark.usefixtures(*THROUGH_RQ[1].args)
@pytest.mark.app_config(
    **THROUGH_RQ[0].kwargs, API_LIMIT_PER_IP="1000 per minute", ESCALATIONS_PER_IP="1000 per minute"
)
def test_a_flood_of_tickets_is_one_email_now_and_one_summary_after_the_window(
    app, client, model_server, smtp_sink, redis_url
):
    make_staff("sam@example.com")
    [first] = open_tickets(client, 1)
    assert run_worker(app, model_server).wait(timeout=60) == 0
    [email] = smtp_sink.wait_for(1)
    assert email["Subject"] == f"New support ticket #{first}"  # the first one at once

    later = open_tickets(client, 19)
    assert run_worker(app, model_server).wait(timeout=60) == 0
    assert len(smtp_sink.messages) == 1  # within the window (5 minutes): held back

    from app.jobs.mail import ticket_email_lock_key

    window = ticket_email_lock_key(app.config)
    redis = Redis.from_url(redis_url)
    assert 280 < redis.ttl(window) <= 300  # STAFF_TICKET_EMAIL_MINUTES' default
    redis.delete(window)  # the five minutes are over
    # A worker's maintenance (at its start, then every RECONCILE_EVERY_SECONDS) sends them.
    assert run_worker(app, model_server).wait(timeout=60) == 0
    first_email, summary = smtp_sink.wait_for(2)
    assert summary["Subject"] == "19 new support tickets"
    assert summary["X-Rcpt-To"] == "sam@example.com"
    body = summary.get_content()
    lines = [line.strip() for line in body.splitlines()]
    assert lines[0] == "19 tickets were opened since the last email:"
    for n, ticket_id in enumerate(later[:10]):
        assert f"#{ticket_id}: Problem number {n}" in lines  # the summary's first line
        assert f"/admin/ticket/details/?id={ticket_id}" in lines
    assert f"#{later[10]}:" not in body and "...and 9 more." in body
    assert "More detail" not in body

    assert run_worker(app, model_server).wait(timeout=60) == 0
    assert len(smtp_sink.messages) == 2  # each ticket announced once
