"""The patterns that find facts, and the wordings only a source counts (`app.support.facts`)."""

from __future__ import annotations

import re
from decimal import Decimal

from app.support.facts.values import (
    _AFTER,
    _BEFORE,
    _CONNECT,
    _DAY,
    _HOUR,
    _UNIT,
    DIGITS,
    NUM,
    WORDNUM,
)

# ---------------------------------------------------------------------------------------
# Patterns, in the order they claim text: an earlier pattern's match hides the text from
# the later ones (the digits of a phone number are not also a number).

# Each pattern starts with a cheap look-ahead at its first character, so the engine skips
# most positions at once, and runs only when a guard (a substring test) says it can match.
_D = r"(?=\d)"
SKIP_CITATION = re.compile(  # [FAQ 12], [1], [FAQ 3, FAQ 4], [^2]
    r"\[\s*(?i:faq|source|ref)?\s*#?\s*\d+(?:\s*[,;&]\s*(?i:faq)?\s*#?\s*\d+)*\s*\]|\[\^\d+\]"
)
SKIP_FAQ = re.compile(r"(?<![a-z])faqs?\s*#?\s*\d+(?:\s*(?:,|and|&)\s*#?\d+)*")  # on lower case
SKIP_LIST = re.compile(  # ordered-list markers at a line's start: "1.", "2)", "- 1.", "**1.**"
    r"(?m:^[ \t>]*(?:[-*+][ \t]+)?\**\d{1,3}[.)]\**(?=[ \t]))|\(\d{1,2}\)(?=[ \t]+[A-Za-z])"
)
SKIP_WORDS = re.compile(  # on lower case: "step 2", "option 1", "3rd party"
    r"(?<![a-z])(?:step|option|tip|point|method|part|stage|question)\s*#?\d{1,2}(?!\w)"
    r"|(?<![a-z0-9])(?:1st|2nd|3rd)[- ]party(?!\w)"
)
SKIP_247 = re.compile(r"(?<![\w/])24\s?/\s?7(?:\s?/\s?365)?(?![\w/])|(?i:(?<!\w)24x7(?!\w))")
EMAIL = re.compile(
    r"(?i:(?<![\w.+-])[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b)"
)
_TLDS = (
    "com|org|net|io|co|uk|us|ca|eu|de|fr|es|it|nl|ie|au|nz|in|info|biz|shop|store|app|dev"
    "|help|support|example|test|online|site|me|ai|gov|edu|mx|ch|se|no|dk|fi|pl|be|at"
)
_URL_CHARS = r"[^\s<>()\[\]{}\"'`|]"
URL = re.compile(
    rf"(?i:(?=[a-z0-9])(?:\b(?:https?://|www\.){_URL_CHARS}+"
    rf"|(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})\b(?![.-]?\w)"
    rf"(?:/{_URL_CHARS}*)?))"
)
_URL_HINT = re.compile(rf"://|www\.|\.(?:{_TLDS})\b")  # on lower case
DATE_ISO = re.compile(
    _D + r"(?<![\w.-])(?P<y>(?:19|20)\d\d)-(?P<m>0?[1-9]|1[0-2])-(?P<d>[0-3]?\d)(?!\w)"
)
DATE_NUMERIC = re.compile(
    _D + r"(?<![\w./-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)"
    r"(?P<y>(?:19|20)?\d\d)(?![\w/]|\.\d)"
)
PHONE = re.compile(
    r"(?=[\d+(])(?<![\w+/.,-])(?:\+\d{7,15}(?!\d)"
    r"|(?:(?:\+|00)\s?\d{1,3}[ .\-]?)?(?:\(0\)\s?)?(?:\(\d{1,5}\)[ .\-]?|\d{1,6}[ .\-])"
    r"(?:\d{1,6}[ .\-]){0,4}\d{2,6})(?![\w]|[.,]\d)"
)
_PHONE_HINT = re.compile(r"\d[ .\-()]{1,3}\d|\+\d")
TIME_AMPM = re.compile(
    _D + r"(?<![\w.:])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s?"
    r"(?P<ap>(?i:a\.m\.|p\.m\.|am|pm))(?![\w])"
)
_AMPM_HINT = re.compile(r"\d\s?[ap]\.?m")  # on lower case
TIME_24 = re.compile(_D + r"(?<![\w.:])(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?![\d:])")
_MONTH_NAMES = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
_MONTH_HINT = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_DAY_NUM = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s(?P<y>(?:19|20)\d\d)(?!\d))?"
DATE_DM = re.compile(rf"{_D}(?<![\w.,])(?<!\w-){_DAY_NUM}(?:\sof)?\s(?P<mon>{_MONTH})\b{_YEAR}")
DATE_MD = re.compile(rf"(?=[A-Z])\b(?P<mon>{_MONTH})\.?\s(?:the\s)?{_DAY_NUM}(?!\w){_YEAR}")
# "$12", "£1,000", "USD 12", "CA$12", "€1.20", "$5k", "$10-20", "£10 to £5,000"
_SYMBOL = r"(?P<sym>US\$|CA?\$|AU?\$|[$£€]|(?i:usd|gbp|eur|cad|aud)\s?)"
MONEY = re.compile(
    rf"(?=[$£€UuGgEeCcAa])(?<![\w$£€]){_SYMBOL}(?P<lo>{DIGITS})"
    r"(?P<mult>\s?(?:k|m|bn)\b|\s(?:thousand|million)\b)?"
    rf"(?:\s{{0,3}}(?:-|–|—|to)\s{{0,3}}(?:[$£€]|(?P=sym))?(?P<hi>{DIGITS}){_AFTER})?"
)
_MONEY_HINT = re.compile(r"[$£€]|usd|gbp|eur|cad|aud")  # on lower case
# a number or range with a unit after it: "30 days", "3-5 working days", "five per cent",
# "12 dollars", "between 3 and 5 weeks", "2-year"; led by digits, or by a number word
_QUANTITY_TAIL = rf"(?:{_CONNECT}(?P<hi>{NUM}))?(?:\s{{0,3}}-\s{{0,3}}|\s{{0,3}}){_UNIT}"
QUANTITY = re.compile(
    rf"(?=[\dBb]){_BEFORE}(?:(?P<btw>(?i:between))\s{{1,3}})?(?P<lo>{DIGITS}){_QUANTITY_TAIL}"
)
QUANTITY_WORDS = re.compile(
    rf"(?=[A-Za-z]){_BEFORE}(?:(?P<btw>(?i:between))\s{{1,3}})?(?P<lo>{WORDNUM}){_QUANTITY_TAIL}"
)
RANGE = re.compile(
    rf"(?=[\dBb]){_BEFORE}(?:(?P<btw>(?i:between))\s{{1,3}})?(?P<lo>{DIGITS}){_CONNECT}"
    rf"(?P<hi>{DIGITS})(?![\w%]|[.,]\d)"
)
# a number alone; "1st", and a measure written on it ("3000mm", "2kg"), count as the number
NUMBER = re.compile(rf"{_D}{_BEFORE}(?P<n>{DIGITS})(?:st|nd|rd|th|mm|cm|km|kg|ml|m|g|l)?{_AFTER}")
AGE = re.compile(r"[\s-]{1,3}(?:old|of age)\b", re.IGNORECASE)
# before a single value: it may be the top of a range in a source ("up to 5 days" for 3-5)
UP_TO = re.compile(
    r"(?i:\b(?:up to|within|at most|no more than|no longer than|maximum(?: of)?|max\.?|under"
    r"|less than|or less than)\s{1,3}(?:about\s|around\s|roughly\s)?$)"
)

