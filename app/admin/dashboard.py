"""The back office's front page (the figures staff check first) and its help page.

The page has four parts, in the order a shop owner asks: what needs me now (tickets,
customers waiting for a person), how this week went, how conversations ended (rates, 14
days of charts, the FAQs cited: app/support/reports.py), and the assistant's usage
today, said as a share of the day's allowance rather than in model tokens, and in dollars.
"""

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_admin import AdminIndexView, expose
from sqlalchemy import func

from app.admin.base import SecurePageView, StaffOnly
from app.admin.conversations import outcome_filter_url, status_filter_url
from app.admin.flagged import FLAGGED
from app.extensions import db
from app.models import (
    ChatSession,
    Faq,
    Feedback,
    Message,
    Outcome,
    SessionState,
    Ticket,
    TicketStatus,
)
from app.models.base import utcnow
from app.support import reports
from app.support.budget import DailyUsage, daily_usage, local_midnight
from app.support.gaps import UNANSWERED
from app.support.knowledge_check import latest_check
from app.support.outcomes import OUTCOME_LINES


@dataclass(frozen=True)
class Figures:
    open_tickets: int
    overdue_tickets: int
    overdue_hours: int
    waiting_conversations: int  # customers waiting for a person now
    conversations_today: int
    conversations_week: int
    escalated_share: float | None  # of this week's conversations; None with none
    unanswered_week: int
    flagged_week: int  # replies stating a detail no FAQ holds (app/admin/flagged.py)
    drafts: int  # FAQ drafts waiting for staff to publish, merge or discard
    tokens: DailyUsage  # today's model tokens against DAILY_TOKEN_BUDGET

    @property
    def allowance_used(self) -> int | None:
        """Today's share of the daily allowance in whole percent, rounded down and at most
        100, so 100 says what the assistant does (it is used up); None with no allowance."""
        share = self.tokens.share
        return None if share is None else min(100, int(share * 100))


def _count(query) -> int:
    return db.session.scalar(query) or 0


def figures() -> Figures:
    overdue_hours = current_app.config["TICKET_OVERDUE_HOURS"]
    today, week = local_midnight(), local_midnight(days_ago=6)
    unresolved = Ticket.status != TicketStatus.RESOLVED
    conversations_week = _count(
        db.select(func.count(ChatSession.id)).filter(ChatSession.created_at >= week)
    )
    escalated_week = _count(
        db.select(func.count(func.distinct(Ticket.session_id)))
        .join(ChatSession, Ticket.session_id == ChatSession.id)
        .filter(ChatSession.created_at >= week)
    )
    return Figures(
        open_tickets=_count(db.select(func.count(Ticket.id)).filter(unresolved)),
        overdue_tickets=_count(
            db.select(func.count(Ticket.id)).filter(
                Ticket.status == TicketStatus.OPEN,
                Ticket.created_at < utcnow() - timedelta(hours=overdue_hours),
            )
        ),
        overdue_hours=overdue_hours,
        waiting_conversations=_count(
            db.select(func.count(ChatSession.id)).filter(ChatSession.state == SessionState.WAITING)
        ),
        conversations_today=_count(
            db.select(func.count(ChatSession.id)).filter(ChatSession.created_at >= today)
        ),
        conversations_week=conversations_week,
        escalated_share=escalated_week / conversations_week if conversations_week else None,
        unanswered_week=_count(
            db.select(func.count(Message.id)).filter(*UNANSWERED, Message.created_at >= week)
        ),
        flagged_week=_count(
            db.select(func.count(Message.id)).filter(*FLAGGED, Message.created_at >= week)
        ),
        drafts=_count(db.select(func.count(Faq.id)).filter(Faq.is_draft.is_(True))),
        tokens=daily_usage(),
    )


# The rate rows, in the order a shop owner asks: (label, Rates property, outcomes counted).
RATE_ROWS = [
    ("Resolved", "resolved", reports.RESOLVED),
    ("Handed off to a person", "handed_off", (Outcome.HANDED_OFF,)),
    ("Unanswered", "unanswered", (Outcome.UNANSWERED,)),
    ("Reversed (came back)", "reversed", (Outcome.REVERSED,)),
]


# The chart's colours (SVG fill attributes: no inline style under the CSP), in stack order.
OUTCOME_COLOURS = {
    Outcome.CONFIRMED: "#1e7e34",
    Outcome.ASSUMED: "#7cc68d",
    Outcome.REVERSED: "#e0a800",
    Outcome.HANDED_OFF: "#007bff",
    Outcome.UNANSWERED: "#dc3545",
}
VOTE_COLOURS = {Feedback.YES: "#1e7e34", Feedback.NO: "#dc3545"}


def outcome_report() -> dict:
    """How conversations ended (issue 18): app/support/reports.py's figures."""
    today = reports.local_today()
    return {
        "rates": reports.rates(today),
        # Each row links to its conversations, where each reply shows why it said what it did.
        "rate_rows": [
            (label, slug, outcome_filter_url(*outcomes)) for label, slug, outcomes in RATE_ROWS
        ],
        "lines": OUTCOME_LINES,
        "by_day": reports.outcomes_by_day(today),
        "votes": reports.votes_by_day(today),
        "faqs": reports.top_faqs(today),
        "costs": reports.costs(today),
        "outcome_colours": OUTCOME_COLOURS,
        "vote_colours": VOTE_COLOURS,
    }


class Dashboard(StaffOnly, AdminIndexView):
    @expose("/")
    def index(self):
        waiting_url = status_filter_url(SessionState.WAITING)
        return self.render(
            "admin/index.html",
            figures=figures(),
            waiting_url=waiting_url,
            report=outcome_report(),
            check=latest_check(),
        )


class HelpView(SecurePageView):
    """Plain-words help for staff, linked from the header."""

    @expose("/")
    def index(self):
        return self.render("admin/help.html")
