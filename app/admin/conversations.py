"""Conversations in the back office: a list staff can scan (who has it, what was asked,
what was said last) and read-only transcripts, with their tickets.

The list's extra columns come from three queries per page (see `overview`), not three
per row: a page of 50 conversations stays a handful of queries.
"""

from dataclasses import dataclass, field

from flask import url_for
from flask_admin.contrib.sqla.filters import FilterEqual, FilterInList
from markupsafe import Markup
from sqlalchemy import case, func

from app.admin.base import SecureModelView
from app.admin.times import DuringFilter
from app.admin.why import why_each_reply
from app.extensions import db
from app.models import ChatSession, Message, Outcome, Role, SessionState, Ticket
from app.support import escalation, retention
from app.support.outcomes import OUTCOME_LINES

# Who has the conversation, in the words staff use (SessionState, app/models/chat.py).
STATE_WORDS = {
    SessionState.WAITING: "Waiting for a person",
    SessionState.ASSISTANT: "With the assistant",
    SessionState.PERSON: "Answered by a person",
}
STATE_CHOICES = list(STATE_WORDS.items())  # for the list and its filter
# An outcome's name, as the first words of its definition ("Handed off").
OUTCOME_CHOICES = [(outcome.value, line.split(":")[0]) for outcome, line in OUTCOME_LINES.items()]
ROLE_WORDS = {Role.USER: "Customer", Role.ASSISTANT: "Assistant", Role.STAFF: "Staff"}
SHORT = 80  # characters of a message the list shows


def state_words(state: str) -> str:
    return STATE_WORDS.get(state, state)


def status_filter_url(state: SessionState) -> str:
    """The conversation list showing only this status (the dashboard links to it)."""
    return url_for("conversation.index_view", flt0_status_equals=state.value)


def outcome_filter_url(*outcomes: Outcome) -> str:
    """The conversation list showing only these outcomes (the dashboard links to it)."""
    values = ",".join(outcome.value for outcome in outcomes)
    return url_for("conversation.index_view", flt0_outcome_in_list=values)


def shorten(text: str, limit: int = SHORT) -> str:
    """One line of at most `limit` characters, cut at a word where there is one (a long
    URL is cut mid-way rather than dropped)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut) + "…"


def ticket_link(ticket_id: int, status: str) -> Markup:
    """ "Ticket #3 (Open)", linked to the ticket: ids and words only, nothing typed by a
    customer."""
    href = url_for("ticket.details_view", id=ticket_id)
    words = escalation.STATUS_LABELS.get(status, status)
    return Markup('<a href="{}">Ticket #{}</a> ({})').format(href, ticket_id, words)


@dataclass(frozen=True)
class Said:
    role: str
    content: str


@dataclass
class Row:
    """What the list shows of one conversation beyond its own columns."""

    messages: int = 0
    first_question: Said | None = None
    latest: Said | None = None  # None when it is the first question itself
    tickets: list[Markup] = field(default_factory=list)


def overview(chat_ids: list[int]) -> dict[int, Row]:
    """Rows for these conversations in three queries: counts and which messages to show,
    those messages' text, and the tickets."""
    rows = {chat_id: Row() for chat_id in chat_ids}
    if not rows:
        return rows
    counts = _counts(chat_ids)
    said = _texts({id_ for *_, first, latest in counts for id_ in (first, latest) if id_})
    for chat_id, count, first, latest in counts:
        row = rows[chat_id]
        row.messages, row.first_question = count, said.get(first)
        row.latest = said.get(latest) if latest != first else None
    for chat_id, ticket_id, status in _tickets_of(chat_ids):
        rows[chat_id].tickets.append(ticket_link(ticket_id, status))
    return rows


def _counts(chat_ids: list[int]) -> list[tuple[int, int, int | None, int | None]]:
    """(conversation, messages, its first customer message, its latest one with text),
    one grouped query: a pending reply has no text yet, so it is not the latest said."""
    first_asked = func.min(case((Message.role == Role.USER, Message.id)))
    latest_said = func.max(case((Message.content != "", Message.id)))
    query = db.select(Message.session_id, func.count(Message.id), first_asked, latest_said)
    query = query.filter(Message.session_id.in_(chat_ids)).group_by(Message.session_id)
    return [tuple(row) for row in db.session.execute(query)]


def _texts(message_ids: set[int]) -> dict[int, Said]:
    """These messages' role and text, the text cut well past what the list shows (a
    customer may paste pages)."""
    text = func.substr(Message.content, 1, SHORT * 4)
    query = db.select(Message.id, Message.role, text).filter(Message.id.in_(message_ids))
    return {
        message_id: Said(role, content) for message_id, role, content in db.session.execute(query)
    }


