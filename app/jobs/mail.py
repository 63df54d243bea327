"""Emails, sent by jobs so no web request waits on an SMTP server.

Staff hear of each new ticket; a customer who left an address hears of each staff
reply. Without MAIL_SERVER the email is written to the log instead, so a fresh
install loses nothing and needs no mail setup.
"""

import logging
from collections.abc import Callable

from flask import current_app
from flask_mail import Message as Email
from redis.exceptions import RedisError
from rq import Retry

from app.extensions import db, mail
from app.jobs import FAILURE_TTL_SECONDS, RESULT_TTL_SECONDS
from app.jobs.connection import queue_available, reply_queue
from app.models import Message, StaffUser, Ticket

log = logging.getLogger(__name__)

# An SMTP server that is briefly down gets a few more tries before the job fails.
RETRY = Retry(max=3, interval=[10, 60, 300])


def enqueue_email(job: Callable[[int], None], record_id: int) -> None:
    """Run `job(record_id)` on a worker, or here and now without a queue."""
    if queue_available():
        try:
            reply_queue().enqueue(
                job,
                record_id,
                retry=RETRY,
                job_timeout=60,
                result_ttl=RESULT_TTL_SECONDS,
                failure_ttl=FAILURE_TTL_SECONDS,
            )
            return
        except RedisError:
            log.warning("could not enqueue %s(%s); sending inline", job.__name__, record_id)
    job(record_id)


def staff_recipients() -> list[str]:
    configured = current_app.config["STAFF_NOTIFY_EMAILS"]
    if configured.strip():
        return [address.strip() for address in configured.split(",") if address.strip()]
    return list(db.session.scalars(db.select(StaffUser.email).filter_by(active=True)))


def notify_staff_of_ticket(ticket_id: int) -> None:
    """Job: tell staff a customer is waiting for a person."""
    ticket = db.session.get(Ticket, ticket_id)
    lines = [
        f"A customer asked for a person: ticket #{ticket.id}.",
        "",
        f"Summary: {ticket.summary}",
        f"Contact: {ticket.contact or '(none given)'}",
        "",
        f"Open it in the back office: {_link(f'/admin/ticket/details/?id={ticket.id}')}",
    ]
    send(f"New support ticket #{ticket.id}", staff_recipients(), "\n".join(lines))


def email_staff_reply(message_id: int) -> None:
    """Job: a staff reply also goes to the customer's email, when they gave one."""
    reply = db.session.get(Message, message_id)
    ticket = db.session.scalar(
        db.select(Ticket).filter_by(session_id=reply.session_id).order_by(Ticket.id.desc())
    )
    if ticket is None or not ticket.contact:
        return
    lines = [
        reply.content,
        "",
        f"-- {current_app.config['BUSINESS_NAME']} support, about your request #{ticket.id}.",
        "You can also read and answer this in the chat on our support page.",
    ]
    send(f"Re: your request #{ticket.id}", [ticket.contact], "\n".join(lines))


def send(subject: str, recipients: list[str], body: str) -> None:
    if not recipients:
        log.warning("email %r has no recipients; not sent", subject)
        return
    if not current_app.config["MAIL_SERVER"]:
        log.info("email (MAIL_SERVER unset, not sent) to %s: %s\n%s", recipients, subject, body)
        return
    mail.send(Email(subject=subject, recipients=recipients, body=body))
    log.info("email sent to %d recipient(s): %s", len(recipients), subject)


def _link(path: str) -> str:
    base = current_app.config["PUBLIC_BASE_URL"]
    return f"{base.rstrip('/')}{path}" if base else path
