"""The offline answerer: with no model configured, or over a token budget, or with the
model unavailable, reply from the FAQs alone.

When the detector is confident an FAQ covers the question, the reply is the best match's
answer, with up to two "related questions" (the next best matches) that the customer can
ask with a click. Otherwise it says so honestly and offers a person. It is what a fresh
`make run` shows; `kb eval` measures how often the best match is the right one (top1).
"""

from dataclasses import dataclass, field

from app.support.knowledge import FaqEntry
from app.support.prompts import DONT_KNOW
from app.support.selection import Selection

OFFLINE_MODEL = "offline-faq"
RELATED_QUESTIONS = 2


@dataclass(frozen=True)
class OfflineAnswer:
    text: str
    faq: FaqEntry | None  # the FAQ quoted, cited as the answer's source
    related: list[FaqEntry] = field(default_factory=list)  # the next best matches


DONT_KNOW_ANSWER = OfflineAnswer(DONT_KNOW, None)


def offline_answer(selection: Selection) -> OfflineAnswer:
    """The best match's answer if an FAQ covers the question, else "I don't know"."""
    if not selection.confident or not selection.ranked:
        return DONT_KNOW_ANSWER
    best, *others = selection.ranked
    return OfflineAnswer(best.answer.strip(), best, others[:RELATED_QUESTIONS])
