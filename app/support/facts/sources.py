"""A source text's facts, each kept with the words around it (`app.support.facts`).

Computed once per distinct text and kept (`_source_index`, LRU, 4,096 texts): the same
FAQ texts come back reply after reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from app.support.facts.extract import _extract, _lower, _unit_keys
from app.support.facts.patterns import (
    _WORD,
    SOURCE_24_7,
    SOURCE_ADVERBS,
    SOURCE_ONE_UNIT,
    SOURCE_TIMES,
)
from app.support.facts.topic import _EMPTY, _SENTENCE_END, _Pieces, _stems
from app.support.facts.values import (
    _BIG,
    _DAY,
    _HOUR,
    _MINUTE,
    _ONES,
    _ORDINAL_WORDS,
    _TENS,
    _TIME_UNITS,
    _WORKING,
    _fmt,
)


@dataclass(frozen=True)
class _Figure:
    """A number, amount, duration, percentage or time of a source."""

    give: frozenset  # the keys it gives
    kind: str  # the fact's kind; "" for a value its wording implies (it never contradicts)
    about: frozenset  # the words of its sentence, of the sentence before and of the question
    sentence: frozenset  # the words of its sentence alone


@dataclass(frozen=True)
class _Source:
    keys: frozenset  # every key the text gives
    topic: frozenset  # every content word of the text
    figures: tuple[_Figure, ...]


@lru_cache(maxsize=4096)
def _source_index(text: str) -> _Source:
    """Every key a source text gives (its facts', and the values its wording implies), its
    content words, and its figures with their words. A text "question\\nanswer" is an FAQ:
    its first line is the question, what every figure of the answer is about."""
    low = _lower(text)
    items = _extract(text)
    spans = [(item.fact.start, item.fact.end) for item in items]
    sentences = _Pieces(low, _SENTENCE_END, spans)
    question = _stems(low[: low.index("\n")]) if "\n" in low else _EMPTY
    found: set = set()
    figures: list[_Figure] = []

    def give(keys: set, pos: int, kind: str = "") -> None:
        found.update(keys)
        i = sentences.index(pos)
        before = i - 1
        while before > 0 and not sentences.of(before):  # the "\n" after "...?", a blank line
            before -= 1
        about = sentences.of(i) | sentences.of(before) | question
        figures.append(_Figure(frozenset(keys), kind, about, sentences.of(i)))

    for item in items:
        give(item.give, item.fact.start, item.fact.kind)
    for match in SOURCE_24_7.finditer(low):  # "24 hours a day, 7 days a week"
        give({("dur", _fmt(24 * _HOUR), "t"), ("dur", _fmt(7 * _DAY), "t")}, match.start())
        give({("num", "24"), ("num", "7")}, match.start())
    for match in SOURCE_ONE_UNIT.finditer(low):  # "a day", "next working day"
        family, size = _TIME_UNITS[match["tu"]]
        if family == "t" and size == _DAY and match["qual"] in _WORKING:
            family, size = "wd", Decimal(1)
        give(_unit_keys(family, size, Decimal(1)), match.start())
    at = low.find("half an hour")
    if at >= 0:
        give({("dur", _fmt(30 * _MINUTE), "t")}, at)
    words = list(_WORD.finditer(low))
    for i, match in enumerate(words):  # number words alone: "two ways", "first", "monthly"
        word, pos = match.group(), match.start()
        if word in _ONES or word in _BIG:
            give({("num", str(_ONES[word] if word in _ONES else _BIG[word]))}, pos)
        elif word in _TENS:
            after = words[i + 1].group() if i + 1 < len(words) else ""
            keys = {("num", str(_TENS[word]))}
            if 0 < _ONES.get(after, 0) < 10:  # "twenty-five"
                keys.add(("num", str(_TENS[word] + _ONES[after])))
            give(keys, pos)
        elif word in _ORDINAL_WORDS:
            give({("num", str(_ORDINAL_WORDS[word]))}, pos)
        elif word in SOURCE_ADVERBS:
            give(_unit_keys(*SOURCE_ADVERBS[word], Decimal(1)), pos)
        elif word in SOURCE_TIMES:
            give({("time", SOURCE_TIMES[word])}, pos)
    return _Source(frozenset(found), _stems(low), tuple(figures))
