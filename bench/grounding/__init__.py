"""FAQ selection benchmark: `python -m bench.grounding --help` (or `make bench-grounding`).

The seed's inject-all, its single-category keyword rule, BM25 top-k and ours
(app.support.selection), on the Northwind Bank FAQs with banking77 and CLINC150 queries
and on synthetic knowledge bases of 1,000 and 10,000 FAQs. Results: docs/benchmarks.md (Grounding).
"""
