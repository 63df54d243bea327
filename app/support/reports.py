"""The dashboard's figures on what conversations achieved (issue 18): outcome rates per
period, the last 14 days day by day, the FAQs most cited and most often followed by a
"No", and what the assistant costs in dollars (MODEL_PRICES).

Periods are the business's days (BUSINESS_TIMEZONE), today included; each function takes
`today` (a local date; default: today) so tests fix it. One grouped query per figure: a
day's bucket is a CASE over the days' midnights, which SQLite and PostgreSQL both read.
(Longer than most modules: four small reports that one page shows, kept together so
their periods and buckets are defined once.)
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import case, func

from app.extensions import db
from app.models import ChatSession, Faq, Feedback, Message, Outcome, Role
from app.support.hours import midnight_utc

PERIODS = {"today": 1, "7 days": 7, "30 days": 30}  # name: days, today included
CHART_DAYS = 14
TOP_FAQS = 5
RESOLVED = (Outcome.CONFIRMED, Outcome.ASSUMED)


def local_today() -> date:
    return datetime.now(current_app.extensions["business_hours"].zone).date()


def midnight(day: date) -> datetime:
    """The start of a local day, as the naive UTC the database stores."""
    return midnight_utc(day, current_app.extensions["business_hours"].zone)


def since(days: int, today: date | None = None) -> datetime:
    """The start of a period of `days` local days ending today."""
    return midnight((today or local_today()) - timedelta(days=days - 1))


# 1. Outcome rates.


@dataclass(frozen=True)
class Rates:
    """Conversations started in a period that have an outcome, and how they ended."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, *outcomes: Outcome) -> float | None:
        """None: no conversation to take a share of."""
        if not self.total:
            return None
        return sum(self.counts.get(o, 0) for o in outcomes) / self.total

    @property
    def resolved(self) -> float | None:
        return self.share(*RESOLVED)

    @property
    def handed_off(self) -> float | None:
        return self.share(Outcome.HANDED_OFF)

    @property
    def unanswered(self) -> float | None:
        return self.share(Outcome.UNANSWERED)

    @property
    def reversed(self) -> float | None:
        return self.share(Outcome.REVERSED)


def rates(today: date | None = None) -> dict[str, Rates]:
    """Per period (PERIODS), the outcomes of the conversations started in it: one query."""
    today = today or local_today()
    columns = [
        func.sum(case((ChatSession.created_at >= since(days, today), 1), else_=0))
        for days in PERIODS.values()
    ]
    query = (
        db.select(ChatSession.outcome, *columns)
        .where(ChatSession.outcome.is_not(None))
        .where(ChatSession.created_at >= since(max(PERIODS.values()), today))
        .group_by(ChatSession.outcome)
    )
    found = {name: {} for name in PERIODS}
    for outcome, *counts in db.session.execute(query):
        for name, n in zip(PERIODS, counts, strict=True):
            if n:
                found[name][outcome] = int(n)
    return {name: Rates(counts) for name, counts in found.items()}


# 2. The last 14 days, day by day.


def days(today: date | None = None, count: int = CHART_DAYS) -> list[date]:
    today = today or local_today()
    return [today - timedelta(days=n) for n in range(count - 1, -1, -1)]


def day_bucket(column, days_: list[date]):
    """The index in `days_` of the local day `column` falls on (None before the first)."""
    whens = [(column >= midnight(day), i) for i, day in reversed(list(enumerate(days_)))]
    return case(*whens, else_=None)


@dataclass(frozen=True)
class Daily:
    days: list[date]
    rows: list[dict[str, int]]  # per day: a count per key

    def max_total(self) -> int:
        return max([sum(r.values()) for r in self.rows] + [0])


def _daily(column, key, where, today: date | None) -> Daily:
    days_ = days(today)
    bucket = day_bucket(column, days_).label("day")
    query = (
        db.select(bucket, key, func.count())
        .where(column >= midnight(days_[0]), *where)
        .group_by(bucket, key)
    )
    rows: list[dict[str, int]] = [{} for _ in days_]
    for day, value, n in db.session.execute(query):
        if day is not None and value:
            rows[int(day)][value] = n
    return Daily(days_, rows)


def outcomes_by_day(today: date | None = None) -> Daily:
    """Conversations started each day, by outcome (those without one yet left out)."""
    column = ChatSession.created_at
    return _daily(column, ChatSession.outcome, [ChatSession.outcome.is_not(None)], today)


def votes_by_day(today: date | None = None) -> Daily:
    """ "Did that help?" answers given each day: yes and no."""
    return _daily(Message.feedback_at, Message.feedback, [Message.feedback.is_not(None)], today)


# 3. The FAQs most cited, and most often followed by a "No".


