"""Did a reply answer the customer? Decided from the reply itself, for the staff's list of
questions the FAQs do not answer yet.

The model sees every FAQ (or the selected ones) and judges coverage itself; a retrieval
guess made before the reply would list questions it did answer. A reply that cites an
FAQ answered. One that cites none and gives the don't-know sentence or the scope refusal
(the rules ask for both word for word, app/support/prompts.py), or words to that effect,
did not. Anything else (a greeting, a thank-you) is not a gap in the FAQs.
"""

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from app.support.prompts import DONT_KNOW

# The fixed sentences may come with a greeting, or slightly reworded.
SENTENCE_MATCH = 90

# Models sometimes say it in their own words.
NOT_ANSWERED = re.compile(
    r"\b(?:don't|do not|doesn't|does not) (?:have|know|cover|include|mention)\b"
    r"|\bno information\b|\bnot sure\b|\bunable to (?:help|answer|find)\b"
    r"|\bcan(?:no|')t (?:help|answer|find)\b|\bin touch with a person\b",
    re.IGNORECASE,
)


def answered(text: str, cited: Sequence, refusal: str) -> bool:
    """False when the reply cites no FAQ and says it cannot answer (or is off-topic)."""
    if cited:
        return True
    plain = text.replace("\u2019", "'").lower()
    for sentence in (DONT_KNOW, refusal):
        if fuzz.partial_ratio(sentence.lower(), plain) >= SENTENCE_MATCH:
            return False
    return NOT_ANSWERED.search(plain) is None
