"""When a person is there to answer: the weekly schedule, its time zone, closed dates.

Settings (see app/config.py):
    BUSINESS_HOURS          "mon-fri 09:00-17:00; sat 10:00-14:00" (days: mon..sun; ranges
                            and lists such as "mon,wed" allowed; "24/7" for always open)
    BUSINESS_TIMEZONE       an IANA name, e.g. "Europe/London"
    BUSINESS_CLOSED_DATES   "2026-12-25, 2026-12-26" (whole days closed, local dates)
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALWAYS = "24/7"
_RULE = re.compile(
    r"^(?P<days>[a-z,\-\s]+?)\s+(?P<start>\d{1,2}:\d\d)\s*-\s*(?P<end>\d{1,2}:\d\d)$"
)


class BadSchedule(ValueError):
    """A business-hours setting that cannot be read; the message says which and why."""


@dataclass(frozen=True)
class Opening:
    start: time
    end: time  # exclusive, and on the same day (a period ends by 23:59)


@dataclass(frozen=True)
class Schedule:
    weekly: dict[int, tuple[Opening, ...]]  # weekday (0 = Monday) -> opening periods
    zone: ZoneInfo
    closed: frozenset[date]
    always_open: bool = False

    @classmethod
    def from_settings(cls, hours: str, timezone: str, closed_dates: str) -> "Schedule":
        try:
            zone = ZoneInfo(timezone.strip() or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            raise BadSchedule(f"BUSINESS_TIMEZONE: unknown time zone {timezone!r}") from None
        closed = frozenset(_parse_dates(closed_dates))
        if hours.strip().lower() == ALWAYS:
            return cls({}, zone, closed, always_open=True)
        return cls(_parse_weekly(hours), zone, closed)

    def is_open(self, at: datetime) -> bool:
        local = at.astimezone(self.zone)
        if local.date() in self.closed:
            return False
        if self.always_open:
            return True
        return any(o.start <= local.time() < o.end for o in self.weekly.get(local.weekday(), ()))

    def next_opening(self, at: datetime) -> datetime | None:
        """When a person is next there (`at` itself if open now); None if never in 2 weeks."""
        if self.is_open(at):
            return at
        local = at.astimezone(self.zone)
        for offset in range(15):
            day = local.date() + timedelta(days=offset)
            if day in self.closed:
                continue
            if self.always_open:
                return datetime.combine(day, time(0), self.zone)
            for opening in self.weekly.get(day.weekday(), ()):
                start = datetime.combine(day, opening.start, self.zone)
                if start > local:
                    return start
        return None


def _parse_dates(raw: str) -> list[date]:
    dates = []
    for part in filter(None, (p.strip() for p in raw.split(","))):
        try:
            dates.append(date.fromisoformat(part))
        except ValueError:
            message = f"BUSINESS_CLOSED_DATES: {part!r} is not a date like 2026-12-25"
            raise BadSchedule(message) from None
    return dates


def _parse_weekly(raw: str) -> dict[int, tuple[Opening, ...]]:
    weekly: dict[int, list[Opening]] = {}
    for rule in filter(None, (r.strip().lower() for r in raw.split(";"))):
        match = _RULE.match(rule)
        if not match:
            raise BadSchedule(f"BUSINESS_HOURS: {rule!r} is not like 'mon-fri 09:00-17:00'")
        opening = Opening(_clock(match["start"], rule), _clock(match["end"], rule))
        if opening.start >= opening.end:
            raise BadSchedule(f"BUSINESS_HOURS: {rule!r} ends before it starts")
        for day in _days(match["days"], rule):
            weekly.setdefault(day, []).append(opening)
    return {day: tuple(sorted(o, key=lambda x: x.start)) for day, o in weekly.items()}


def _days(spec: str, rule: str) -> list[int]:
    days: list[int] = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        first, _, last = (x.strip() for x in part.partition("-"))
        if first not in DAYS or (last and last not in DAYS):
            raise BadSchedule(f"BUSINESS_HOURS: {rule!r}: days are mon, tue ... sun")
        start, end = DAYS.index(first), DAYS.index(last or first)
        days += [d % 7 for d in range(start, end + 1 if end >= start else end + 8)]
    return days


def _clock(raw: str, rule: str) -> time:
    hours, minutes = (int(x) for x in raw.split(":"))
    if hours > 23 or minutes > 59:
        raise BadSchedule(f"BUSINESS_HOURS: {rule!r}: {raw} is not a time of day")
    return time(hours, minutes)


def now() -> datetime:
    return datetime.now(UTC)


def midnight_utc(day: date, zone: ZoneInfo) -> datetime | None:
    """The start of `day` in `zone`, as the naive UTC the database stores; None at the
    calendar's ends (year 1 or 9999), which bound nothing."""
    try:
        return datetime.combine(day, time(0), zone).astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        return None
