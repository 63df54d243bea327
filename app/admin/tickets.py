"""Tickets in the back office.

A ticket's page reads like the conversation it is: what was said before the customer
asked for a person (the snapshot), then everything since (their messages, the
assistant's notices, staff replies, internal notes, changes of status and assignee),
oldest first, each with who and when; the actions on top, the reply box at the end.
Every action is a button that POSTs (CSRF-checked) and returns to the page.

Customer and staff text is only ever shown escaped; the assistant's is rendered by the
chat's own markdown sanitiser (app/templates/admin/_thread.html).
"""

from flask import abort, flash, has_request_context, redirect, request, url_for
from flask_admin import expose
from flask_admin.actions import action
from flask_admin.contrib.sqla.filters import BaseSQLAFilter
from flask_login import current_user
from markupsafe import Markup

from app.admin.base import SecureModelView, parse_row_id, parse_row_ids
from app.admin.times import DaysBetweenFilter, DuringFilter
from app.extensions import db
from app.forms import StaffTextForm
from app.jobs.mail import email_staff_reply, enqueue_email
from app.models import Faq, Message, StaffUser, Ticket, TicketStatus
from app.support import drafts, escalation
from app.support.escalation import STATUS_LABELS


def plural(count: int, noun: str) -> str:
    """ "1 ticket", "2 tickets"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# The list.


def _summary(view, context, model, name) -> Markup:
    """The request, shortened and linked to the ticket: a row is a tap target on a phone."""
    text = model.summary or ""
    text = text if len(text) <= 120 else text[:119] + "…"
    back = context.get("return_url") if context is not None else None
    return Markup('<a href="{}">{}</a>').format(
        view.get_url(".details_view", id=model.id, url=back), text
    )


def _status(view, context, model, name) -> str:
    return STATUS_LABELS.get(model.status, model.status)


def _assignee(view, context, model, name) -> Markup:
    if model.assignee is None:
        return Markup('<span class="text-muted">Nobody</span>')
    return Markup("{}").format(model.assignee.email)


class StatusFilter(BaseSQLAFilter):
    """Status in words, and "not resolved yet" (open or in progress) for what is left to do."""

    OPTIONS = [("unresolved", "Not resolved yet"), *STATUS_LABELS.items()]

    def __init__(self):
        super().__init__(Ticket.status, "Status", options=self.OPTIONS)

    def validate(self, value) -> bool:
        return value in dict(self.OPTIONS)

    def apply(self, query, value, alias=None):
        if value == "unresolved":
            return query.filter(Ticket.status != TicketStatus.RESOLVED)
        return query.filter(Ticket.status == value)

    def operation(self) -> str:
        return "is"


def _assignee_options() -> list[tuple[str, str]]:
    # Read when the list is shown (TicketView._get_filter_groups); at start-up, when the
    # view is built, there may be no table to ask yet.
    staff = ()
    if has_request_context():
        query = db.select(StaffUser.id, StaffUser.email).filter_by(active=True)
        staff = db.session.execute(query.order_by(StaffUser.email)).all()
    return [("me", "me"), ("nobody", "nobody"), *((str(id_), email) for id_, email in staff)]


class AssignedTo(BaseSQLAFilter):
    """ "Assigned to me", "to nobody", or to a named member of staff."""

    def __init__(self):
        super().__init__(Ticket.assignee_id, "Assigned to", options=_assignee_options)

    def validate(self, value) -> bool:
        return value in ("me", "nobody") or parse_row_id(value) is not None

    def apply(self, query, value, alias=None):
        if value == "nobody":
            return query.filter(Ticket.assignee_id.is_(None))
        staff_id = current_user.id if value == "me" else parse_row_id(value)
        return query.filter(Ticket.assignee_id == staff_id)

    def operation(self) -> str:
        return "is"


# The ticket page.


def timeline(ticket: Ticket) -> list[dict]:
    """Everything since the customer asked for a person, oldest first, as entries for the
    thread macro: messages (a staff reply with its author), notes, and changes."""
    messages = later_messages(ticket)
    ids = {m.author_id for m in messages if m.author_id}
    authors = dict(
        db.session.execute(
            db.select(StaffUser.id, StaffUser.email).filter(StaffUser.id.in_(ids))
        ).all()
    )
    entries = [
        {**escalation.as_entry(m), "at": m.created_at, "author": authors.get(m.author_id)}
        for m in messages
    ]
    for note in ticket.notes:
        change = escalation.is_change(note)
        entries.append(
            {
                "role": "change" if change else "note",
                "content": note.body.removeprefix(escalation.CHANGE),
                "at": note.created_at,
                "author": note.author.email if note.author else None,
            }
        )
    # A change and the notice it sent the customer share a time: the change comes first.
    return sorted(entries, key=lambda e: (e["at"], e["role"] != "change"))


def later_messages(ticket: Ticket) -> list[Message]:
    """What the customer and staff said after the snapshot was taken."""
    query = (
        db.select(Message)
        .filter(Message.session_id == ticket.session_id, Message.created_at >= ticket.created_at)
        .order_by(Message.id)
    )
    return list(db.session.scalars(query))


def _faq_url(faq: Faq) -> str:
    """A draft's page in the review queue; a published FAQ's in the FAQ list."""
    return url_for("draft.edit_view" if faq.is_draft else "faq.edit_view", id=faq.id)


class TicketView(SecureModelView):
    """The ticket list (filters in words, the request a link) and each ticket's page, whose
    buttons are the routes below."""

    can_create = can_delete = False
    # Everything is done on the ticket's own page (assigning too): no separate Edit tab.
    can_edit = False
    can_view_details = True
    details_template = "admin/ticket_details.html"
    column_list = ("id", "status", "summary", "created_at", "assignee", "contact")
    # Its own template shows the details; this list is what the default one would.
    column_details_list = column_list
    column_labels = {
        "id": "#",
        "summary": "Request",
        "created_at": "Opened",
        "contact": "Contact",
        "assignee": "Assigned to",
    }
    column_formatters = {"status": _status, "summary": _summary, "assignee": _assignee}
    column_filters = (
        StatusFilter(),
        DuringFilter(Ticket.created_at, "Opened"),
        DaysBetweenFilter(Ticket.created_at, "Opened"),
        AssignedTo(),
    )
    # Filter URLs by name (?flt0_status_is=unresolved), which a link can spell.
    named_filter_urls = True
    column_searchable_list = ("summary", "contact")
    column_default_sort = ("created_at", True)

    def _get_filter_groups(self):
        """The filters with their options read now, not once at start-up as Flask-Admin
        does: "Assigned to" lists the staff there are today."""
        self._refresh_filters_cache()
        return super()._get_filter_groups()

    @action("resolve", "Mark resolved", "Mark the selected tickets resolved?")
    def mark_resolved(self, ids):
        """Each selected ticket resolved as its own button would (each customer told)."""
        wanted = parse_row_ids(ids)
        tickets = db.session.scalars(db.select(Ticket).where(Ticket.id.in_(wanted))).all()
        resolved = sum(escalation.resolve(ticket, by=current_user) for ticket in tickets)
        message = f"{plural(resolved, 'ticket')} marked resolved"
        if already := len(tickets) - resolved:
            message += f"; {already} {'was' if already == 1 else 'were'} already resolved"
        message += "."
        flash(message, "success")

    def render(self, template, **kwargs):
        if template == self.details_template:
            ticket = kwargs["model"]
            reply = drafts.latest_staff_reply(ticket)  # "Save as FAQ draft" needs one
            kwargs.update(
                since=timeline(ticket),
                reply_form=StaffTextForm(prefix="reply", formdata=None),
                note_form=StaffTextForm(prefix="note", formdata=None),
                status_labels=STATUS_LABELS,
                staff=db.session.scalars(
                    db.select(StaffUser).filter_by(active=True).order_by(StaffUser.email)
                ).all(),
                staff_reply=reply,
                reply_faq=drafts.faq_from_reply(ticket, reply) if reply else None,
            )
        return super().render(template, **kwargs)

    @expose("/edit/", methods=("GET", "POST"))
    def edit_view(self):
        """An old link to the Edit tab opens the ticket, where assigning now is."""
        return redirect(url_for(".details_view", id=request.args.get("id", "")))

    def _ticket_or_404(self) -> Ticket:
        ticket = self.get_one(request.args.get("id", ""))  # None for `abc` or 10**20 too
        if ticket is None:
            abort(404)
        return ticket

    def _back_to(self, ticket: Ticket):
        # `url` keeps the list's filters for the page's "All tickets" tab.
        return redirect(url_for(".details_view", id=ticket.id, url=request.args.get("url")))

    @expose("/reply/", methods=("POST",))
    def reply_view(self):
        """Into the customer's chat (and their email): a person has the conversation now."""
        ticket = self._ticket_or_404()
        form = StaffTextForm(prefix="reply")
        if ticket.is_resolved:
            flash("This ticket is resolved; reopen it to reply.", "error")
        elif not form.validate():
            flash(f"Reply not sent: {form.body.errors[0]}", "error")
        else:
            reply = escalation.staff_reply(ticket, current_user, form.body.data)
            enqueue_email(email_staff_reply, reply.id)
            flash("Reply sent to the customer's chat.", "success")
        return self._back_to(ticket)

    @expose("/note/", methods=("POST",))
    def note_view(self):
        """For colleagues only: the customer never sees notes."""
        ticket = self._ticket_or_404()
        form = StaffTextForm(prefix="note")
        if form.validate():
            escalation.add_note(ticket, current_user, form.body.data)
            flash("Note added (only staff see it).", "success")
        else:
            flash(f"Note not added: {form.body.errors[0]}", "error")
        return self._back_to(ticket)

    @expose("/status/", methods=("POST",))
    def status_view(self):
        """Open (nobody on it yet) or in progress, without replying; resolving has its own
        button, which tells the customer."""
        ticket = self._ticket_or_404()
        wanted = request.form.get("status")
        if wanted not in (TicketStatus.OPEN, TicketStatus.IN_PROGRESS):
            flash("Choose Open or In progress.", "error")
        elif ticket.is_resolved:
            flash("This ticket is resolved; reopen it first.", "error")
        else:
            escalation.set_status(ticket, TicketStatus(wanted), current_user)
            flash(f"Ticket #{ticket.id} is now {STATUS_LABELS[wanted]}.", "success")
        return self._back_to(ticket)

    @expose("/assign/", methods=("POST",))
    def assign_view(self):
        """To a member of staff who can sign in, or to nobody (an empty choice)."""
        ticket = self._ticket_or_404()
        choice = request.form.get("assignee", "")
        staff_id = parse_row_id(choice)
        staff = db.session.get(StaffUser, staff_id) if staff_id else None
        if choice and (staff is None or not staff.is_active):
            flash("Not assigned: choose someone from the list.", "error")
        else:
            escalation.assign(ticket, staff, current_user)
            who = (
                "nobody" if staff is None else "you" if staff_id == current_user.id else staff.email
            )
            flash(f"Ticket #{ticket.id} is assigned to {who}.", "success")
        return self._back_to(ticket)

    @expose("/resolve/", methods=("POST",))
    def resolve_view(self):
        """Done: the assistant has the chat again and tells the customer so."""
        ticket = self._ticket_or_404()
        if escalation.resolve(ticket, by=current_user):
            flash(
                f"Ticket #{ticket.id} resolved; the customer is back with the assistant.",
                "success",
            )
        else:
            flash(f"Ticket #{ticket.id} was already resolved.", "info")
        return self._back_to(ticket)

    @expose("/draft/", methods=("POST",))
    def draft_view(self):
        """The latest staff reply as an FAQ draft (the request its question), opened for
        editing; pressed again for the same reply, the draft made then is opened."""
        ticket = self._ticket_or_404()
        reply = drafts.latest_staff_reply(ticket)
        if reply is None:
            flash("Reply to the customer first: the draft's answer is your reply.", "error")
            return self._back_to(ticket)
        faq, created = drafts.draft_from_reply(ticket, reply, current_user)
        if created:
            flash("Saved as an FAQ draft: edit it, then publish it.", "success")
        else:
            flash("This reply is in an FAQ already: here it is.", "info")
        return redirect(_faq_url(faq))

    @expose("/reopen/", methods=("POST",))
    def reopen_view(self):
        """The conversation goes back to a person, unless the customer has a newer ticket."""
        ticket = self._ticket_or_404()
        if not ticket.is_resolved:
            flash(f"Ticket #{ticket.id} is not resolved: there is nothing to reopen.", "error")
        elif newer := escalation.reopen(ticket, current_user):
            flash(
                Markup(
                    "Ticket #{} was not reopened: the customer has asked for a person again "
                    'since, in <a href="{}">ticket #{}</a>. Please carry on there.'
                ).format(ticket.id, url_for(".details_view", id=newer.id), newer.id),
                "error",
            )
        else:
            flash(
                f"Ticket #{ticket.id} reopened; the customer waits for a person again.", "success"
            )
        return self._back_to(ticket)
