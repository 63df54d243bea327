"""Tickets and conversations in the back office.

A ticket's page shows the conversation as it stood at escalation (the snapshot), what
was said since, a reply box (the reply appears in the customer's chat) and internal
notes the customer never sees. Customer text is only ever shown escaped.
"""

from flask import abort, flash, redirect, request, url_for
from flask_admin import expose
from flask_admin.actions import action
from flask_login import current_user
from markupsafe import Markup

from app.admin.base import SecureModelView, parse_row_ids
from app.extensions import db
from app.forms import StaffTextForm
from app.jobs.mail import email_staff_reply, enqueue_email
from app.models import ChatSession, Message, Ticket, TicketStatus
from app.support import escalation, retention

STATUS_LABELS = {
    TicketStatus.OPEN: "Open",
    TicketStatus.IN_PROGRESS: "In progress",
    TicketStatus.RESOLVED: "Resolved",
}


def _status(view, context, model, name) -> str:
    return STATUS_LABELS.get(model.status, model.status)


def _shortened(view, context, model, name) -> str:
    text = getattr(model, name) or ""
    return text if len(text) <= 120 else text[:119] + "…"


class TicketView(SecureModelView):
    can_create = can_delete = False
    can_view_details = True
    details_template = "admin/ticket_details.html"
    column_list = ("id", "status", "created_at", "contact", "assignee", "summary")
    # Its own template shows the details; this list is what the default one would.
    column_details_list = column_list
    column_labels = {
        "id": "#",
        "created_at": "Created",
        "contact": "Contact",
        "assignee.email": "Assignee",
    }
    column_formatters = {"status": _status, "summary": _shortened}
    # The assignee's email only: "assignee" alone filters on every column of the staff
    # account, its password hash included (issue 16).
    column_filters = ("status", "created_at", "assignee.email")
    column_choices = {"status": list(STATUS_LABELS.items())}
    column_searchable_list = ("summary", "contact")
    column_default_sort = ("created_at", True)
    # Status changes go through the buttons and actions, which also tell the customer.
    form_columns = ("assignee",)

    @action("resolve", "Mark resolved", "Mark the selected tickets resolved?")
    def mark_resolved(self, ids):
        wanted = parse_row_ids(ids)
        tickets = db.session.scalars(db.select(Ticket).where(Ticket.id.in_(wanted))).all()
        for ticket in tickets:
            escalation.resolve(ticket)
        flash(f"{len(tickets)} tickets marked resolved.", "success")

    def render(self, template, **kwargs):
        if template == self.details_template:
            ticket = kwargs["model"]
            kwargs.update(
                later=[escalation.as_entry(m) for m in later_messages(ticket)],
                reply_form=StaffTextForm(prefix="reply", formdata=None),
                note_form=StaffTextForm(prefix="note", formdata=None),
                status_labels=STATUS_LABELS,
            )
        return super().render(template, **kwargs)

    def _ticket_or_404(self) -> Ticket:
        ticket = self.get_one(request.args.get("id", ""))  # None for `abc` or 10**20 too
        if ticket is None:
            abort(404)
        return ticket

    def _back_to(self, ticket: Ticket):
        return redirect(url_for(".details_view", id=ticket.id))

    @expose("/reply/", methods=("POST",))
    def reply_view(self):
        ticket = self._ticket_or_404()
        form = StaffTextForm(prefix="reply")
        if ticket.is_resolved:
            flash("This ticket is resolved; the customer is back with the assistant.", "error")
        elif not form.validate():
            flash(f"Reply not sent: {form.body.errors[0]}", "error")
        else:
            reply = escalation.staff_reply(ticket, current_user, form.body.data)
            enqueue_email(email_staff_reply, reply.id)
            flash("Reply sent to the customer's chat.", "success")
        return self._back_to(ticket)

    @expose("/note/", methods=("POST",))
    def note_view(self):
        ticket = self._ticket_or_404()
        form = StaffTextForm(prefix="note")
        if form.validate():
            escalation.add_note(ticket, current_user, form.body.data)
            flash("Note added (only staff see it).", "success")
        else:
            flash(f"Note not added: {form.body.errors[0]}", "error")
        return self._back_to(ticket)

    @expose("/resolve/", methods=("POST",))
    def resolve_view(self):
        ticket = self._ticket_or_404()
        escalation.resolve(ticket)
        flash(f"Ticket #{ticket.id} resolved; the customer is back with the assistant.", "success")
        return self._back_to(ticket)


def later_messages(ticket: Ticket) -> list[Message]:
    """What the customer and staff said after the snapshot was taken."""
    query = (
        db.select(Message)
        .filter(Message.session_id == ticket.session_id, Message.created_at >= ticket.created_at)
        .order_by(Message.id)
    )
    return list(db.session.scalars(query))


def _ticket_link(view, context, model, name):
    tickets = db.session.scalars(
        db.select(Ticket.id).filter_by(session_id=model.id).order_by(Ticket.id)
    ).all()
    links = (
        f'<a href="{url_for("ticket.details_view", id=ticket_id)}">#{ticket_id}</a>'
        for ticket_id in tickets
    )
    return Markup(", ".join(links))  # ids only: nothing the customer typed


def _message_count(view, context, model, name) -> int:
    # A count, not len(model.messages): the list would load every message of every row.
    return db.session.scalar(db.select(db.func.count(Message.id)).filter_by(session_id=model.id))


class ConversationView(SecureModelView):
    """Read-only transcripts, with their tickets; an admin may delete one (a customer's
    privacy request)."""

    can_create = can_edit = False
    can_view_details = True
    details_template = "admin/conversation_details.html"
    column_list = ("created_at", "updated_at", "state", "messages", "tickets")
    # Not the default, which adds the chat's public id and token hash.
    column_details_list = ("created_at", "updated_at", "state")
    column_labels = {"created_at": "Started", "updated_at": "Last message", "state": "With"}
    column_formatters = {"messages": _message_count, "tickets": _ticket_link}
    column_filters = ("created_at", "state")
    column_default_sort = ("updated_at", True)

    def delete_model(self, model: ChatSession) -> bool:
        # Messages, tickets and notes go too (retention.delete_conversations).
        deleted = retention.delete_conversations([model.id])
        return deleted == 1

    def render(self, template, **kwargs):
        if template == self.details_template:
            chat: ChatSession = kwargs["model"]
            kwargs["transcript"] = [escalation.as_entry(m) for m in chat.messages]
            kwargs["tickets"] = db.session.scalars(
                db.select(Ticket).filter_by(session_id=chat.id).order_by(Ticket.id)
            ).all()
        return super().render(template, **kwargs)
