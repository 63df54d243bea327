"""Emails, sent by jobs so no web request waits on an SMTP server.

Staff hear of new tickets, at most one email per STAFF_TICKET_EMAIL_MINUTES (a flood
of tickets must not become a flood of email; the next email lists what came meanwhile).
A customer who left an address hears of each staff reply. Without MAIL_SERVER the
email is written to the log instead, so a fresh install loses nothing and needs no
mail setup.
"""

import logging
from collections.abc import Callable

from flask import current_app
from flask_mail import Message as Email
from redis.exceptions import RedisError
from rq import Retry

from app.extensions import db, mail
from app.jobs import FAILURE_TTL_SECONDS, RESULT_TTL_SECONDS
from app.jobs.connection import queue_available, redis_connection, reply_queue
from app.models import Message, StaffUser, Ticket
from app.support.privacy import is_email

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


# New tickets not yet announced to staff (a Redis set of ids), and the key whose life is
# the window after an email: while it exists, new tickets wait in the set.
def pending_tickets_key(config) -> str:
    return f"{config['RQ_QUEUE']}:staff-ticket-email:pending"


def ticket_email_lock_key(config) -> str:
    return f"{config['RQ_QUEUE']}:staff-ticket-email:window"


LISTED_TICKETS = 10  # an email about more lists the first ten; the back office has all
RETRY_AFTER_FAILURE_SECONDS = 60


def notify_staff_of_ticket(ticket_id: int) -> None:
    """Job: tell staff a customer is waiting for a person.

    With Redis the ticket joins those not yet announced, and all of them are emailed
    now unless an email went out within the window; then the first job or worker
    maintenance after the window sends them. The cap needs Redis (it holds the window
    and the pending ids); without it, or while it is down, this ticket is emailed now.
    """
    if not current_app.config["REDIS_URL"]:
        email_staff_about([ticket_id])
        return
    try:
        redis_connection().sadd(pending_tickets_key(current_app.config), ticket_id)
    except RedisError:
        log.warning("Redis unavailable: ticket %s emailed on its own", ticket_id)
        email_staff_about([ticket_id])
        return
    announce_new_tickets()


def announce_new_tickets() -> int:
    """One email about every ticket not yet announced, unless the window since the last
    is still open; returns how many it announced (0 when it waits or has none)."""
    config, redis = current_app.config, redis_connection()
    pending = pending_tickets_key(config)
    if not redis.scard(pending):
        return 0  # a quiet check must not open a window, or the next ticket would wait
    # SET NX EX: the first to get here sends; nobody sends again until the key expires.
    window = max(config["STAFF_TICKET_EMAIL_MINUTES"], 1) * 60
    if not redis.set(ticket_email_lock_key(config), 1, nx=True, ex=window):
        return 0
    ids = sorted(int(member) for member in redis.smembers(pending))
    try:
        email_staff_about(ids)
    except Exception:
        # Nothing was sent: try again in a minute (a worker's maintenance will), not after
        # the whole window, nor at once in a loop while the SMTP server is down.
        redis.expire(ticket_email_lock_key(config), RETRY_AFTER_FAILURE_SECONDS)
        raise
    redis.srem(pending, *ids)  # after sending: a crash repeats an email rather than lose it
    return len(ids)


def announce_held_back_tickets() -> int:
    """Worker maintenance: send what the window held back, once it is over."""
    try:
        return announce_new_tickets()
    finally:
        db.session.rollback()  # the worker's own session holds no transaction meanwhile


def email_staff_about(ticket_ids: list[int]) -> None:
    """One email: the ticket itself when one, a list when several (deleted ones skipped)."""
    query = db.select(Ticket).filter(Ticket.id.in_(ticket_ids)).order_by(Ticket.id)
    tickets = list(db.session.scalars(query))
    if not tickets:
        return
    subject, body = one_ticket(tickets[0]) if len(tickets) == 1 else several_tickets(tickets)
    send(subject, staff_recipients(), body)


def one_ticket(ticket: Ticket) -> tuple[str, str]:
    lines = [
        f"A customer asked for a person: ticket #{ticket.id}.",
        "",
        f"Summary: {ticket.summary}",
        f"Contact: {ticket.contact or '(none given)'}",
        "",
        f"Open it in the back office: {_link(f'/admin/ticket/details/?id={ticket.id}')}",
    ]
    return f"New support ticket #{ticket.id}", "\n".join(lines)


def several_tickets(tickets: list[Ticket]) -> tuple[str, str]:
    """Tickets that came within the window: a count, then the first few, one line each."""
    minutes = max(current_app.config["STAFF_TICKET_EMAIL_MINUTES"], 1)
    lines = [f"{len(tickets)} tickets were opened since the last email:", ""]
    for ticket in tickets[:LISTED_TICKETS]:
        contact = f" ({ticket.contact})" if ticket.contact else ""
        lines.append(f"#{ticket.id}: {_first_line(ticket.summary)}{contact}")
        lines.append(f"    {_link(f'/admin/ticket/details/?id={ticket.id}')}")
    if len(tickets) > LISTED_TICKETS:
        lines.append(f"...and {len(tickets) - LISTED_TICKETS} more.")
    lines += [
        "",
        f"All open tickets: {_link('/admin/ticket/')}",
        f"(New tickets are emailed at most once every {minutes} minutes.)",
    ]
    return f"{len(tickets)} new support tickets", "\n".join(lines)


def _first_line(text: str, limit: int = 100) -> str:
    line = (text.strip().splitlines() or [""])[0].strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"


def email_staff_reply(message_id: int) -> None:
    """Job: a staff reply also goes to the customer's email, when they gave one."""
    reply = db.session.get(Message, message_id)
    ticket = db.session.scalar(
        db.select(Ticket).filter_by(session_id=reply.session_id).order_by(Ticket.id.desc())
    )
    if ticket is None or not is_email(ticket.contact):
        return  # none given, or not an email (the API takes a phone number too)
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
