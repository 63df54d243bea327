"""What a figure is about: the content words around it, in a reply or a source
(`app.support.facts`).

Words count by their first 4 letters ("refunds" = "refund"), with function words, units
and currencies left out. A text is cut into sentences (at ". ", "!", "?" and line ends),
and a reply's sentences into clauses (also at ";", ", ", ": ", a dash between spaces,
brackets, and before "and", "or", "but", "while", "whereas" and "plus"); a cut inside a
fact ("9 a.m. on", "between 3 and 5") is not one.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# the kinds of fact that need the same topic as their source; URLs, emails, phone numbers
# and dates are specific enough to match on their own
_IN_CONTEXT = frozenset({"number", "money", "duration", "percent", "time"})

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_CLAUSE_END = re.compile(  # on lower case
    r"[.!?](?=\s|$)|\n|;|,(?=\s)|:(?=\s)|\s[–—-]\s|[()]|\s(?:and|or|but|while|whereas|plus)\s"
)
_STOP = frozenset(
    """a an the and or but nor so yet to of in on at by for with within from into onto over
    under up down out off about above below after before until till since during between
    among through per via than then there here this that these those it its is are was were
    be been being am do does did done have has had having get gets got can could will would
    shall should may might must need needs not no yes you your yours we our ours us they
    them their i me my he she his her what which who whom whose when where why how all any
    each every some more most less least many much few other others another such only just
    also too very usually normally typically generally often always never still even again
    already take takes taken took please thanks thank hi hello sure great happy help let
    lets if as like one two three four five six seven eight nine ten around roughly approx
    approximately second seconds sec secs minute minutes min mins hour hours hr hrs day days
    week weeks month months year years working business banking calendar weekday weekdays
    fortnight percent cent per dollar dollars pound pounds euro euros usd gbp eur pence
    cents am pm that's it's you're we're you'll we'll don't can't won't isn't""".split()
)
_WORD_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")
_EMPTY: frozenset = frozenset()


def _stems(text: str) -> frozenset:
    return frozenset(w[:4] for w in _WORD_TOKEN.findall(text) if len(w) > 2 and w not in _STOP)


class _Pieces:
    """A lower-case text cut where `pattern` matches, except inside a fact: the content
    words of the piece around an offset."""

    def __init__(self, low: str, pattern: re.Pattern, facts: list[tuple[int, int]]) -> None:
        self.low = low
        starts = [start for start, _ in facts]
        self.ends = []
        for match in pattern.finditer(low):
            cut = match.start()
            i = bisect_right(starts, cut) - 1
            if i >= 0 and facts[i][0] < cut < facts[i][1]:
                continue  # "9 a.m. on", "between 3 and 5 days"
            self.ends.append(match.end())
        self.words: dict[int, frozenset] = {}

    def index(self, pos: int) -> int:
        return bisect_right(self.ends, pos)

    def span(self, i: int) -> tuple[int, int]:
        start = self.ends[i - 1] if 0 < i <= len(self.ends) else 0
        end = self.ends[i] if i < len(self.ends) else len(self.low)
        return start, end

    def of(self, i: int) -> frozenset:
        if i < 0:
            return _EMPTY
        if i not in self.words:
            start, end = self.span(i)
            self.words[i] = _stems(self.low[start:end])
        return self.words[i]

    def at(self, pos: int) -> frozenset:
        return self.of(self.index(pos))


class _Context:
    """A reply's words around each of its facts."""

    def __init__(self, low: str, facts: list[tuple[int, int]]) -> None:
        self.low = low
        self.clauses = _Pieces(low, _CLAUSE_END, facts)
        self.sentences = _Pieces(low, _SENTENCE_END, facts)
        self.breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(low)]
        self.topics: dict[int, frozenset] = {}
        self.whole: frozenset | None = None

    def clause(self, pos: int) -> frozenset:
        return self.clauses.at(pos)

    def sentence(self, pos: int) -> frozenset:
        return self.sentences.at(pos)

    def topic(self, pos: int) -> frozenset:
        """For the whole-FAQ rule: the sentence; its paragraph when the sentence has fewer
        than 3 content words ("You'll get your money back within 5 days."); the whole reply
        when the paragraph has fewer than 3 too."""
        i = self.sentences.index(pos)
        if i in self.topics:
            return self.topics[i]
        words = self.sentences.of(i)
        if len(words) < 3:
            p = bisect_right(self.breaks, pos)
            start = self.breaks[p - 1] if p else 0
            end = self.breaks[p] if p < len(self.breaks) else len(self.low)
            words = words | _stems(self.low[start:end])
        if len(words) < 3:
            if self.whole is None:
                self.whole = _stems(self.low)
            words = words | self.whole
        self.topics[i] = words
        return words
