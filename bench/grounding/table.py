"""The benchmark's figures as Markdown: the main table, the goals, the recall curve."""

from bench.grounding.costs import SEED_DOLLARS_PER_1000

COLUMNS = [
    ("KB", "kb", "{}"),
    ("method", "method", "{}"),
    ("recall", "recall", "{:.3f}"),
    ("FAQs", "mean_faqs", "{:.1f}"),
    ("FAQ tokens", "mean_tokens", "{:.0f}"),
    ("token share", "token_share", "{:.3f}"),
    ("OOS detected", "oos_detected", "{:.3f}"),
    ("in-scope refused", "in_scope_refused", "{:.3f}"),
    ("p50 ms", "p50_ms", "{:.3f}"),
    ("p99 ms", "p99_ms", "{:.3f}"),
    ("CPU p99 ms", "cpu_p99_ms", "{:.3f}"),
    ("prompt tokens/turn", "prompt_tokens_per_turn", "{:.0f}"),
    ("$/1k conv. (input)", "input_dollars_per_1000", "{:.2f}"),
    ("$/1k conv. (+output)", "total_dollars_per_1000", "{:.2f}"),
]


def _cell(row: dict, key: str, pattern: str) -> str:
    return "n/a" if row.get(key) is None else pattern.format(row[key])


def _table(rows: list[dict], columns: list[tuple[str, str, str]]) -> list[str]:
    lines = ["| " + " | ".join(title for title, _, _ in columns) + " |"]
    lines.append("|" + "|".join("---" for _ in columns) + "|")
    for row in rows:
        lines.append("| " + " | ".join(_cell(row, k, p) for _, k, p in columns) + " |")
    return lines


def goals(rows: list[dict]) -> list[str]:
    """The issue's goals, checked on ours."""
    ours = {row["kb"]: row for row in rows if row["method"] == "ours"}
    northwind = next(iter(ours.values()))
    checks = [
        (
            "recall >= 0.98 with token share <= 0.30 (Northwind)",
            northwind["recall"] >= 0.98 and northwind["token_share"] <= 0.30,
            f"{northwind['recall']:.3f} at {northwind['token_share']:.3f}",
        ),
        (
            "out-of-scope detected >= 0.70, in-scope refused <= 0.05 (Northwind)",
            northwind["oos_detected"] >= 0.70 and northwind["in_scope_refused"] <= 0.05,
            f"{northwind['oos_detected']:.3f} / {northwind['in_scope_refused']:.3f}",
        ),
    ]
    for row in ours.values():
        limit = {1000: 2.0, 10000: 20.0}.get(row["faqs"])
        if limit is not None:
            checks.append(
                (
                    f"selection p99 <= {limit:g} ms at {row['faqs']:,} FAQs",
                    row["p99_ms"] <= limit,
                    f"{row['p99_ms']:.3f} ms wall clock, {row['cpu_p99_ms']:.3f} ms CPU time"
                    f" (machine {row['machine_busy_percent']}% busy, 50% is this process)",
                )
            )
    return [f"- {'met' if ok else 'NOT met'}: {goal}: {value}" for goal, ok, value in checks]


def render(rows: list[dict], curve: list[dict]) -> str:
    lines = _table(rows, COLUMNS)
    lines += ["", f"Seed's estimate for comparison: ${SEED_DOLLARS_PER_1000:.2f} per 1,000"]
    lines += ["conversations (8 requests of 1,200 input tokens).", "", "Goals (ours):"]
    lines += goals(rows)
    lines += ["", "Recall against the token budget (Northwind):", ""]
    lines += _table(
        curve,
        [
            ("budget", "budget", "{}"),
            ("method", "method", "{}"),
            ("recall", "recall", "{:.3f}"),
            ("FAQs", "mean_faqs", "{:.1f}"),
            ("token share", "token_share", "{:.3f}"),
        ],
    )
    return "\n".join(lines)
