"""Fact check: how well `app.support.facts` catches invented facts (issue 19).

`python -m bench.facts` runs the checker and a naive baseline over the hand-written
replies in `bench/data/facts/cases.jsonl` and prints a Markdown table (docs/benchmarks.md,
"Fact check: no invented facts"). `python -m bench.facts.build` writes that file again
from `bench/facts/cases.py`.
"""