def _tickets_of(chat_ids: list[int]) -> list[tuple[int, int, str]]:
    """(conversation, ticket, status) for these conversations' tickets, oldest first."""
    query = db.select(Ticket.session_id, Ticket.id, Ticket.status).order_by(Ticket.id)
    return [tuple(row) for row in db.session.execute(query.filter(Ticket.session_id.in_(chat_ids)))]


def _row(context, model: ChatSession) -> Row:
    """This conversation's row, from the page's overview (see ConversationView.render),
    or on its own where there is none (an export)."""
    page = context.get("overview") if context is not None else None
    return page[model.id] if page and model.id in page else overview([model.id])[model.id]


def _first_question(view, context, model, name) -> Markup:
    """The customer's first question, linked to the transcript."""
    said = _row(context, model).first_question
    if said is None:
        return Markup('<span class="text-muted">No question yet</span>')
    back = context.get("return_url") if context is not None else None
    href = view.get_url(".details_view", id=model.id, url=back)
    return Markup('<a href="{}">{}</a>').format(href, shorten(said.content))


def _latest_message(view, context, model, name) -> Markup:
    """Who spoke last and what they said, shortened."""
    said = _row(context, model).latest
    if said is None:
        return Markup("")
    who = ROLE_WORDS.get(said.role, said.role)
    return Markup('<span class="text-muted">{}:</span> {}').format(who, shorten(said.content))


def _message_count(view, context, model, name) -> int:
    return _row(context, model).messages


def _tickets(view, context, model, name) -> Markup:
    return Markup(", ").join(_row(context, model).tickets)


class ConversationView(SecureModelView):
    """Read-only transcripts, with their tickets; an admin may delete one (a customer's
    privacy request)."""

    can_create = can_edit = False
    can_view_details = True
    details_template = "admin/conversation_details.html"
    # What staff act on first: a phone shows these three (admin.css leaves the rest out).
    column_list = (
        "state",
        "first_question",
        "tickets",
        "latest_message",
        "outcome",
        "messages",
        "updated_at",
        "created_at",
    )
    # Not the default, which adds the chat's public id and token hash.
    column_details_list = ("created_at", "updated_at", "state", "outcome")
    column_labels = {
        "state": "Status",
        "outcome": "Outcome",
        "first_question": "First question",
        "latest_message": "Latest message",
        "messages": "Messages",
        "tickets": "Ticket",
        "updated_at": "Last activity",
        "created_at": "Started",
    }
    column_formatters = {
        "first_question": _first_question,
        "latest_message": _latest_message,
        "messages": _message_count,
        "tickets": _tickets,
    }
    # The status in words, in the list and in its filter ("Waiting for a person").
    column_choices = {"state": STATE_CHOICES, "outcome": OUTCOME_CHOICES}
    # Only "equals" ("in list" for outcomes, so the dashboard's "Resolved" is one link):
    # the other tests Flask-Admin offers ("contains", "empty") mean nothing here; and the
    # start in the business's days (its datetime filters read UTC).
    column_filters = (
        FilterEqual(ChatSession.state, "Status", options=STATE_CHOICES),
        FilterEqual(ChatSession.outcome, "Outcome", options=OUTCOME_CHOICES),
        FilterInList(ChatSession.outcome, "Outcome", options=OUTCOME_CHOICES),
        DuringFilter(ChatSession.created_at, "Started"),
    )
    # Filter URLs by name (?flt0_status_equals=waiting), so the dashboard can link to one.
    named_filter_urls = True
    column_default_sort = ("updated_at", True)

    def delete_model(self, model: ChatSession) -> bool:
        # Messages, tickets and notes go too (retention.delete_conversations).
        deleted = retention.delete_conversations([model.id])
        return deleted == 1

    def render(self, template, **kwargs):
        """The list gets its page's overview; the details page its transcript, tickets and
        status in words."""
        if template == self.list_template:
            kwargs["overview"] = overview([chat.id for chat in kwargs["data"]])
        elif template == self.details_template:
            chat: ChatSession = kwargs["model"]
            whys = why_each_reply(chat.messages)
            kwargs["transcript"] = [
                {**escalation.as_entry(m), "why": whys.get(m.id)} for m in chat.messages
            ]
            kwargs["status"] = state_words(chat.state)
            kwargs["outcome_line"] = OUTCOME_LINES.get(chat.outcome)
            kwargs["ticket_links"] = overview([chat.id])[chat.id].tickets
        return super().render(template, **kwargs)