# Only in sources: wordings that imply a value, so a reply that spells it out is supported.
SOURCE_ONE_UNIT = re.compile(  # on lower case
    r"(?<![a-z])(?:a|an|one|per|each|every|next|following)\s(?:(?P<qual>working|business"
    r"|banking|calendar)\s)?(?P<tu>second|minute|hour|day|week|fortnight|month|year)(?![a-z])"
)
SOURCE_ADVERBS = {
    "hourly": ("t", _HOUR), "daily": ("t", _DAY), "weekly": ("t", 7 * _DAY),
    "fortnightly": ("t", 14 * _DAY), "monthly": ("mo", Decimal(1)),
    "yearly": ("mo", Decimal(12)), "annually": ("mo", Decimal(12)),
    "annual": ("mo", Decimal(12)),
}  # fmt: skip
SOURCE_TIMES = {"noon": 720, "midday": 720, "midnight": 0}
_WORD = re.compile(r"[a-z]+")
SOURCE_24_7 = re.compile(r"24\s?/\s?7|24x7|round the clock")  # on lower case


def _has(*needles: str):
    return lambda text, low, digit: any(n in low for n in needles)


def _hint(pattern: re.Pattern, lower: bool = True):
    return lambda text, low, digit: pattern.search(low if lower else text) is not None


def _digit(text: str, low: str, digit: bool) -> bool:
    return digit
