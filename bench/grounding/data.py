"""The benchmark's data: Northwind FAQs, banking77 and CLINC150 queries, synthetic KBs.

The files are in bench/data (each with its licence and source).
"""

import csv
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from app.support.knowledge import FaqRow, read_faq_csv

ROOT = Path(__file__).parents[2]
DATA = ROOT / "bench" / "data"


@dataclass(frozen=True)
class Sources:
    faqs: Path
    utterances: Path
    out_of_scope: Path

    @classmethod
    def find(cls) -> "Sources":
        return cls(
            DATA / "northwind-bank" / "faqs.csv",
            DATA / "banking77" / "train.csv",
            DATA / "out-of-scope" / "clinc150_oos_dev.csv",
        )


def northwind_faqs(sources: Sources) -> list[FaqRow]:
    with open(sources.faqs, encoding="utf-8") as stream:
        return read_faq_csv(stream)


def write_queries(sources: Sources, directory: Path) -> dict[str, Path]:
    """banking77 as queries CSVs (text,faq_id), the out-of-scope messages appended.

    Within each intent the utterances alternate between two halves: `tune` (the half the
    selector's thresholds were chosen on) and `heldout` (the half the table reports);
    `all` has both, as `kb eval` is documented with.
    """
    with open(sources.faqs, encoding="utf-8") as stream:
        faq_of_intent = {row["intent"]: row["id"] for row in csv.DictReader(stream)}
    halves: dict[str, list[tuple[str, str]]] = {"all": [], "tune": [], "heldout": []}
    seen: dict[str, int] = defaultdict(int)
    with open(sources.utterances, encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            intent = row["category"]
            query = (row["text"], faq_of_intent[intent])
            halves["all"].append(query)
            halves["tune" if seen[intent] % 2 == 0 else "heldout"].append(query)
            seen[intent] += 1
    with open(sources.out_of_scope, encoding="utf-8") as stream:
        out_of_scope = [(row["text"], "") for row in csv.DictReader(stream)]
    # The out-of-scope messages are halved the same way: the coverage detector's
    # thresholds were chosen on the tune half.
    halves["all"] += out_of_scope
    halves["tune"] += out_of_scope[0::2]
    halves["heldout"] += out_of_scope[1::2]
    paths = {}
    directory.mkdir(parents=True, exist_ok=True)
    for name, queries in halves.items():
        paths[name] = directory / f"queries-{name}.csv"
        with open(paths[name], "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["text", "faq_id"])
            writer.writerows(queries)
    return paths


def main() -> None:
    """`python -m bench.grounding.data DIR`: write the queries CSVs for `kb eval` there."""
    import sys

    for name, path in write_queries(Sources.find(), Path(sys.argv[1])).items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()


# Synthetic knowledge bases: the Northwind FAQs among generated ones, so every Northwind
# query keeps its gold FAQ while the selector has 1,000 or 10,000 FAQs to choose from.
# Each generated category has its own made-up topic words (so its FAQs are about
# something else), written with the same support phrasing and some of the same
# everyday support words as real FAQs (so they still compete for common words).
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
SHARED_WORDS = (
    "order account app help days contact team time request change update details service "
    "support email customer available working business information settings check option "
    "select open page menu steps free price cost plan item product number date list new use "
    "fee limit pending online payment"
).split()
FAQS_PER_CATEGORY = 12
TOPIC_WORDS = 24


def pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def synthetic_kb(size: int, northwind: list[FaqRow], seed: int = 77) -> list[FaqRow]:
    """`size` FAQs: Northwind's, then generated ones in categories of twelve; deterministic."""
    rng = random.Random(seed)
    rows = list(northwind)
    next_id = max(row.id for row in rows) + 1
    while len(rows) < size:
        topic = [pseudo_word(rng) for _ in range(TOPIC_WORDS)]
        category = f"{topic[0]}_{topic[1]}"
        for _ in range(min(FAQS_PER_CATEGORY, size - len(rows))):
            rows.append(FaqRow(next_id, category, *_generated_faq(rng, topic)))
            next_id += 1
    return rows


def _generated_faq(rng: random.Random, topic: list[str]) -> tuple[str, str]:
    def phrase(count: int) -> str:
        picked = [rng.choice(topic) if rng.random() < 0.7 else rng.choice(SHARED_WORDS)]
        picked += [rng.choice(topic) for _ in range(count - 1)]
        return " ".join(picked)

    opener = rng.choice(["How do I", "Can I", "Why does my", "When will the", "What is the"])
    question = f"{opener} {phrase(3)} {rng.choice(SHARED_WORDS)}?"
    sentences = []
    while sum(len(s.split()) for s in sentences) < 60:
        lead = rng.choice(["You can", "We", "Your", "The", "If the", "Go to", "Each"])
        shared = " ".join(rng.choice(SHARED_WORDS) for _ in range(rng.randint(1, 3)))
        sentences.append(f"{lead} {phrase(rng.randint(2, 4))} {shared} {phrase(2)}.")
    return question, " ".join(sentences)
