"""The dashboard's outcome figures (issue 18): rates per period with their definitions,
the 14 days' charts and their tables, the FAQs most cited and most often voted "No", and
costs in dollars from MODEL_PRICES. Rows are seeded with known times, outcomes and votes
relative to the business's midnight, so the figures are known in advance."""

import re
from datetime import date, datetime, timedelta

import pytest

from app import create_app
from app.extensions import db
from app.models import ChatSession, Feedback, Message, Outcome, Role
from app.support import reports
from app.support.outcomes import OUTCOME_LINES
from tests.factories import make_chat, make_faq, make_message

PRICES = pytest.mark.app_config(MODEL_PRICES="gpt-4o-mini=0.15/0.60, gpt-4o=2.50/10")


def at(today: date, days_ago: int, hour: int = 1) -> datetime:
    """An hour after the business's midnight, `days_ago` days before today (naive UTC)."""
    return reports.midnight(today - timedelta(days=days_ago)) + timedelta(hours=hour)


def chat_with(outcome: str | None, started: datetime) -> ChatSession:
    chat, _ = make_chat()
    chat.created_at = chat.updated_at = started
    chat.outcome, chat.outcome_at = outcome, started if outcome else None
    db.session.commit()
    return chat


def reply(chat: ChatSession, when: datetime, **fields) -> Message:
    message = make_message(chat, Role.ASSISTANT, "An answer.")
    message.created_at = when
    for name, value in fields.items():
        setattr(message, name, value)
    db.session.commit()
    return message


@pytest.fixture
def today(app) -> date:
    return reports.local_today()


@pytest.fixture
def seeded(today):
    """Outcomes: today 2 confirmed, 1 assumed, 1 handed off (and one undecided); 3 days
    ago 1 unanswered, 1 reversed; 20 days ago 2 handed off; 40 days ago 1 confirmed."""
    for outcome, days_ago in [
        (Outcome.CONFIRMED, 0),
        (Outcome.CONFIRMED, 0),
        (Outcome.ASSUMED, 0),
        (Outcome.HANDED_OFF, 0),
        (None, 0),
        (Outcome.UNANSWERED, 3),
        (Outcome.REVERSED, 3),
        (Outcome.HANDED_OFF, 20),
        (Outcome.HANDED_OFF, 20),
        (Outcome.CONFIRMED, 40),
    ]:
        chat_with(outcome, at(today, days_ago))


def rows_of(html: str, table: str) -> dict[str, dict[str, int]]:
    """A chart's table: {day (ISO): {key: number}}."""
    body = re.search(rf'id="{table}".*?</table>', html, re.S).group(0)
    return {
        day: {key: int(n) for key, n in re.findall(r'data-key="(\w+)">(\d+)<', row)}
        for day, row in re.findall(r'<tr data-day="([\d-]+)">(.*?)</tr>', body, re.S)
    }


# 1. Rates per period, and what they mean.


def test_rates_per_period_count_the_conversations_started_in_it(seeded, today):
    found = reports.rates(today)

    assert [found[p].total for p in ("today", "7 days", "30 days")] == [4, 6, 8]
    assert found["today"].resolved == 3 / 4
    assert found["today"].handed_off == 1 / 4
    assert found["today"].unanswered == 0
    assert found["7 days"].resolved == 3 / 6
    assert found["7 days"].unanswered == 1 / 6
    assert found["30 days"].handed_off == 3 / 8


def test_no_conversations_is_said_so_rather_than_zero_percent(app, today):
    found = reports.rates(today)
    assert found["today"].total == 0 and found["today"].resolved is None


def test_the_dashboard_shows_the_rates_and_their_definitions(client, agent, seeded):
    html = client.get("/admin/").get_data(as_text=True)

    assert ">How conversations ended<" in html
    assert 'id="rate-resolved-today">75%<' in html
    assert 'id="rate-handed_off-today">25%<' in html
    assert 'id="rate-unanswered-today">0%<' in html
    assert 'id="rate-resolved-7-days">50%<' in html
    assert 'id="rate-unanswered-7-days">17%<' in html
    assert 'id="rate-resolved-30-days">38%<' in html
    assert 'id="rate-handed_off-30-days">38%<' in html
    assert 'id="counted-30-days">8<' in html
    assert "<summary>What these mean</summary>" in html
    for line in OUTCOME_LINES.values():
        assert f"<li>{line}</li>" in html.replace("&#34;", '"').replace("&#39;", "'")


