"""`python -m bench.grounding.coverage [--repo DIR]`: `kb eval` on every labelled set, as a
Markdown table (docs/benchmarks.md, "Coverage and ranking by default").

Each figure comes from `flask --app wsgi kb eval --json`, the command staff run, in a
fresh process with only the environment the row names. `--repo` runs another checkout's
code on the same sets (to measure a commit from before a change, side by side).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.grounding.data import DATA, ROOT, Sources, write_queries

TESTS = ROOT / "tests" / "data"
CONFIGS = {
    "lexical (`SEMANTIC_RANKER=off`)": {"SEMANTIC_RANKER": "off"},
    "default (meaning + words)": {},
}
COLUMNS = ("recall", "token_share", "in_scope_refused", "oos_detected", "top1", "top3")


def labelled_sets(northwind: dict[str, Path]) -> dict[str, tuple[Path, Path]]:
    """name -> (FAQs CSV, queries CSV)."""
    demo = TESTS / "demo_faqs.csv"
    dental = DATA / "brightside-dental"
    return {
        "demo shop, tune (60 + 20)": (demo, TESTS / "demo_rewordings.csv"),
        "demo shop, held-out (30 + 15)": (demo, TESTS / "demo_rewordings_heldout.csv"),
        "dental practice, unseen (72 + 30)": (dental / "faqs.csv", dental / "queries.csv"),
        "Northwind, tune half (5,025 + 100)": (Sources.find().faqs, northwind["tune"]),
        "Northwind, held-out half (4,978 + 100)": (Sources.find().faqs, northwind["heldout"]),
    }


def kb_eval(repo: Path, faqs: Path, queries: Path, env: dict[str, str]) -> dict:
    args = [sys.executable, "-m", "flask", "--app", "wsgi", "kb", "eval", "--json"]
    args += ["--faqs", str(faqs), "--queries", str(queries)]
    # The row's settings alone: none of the caller's own (a SEMANTIC_RANKER, say).
    inherited = {k: v for k, v in os.environ.items() if k not in ("SEMANTIC_RANKER",)}
    environ = {**inherited, "SECRET_KEY": "bench", **env}
    done = subprocess.run(args, cwd=repo, env=environ, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def cell(report: dict, key: str) -> str:
    value = report.get(key)
    return "-" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.grounding.coverage")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the checkout to run")
    parser.add_argument(
        "--config", action="append", help="NAME:ENV=VALUE,... instead of the default rows"
    )
    options = parser.parse_args(argv)
    configs = {}
    for spec in options.config or []:
        name, _, pairs = spec.partition(":")
        configs[name] = dict(pair.split("=", 1) for pair in pairs.split(",") if pair)
    configs = configs or CONFIGS
    with tempfile.TemporaryDirectory() as scratch:
        sets = labelled_sets(write_queries(Sources.find(), Path(scratch)))
        print("| set | configuration | " + " | ".join(COLUMNS) + " |")
        print("|---|---|" + "---|" * len(COLUMNS))
        for set_name, (faqs, queries) in sets.items():
            for config_name, env in configs.items():
                report = kb_eval(options.repo, faqs, queries, env)
                cells = " | ".join(cell(report, key) for key in COLUMNS)
                print(f"| {set_name} | {config_name} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
