"""The rules' canary: an opaque id in the system prompt's rules that a reply never needs.

If a reply contains it, the model is reproducing its rules (a system-prompt leak), and
the reply is replaced by the scope refusal. The canary is derived from SECRET_KEY, so it
is stable per deployment (the prompt prefix stays cacheable) yet not guessable; it is not
a secret itself, and the prompt holds none.
"""

import hashlib
import hmac
import re
import string

# Lowercases A-Z only: a model may capitalise the canary.
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def canary_for(secret_key: str | None) -> str:
    """The deployment's canary, shaped like a reference id: lowercase letters and digits.

    A debug server may run without SECRET_KEY: its canary is then merely predictable.
    """
    key = (secret_key or "").encode()
    digest = hmac.new(key, b"system-prompt-canary", hashlib.sha256).hexdigest()
    return f"ref{digest[:20]}"


def _letters_and_digits(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).translate(ASCII_LOWER)


def leaked(text: str, canary: str) -> bool:
    """Whether `text` holds the canary, also in capitals or spelled out with separators
    ("r-e-f-1-2", one character a line)."""
    return canary in _letters_and_digits(text)


class CanaryGuard:
    """Passes streamed text on, holding back any tail that could be the canary's start.

    Nothing of the canary is ever passed on, however the deltas split it (or separators
    spell it out); once it has appeared (`tripped`), nothing more is, and the caller
    replaces the whole reply.
    """

    def __init__(self, canary: str) -> None:
        self.canary = canary
        self.held = ""
        self.tripped = False

    def feed(self, delta: str) -> str:
        """The part of the text so far that is safe to show now."""
        if self.tripped:
            return ""
        text = self.held + delta
        if leaked(text, self.canary):
            self.tripped, self.held = True, ""
            return ""
        cut = self._start_of_possible_canary(text)
        self.held = text[cut:]
        return text[:cut]

    def flush(self) -> str:
        """At the end of the stream: the tail held back, which was not the canary after all."""
        text, self.held = ("" if self.tripped else self.held), ""
        return text

    def _start_of_possible_canary(self, text: str) -> int:
        """Where the longest end of `text` that could begin the canary starts (len: none).

        Walks back from the end, one character at a time, until the letters and digits
        seen are as long as the canary: a short scan, whatever the text's length.
        """
        cut, seen = len(text), ""
        for i in range(len(text) - 1, -1, -1):
            letters = _letters_and_digits(text[i])
            if not letters:
                continue
            seen = letters + seen
            if len(seen) >= len(self.canary):
                break
            if self.canary.startswith(seen):
                cut = i
        return cut
