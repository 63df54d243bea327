"""Token budgets: how many model tokens one conversation, and the whole site in a day, may spend.

Counted from the usage stored with replies (prompt + completion tokens: on each reply for
the conversation, and in the `TokenUsage` ledger for the day, which deleting a
conversation does not shrink), so they hold across web and worker processes and restarts
with no counter of their own to keep in step. A budget of 0 is no budget. Past either,
replies come from the offline FAQ answerer and the customer is offered a person; the
reply's `failure` records which budget it was.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from flask import current_app
from sqlalchemy import func

from app.extensions import db
from app.models import Message, TokenUsage
from app.support.hours import midnight_utc

log = logging.getLogger(__name__)


class Exhausted(StrEnum):
    """Which budget stopped a reply; stored as the reply's `failure` mark."""

    SESSION = "session_budget"
    DAILY = "daily_budget"


EXHAUSTED = tuple(Exhausted)


def local_midnight(days_ago: int = 0) -> datetime:
    """Midnight in the business's time zone, as the naive UTC the database stores."""
    zone = current_app.extensions["business_hours"].zone
    return midnight_utc(datetime.now(zone).date() - timedelta(days=days_ago), zone)


def session_tokens(session_id: int) -> int:
    tokens = func.coalesce(Message.prompt_tokens, 0) + func.coalesce(Message.completion_tokens, 0)
    query = db.select(func.coalesce(func.sum(tokens), 0))
    return db.session.scalar(query.filter(Message.session_id == session_id))


def tokens_today() -> int:
    """Tokens the whole site has spent since midnight (BUSINESS_TIMEZONE)."""
    query = db.select(func.coalesce(func.sum(TokenUsage.tokens), 0))
    return db.session.scalar(query.filter(TokenUsage.created_at >= local_midnight()))


def sessions_stopped_today() -> int:
    """Conversations that ran out of their session budget today."""
    query = db.select(func.count(func.distinct(Message.session_id))).filter(
        Message.failure == Exhausted.SESSION, Message.created_at >= local_midnight()
    )
    return db.session.scalar(query) or 0


@dataclass(frozen=True)
class DailyUsage:
    tokens: int
    budget: int  # 0: no budget
    sessions_stopped: int

    @property
    def share(self) -> float | None:
        return self.tokens / self.budget if self.budget else None


def daily_usage() -> DailyUsage:
    budget = current_app.config["DAILY_TOKEN_BUDGET"]
    return DailyUsage(tokens_today(), budget, sessions_stopped_today())


def exhausted(reply: Message) -> Exhausted | None:
    """The budget this reply may not spend past, if any is used up; the daily one first."""
    config = current_app.config
    reason = None
    if config["DAILY_TOKEN_BUDGET"] and tokens_today() >= config["DAILY_TOKEN_BUDGET"]:
        reason = Exhausted.DAILY
    elif config["SESSION_TOKEN_BUDGET"] and (
        session_tokens(reply.session_id) >= config["SESSION_TOKEN_BUDGET"]
    ):
        reason = Exhausted.SESSION
    if reason is not None and _first_time(reply, reason):
        log.warning("token budget used up (%s): answering from the FAQs alone", reason)
    return reason


def _first_time(reply: Message, reason: Exhausted) -> bool:
    """No earlier reply was stopped by this budget (today's, or this session's)."""
    scope = (
        Message.created_at >= local_midnight()
        if reason == Exhausted.DAILY
        else Message.session_id == reply.session_id
    )
    earlier = db.select(Message.id).filter(Message.id != reply.id, Message.failure == reason, scope)
    return db.session.scalar(earlier.limit(1)) is None
