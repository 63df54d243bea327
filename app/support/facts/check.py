"""Which facts of a reply no source supports (`app.support.facts`; the rules are in its
docstring)."""

from __future__ import annotations

from collections.abc import Iterable

from app.support.facts.extract import Fact, _extract, _Item, _lower
from app.support.facts.sources import _Source, _source_index
from app.support.facts.topic import _IN_CONTEXT, _Context


def unsupported_facts(
    reply: str,
    sources: Iterable[str],
    *,
    conversation: Iterable[str] = (),
    context: bool = True,
) -> list[Fact]:
    """The facts in `reply` that appear in none of `sources` (the FAQ texts given to the
    model: question and answer, and the conversation's earlier messages).

    Pass each FAQ as its own text ("question\\nanswer"). A number, amount, duration,
    percentage or time from `sources` supports the reply's only on the same topic: "$50"
    for free shipping does not support "Express costs $50" when the FAQ says "Express
    costs $12" (the module's docstring, "Topic"). Texts given as `conversation` (earlier
    messages, passed apart from the FAQs) support by value alone, whatever the words
    around: "I paid £40" supports "your £40 refund". `context=False` matches every source
    by value alone.
    """
    items = _extract(reply or "")
    if not items:
        return []
    given = [_source_index(text) for text in sources if text]
    topical = given if context else []
    plain = [] if context else [source.keys for source in given]
    plain += [_source_index(text).keys for text in conversation if text]
    around = _Context(_lower(reply), [(item.fact.start, item.fact.end) for item in items])
    return [item.fact for item in items if not _supported(item, topical, plain, around)]


def _supported(
    item: _Item, topical: list[_Source], plain: list[frozenset], around: _Context
) -> bool:
    need = item.need
    if any(not need.isdisjoint(keys) for keys in plain):
        return True
    holders = [source for source in topical if not need.isdisjoint(source.keys)]
    if not holders:
        return False
    if item.fact.kind not in _IN_CONTEXT or any(not source.topic for source in holders):
        return True  # a URL, email, phone number or date; a source without words
    pos = item.fact.start
    same, other = _closest(item, topical, around.clause(pos))
    if other > same:  # closer to a different figure: unless its sentence says otherwise
        same, other = _closest(item, topical, around.sentence(pos))
        return other <= same
    if same:
        return True
    mine = around.topic(pos)  # no shared word either way: the whole FAQ's topic
    if not mine:
        return True  # a reply without content words: by value
    return any(not source.topic or not source.topic.isdisjoint(mine) for source in holders)


def _closest(item: _Item, sources: list[_Source], words: frozenset) -> tuple[int, int]:
    """How many of `words` the closest figure stating the fact's value shares (its
    sentence, the sentence before, its FAQ's question), and the closest figure of the
    same kind stating another value (its sentence).

    Support gets the wider context because a false flag costs more than a miss; another
    value gets its sentence, not its clause, because a source's subject is often in
    another clause ("any card issued outside the UK and EEA, such as a US card, costs
    2.5%"), and not its question, whose words are too general ("What if my item arrives
    damaged?" would claim "Refunds arrive within 5 business days")."""
    if not words:
        return 0, 0
    need, kind = item.need, item.fact.kind
    same = other = 0
    for source in sources:
        for figure in source.figures:
            if not need.isdisjoint(figure.give):
                same = max(same, len(words & figure.about))
            elif figure.kind == kind:
                other = max(other, len(words & figure.sentence))
    return same, other
