"""Exact token counts in the configured model's encoding, with the network off.

tiktoken fetches encoding files on first use, which fails offline and on many servers.
The o200k_base file ships in `tiktoken_cache/` (see its README), and tiktoken is pointed
there; it verifies the file's checksum on load.
"""

import logging
import os
from functools import lru_cache
from pathlib import Path

import tiktoken

log = logging.getLogger(__name__)

VENDORED = "o200k_base"
os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(Path(__file__).with_name("tiktoken_cache")))


@lru_cache(maxsize=8)
def encoding_for(model: str) -> tiktoken.Encoding:
    """The model's encoding; o200k_base for models it does not know (e.g. local ones)."""
    try:
        name = tiktoken.encoding_name_for_model(model)
    except KeyError:
        name = VENDORED
    if name != VENDORED:
        log.warning("no offline copy of %s (model %s): counting with %s", name, model, VENDORED)
    return tiktoken.get_encoding(VENDORED)


def count_tokens(text: str, model: str) -> int:
    return len(encoding_for(model).encode(text, disallowed_special=()))


def count_prompt_tokens(messages: list[dict[str, str]], model: str) -> int:
    """Tokens of a Chat Completions prompt (content plus OpenAI's ~3 tokens of framing each)."""
    return sum(count_tokens(m["content"], model) + 3 for m in messages) + 3
