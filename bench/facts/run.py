"""`python -m bench.facts [--split each|all|<batch>] [--details] [--repeat N]`.

Batches: `bench.facts.build.BATCHES` (tune, heldout, fresh, blind, blind2 to blind5).

Runs the fact checker (`app.support.facts.unsupported_facts`) and a naive baseline over
`bench/data/facts/cases.jsonl` and prints, per batch and for all (`--split each`, the
default), a Markdown table: replies, fully supported replies and how many were flagged,
unsupported facts and how many were caught, fact-level precision, and microseconds per
reply. `--details` lists every miss and every wrong flag.

Rows: the naive baseline (digit runs not in the sources, as written); the checker with
values alone (`context=False`); the checker given the conversation among the FAQs; the
checker as the app should call it (FAQs as `sources`, earlier messages as
`conversation`); the same with its source cache cleared before every call ("cold").

A flagged fact catches an expected one when their spans in the reply overlap (the
checker's "3-5 working days" catches an expected "3-5"). Timing: each reply is checked
`--repeat` times in turn (default 20), after one untimed pass, and every call timed with
`perf_counter_ns`; the checker keeps each source text's facts (LRU), as it does in the
app, where the same FAQ texts come back reply after reply.
"""

import argparse
import csv
import json
import os
import platform
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from app.support import facts
from app.support.facts import Fact
from app.support.facts.sources import _source_index
from bench.facts.build import BATCHES, FAQ_FILES, OUT

SPLITS = tuple(name for name, _ in BATCHES)
NAIVE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def naive_unsupported(reply: str, sources: list[str], conversation: list[str]) -> list[Fact]:
    """The trivial baseline: every run of digits in the reply that no source contains as
    a run of digits, as written ("$12.00" is not "$12", "thirty" is not a number)."""
    known: set[str] = set()
    for source in sources + conversation:
        known.update(NAIVE_NUMBER.findall(source))
    return [
        Fact(m.group(), "number", m.start(), m.end())
        for m in NAIVE_NUMBER.finditer(reply)
        if m.group() not in known
    ]


def checker(reply: str, sources: list[str], conversation: list[str]) -> list[Fact]:
    return facts.unsupported_facts(reply, sources, conversation=conversation)


def cold(reply: str, sources: list[str], conversation: list[str]) -> list[Fact]:
    _source_index.cache_clear()
    return facts.unsupported_facts(reply, sources, conversation=conversation)


def values_only(reply: str, sources: list[str], conversation: list[str]) -> list[Fact]:
    return facts.unsupported_facts(reply, sources, conversation=conversation, context=False)


def one_list(reply: str, sources: list[str], conversation: list[str]) -> list[Fact]:
    return facts.unsupported_facts(reply, sources + conversation)


CHECKERS: dict[str, Callable[[str, list[str], list[str]], list[Fact]]] = {
    "naive: any digit run not in the sources": naive_unsupported,
    "facts, values only (`context=False`)": values_only,
    "facts, conversation among the FAQs (`sources`)": one_list,
    "**facts** (the default; sources cached)": checker,
    "facts, cold (sources parsed every call)": cold,
}


@dataclass
class Case:
    id: str
    split: str
    reply: str
    sources: list[str]  # the FAQs in the prompt
    conversation: list[str]
    expected: list[str]
    note: str


def load_cases() -> list[Case]:
    texts = {}
    for kb, path in FAQ_FILES.items():
        with open(path, encoding="utf-8", newline="") as f:
            texts[kb] = {
                r["question"]: f"{r['question']}\n{r['answer']}" for r in csv.DictReader(f)
            }
    cases = []
    with open(OUT, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            sources = [texts[row["kb"]][q] for q in row["faqs"]]
            cases.append(
                Case(
                    row["id"],
                    row["split"],
                    row["reply"],
                    sources,
                    row["conversation"],
                    row["unsupported"],
                    row["note"],
                )
            )
    return cases


def spans(reply: str, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(text), reply)]


def overlaps(fact: Fact, places: list[tuple[int, int]]) -> bool:
    return any(fact.start < end and start < fact.end for start, end in places)


@dataclass
class Score:
    replies: int = 0
    supported: int = 0
    false_flagged: int = 0
    unsupported: int = 0
    caught: int = 0
    flagged: int = 0
    flagged_right: int = 0
    unsupported_replies: int = 0
    unsupported_replies_flagged: int = 0


def evaluate(cases: list[Case], check, details: bool) -> Score:
    score = Score()
    for case in cases:
        found = check(case.reply, case.sources, case.conversation)
        places = {text: spans(case.reply, text) for text in case.expected}
        score.replies += 1
        score.flagged += len(found)
        wrong = [f for f in found if not any(overlaps(f, p) for p in places.values())]
        score.flagged_right += len(found) - len(wrong)
        if not case.expected:
            score.supported += 1
            score.false_flagged += bool(found)
        else:
            score.unsupported_replies += 1
            score.unsupported_replies_flagged += bool(found)
        missed = [t for t, p in places.items() if not any(overlaps(f, p) for f in found)]
        score.unsupported += len(case.expected)
        score.caught += len(case.expected) - len(missed)
        if details and (wrong or missed):
            print(f"- {case.id}: {case.reply!r}")
            for fact in wrong:
                print(f"    flagged, supported: {fact.text!r} ({fact.kind})")
            for text in missed:
                print(f"    missed: {text!r}" + (f"  [{case.note}]" if case.note else ""))
    return score


def timings(cases: list[Case], check, repeat: int) -> list[float]:
    for case in cases:  # warm up: imports, compiled patterns, caches
        check(case.reply, case.sources, case.conversation)
    out = []
    for _ in range(repeat):
        for case in cases:
            t0 = time.perf_counter_ns()
            check(case.reply, case.sources, case.conversation)
            out.append((time.perf_counter_ns() - t0) / 1000)
    return out


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


def table(cases: list[Case], repeat: int, details: bool) -> None:
    print(
        "| checker | replies | supported replies | falsely flagged (rate) | unsupported facts "
        "| caught (recall) | fact precision | unsupported replies flagged | µs/reply mean | p99 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, check in CHECKERS.items():
        if details:
            print(f"\n{name}:")
        s = evaluate(cases, check, details and "cold" not in name and "values" not in name)
        times = timings(cases, check, repeat)
        print(
            f"| {name} | {s.replies} | {s.supported} | {s.false_flagged} "
            f"({ratio(s.false_flagged, s.supported)}) | {s.unsupported} | {s.caught} "
            f"({ratio(s.caught, s.unsupported)}) | {ratio(s.flagged_right, s.flagged)} "
            f"({s.flagged_right}/{s.flagged}) | {s.unsupported_replies_flagged}/"
            f"{s.unsupported_replies} | {statistics.fmean(times):.0f} | {p99(times):.0f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split",
        choices=(*SPLITS, "all", "each"),
        default="each",
    )
    parser.add_argument("--details", action="store_true", help="list misses and wrong flags")
    parser.add_argument("--repeat", type=int, default=20, help="timed calls per reply")
    args = parser.parse_args()
    cases = load_cases()
    print(
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs, "
        f"{platform.processor() or platform.machine()}; {len(cases)} cases in "
        f"{OUT.name}\n"
    )
    splits = (*SPLITS, "all") if args.split == "each" else (args.split,)
    for split in splits:
        chosen = [c for c in cases if split == "all" or c.split == split]
        if not chosen:
            continue
        print(f"### {split} ({len(chosen)} replies)\n")
        table(chosen, args.repeat, args.details)
        print()


if __name__ == "__main__":
    main()
