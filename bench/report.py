"""From raw records to figures: percentiles per design, the side-by-side table, the goals.

Definitions (docs/benchmarks.md explains them):
- first-token overhead: the customer's first text (first `delta` event; for a design
  without streaming, the send's response) minus the moment the model server wrote its
  first token for that question.
- reply overhead: final fragment received minus send started, minus the model's own
  time: the configured time to first token plus first..last token as actually taken.
- wait for the model: the model server received the request minus send started
  (queueing and dispatch before the model is asked), for delivered replies.
- final after the model: the final fragment received (in the stream's `end`, or fetched)
  minus the model server's last token: storing, relaying and rendering the finished reply.
- first text: a reply none of whose text arrived live shows when its final fragment does.
"""

from collections import Counter
from dataclasses import asdict

from bench.customers import Results

KINDS = ("page", "thread", "send", "final")
FRAGMENTS = ("thread", "send", "final")
GOALS = {  # issue 21's, for the goal design; its replies/s must also reach naive gevent's
    "fragment_p99_ms": 100.0,
    "page_p99_ms": 50.0,
    "first_token_overhead_p50_ms": 25.0,
}


def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between the closest ranks (numpy's default); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def spread(values: list[float], scale: float = 1.0) -> dict:
    return {
        "n": len(values),
        "p50": _scaled(percentile(values, 50), scale),
        "p99": _scaled(percentile(values, 99), scale),
        "max": _scaled(max(values) if values else None, scale),
    }


def _scaled(value: float | None, scale: float) -> float | None:
    return None if value is None else value * scale


def model_timings_by_question(timings: list[dict]) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for timing in timings:
        found.setdefault(timing["question"], []).append(timing)
    return found


def summarise(results: Results, timings: list[dict], ttft: float) -> dict:
    """Latencies, overheads, throughput, errors and losses of one design's run."""
    ok = [r for r in results.requests if not r.failed]
    latency = {kind: spread([r.seconds for r in ok if r.kind == kind], 1000) for kind in KINDS}
    latency["fragments"] = spread([r.seconds for r in ok if r.kind in FRAGMENTS], 1000)

    by_question = model_timings_by_question(timings)
    first_token, reply_overhead, model_wait, final_after = [], [], [], []
    for reply in results.replies:
        calls = by_question.get(reply.question, [])
        answered = [c for c in calls if c["first_token_at"] and c["finished_at"]]
        if reply.outcome != "delivered" or not answered:
            continue
        model_wait.append(calls[0]["received_at"] - reply.sent_at)
        last = answered[-1]  # after a retry, the attempt that produced the reply
        if reply.first_text_at is not None:
            first_token.append(reply.first_text_at - answered[0]["first_token_at"])
        model_time = ttft + last["finished_at"] - last["first_token_at"]
        reply_overhead.append(reply.final_at - reply.sent_at - model_time)
        final_after.append(reply.final_at - last["finished_at"])

    errors = Counter(
        f"{r.kind} {r.status or r.error}" + (f" {r.error}" if r.status and r.error else "")
        for r in results.requests
        if r.failed
    )
    outcomes = Counter(reply.outcome for reply in results.replies)
    span = results.ended - results.started
    delivered = [reply for reply in results.replies if reply.outcome == "delivered"]
    return {
        "latency_ms": latency,
        "first_token_overhead_ms": spread(first_token, 1000),
        "reply_overhead_s": spread(reply_overhead),
        "final_after_model_ms": spread(final_after, 1000),
        "model_wait_s": spread(model_wait),
        "replies_per_s": outcomes["delivered"] / span if span else 0.0,
        "requests_per_s": len(results.requests) / span if span else 0.0,
        "span_s": span,
        "delivered_live": sum(1 for reply in delivered if reply.deltas),
        "streamed": any(reply.streams for reply in results.replies),
        "conversations": results.conversations,
        "conversation_endings": dict(results.endings),
        "messages_sent": len(results.replies),
        "outcomes": dict(outcomes),
        "lost": sum(n for outcome, n in outcomes.items() if outcome != "delivered"),
        "errors": dict(errors),
        "error_count": sum(errors.values()),
        "model_requests": len(timings),
        "model_replies_finished": sum(1 for t in timings if t["finished_at"]),
        "stream_requests": sum(1 for r in results.requests if r.kind == "stream"),
    }


def jobs_summary(jobs: list[dict]) -> dict:
    """How the RQ workers spent the run: queueing, running, how many at once.

    For a worker running one job at a time, also the gap between two jobs where the
    next was already waiting: the worker's own cost between jobs (dequeue, fork).
    """
    started = [j for j in jobs if j["started_at"]]
    ended = [j for j in started if j["ended_at"]]
    gaps = []
    for worker in {j["worker"] for j in ended}:
        own = sorted((j for j in ended if j["worker"] == worker), key=lambda j: j["started_at"])
        pairs = list(zip(own, own[1:], strict=False))
        if any(following["started_at"] < previous["ended_at"] for previous, following in pairs):
            continue  # a concurrent worker: no gap to speak of
        gaps += [
            following["started_at"] - previous["ended_at"]
            for previous, following in pairs
            if following["enqueued_at"] < previous["ended_at"]
        ]
    edges = sorted(
        [(j["started_at"], 1) for j in started]
        + [(j["ended_at"], -1) for j in ended]  # ends sort before starts at the same moment
    )
    running = peak = 0
    for _, step in edges:
        running += step
        peak = max(peak, running)
    return {
        "jobs": len(jobs),
        "started": len(started),
        "finished": len(ended),
        "peak_running": peak,
        "queue_wait_s": spread([j["started_at"] - j["enqueued_at"] for j in started]),
        "run_s": spread([j["ended_at"] - j["started_at"] for j in ended]),
        "gap_ms": spread(gaps, 1000),
    }


def raw(results: Results) -> dict:
    return {
        "requests": [asdict(r) for r in results.requests],
        "replies": [asdict(r) for r in results.replies],
    }


# The table -------------------------------------------------------------------------


def _pair(figures: dict, digits: int = 0) -> str:
    if not figures["n"]:
        return "–"
    return f"{figures['p50']:.{digits}f} / {figures['p99']:.{digits}f}"


def number(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _rows(phase: dict) -> dict[str, str]:
    s, m = phase["summary"], phase["monitor"]["summary"]
    lat = s["latency_ms"]
    outcomes = s["outcomes"]
    lost = (
        f"{s['lost']} (late {outcomes.get('late', 0)}, send failed "
        f"{outcomes.get('send_failed', 0)}, failed {outcomes.get('failed', 0)}, "
        f"error {outcomes.get('error', 0)})"
        if s["lost"]
        else "0"
    )
    jobs = phase.get("jobs")
    rss = m["peak_rss_mib"]
    delivered = outcomes.get("delivered", 0)
    state = phase.get("state", {})
    return {
        "GET / ms p50 / p99": _pair(lat["page"], 1),
        "GET /chat/thread ms p50 / p99": _pair(lat["thread"], 1),
        "POST send fragment ms p50 / p99": _pair(lat["send"], 1),
        "GET final fragment ms p50 / p99": _pair(lat["final"], 1),
        "all fragments ms p50 / p99": _pair(lat["fragments"], 1),
        "first-token overhead ms p50 / p99": _pair(s["first_token_overhead_ms"], 1),
        "final message after the model's last token ms p50 / p99": _pair(
            s.get("final_after_model_ms", {"n": 0}), 1
        ),
        "wait for the model s p50 / p99": _pair(s["model_wait_s"], 2),
        "reply overhead s p50 / p99": _pair(s["reply_overhead_s"], 2),
        "conversations: all answered / cut by the run's end / left unanswered": " / ".join(
            str(s["conversation_endings"].get(ending, 0))
            for ending in ("all answered", "cut by the end of the run", "left without an answer")
        ),
        "replies delivered / messages sent": f"{outcomes.get('delivered', 0)} / "
        f"{s['messages_sent']}",
        "of them streamed live (text before the end)": (
            str(s["delivered_live"]) if s["streamed"] else "–"
        ),
        "replies the model wrote": str(s["model_replies_finished"]) if s["model_requests"] else "–",
        "replies/s": number(s["replies_per_s"], 2),
        "requests/s": number(s["requests_per_s"], 1),
        "errors (HTTP or connection)": str(s["error_count"]),
        "lost messages": lost,
        "peak RSS web MiB (processes)": f"{rss['web']:.0f} ({m['peak_processes']['web']})",
        "peak RSS RQ workers MiB (processes)": (
            f"{rss['workers']:.0f} ({m['peak_processes']['workers']})" if "workers" in rss else "–"
        ),
        "CPU s: web / workers / model / load gen / PostgreSQL + Redis / rest": " / ".join(
            number(value, 1) for value in cpu_split(m)
        ),
        "CPU ms per reply: web / workers / model / load gen / PostgreSQL + Redis": (
            " / ".join(
                number(None if v is None else 1000 * v / delivered, 1) for v in cpu_split(m)[:-1]
            )
            if delivered
            else "–"
        ),
        "machine CPU busy %": number(m["machine_cpu_busy_percent"], 0),
        "RQ jobs: queue wait s p50 / p99": _pair(jobs["queue_wait_s"], 2) if jobs else "–",
        "RQ jobs: run s p50 / p99": _pair(jobs["run_s"], 2) if jobs else "–",
        "RQ jobs: most running at once": str(jobs["peak_running"]) if jobs else "–",
        "RQ jobs: gap between two on a worker, ms p50 / p99": _pair(jobs["gap_ms"])
        if jobs
        else "–",
        "peak queue depth": number(m.get("peak_queue_depth")),
        "PostgreSQL transactions / Redis commands per reply": (
            f"{m['pg_transactions'] / delivered:.1f} / {m['redis_commands'] / delivered:.0f}"
            if "pg_transactions" in m and delivered
            else "–"
        ),
        "peak connections Redis / PostgreSQL": (
            f"{m['peak_redis_connections']} / {m['peak_pg_connections']}"
            if "peak_redis_connections" in m
            else "–"
        ),
        "replies still pending in SQL at the end": (
            str(state["replies_by_status"].get("pending", 0)) if state else "–"
        ),
        "server log error lines": str(sum(phase.get("log_problems", {}).values())),
    }


def cpu_split(monitored: dict) -> list[float | None]:
    """CPU seconds per part; the rest is what the machine spent on anything else.

    The load generator's time is taken over the customers' run alone, slightly shorter
    than the monitor's, so the rest is clamped at zero.
    """
    cpu = monitored["cpu_seconds"]
    stores = cpu.get("postgres", 0.0) + cpu.get("redis", 0.0)
    parts = [cpu.get(name) for name in ("web", "workers", "model", "load")] + [stores]
    rest = monitored["machine_busy_seconds"] - sum(part or 0.0 for part in parts)
    return parts + [max(0.0, rest)]


def table(phases: list[dict]) -> str:
    """Markdown: one column per design, one row per figure."""
    columns = [phase["design"]["column"] for phase in phases]
    rows = [_rows(phase) for phase in phases]
    lines = [
        "| figure | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for name in rows[0]:
        lines.append(f"| {name} | " + " | ".join(row[name] for row in rows) + " |")
    legend = [f"- {phase['design']['column']}: {phase['design']['label']}" for phase in phases]
    return "\n".join(lines + [""] + legend)


def goal_check(phase: dict, scenario_matches: bool, naive: dict | None = None) -> tuple[str, dict]:
    """The issue's goals against the goal design's figures: met or not, with the figure.
    `naive`: the naive gevent design's phase of the same run, whose replies/s is a goal."""
    s = phase["summary"]
    fragment_p99 = s["latency_ms"]["fragments"]["p99"]
    page_p99 = s["latency_ms"]["page"]["p99"]
    first_token_p50 = s["first_token_overhead_ms"]["p50"]

    def below(value: float | None, goal: str) -> bool:
        return value is not None and value < GOALS[goal]

    checks = {}
    if naive is not None:
        theirs = naive["summary"]["replies_per_s"]
        checks["replies/s >= naive gevent's"] = (
            s["replies_per_s"] >= theirs,
            f"{number(s['replies_per_s'], 2)} against {number(theirs, 2)}",
        )
    checks |= {
        "fragment latency p99 < 100 ms": (
            below(fragment_p99, "fragment_p99_ms"),
            f"{number(fragment_p99, 1)} ms",
        ),
        "GET / p99 < 50 ms": (below(page_p99, "page_p99_ms"), f"{number(page_p99, 1)} ms"),
        "first-token overhead p50 < 25 ms": (
            below(first_token_p50, "first_token_overhead_p50_ms"),
            f"{number(first_token_p50, 1)} ms",
        ),
        "zero errors": (s["error_count"] == 0, str(s["error_count"])),
        "zero lost messages": (s["lost"] == 0, f"{s['lost']} of {s['messages_sent']}"),
    }
    lines = [f"Goals ({phase['design']['label']}):"]
    if not scenario_matches:
        lines.append("  (parameters differ from the issue's scenario: indicative only)")
    for name, (met, figure) in checks.items():
        lines.append(f"  {'met    ' if met else 'NOT met'}  {name}: {figure}")
    return "\n".join(lines), {name: {"met": met, "figure": f} for name, (met, f) in checks.items()}
