"""How well a FAQ selection does on labelled customer questions (`kb eval` and the bench).

A query is a customer message with the FAQ that answers it, or none when no FAQ covers it
(out of scope). Any selection function can be measured, so the benchmark's baselines and
the production `FaqSelector` are held to the same figures.
"""

import csv
import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from app.support.knowledge import BadCsv
from app.support.selection import Selection

QUERY_COLUMNS = ("text", "faq_id")
JSON_KEYS = ("recall", "top1", "top3", "mean_faqs", "mean_tokens", "token_share")
JSON_KEYS += ("oos_detected", "in_scope_refused", "p50_ms", "p99_ms")


@dataclass(frozen=True)
class Query:
    text: str
    faq_id: int | None  # None: no FAQ covers it


@dataclass(frozen=True)
class Report:
    """The figures `kb eval --json` prints; a share is None when it has no queries to count."""

    recall: float | None  # in-scope queries whose FAQ was injected
    top1: float | None  # in-scope queries whose FAQ ranked first (what the offline answer shows)
    top3: float | None  # ... among the first three (the answer and its related questions)
    mean_faqs: float
    mean_tokens: float  # FAQ-block tokens per query
    token_share: float  # mean_tokens / tokens of injecting every FAQ
    oos_detected: float | None  # out-of-scope queries found to have no FAQ (not confident)
    in_scope_refused: float | None  # in-scope queries wrongly found to have none
    p50_ms: float  # selection time per query (wall clock)
    p99_ms: float
    # CPU time of the selecting thread: what the code costs, without the waits for a
    # core that a busy machine adds to the wall clock. Not part of `kb eval --json`.
    cpu_p50_ms: float
    cpu_p99_ms: float

    def as_dict(self) -> dict[str, float | None]:
        """The figures `kb eval --json` prints."""
        return {key: getattr(self, key) for key in JSON_KEYS}

    def as_text(self, faq_count: int, in_scope: int, out_of_scope: int) -> str:
        """The report for people: what each figure means, in the order staff read it."""

        def share(value: float | None) -> str:
            return "n/a (no such queries)" if value is None else f"{value:.1%}"

        return "\n".join(
            [
                f"{faq_count} FAQs, {in_scope} in-scope and {out_of_scope} out-of-scope queries",
                f"recall (the right FAQ was in the prompt):      {share(self.recall)}",
                f"the right FAQ ranked first / in the top three: {share(self.top1)}"
                f" / {share(self.top3)}",
                f"FAQs in the prompt, mean:                     {self.mean_faqs:.1f}",
                f"FAQ block tokens, mean:                       {self.mean_tokens:.0f}"
                f" ({self.token_share:.1%} of injecting every FAQ)",
                f"out-of-scope recognised as having no FAQ:     {share(self.oos_detected)}",
                f"in-scope wrongly treated as having no FAQ:    {share(self.in_scope_refused)}",
                f"selection time per query:                     p50 {self.p50_ms:.2f} ms,"
                f" p99 {self.p99_ms:.2f} ms (CPU time p99 {self.cpu_p99_ms:.2f} ms)",
            ]
        )


def read_queries_csv(stream: TextIO, faq_ids: Iterable[int]) -> list[Query]:
    """Every row, validated against the FAQ ids; raises BadCsv naming the first bad line."""
    known = set(faq_ids)
    reader = csv.DictReader(stream)
    missing = [c for c in QUERY_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise BadCsv(f"line 1: the header needs text,faq_id (missing {', '.join(missing)})")
    queries = []
    for row in reader:
        line, text = reader.line_num, (row["text"] or "").strip()
        raw_id = (row["faq_id"] or "").strip()
        if not text:
            raise BadCsv(f"line {line}: text must not be empty")
        if raw_id and not raw_id.isdigit():
            raise BadCsv(f"line {line}: faq_id must be an FAQ id or empty, not {raw_id!r}")
        if raw_id and int(raw_id) not in known:
            raise BadCsv(f"line {line}: faq_id {raw_id} is not in the FAQs file")
        queries.append(Query(text, int(raw_id) if raw_id else None))
    if not queries:
        raise BadCsv("no queries: the file has a header but no rows")
    return queries


def percentile(sorted_values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


def evaluate(
    select: Callable[[str], Selection], queries: Sequence[Query], total_tokens: int
) -> Report:
    """Run `select` on every query and measure the injected sets, verdicts and time."""
    hits = first = top_three = in_scope = refused = out_of_scope = detected = 0
    faq_count = token_count = 0
    timings, cpu_timings = [], []
    for query in queries:
        started, cpu_started = time.perf_counter(), time.thread_time()
        selection = select(query.text)
        timings.append((time.perf_counter() - started) * 1000)
        cpu_timings.append((time.thread_time() - cpu_started) * 1000)
        faq_count += len(selection.faqs)
        token_count += selection.tokens
        if query.faq_id is None:
            out_of_scope += 1
            detected += not selection.confident
        else:
            in_scope += 1
            refused += not selection.confident
            hits += any(faq.id == query.faq_id for faq in selection.faqs)
            best = [faq.id for faq in selection.ranked[:3]]
            first += best[:1] == [query.faq_id]
            top_three += query.faq_id in best
    timings.sort()
    cpu_timings.sort()
    count = len(queries) or 1
    mean_tokens = token_count / count
    return Report(
        recall=hits / in_scope if in_scope else None,
        top1=first / in_scope if in_scope else None,
        top3=top_three / in_scope if in_scope else None,
        mean_faqs=faq_count / count,
        mean_tokens=mean_tokens,
        token_share=mean_tokens / total_tokens if total_tokens else 0.0,
        oos_detected=detected / out_of_scope if out_of_scope else None,
        in_scope_refused=refused / in_scope if in_scope else None,
        p50_ms=percentile(timings, 0.50),
        p99_ms=percentile(timings, 0.99),
        cpu_p50_ms=percentile(cpu_timings, 0.50),
        cpu_p99_ms=percentile(cpu_timings, 0.99),
    )
