"""Words for matching customer messages to FAQs: tokens, word forms and typos.

Matching is on stems ("charged", "charges" and "charging" all become "charg"), so the
usual word forms meet without a dictionary. What stemming cannot join (typos such as
"recieve", odd forms such as "verification" / "verify") is matched with rapidfuzz against
the knowledge base's own vocabulary.
"""

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from app.support.tokens import encoding_for

# Words too common in support messages to say anything about the topic.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each else
    even ever every few for from further get gets getting got had has have having he her here
    hers him his how i if im in into is it its itself ive just let like me might mine more
    most much must my myself need needs no nor not now of off on once only or other our ours
    out over own please possible same shall she should so some such than thank thanks that
    the their them then there these they this those through to too under until up us very
    want was we were what when where which while who whom why will with would yes yet you
    your yours hi hello hey ok okay still also already really way thing things one ones
    someone something anything dont doesnt didnt isnt arent wasnt werent cant cannot couldnt
    wont wouldnt havent hasnt hadnt many lot lots tell show find know explain""".split()
)

_WORD = re.compile(r"[a-z0-9]+")
# Longest first: the first suffix that fits is the one removed.
_SUFFIXES = ("ational", "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "es")
_SUFFIXES += ("ed", "ly", "s", "e", "y")
_KEEP_ENDINGS = ("ss", "us", "is")


def stem(word: str) -> str:
    """A light suffix-stripping stem: enough to join word forms, not always a real word."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(_KEEP_ENDINGS):
                return word
            word = word[: -len(suffix)]
            break
    # "topping" -> "topp" -> "top", "cancelled" -> "cancell" -> "cancel"
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeious":
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """The text's meaningful words, lower-cased, in order, repeats kept."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return [word for word in _WORD.findall(text) if word not in STOPWORDS]


def terms(text: str) -> list[str]:
    """The stems of the text's meaningful words."""
    return [stem(word) for word in words(text)]


@lru_cache(maxsize=65536)
def rarity(word: str, model: str = "gpt-4o-mini") -> float:
    """How rare a word is in general text, from the model's own tokenizer (offline).

    BPE merges frequent strings first, so a common word is one token with a low id;
    "card" or "came" weigh little, "overdraft" or "hexagon" much more.
    """
    ids = encoding_for(model).encode(" " + word, disallowed_special=())
    return math.log(10 + (ids[0] if len(ids) == 1 else encoding_for(model).n_vocab))


class Vocabulary:
    """The knowledge base's words, to find the stem a customer's word means.

    A word whose stem is known matches exactly; otherwise the closest known word within
    one edit (two for long words) stands in for it, so "recieved" finds "received".
    Typos are looked up on whole words, since stemming a misspelt word goes astray.
    """

    # Short words change too much with a typo to be told from other words.
    MIN_FUZZY_LENGTH = 5
    LONG_WORD = 8

    def __init__(self, known_words: Iterable[str]) -> None:
        self._stem_of = {word: stem(word) for word in known_words}
        self.stems = frozenset(self._stem_of.values())
        # Bucketed by first letter (a typo rarely hits it) and length, so that a lookup
        # compares only the few words a typo could have come from.
        self._buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in sorted(self._stem_of):
            self._buckets[word[0], len(word)].append(word)

    def resolve(self, word: str) -> tuple[str, float] | None:
        """The known stem `word` means and how sure that is (1.0 exact), or None."""
        term = stem(word)
        if term in self.stems:
            return term, 1.0
        if len(word) < self.MIN_FUZZY_LENGTH or word.isdigit():
            return None
        return self._closest(word)

    @lru_cache(maxsize=4096)  # noqa: B019 - one selector per knowledge base, kept for long
    def _closest(self, word: str) -> tuple[str, float] | None:
        allowed = 2 if len(word) >= self.LONG_WORD else 1
        best = None
        for length in range(len(word) - allowed, len(word) + allowed + 1):
            candidates = self._buckets.get((word[0], length), ())
            found = process.extractOne(word, candidates, scorer=OSA.distance, score_cutoff=allowed)
            if found is not None and (best is None or found[1] < best[1]):
                best = found
        if best is None:
            return None
        return self._stem_of[best[0]], 1 - best[1] / len(word)
