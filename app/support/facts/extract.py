"""Finding the facts of a text, each with the keys it needs and gives (`app.support.facts`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from app.support.facts.patterns import (
    _AMPM_HINT,
    _MONEY_HINT,
    _MONTH_HINT,
    _MONTH_NAMES,
    _PHONE_HINT,
    _URL_HINT,
    _WORD,
    AGE,
    DATE_DM,
    DATE_ISO,
    DATE_MD,
    DATE_NUMERIC,
    EMAIL,
    MONEY,
    NUMBER,
    PHONE,
    QUANTITY,
    QUANTITY_WORDS,
    RANGE,
    SKIP_247,
    SKIP_CITATION,
    SKIP_FAQ,
    SKIP_LIST,
    SKIP_WORDS,
    TIME_24,
    TIME_AMPM,
    UP_TO,
    URL,
    _digit,
    _has,
    _hint,
)
from app.support.facts.values import (
    _BIG,
    _CURRENCY_WORDS,
    _DAY,
    _MULTIPLIERS,
    _ONES,
    _TENS,
    _TIME_UNITS,
    _WORKING,
    _fmt,
    _number,
    _scaled,
)

KINDS = ("number", "money", "duration", "date", "time", "percent", "url", "email", "phone")


@dataclass(frozen=True)
class Fact:
    text: str  # as written in the reply, e.g. "$12", "thirty days", "support@shop.com"
    kind: str  # one of KINDS
    start: int  # offset in the reply text (for highlighting)
    end: int


def facts_in(text: str) -> list[Fact]:
    """Every concrete fact in `text`, in order of position."""
    return [item.fact for item in _extract(text or "")]


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # a few characters lengthen in lower case ("İ"): keep offsets
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


# ---------------------------------------------------------------------------------------
# Extraction


@dataclass(frozen=True)
class _Item:
    fact: Fact
    need: frozenset  # a reply's fact is supported when a source gives any of these keys
    give: frozenset  # the keys a source's fact gives


class _Claims:
    """Which characters earlier patterns have taken."""

    def __init__(self, size: int) -> None:
        self.taken = bytearray(size)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def take(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)


def _extract(text: str) -> list[_Item]:
    items = list(_scan(text))
    items.sort(key=lambda item: item.fact.start)
    return items


def _scan(text: str) -> Iterator[_Item]:
    low = _lower(text)
    digit = _DIGIT.search(text) is not None
    if not digit and "." not in text and not _has_number_word(text, low, digit):
        return  # no digit, no address or domain, no number word: nothing to find
    claims = _Claims(len(text))
    for pattern, handler, guard, lower in _PIPELINE:
        if not guard(text, low, digit):
            continue
        for match in pattern.finditer(low if lower else text):
            start, end = match.span()
            if handler is _url:
                end = start + len(_trim_url(match.group(0)))
            if end <= start or not claims.free(start, end):
                continue
            found = handler(match, text, start, end)
            if found is None:
                continue
            claims.take(start, end)
            yield from found


_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = frozenset(_ONES) | frozenset(_TENS) | frozenset(_BIG)


def _has_number_word(text: str, low: str, digit: bool) -> bool:
    return not _NUMBER_WORDS.isdisjoint(_WORD.findall(low))


def _fact(text: str, kind: str, start: int, end: int, need: set, give: set) -> _Item:
    return _Item(Fact(text[start:end], kind, start, end), frozenset(need), frozenset(give))


def _skip(match: re.Match, text: str, start: int, end: int) -> list[_Item]:
    return []


def _email(match: re.Match, text: str, start: int, end: int) -> list[_Item]:
    address = match.group(0).lower()
    domain = address.rsplit("@", 1)[1]
    return [
        _fact(
            text, "email", start, end, {("email", address)}, {("email", address), ("url", domain)}
        )
    ]


def _trim_url(url: str) -> str:
    return url.rstrip(".,;:!?*_~'\"")


def _canon_url(url: str) -> str:
    url = _trim_url(url).lower()
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url)
    if url.startswith("www."):
        url = url[4:]
    url = url.split("#", 1)[0]
    return url.rstrip("/")


def _url(match: re.Match, text: str, start: int, end: int) -> list[_Item] | None:
    canon = _canon_url(text[start:end])
    if "." not in canon.split("/", 1)[0]:
        return None  # "https://" alone, "www." alone
    give = {("url", canon)}
    parts = canon.split("/")
    for i in range(1, len(parts)):  # the domain and every shorter path
        give.add(("url", "/".join(parts[:i])))
    return [_fact(text, "url", start, end, {("url", canon)}, give)]


def _phone_candidates(raw: str) -> set[str]:
    raw = raw.replace("(0)", "")
    digits = re.sub(r"\D", "", raw)
    candidates = {digits}
    international = raw.lstrip().startswith("+") or digits.startswith("00")
    if international:
        rest = digits[2:] if digits.startswith("00") else digits
        candidates.add(rest)
        for cc in (1, 2, 3):  # the country code's length is not known: try each
            candidates.add(rest[cc:].lstrip("0"))
    else:
        if digits.startswith("0"):
            candidates.add(digits.lstrip("0"))  # the trunk prefix
        if digits.startswith("1") and len(digits) == 11:
            candidates.add(digits[1:])  # 1-800-...
    return {c for c in candidates if len(c) >= 7}


def _phone(match: re.Match, text: str, start: int, end: int) -> list[_Item] | None:
    raw = match.group(0)
    count = sum(c.isdigit() for c in raw)
    if not 7 <= count <= 15:
        return None
    candidates = _phone_candidates(raw)
    give = {("phone", c[i:]) for c in candidates for i in range(0, len(c) - 6)}
    need = {("phone", c) for c in candidates}
    return [_fact(text, "phone", start, end, need, give)]


def _date_keys(year: int | None, month: int, day: int) -> tuple[set, set]:
    if year is not None and year < 100:
        year += 2000
    need = {("date", year, month, day), ("date-no-year", month, day)} if year else set()
    if not year:
        need.add(("date", month, day))
    give = {("date", month, day), ("num", str(day))}
    if year:
        give |= {("date", year, month, day), ("num", str(year))}
    else:
        give.add(("date-no-year", month, day))
    return need, give


def _valid(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _date_iso(match: re.Match, text: str, start: int, end: int) -> list[_Item] | None:
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if not _valid(month, day):
        return None
    need, give = _date_keys(year, month, day)
    return [_fact(text, "date", start, end, need, give)]


def _date_numeric(match: re.Match, text: str, start: int, end: int) -> list[_Item] | None:
    a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
    need, give = set(), set()
    for month, day in ((b, a), (a, b)):  # 01/03/2026: 1 March or January 3
        if _valid(month, day):
            n, g = _date_keys(year, month, day)
            need |= n
            give |= g
    if not need:
        return None
    return [_fact(text, "date", start, end, need, give)]


def _date_named(match: re.Match, text: str, start: int, end: int) -> list[_Item] | None:
    month, day = _MONTH_NAMES[match["mon"]], int(match["d"])
    if not _valid(month, day):
        return None
    year = int(match["y"]) if match["y"] else None
    need, give = _date_keys(year, month, day)
    return [_fact(text, "date", start, end, need, give)]


def _time_keys(minutes: int, ambiguous: bool, hour: int) -> tuple[set, set]:
    need = {("time", minutes % 1440)}
    if ambiguous and hour < 12:
        need.add(("time", minutes + 720))
    give = set(need) | {("num", str(hour))}
    return need, give


def _time_ampm(match: re.Match, text: str, start: int, end: int) -> list[_Item]:
    hour = int(match["h"]) % 12
    if match["ap"].lower().startswith("p"):
        hour += 12
    need, give = _time_keys(hour * 60 + int(match["m"] or 0), False, int(match["h"]))
    return [_fact(text, "time", start, end, need, give)]


def _time_24(match: re.Match, text: str, start: int, end: int) -> list[_Item]:
    hour = int(match["h"])
    need, give = _time_keys(hour * 60 + int(match["m"]), True, hour)
    return [_fact(text, "time", start, end, need, give)]


def _money_item(text, start, end, amount, currencies, factor=Decimal(1)) -> _Item:
    value = _scaled(amount, factor)
    need = {("money", value, c) for c in currencies}
    return _fact(text, "money", start, end, need, need | {("num", value), ("num", _fmt(amount))})


def _money(match: re.Match, text: str, start: int, end: int) -> list[_Item]:
    symbol = match["sym"].strip().lower()
    currency = _CURRENCY_WORDS.get(symbol, symbol.upper())
    factor = Decimal(1)
    if match["mult"]:
        factor = Decimal(_MULTIPLIERS[match["mult"].strip().lower()])
    lo_end = match.end("mult") if match["mult"] else match.end("lo")
    items = [_money_item(text, start, lo_end, _number(match["lo"]), {currency}, factor)]
    if match["hi"]:
        hi_start = match.start("hi")
        while hi_start > lo_end and text[hi_start - 1] in "$£€":
            hi_start -= 1
        items.append(
            _money_item(text, hi_start, match.end("hi"), _number(match["hi"]), {currency}, factor)
        )
    return items


def _quantity(match: re.Match, text: str, start: int, end: int) -> list[_Item] | None:
    lo = _number(match["lo"])
    hi = _number(match["hi"]) if match["hi"] else None
    if match["cur"] or match["sub"]:
        if match["cur"]:
            currencies, factor = {_CURRENCY_WORDS[match["cur"].lower()]}, Decimal(1)
        elif match["sub"].lower() == "p" or match["sub"].lower() == "pence":
            currencies, factor = {"GBP"}, Decimal("0.01")
        else:
            currencies, factor = {"USD", "EUR", "CAD", "AUD"}, Decimal("0.01")
        if hi is None:
            return [_money_item(text, start, end, lo, currencies, factor)]
        lo_end = match.end("lo")
        return [
            _money_item(text, start, lo_end, lo, currencies, factor),
            _money_item(text, match.start("hi"), end, hi, currencies, factor),
        ]
    if match["pct"]:
        family, size, kind = "pct", Decimal(1), "percent"
    else:
        unit = (match["tu"] or match["h"]).lower()
        unit = unit if unit in _TIME_UNITS else unit[:-1]  # "days" -> "day"
        family, size = _TIME_UNITS[unit]
        kind = "duration"
        qualifier = (match["qual"] or "").lower()
        if family == "t" and size == _DAY and qualifier in _WORKING:
            family, size = "wd", Decimal(1)
    if family == "mo" and AGE.match(text, end):  # "18 years old" is an age, not a duration
        if hi is None:
            return [_fact(text, "number", start, end, {("num", _fmt(lo))}, {("num", _fmt(lo))})]
        return _bare_range(match, text, start, end)
    if hi is None:
        return [_single(text, start, end, kind, family, size, lo)]
    return [_range(text, start, end, kind, family, size, lo, hi)]


# Working days ("wd") are their own unit. A count of plain days also gets a "days" key, and
# so do working days in a source: a reply that says "5 days" for "5 working days" is
# supported, but "120 hours" is not (only plain days convert to hours and weeks).


def _unit_keys(family: str, size: Decimal, value: Decimal | str) -> set:
    key = "pct" if family == "pct" else "dur"
    keys = {(key, _scaled(value, size), family)}
    if family == "wd" or (family == "t" and size == _DAY):
        keys.add(("days", _fmt(value)))
    return keys


def _single(text, start, end, kind, family, size, value) -> _Item:
    need = _unit_keys(family, size, value) if family != "wd" else {("dur", _fmt(value), "wd")}
    if UP_TO.search(text, max(0, start - 24), start):
        need |= {("up to", *key) for key in need}  # the top of a range: "up to 5 days"
    give = _unit_keys(family, size, value) | {("num", _fmt(value))}
    return _fact(text, kind, start, end, need, give)


def _range(text, start, end, kind, family, size, lo, hi) -> _Item:
    raw = (_fmt(lo), _fmt(hi))
    exact = ("range", _scaled(lo, size), _scaled(hi, size), family)
    need = {exact, ("range", *raw, "none")}
    give = {exact, ("range", *raw, "any")}
    if family == "wd" or (family == "t" and size == _DAY):
        give.add(("range-days", *raw))
        if family != "wd":
            need.add(("range-days", *raw))
    give |= {("up to", *key) for key in _unit_keys(family, size, hi)}
    give |= {("num", raw[0]), ("num", raw[1])}
    return _fact(text, kind, start, end, need, give)


def _bare_range(match: re.Match, text: str, start: int, end: int) -> list[_Item]:
    lo, hi = _fmt(_number(match["lo"])), _fmt(_number(match["hi"]))
    need = {("range", lo, hi, "any")}
    give = {("range", lo, hi, "none"), ("range", lo, hi, "any"), ("num", lo), ("num", hi)}
    return [_fact(text, "number", start, end, need, give)]


def _plain(match: re.Match, text: str, start: int, end: int) -> list[_Item]:
    value = _fmt(_number(match["n"]))
    return [_fact(text, "number", start, end, {("num", value)}, {("num", value)})]


_PIPELINE = (  # (pattern, handler, guard, on lower case)
    (SKIP_CITATION, _skip, _has("["), False),
    (SKIP_FAQ, _skip, _has("faq"), True),
    (SKIP_LIST, _skip, _digit, False),
    (SKIP_WORDS, _skip, _digit, True),
    (SKIP_247, _skip, _has("24"), False),
    (EMAIL, _email, _has("@"), False),
    (URL, _url, _hint(_URL_HINT), False),
    (DATE_ISO, _date_iso, _has("-"), False),
    (DATE_NUMERIC, _date_numeric, _has("/", "."), False),
    (PHONE, _phone, _hint(_PHONE_HINT), False),
    (TIME_AMPM, _time_ampm, _hint(_AMPM_HINT), False),
    (TIME_24, _time_24, _has(":"), False),
    (DATE_DM, _date_named, _hint(_MONTH_HINT, lower=False), False),
    (DATE_MD, _date_named, _hint(_MONTH_HINT, lower=False), False),
    (MONEY, _money, _hint(_MONEY_HINT), False),
    (QUANTITY, _quantity, _digit, False),
    (QUANTITY_WORDS, _quantity, _has_number_word, False),
    (RANGE, _bare_range, _digit, False),
    (NUMBER, _plain, _digit, False),
)