def test_an_empty_dashboard_says_no_conversations_yet(client, agent):
    html = client.get("/admin/").get_data(as_text=True)
    assert re.search(r'id="rate-resolved-today">no conversations yet<', html)
    assert 'id="chart-outcomes-empty">Nothing yet in the last 14 days.<' in html


# 2. The charts, and the tables that say the same.


def test_outcomes_by_day_over_14_days(seeded, today):
    daily = reports.outcomes_by_day(today)

    assert len(daily.days) == 14 and daily.days[-1] == today
    assert daily.rows[-1] == {"confirmed": 2, "assumed": 1, "handed_off": 1}
    assert daily.rows[-4] == {"unanswered": 1, "reversed": 1}
    assert sum(sum(r.values()) for r in daily.rows) == 6  # 20 and 40 days ago: outside
    assert daily.max_total() == 4


def test_votes_by_day_count_yes_and_no_on_the_day_they_were_given(app, today):
    chat = chat_with(None, at(today, 5))
    for days_ago, vote in [(0, "yes"), (0, "yes"), (0, "no"), (2, "no"), (15, "yes")]:
        reply(chat, at(today, 5), feedback=vote, feedback_at=at(today, days_ago))

    daily = reports.votes_by_day(today)

    assert daily.rows[-1] == {"yes": 2, "no": 1}
    assert daily.rows[-3] == {"no": 1}
    assert sum(sum(r.values()) for r in daily.rows) == 4


def test_the_chart_tables_hold_the_same_numbers(client, agent, seeded, today):
    chat = chat_with(None, at(today, 1))
    reply(chat, at(today, 1), feedback="no", feedback_at=at(today, 1))

    html = client.get("/admin/").get_data(as_text=True)

    outcomes = rows_of(html, "chart-outcomes-table")
    assert len(outcomes) == 14
    assert outcomes[today.isoformat()] == {
        "confirmed": 2,
        "assumed": 1,
        "reversed": 0,
        "handed_off": 1,
        "unanswered": 0,
    }
    three = (today - timedelta(days=3)).isoformat()
    assert outcomes[three]["unanswered"] == 1 and outcomes[three]["reversed"] == 1
    votes = rows_of(html, "chart-votes-table")
    assert votes[(today - timedelta(days=1)).isoformat()] == {"yes": 0, "no": 1}
    assert html.count('<svg class="chart"') == 2
    assert "style=" not in re.search(r'id="outcomes".*?</section>', html, re.S).group(0)


# 3. The FAQs most cited, and most often followed by a "No".


def test_top_cited_and_top_no_faqs_link_to_those_that_still_exist(client, agent, today):
    shipping = make_faq("How long does shipping take?")
    returns = make_faq("How do I return an item?")
    gone = {"id": 999, "question": "Do you ship to Mars?"}
    chat = chat_with(None, at(today, 2))

    def cite(*faqs, feedback=None, days_ago=2):
        cited = [{"id": f.id, "question": f.question} if hasattr(f, "id") else f for f in faqs]
        reply(chat, at(today, days_ago), cited_faqs=cited, feedback=feedback)

    cite(shipping)
    cite(shipping, returns, feedback=Feedback.NO)
    cite(shipping)
    cite(gone, feedback=Feedback.NO)
    cite(gone, feedback=Feedback.NO)
    cite(returns, days_ago=40)  # too old

    top = reports.top_faqs(today)

    assert [(f.question, f.count, f.exists) for f in top["cited"]] == [
        ("How long does shipping take?", 3, True),
        ("Do you ship to Mars?", 2, False),
        ("How do I return an item?", 1, True),
    ]
    assert [(f.question, f.count) for f in top["no"]] == [
        ("Do you ship to Mars?", 2),
        ("How long does shipping take?", 1),
        ("How do I return an item?", 1),
    ]
    html = client.get("/admin/").get_data(as_text=True)
    cited = re.search(r'id="faqs-cited">.*?</ol>', html, re.S).group(0)
    assert f'/admin/faq/edit/?id={shipping.id}">How long does shipping take?</a>' in cited
    assert "Do you ship to Mars? <span" in cited and "?id=999" not in cited
    assert "3 answers" in cited
    assert 'times "No"' in re.search(r'id="faqs-no">.*?</ol>', html, re.S).group(0).replace(
        "&#34;", '"'
    )


