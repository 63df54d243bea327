"""Emails: staff hear of every new ticket, customers of every staff reply, sent by a job
to a real (local) SMTP server; without one, the email goes to the log."""

import pytest

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
