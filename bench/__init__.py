"""Load benchmark for the customer chat: `python -m bench --help` (or `make bench`).

Simulated customers chat through HTTP exactly as the page's chat.js does, against three
designs in turn: a bare Flask ceiling, the naive "model called inside the web request"
design, and the portal itself (gunicorn gevent + RQ workers + PostgreSQL + Redis).
See docs/benchmarks.md for what is measured and the latest figures.
"""
