"""`python -m bench`: the same simulated customers against each design in turn.

Each design is started fresh (with its own paced model server), warmed up, loaded for
`--duration` seconds while a monitor samples memory and CPU, then stopped. The figures
are printed as one Markdown table with a column per design, followed by the issue's goals
checked against the portal's figures; everything measured, raw records included, is
written to bench/results/<time>.json and the servers' logs to bench/results/<time>/.
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench import customers, designs, report
from bench.model import ModelProcess
from bench.monitor import Monitor, machine_ticks
from bench.profile import Profiler, describe
from bench.services import ROOT

# The scenario (it names no think time); the defaults below are this.
GOAL_SCENARIO = {"customers": 200, "ttft": 1.0, "rate": 50.0, "rq_workers": 2}
# Before each design, wait (this long at most) for the machine to be this idle: the
# servers, the customers and the model share two cores with anything else running.
QUIET_PERCENT, QUIET_WAIT_SECONDS = 20, 120
# A design's figures are flagged when anything else took this share of the machine.
DISTURBED_PERCENT = 5
# --quick: a smoke run of every design in under a minute.
QUICK = {
    "customers": 10,
    "messages": 2,
    "think": [0.2, 0.5],
    "duration": 5.0,
    "ramp": 1.0,
    "ttft": 0.3,
    "rate": 100.0,
    "reply_words": 20,
    "extra_portals": "",
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Simulated customers chat with each design; prints a table of figures.",
    )
    add = parser.add_argument
    add(
        "--customers", type=int, default=200, help="concurrent conversations (default: %(default)s)"
    )
    add("--messages", type=int, default=3, help="messages per conversation (default: %(default)s)")
    add(
        "--think",
        type=float,
        nargs=2,
        default=[1.0, 2.0],
        metavar=("MIN", "MAX"),
        help="seconds of reading and typing before each message (default: 1 2)",
    )
    add(
        "--duration",
        type=float,
        default=60.0,
        help="seconds during which customers send; replies on their way are then followed "
        "to their end (default: %(default)s)",
    )
    add("--ramp", type=float, default=10.0, help="customers arrive over this many seconds")
    add("--ttft", type=float, default=1.0, help="model's time to first token, s")
    add("--rate", type=float, default=50.0, help="model's tokens per second")
    add("--reply-words", type=int, default=100, help="words (tokens) per reply")
    add(
        "--request-timeout",
        type=float,
        default=60.0,
        help="a request's time limit: htmx's timeout on the portal's page (default: 60)",
    )
    add("--rq-workers", type=int, default=2, help="RQ worker processes for the portal (goal: 2)")
    add(
        "--worker-concurrency",
        type=int,
        default=None,
        help="replies each worker process runs at once (default: the app's WORKER_CONCURRENCY)",
    )
    add(
        "--extra-portals",
        default="2x1",
        help="more portal columns, not the goal setup: PROCESSESxCONCURRENCY, comma-separated; "
        "x1 is RQ's classic forking worker (default: %(default)s; '' for none)",
    )
    add(
        "--designs",
        default="bare,naive-sync,naive-gevent,portal",
        help="which to run, in order (default: %(default)s)",
    )
    add(
        "--database-url",
        default="postgresql://postgres@127.0.0.1:5432/bench",
        help="emptied first; its name must contain 'bench'",
    )
    add("--redis-url", default="redis://127.0.0.1:6379/14", help="this database is flushed")
    add("--results-dir", type=Path, default=ROOT / "bench" / "results")
    add("--seed", type=int, default=1, help="for the think times")
    add("--quick", action="store_true", help="smoke run in under a minute: few, short replies")
    add(
        "--profile",
        action="store_true",
        help="sample each server with py-spy while the customers run (bench/profile.py)",
    )
    args = parser.parse_args(argv)
    if args.quick:  # only what was not given explicitly
        for name, value in QUICK.items():
            if getattr(args, name) == parser.get_default(name):
                setattr(args, name, value)
    return args


def machine() -> dict:
    """What the figures were measured on, and which code."""
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    meminfo = Path("/proc/meminfo").read_text().splitlines()[0].split()
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": info_cpus(),
        "cpu_model": model,
        "memory_gib": round(int(meminfo[1]) / 1024**2, 1),
        "kernel": platform.release(),
        "python": sys.version.split()[0],
        "commit": commit.stdout.strip(),
        "uncommitted": dirty.stdout.splitlines(),
    }


def wait_until_quiet() -> float:
    """Wait for the machine to be nearly idle; returns its last busy percentage."""
    ends = time.monotonic() + QUIET_WAIT_SECONDS
    while True:
        before = machine_ticks()
        time.sleep(1)
        after = machine_ticks()
        busy = 100 * (after[0] - before[0]) / max(1, after[1] - before[1])
        if busy < QUIET_PERCENT or time.monotonic() > ends:
            return busy
        print(f"   waiting for the machine to go quiet ({busy:.0f}% busy)", flush=True)
        time.sleep(4)


def warm_up(url: str) -> None:
    """A few page loads, so both web workers have loaded their code and templates."""
    for _ in range(10):
        for path in ("/", "/chat/thread"):
            with urllib.request.urlopen(url + path, timeout=30) as response:
                response.read()


def run_design(design: designs.Design, args: argparse.Namespace, run_dir: Path) -> dict:
    log_dir = run_dir / design.key
    log_dir.mkdir(parents=True)
    model = ModelProcess(args.ttft, args.rate, args.reply_words) if design.uses_model else None
    try:
        settings = designs.Settings(
            log_dir=log_dir,
            model_url=model.start() if model else "",
            database_url=args.database_url,
            redis_url=args.redis_url,
        )
        busy_before = wait_until_quiet()
        running = design.start(settings)
        try:
            warm_up(running.url)
            if model:
                running.watch.extra["model"] = [model.pid]
            monitor = Monitor(running.watch)
            monitor.start()
            pids = {service.name: service.pid for service in running.services}
            profiler = Profiler(pids, log_dir) if args.profile else None
            cpu = resource.getrusage(resource.RUSAGE_SELF)
            results = customers.run(plan(args, running.url))
            after = resource.getrusage(resource.RUSAGE_SELF)
            monitored = monitor.stop()
            profile = profiler.stop() if profiler else None
            load_cpu = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
            monitored["summary"]["cpu_seconds"]["load"] = load_cpu
            state = running.inspect()
            log_problems = running.log_problems()
            timings = model.timings() if model else []
        finally:
            running.stop()
    finally:
        if model:
            model.stop()
    return {
        "design": {"key": design.key, "label": design.label, "column": design.column},
        "machine_busy_percent_before": busy_before,
        "summary": report.summarise(results, timings, args.ttft),
        "monitor": monitored,
        "state": state,
        "jobs": report.jobs_summary(state["jobs"]) if "jobs" in state else None,
        "log_problems": log_problems,
        "profile": profile,
        "raw": report.raw(results),
        "model_timings": timings,
    }


def plan(args: argparse.Namespace, url: str) -> customers.Plan:
    return customers.Plan(
        base_url=url,
        customers=args.customers,
        messages=args.messages,
        think=tuple(args.think),
        duration=args.duration,
        ramp=args.ramp,
        request_timeout=args.request_timeout,
        tag=f"{time.time_ns():x}",
        seed=args.seed,
    )


def headline(phase: dict) -> str:
    s, m = phase["summary"], phase["monitor"]["summary"]
    line = (
        f"   {s['outcomes'].get('delivered', 0)}/{s['messages_sent']} replies delivered, "
        f"{s['error_count']} errors, fragments p99 "
        f"{report.number(s['latency_ms']['fragments']['p99'], 1)} ms, "
        f"{s['span_s']:.0f} s"
    )
    rest = report.cpu_split(m)[-1]
    if 100 * rest / (m["seconds"] * info_cpus()) > DISTURBED_PERCENT:
        line += f"\n   WARNING: other processes used {rest:.0f} CPU-s meanwhile: figures disturbed"
    return line


def info_cpus() -> int:
    return len(os.sched_getaffinity(0))


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    extra = [tuple(map(int, item.split("x"))) for item in args.extra_portals.split(",") if item]
    names = args.designs.split(",")
    chosen = designs.chosen(names, args.rq_workers, args.worker_concurrency, extra)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    run_dir = args.results_dir / stamp
    run_dir.mkdir(parents=True)
    info = machine()
    print(
        f"{info['cpus']} CPUs ({info['cpu_model']}), {info['memory_gib']} GiB, Python "
        f"{info['python']}; {args.customers} customers x {args.messages} messages, "
        f"TTFT {args.ttft} s, {args.rate:g} tokens/s, {args.reply_words} words a reply",
        flush=True,
    )
    started = time.monotonic()
    phases = []
    for design in chosen:
        print(f"== {design.label}", flush=True)
        phases.append(run_design(design, args, run_dir))
        print(headline(phases[-1]), flush=True)
        if phases[-1]["profile"]:
            print(describe(phases[-1]["profile"]), flush=True)

    table = report.table(phases)
    output = {"machine": info, "args": {**vars(args), "results_dir": str(args.results_dir)}}
    output.update(table=table, seconds=time.monotonic() - started, phases=phases)
    print()
    print(table)
    goal_phase = next((p for p, d in zip(phases, chosen, strict=True) if d.goal), None)
    if goal_phase:
        scenario = {**vars(args), "rq_workers": args.rq_workers}
        matches = all(scenario[key] == value for key, value in GOAL_SCENARIO.items())
        naive = next(
            (p for p, d in zip(phases, chosen, strict=True) if d.key == "naive-gevent"), None
        )
        text, output["goals"] = report.goal_check(goal_phase, matches, naive)
        print()
        print(text)
    path = args.results_dir / f"{stamp}.json"
    path.write_text(json.dumps(output, indent=1))
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"\nRaw results: {shown}; server logs: {shown.with_suffix('')}/")
    print(f"Took {time.monotonic() - started:.0f} s.")
