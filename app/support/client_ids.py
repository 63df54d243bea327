"""Session ids a client makes itself (the original widget's contract: it sends its own
UUID as `session_id` on the first call). Accepted only when a guess is hopeless: at least
122 random bits, as a version 4 UUID carries, and no visible pattern. The conversation is
stored under the id's hash, exactly as a server-made id; server-made ids stay the default.

The pattern checks are a floor against careless clients ("test-session-0000…", a UUID of
zeros, "abcdefgh…"), not a proof of randomness: nobody can tell a random string from a
well-chosen one by looking. They are cheap and have no false alarms on real random ids
(tests/test_client_ids.py: 1,000,000 uuid4s and token_urlsafe values each).
"""

import math
import re
import uuid
from collections import Counter

MIN_CHARS = 32  # URL-safe alphabet: 6 bits a character at best, 192 bits at 32
MAX_CHARS = 128
MIN_BITS = 122  # a version 4 UUID's random bits
URL_SAFE = re.compile(r"[A-Za-z0-9_-]+")
UUID4 = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}")

# Why an id is refused, in the words the 400 says.
REFUSAL = (
    "`session_id` must be one this API gave you, or one you made with at least 122 random "
    "bits: a version 4 UUID, or 32 or more random characters from A-Z, a-z, 0-9, - and _ "
    "(a random string of that length mixes upper and lower case)."
)


def entropy_bits(text: str) -> float:
    """The text's length times its characters' Shannon entropy: what a string with this
    spread of characters could hold at most."""
    counts, total = Counter(text), len(text)
    return -sum(n * math.log2(n / total) for n in counts.values())


def patterned(text: str) -> bool:
    """Runs of one character, repeats of a short piece, or stretches of consecutive
    characters ("abcdefgh", "98765432"): what people type, not what a generator makes."""
    if re.search(r"(.)\1{7}", text):  # aaaaaaaa
        return True
    if re.search(r"(.{3,8})\1{3}", text):  # abcabcabcabc
        return True
    run, longest, previous = 0, 0, 0
    for a, b in zip(text, text[1:], strict=False):
        step = ord(b) - ord(a)
        run = run + 1 if step in (1, -1) and step == previous else (1 if step in (1, -1) else 0)
        previous, longest = step, max(longest, run)
    return longest >= 7  # eight characters counting up or down


def strong_client_id(session_id: str) -> bool:
    """A client-made id strong enough to name a conversation (see the module's docstring)."""
    if not isinstance(session_id, str) or not MIN_CHARS <= len(session_id) <= MAX_CHARS:
        return False
    lowered = session_id.lower()
    if UUID4.fullmatch(lowered):
        digits = uuid.UUID(lowered).hex
        # 30 of 32 hex digits are random; real ones hold about 100 bits by this measure.
        return not patterned(digits) and entropy_bits(digits) >= 80
    if not URL_SAFE.fullmatch(session_id) or patterned(session_id):
        return False
    # Random characters from all 64 mix both cases (one case alone: 1 in 20 million at
    # 32 characters); words do not ("my-widget-session-for-testing").
    mixed = session_id != session_id.lower() and session_id != session_id.upper()
    return mixed and entropy_bits(session_id) >= MIN_BITS
