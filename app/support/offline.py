"""The offline answerer: with no model configured, reply with the best-matching FAQ.

It is what a fresh `make run` shows, and the fallback when the model is unavailable.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from app.support.knowledge import FaqEntry

OFFLINE_MODEL = "offline-faq"

# Below this score (0-100) the best FAQ is more likely a coincidence than an answer.
# Measured on the demo FAQs: 193 of the 200 messages in shared/datasets/out-of-scope
# score under it, while paraphrases of the FAQ questions score 69-100.
MATCH_THRESHOLD = 60

# Answer text is long and matches by accident more often than a question does.
ANSWER_WEIGHT = 0.9

STOPWORDS = frozenset(
    "a about am an and any are at be can could did do does for have has hello hi how i in is "
    "it me my of on or our please should that the there this to was we what when where which "
    "who why with would you your".split()
)

DONT_KNOW = (
    "I'm sorry, I don't have an answer to that in our help articles. "
    "Would you like me to put you in touch with a person?"
)


def _stem(word: str) -> str:
    # Just enough to match "returning"/"returns" with "return"; grounding does the rest.
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def keywords(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return " ".join(_stem(w) for w in words if w not in STOPWORDS)


def score(question: str, faq: FaqEntry) -> float:
    query = keywords(question)
    if not query:
        return 0.0
    return max(
        fuzz.token_set_ratio(query, keywords(faq.question)),
        ANSWER_WEIGHT * fuzz.token_set_ratio(query, keywords(faq.answer)),
    )


def best_match(question: str, faqs: Sequence[FaqEntry]) -> FaqEntry | None:
    """The FAQ that best answers `question`, or None when none matches well enough."""
    scored = [(score(question, faq), faq) for faq in faqs]
    best_score, best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return best if best_score >= MATCH_THRESHOLD else None


@dataclass(frozen=True)
class OfflineAnswer:
    text: str
    faq: FaqEntry | None  # the FAQ quoted, cited as the answer's source


def offline_answer(question: str, faqs: Sequence[FaqEntry]) -> OfflineAnswer:
    faq = best_match(question, faqs)
    if faq is None:
        return DONT_KNOW_ANSWER
    return OfflineAnswer(faq.answer.strip(), faq)


DONT_KNOW_ANSWER = OfflineAnswer(DONT_KNOW, None)
