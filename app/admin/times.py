"""Times as staff read them: in the business's time zone (BUSINESS_TIMEZONE), to the
minute, relative to today ("Today 11:03", "Yesterday 18:40", "3 Dec, 14:20", "3 Dec 2025,
14:20"), with the exact time on hover. Stored times are naive UTC (app/models/base.py).

And as staff pick them in a list's filter: "during the last 7 days", in the business's
days (DuringFilter), where Flask-Admin's own datetime filters would read what staff type
as UTC.
"""

from datetime import UTC, date, datetime, timedelta

from flask import current_app
from flask_admin.contrib.sqla.filters import BaseSQLAFilter, DateBetweenFilter
from markupsafe import Markup, escape

from app.support import hours
from app.support.budget import local_midnight
from app.support.hours import midnight_utc


def local(value: datetime) -> datetime:
    """A stored (naive UTC) time in the business's zone."""
    zone = current_app.extensions["business_hours"].zone
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(zone)


def staff_words(value: datetime, now: datetime | None = None) -> str:
    """ "Today 11:03", "Yesterday 18:40", "3 Dec, 14:20" or "3 Dec 2025, 14:20"."""
    when, today = local(value), local(now or hours.now()).date()
    clock = when.strftime("%H:%M")
    if when.date() == today:
        return f"Today {clock}"
    if when.date() == today - timedelta(days=1):
        return f"Yesterday {clock}"
    day = f"{when.day} {when:%b}" + ("" if when.year == today.year else f" {when.year}")
    return f"{day}, {clock}"


def staff_time(value: datetime | str | None) -> Markup:
    """A <time> element: the words above, the exact local time (with its zone) on hover.

    A string is an ISO time as a ticket's snapshot keeps it (UTC, escalation.as_entry).
    """
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return Markup("{}").format(value)
    if value is None:
        return Markup("")
    when = local(value)
    exact = when.strftime("%A %-d %B %Y, %H:%M:%S %Z")
    return Markup('<time datetime="{}" title="{}">{}</time>').format(
        when.isoformat(timespec="seconds"), exact, escape(staff_words(value))
    )


def staff_time_formatter(view, value, name) -> Markup:
    """For Flask-Admin's column_type_formatters: every datetime in lists and details."""
    return staff_time(value)


class DuringFilter(BaseSQLAFilter):
    """ "Started during the last 7 days": a period of the business's days, today included.

    Each period is (first day, day after the last) in days before today; None: to now.
    """

    PERIODS = {"today": (0, None), "yesterday": (1, 0), "7": (6, None), "30": (29, None)}
    OPTIONS = [
        ("today", "today"),
        ("yesterday", "yesterday"),
        ("7", "the last 7 days"),
        ("30", "the last 30 days"),
    ]

    def __init__(self, column, name: str):
        super().__init__(column, name, options=self.OPTIONS)

    def validate(self, value) -> bool:
        return value in self.PERIODS

    def apply(self, query, value, alias=None):
        first, after = self.PERIODS[value]
        query = query.filter(self.column >= local_midnight(days_ago=first))
        return query if after is None else query.filter(self.column < local_midnight(after))

    def operation(self) -> str:
        return "during"


class DaysBetweenFilter(DateBetweenFilter):
    """Flask-Admin's date range picker, the dates read as the business's days, both
    included (its own filter would compare them with UTC times)."""

    def apply(self, query, value, alias=None):
        first, last = value
        zone = current_app.extensions["business_hours"].zone
        start = midnight_utc(first, zone)
        end = midnight_utc(last + timedelta(days=1), zone) if last < date.max else None
        if start is not None:
            query = query.filter(self.column >= start)
        return query if end is None else query.filter(self.column < end)
