"""`python -m bench.facts.build`: write bench/data/facts/cases.jsonl from bench/facts/cases.py.

Deterministic: the same cases give the same file, byte for byte. Each line is one reply:

    {"id", "split", "kb", "faqs": [FAQ questions in the prompt], "conversation": [earlier
     messages], "reply", "unsupported": [facts as written in the reply], "note"}
"""

import csv
import json
from pathlib import Path

from bench.facts.blind3 import BLIND3
from bench.facts.blind4 import BLIND4
from bench.facts.blind5 import BLIND5
from bench.facts.cases import BLIND, BLIND2, FRESH, HELDOUT, TUNE, Case

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "data" / "facts" / "cases.jsonl"
FAQ_FILES = {
    "demo": ROOT / "tests" / "data" / "demo_faqs.csv",
    "northwind": ROOT / "bench" / "data" / "northwind-bank" / "faqs.csv",
}
# In the order they were written; each was written in full before its first run.
BATCHES = (
    ("tune", TUNE),
    ("heldout", HELDOUT),
    ("fresh", FRESH),
    ("blind", BLIND),
    ("blind2", BLIND2),
    ("blind3", BLIND3),  # blind-3 to blind-5: other authors, who never saw the checker
    ("blind4", BLIND4),
    ("blind5", BLIND5),
)


def load_faqs(kb: str) -> list[dict[str, str]]:
    with open(FAQ_FILES[kb], encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def prompt_faqs(case: Case, faqs: list[dict[str, str]]) -> list[str]:
    """The questions of the FAQs in the prompt, in id order."""
    if case.kb == "demo":
        return [row["question"] for row in faqs]
    by_id = {int(row["id"]): row for row in faqs}
    categories = {by_id[i]["category"] for i in case.faqs}
    return [row["question"] for row in faqs if row["category"] in categories]


def rows() -> list[dict]:
    faqs = {kb: load_faqs(kb) for kb in FAQ_FILES}
    out = []
    for split, cases in BATCHES:
        for n, case in enumerate(cases, 1):
            for fact in case.unsupported:
                if fact not in case.reply:
                    raise ValueError(f"{split} {n}: {fact!r} is not in the reply")
            out.append(
                {
                    "id": f"{split}-{n:03d}",
                    "split": split,
                    "kb": case.kb,
                    "faqs": prompt_faqs(case, faqs[case.kb]),
                    "conversation": list(case.said),
                    "reply": case.reply,
                    "unsupported": list(case.unsupported),
                    "note": case.note,
                }
            )
    return out


def main() -> None:
    lines = [json.dumps(row, ensure_ascii=False) for row in rows()]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} cases -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