@dataclass(frozen=True)
class FaqCount:
    id: int | None
    question: str
    count: int
    exists: bool  # the FAQ is still there to edit


def top_faqs(today: date | None = None, limit: int = TOP_FAQS) -> dict[str, list[FaqCount]]:
    """Over 30 days: "cited" (replies citing each FAQ) and "no" (those voted No)."""
    query = db.select(Message.cited_faqs, Message.feedback).where(
        Message.role == Role.ASSISTANT,
        Message.cited_faqs.is_not(None),
        Message.created_at >= since(30, today),
    )
    cited, said_no, questions = Counter(), Counter(), {}
    for faqs, feedback in db.session.execute(query):
        for faq in {f.get("id"): f for f in faqs or [] if isinstance(f, dict)}.values():
            key = faq.get("id")
            questions.setdefault(key, faq.get("question") or "")
            cited[key] += 1
            if feedback == Feedback.NO:
                said_no[key] += 1
    ids = [key for key in questions if isinstance(key, int)]
    found = db.session.execute(db.select(Faq.id, Faq.question).where(Faq.id.in_(ids)))
    current = {faq_id: question for faq_id, question in found}

    def listed(counter: Counter) -> list[FaqCount]:
        return [
            FaqCount(key, current.get(key, questions[key]), n, key in current)
            for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[:limit]
        ]

    return {"cited": listed(cited), "no": listed(said_no)}


# 4. Cost in dollars.


class BadPrices(ValueError):
    pass


@dataclass(frozen=True)
class Price:
    """Dollars per million tokens."""

    input: float
    output: float

    def cost(self, prompt: int, completion: int) -> float:
        return (prompt * self.input + completion * self.output) / 1_000_000


def parse_prices(raw: str) -> dict[str, Price]:
    """ "gpt-4o-mini=0.15/0.60, gpt-4o=2.50/10" -> prices per model; BadPrices says why."""
    prices = {}
    for item in (raw or "").split(","):
        if not item.strip():
            continue
        name, sep, pair = item.partition("=")
        inp, slash, out = pair.partition("/")
        try:
            price = Price(float(inp), float(out))
        except ValueError:
            price = None
        if (
            not (sep and slash and name.strip())
            or price is None
            or min(price.input, price.output) < 0
        ):
            raise BadPrices(
                f"MODEL_PRICES: cannot read {item.strip()!r}: write model=input/output in "
                'dollars per million tokens, comma-separated, e.g. "gpt-4o-mini=0.15/0.60"'
            )
        prices[name.strip()] = price
    return prices


@dataclass(frozen=True)
class Costs:
    today: float | None  # None: a model without a price answered
    month: float | None  # the 30 days
    conversations_month: int
    limit: float | None  # DAILY_TOKEN_BUDGET in dollars (estimated); None: no limit or price
    model: str  # the default model, whose prices the limit is estimated with

    @property
    def per_conversation(self) -> float | None:
        if self.month is None or not self.conversations_month:
            return None
        return self.month / self.conversations_month


def _cost(rows, prices: dict[str, Price]) -> float | None:
    total = 0.0
    for model, prompt, completion in rows:
        prompt, completion = int(prompt or 0), int(completion or 0)
        if not prompt and not completion:
            continue
        if model not in prices:
            return None
        total += prices[model].cost(prompt, completion)
    return total


def _usage(start: datetime):
    """(model, prompt tokens, completion tokens) of replies since `start`: one query."""
    return db.session.execute(
        db.select(
            Message.model, func.sum(Message.prompt_tokens), func.sum(Message.completion_tokens)
        )
        .where(Message.created_at >= start)
        .group_by(Message.model)
    ).all()


def costs(today: date | None = None) -> Costs:
    config = current_app.config
    prices = current_app.extensions["model_prices"]
    month_rows = _usage(since(30, today))
    conversations = db.session.scalar(
        db.select(func.count(func.distinct(Message.session_id))).where(
            Message.created_at >= since(30, today),
            Message.role == Role.ASSISTANT,
            (Message.prompt_tokens > 0) | (Message.completion_tokens > 0),
        )
    )
    model, budget = config["OPENAI_MODEL"], config["DAILY_TOKEN_BUDGET"]
    limit = None
    if budget and model in prices:
        # The budget counts prompt and completion tokens alike: split it as the 30 days
        # did (3 to 1 with no history), priced as the default model.
        prompt = sum(int(r[1] or 0) for r in month_rows)
        completion = sum(int(r[2] or 0) for r in month_rows)
        share = prompt / (prompt + completion) if prompt + completion else 0.75
        limit = prices[model].cost(round(budget * share), round(budget * (1 - share)))
    return Costs(
        today=_cost(_usage(since(1, today)), prices),
        month=_cost(month_rows, prices),
        conversations_month=conversations or 0,
        limit=limit,
        model=model,
    )