# 4. Costs in dollars.


def test_model_prices_are_read_per_model():
    prices = reports.parse_prices("gpt-4o-mini=0.15/0.60, gpt-4o=2.50/10")
    assert prices["gpt-4o-mini"] == reports.Price(0.15, 0.60)
    assert prices["gpt-4o"].cost(1_000_000, 100_000) == pytest.approx(3.5)
    assert reports.parse_prices("") == {}


@pytest.mark.parametrize(
    "raw", ["gpt-4o-mini", "gpt-4o-mini=0.15", "gpt-4o-mini=cheap/0.60", "=0.1/0.2", "m=-1/2"]
)
def test_a_bad_model_prices_stops_the_start_saying_why(app_settings, raw):
    with pytest.raises(RuntimeError, match=r"MODEL_PRICES: cannot read .*model=input/output"):
        create_app({**app_settings, "MODEL_PRICES": raw})


@PRICES
@pytest.mark.app_config(DAILY_TOKEN_BUDGET=4_000_000)
def test_costs_today_per_conversation_and_the_daily_limit(client, agent, today):
    first = chat_with(None, at(today, 0))
    reply(
        first, at(today, 0), model="gpt-4o-mini", prompt_tokens=1_000_000, completion_tokens=100_000
    )
    reply(first, at(today, 0), model="gpt-4o", prompt_tokens=100_000, completion_tokens=10_000)
    second = chat_with(None, at(today, 10))
    reply(second, at(today, 10), model="gpt-4o-mini", prompt_tokens=200_000, completion_tokens=0)
    reply(second, at(today, 40), model="gpt-4o", prompt_tokens=9_000_000, completion_tokens=0)

    costs = reports.costs(today)

    assert costs.today == pytest.approx(0.21 + 0.35)
    assert costs.month == pytest.approx(0.56 + 0.03)
    assert costs.conversations_month == 2
    assert costs.per_conversation == pytest.approx(0.295)
    # The budget split as the 30 days spent (1.3M prompt to 0.11M completion tokens).
    share = 1_300_000 / 1_410_000
    assert costs.limit == pytest.approx(4 * (share * 0.15 + (1 - share) * 0.60), rel=1e-3)
    html = client.get("/admin/").get_data(as_text=True)
    assert 'id="cost-today">$0.56<' in html
    assert "AI cost today" in html
    assert f"of your daily limit of about ${costs.limit:.2f}" in html
    assert "priced here as gpt-4o-mini" in html
    assert re.search(r"id=\"cost-per-conversation\">\$0\.(29|30)", html)


@pytest.mark.app_config(DAILY_TOKEN_BUDGET=4_000_000)
def test_the_limit_with_no_history_assumes_three_prompt_tokens_to_one(client, agent, today):
    assert reports.costs(today).limit == pytest.approx(3 * 0.15 + 1 * 0.60)
    html = client.get("/admin/").get_data(as_text=True)
    assert 'id="cost-today">$0.00<' in html and "of your daily limit of about $1.05" in html


def test_a_model_without_a_price_costs_unknown_not_a_wrong_number(client, agent, today):
    chat = chat_with(None, at(today, 0))
    reply(chat, at(today, 0), model="gpt-4o-mini", prompt_tokens=1000, completion_tokens=100)
    reply(chat, at(today, 0), model="mystery-model", prompt_tokens=1000, completion_tokens=100)

    assert reports.costs(today).today is None
    html = client.get("/admin/").get_data(as_text=True)
    assert 'id="cost-today">unknown<' in html
    assert "add it to MODEL_PRICES" in html
    assert "of your daily limit" not in html  # DAILY_TOKEN_BUDGET is 0 in the tests
