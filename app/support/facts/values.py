"""How numbers and units are written, and their canonical values (`app.support.facts`)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# ---------------------------------------------------------------------------------------
# Numbers

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "twelfth": 12, "fifteenth": 15, "twentieth": 20,
    "thirtieth": 30,
}  # fmt: skip
_BIG = {"hundred": 100, "thousand": 1000}

_W_ONES = "|".join(sorted(_ONES, key=len, reverse=True))
_W_DIGIT = "one|two|three|four|five|six|seven|eight|nine"
_W_TENS = "|".join(_TENS)
_W_UNDER_100 = rf"(?:{_W_TENS})(?:[\s-](?:{_W_DIGIT}))?|{_W_ONES}"
WORDNUM = (  # "five", "twenty-five", "a hundred", "two hundred and fifty", "ten thousand"
    rf"(?i:\b(?:(?:a|{_W_UNDER_100})\s(?:hundred|thousand)(?:\s(?:and\s)?(?:{_W_UNDER_100}))?"
    rf"|{_W_UNDER_100}|hundred|thousand)\b)"
)
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUM = rf"(?:{DIGITS}|{WORDNUM})"
# Not after a word, a decimal point, a thousands comma, a slash or a hyphenated word
# ("A4", "v1.5", "24/7", "COVID-19"), and not followed by more of a word ("3D Secure").
_BEFORE = r"(?<![\w.,/£$€])(?<!\w-)"
_AFTER = r"(?![\w]|[.,]\d)"
_MAX_DIGITS = 24  # longer numbers are compared as written, never converted


def _word_value(words: str) -> int:
    total, current = 0, 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in _ONES:
            current += _ONES[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _BIG:
            current = max(current, 1) * _BIG[word]
            if word == "thousand":
                total, current = total + current, 0
        # "a" adds nothing: "a hundred" = 100
    return total + current


def _number(raw: str) -> Decimal | str:
    """The value of a number as written: a Decimal, or the digits themselves when huge."""
    raw = raw.strip()
    if raw[:1].isdigit():
        digits = raw.replace(",", "")
        if len(digits) > _MAX_DIGITS:
            return digits
        try:
            return Decimal(digits)
        except InvalidOperation:  # pragma: no cover - the patterns only pass digits
            return digits
    return Decimal(_word_value(raw))


def _fmt(value: Decimal | str) -> str:
    if isinstance(value, str):
        return value.lstrip("0") or "0"
    return format(value.normalize(), "f")  # 12.00 -> "12", 1E+3 -> "1000"


def _scaled(value: Decimal | str, factor: Decimal) -> str:
    if isinstance(value, str):
        return f"{_fmt(value)}*{factor}"
    return _fmt(value * factor)


# ---------------------------------------------------------------------------------------
# Units

_SECOND, _MINUTE, _HOUR, _DAY = Decimal(1), Decimal(60), Decimal(3600), Decimal(86400)
# unit word -> (family, size in the family's base unit)
_TIME_UNITS = {
    "second": ("t", _SECOND), "sec": ("t", _SECOND), "minute": ("t", _MINUTE),
    "min": ("t", _MINUTE), "hour": ("t", _HOUR), "hr": ("t", _HOUR), "h": ("t", _HOUR),
    "day": ("t", _DAY), "week": ("t", 7 * _DAY), "wk": ("t", 7 * _DAY),
    "fortnight": ("t", 14 * _DAY), "month": ("mo", Decimal(1)), "year": ("mo", Decimal(12)),
    "yr": ("mo", Decimal(12)), "weekday": ("wd", Decimal(1)),
}  # fmt: skip
_WORKING = {"working", "business", "banking", "week"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "bucks": "USD", "usd": "USD", "us$": "USD", "$": "USD",
    "pound": "GBP", "pounds": "GBP", "quid": "GBP", "gbp": "GBP", "£": "GBP",
    "euro": "EUR", "euros": "EUR", "eur": "EUR", "€": "EUR",
    "cad": "CAD", "c$": "CAD", "ca$": "CAD", "aud": "AUD", "a$": "AUD", "au$": "AUD",
}  # fmt: skip
_MULTIPLIERS = {"k": 1000, "thousand": 1000, "m": 10**6, "million": 10**6, "bn": 10**9}

_TIME_UNIT_RE = (
    r"(?:(?P<qual>working|business|banking|calendar|week)[\s-]?)?"
    r"(?P<tu>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weekdays?|weeks?|wks?"
    r"|fortnights?|months?|years?|yrs?)\b"
)
_UNIT = (
    r"(?P<unit>(?P<pct>%|(?i:per\s?cent|percent)\b)"
    rf"|(?i:{_TIME_UNIT_RE})"
    r"|(?<=\d)(?P<h>h)\b"
    r"|(?P<cur>(?i:dollars?|bucks|pounds?|quid|euros?|usd|gbp|eur|cad|aud)\b)"
    r"|(?P<sub>(?i:pence|cents?)\b|(?<=\d)p\b))"
)
_CONNECT = r"\s{0,3}(?:-|–|—|(?i:to)\b|(?(btw)(?i:and)\b|(?!)))\s{0,3}"
