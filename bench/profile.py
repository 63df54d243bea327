"""`--profile`: where each design's CPU goes, sampled by py-spy while the customers run.

py-spy (installed by bench/requirements.txt) attaches to each server process tree
(`--subprocesses`: gunicorn's workers, RQ's work horses) without changing it, and samples
the running stack 100 times a second, idle stacks left out, into collapsed-stack files
beside the run's logs. A gevent process has one thread: each sample is the greenlet that
held the CPU. `summarise` turns a file into the share of samples by where the CPU was
(the innermost frame's library or the app's module) and by the app's own functions that
were on the stack (inclusive), which docs/benchmarks.md quotes.
"""

import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

RATE = 100  # samples a second, py-spy's default
FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^():]+)(?::\d+)?\)$")
PACKAGE = re.compile(r"site-packages/([A-Za-z0-9_]+)")
STDLIB = re.compile(r"/lib/python3\.\d+/([A-Za-z0-9_]+)")


class Profiler:
    """py-spy recording some process trees; stopped, it leaves one file per tree."""

    def __init__(self, pids: dict[str, int], out_dir: Path) -> None:
        executable = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
        self.files = {name: out_dir / f"profile-{name}.txt" for name in pids}
        self.processes = [
            subprocess.Popen(
                [
                    executable,
                    "record",
                    "--pid",
                    str(pid),
                    "--subprocesses",
                    "--nonblocking",
                    "--rate",
                    str(RATE),
                    "--format",
                    "raw",
                    "--output",
                    str(self.files[name]),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for name, pid in pids.items()
        ]

    def stop(self) -> dict[str, dict]:
        for process in self.processes:
            process.send_signal(signal.SIGINT)  # py-spy writes its file on Ctrl-C
        for process in self.processes:
            process.wait(timeout=60)
        return {name: summarise(path) for name, path in self.files.items() if path.exists()}


def where(frame: str) -> str:
    """The part of the code a frame belongs to: `app.jobs.live`, `redis`, `stdlib:json`."""
    match = FRAME.match(frame)
    path = match["file"] if match else frame
    if package := PACKAGE.search(path):
        return package[1]
    if "/app/" in path or path.startswith("app/"):
        module = path[path.rindex("app/") :].removesuffix(".py").replace("/", ".")
        return module.removesuffix(".__init__")
    if stdlib := STDLIB.search(path):
        return f"stdlib:{stdlib[1]}"
    return path


def summarise(path: Path, top: int = 25) -> dict:
    """Samples by where the CPU was (innermost frame) and by app function on the stack."""
    self_time: Counter = Counter()
    app_functions: Counter = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack.split(";")
        # py-spy's first frame names the process ("process 123:\"python ...\""): skip it.
        frames = [frame for frame in frames if not frame.startswith("process ")]
        if not frames:
            continue
        n = int(count)
        total += n
        self_time[where(frames[-1])] += n
        seen = set()
        for frame in frames:
            match = FRAME.match(frame)
            if match and where(frame).startswith("app."):
                seen.add(f"{where(frame)}.{match['function']}")
        for name in seen:
            app_functions[name] += n

    def shares(counter: Counter) -> dict[str, float]:
        return {key: round(n / max(total, 1), 4) for key, n in counter.most_common(top)}

    return {"samples": total, "self": shares(self_time), "app_inclusive": shares(app_functions)}


def describe(profiles: dict[str, dict], top: int = 12) -> str:
    """The summaries as text: per process tree, the top places by share of samples."""
    lines = []
    for name, summary in profiles.items():
        lines.append(f"   profile {name}: {summary['samples']} samples")
        for title, key in (
            ("where the CPU was", "self"),
            ("app code on the stack", "app_inclusive"),
        ):
            shown = ", ".join(f"{k} {v:.0%}" for k, v in list(summary[key].items())[:top])
            lines.append(f"     {title}: {shown}")
    return "\n".join(lines)
