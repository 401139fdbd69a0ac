"""How fast the core is where a person waits for it.

Run from the repository root (not part of the test suite):

    python benchmarks/bench_report.py            # default rounds
    python benchmarks/bench_report.py --rounds 50

It measures `analyze()` on every sample profile (the workbench calls it on
every edit, so it must stay far below a frame or two), one render of each
report format, and the cold start of `truthmap report` as a fresh process
(what a script or CI job pays on every call).  Prints the best and median
time of each; nothing is asserted, timings depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from truthmap.analysis import analyze
from truthmap.paths import sample_profiles
from truthmap.reports import render_report
from truthmap.storage import load_profile


def timed(action: Callable[[], object], rounds: int) -> tuple[float, float]:
    """(best, median) wall time in milliseconds."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return min(samples), statistics.median(samples)


def line(label: str, best: float, median: float) -> None:
    print(f"  {label:<44} best {best:8.2f} ms   median {median:8.2f} ms")


def bench_analysis(rounds: int) -> None:
    print(f"analyze(profile), {rounds} rounds each")
    for path in sample_profiles():
        profile = load_profile(path).profile
        line(path.name, *timed(lambda: analyze(profile), rounds))
        line(f"{path.name} (no flip, no comparison)",
             *timed(lambda: analyze(profile, with_flip=False, with_comparison=False), rounds))


def bench_render(rounds: int) -> None:
    print(f"render_report on the default sample, {rounds} rounds each")
    profile = load_profile(sample_profiles()[0]).profile
    analysis = analyze(profile)
    for fmt in ("text", "markdown", "json"):
        line(fmt, *timed(lambda: render_report(profile, analysis, fmt), rounds))


def bench_cold_start(rounds: int) -> None:
    print(f"cold start of `truthmap report` as a new process, {rounds} rounds each")
    path = str(next(p for p in sample_profiles() if p.name == "messy-studio.toml"))
    for fmt in ("text", "json"):
        command = [sys.executable, "-m", "truthmap", "report", path, "--format", fmt]
        line(f"truthmap report --format {fmt}",
             *timed(lambda: subprocess.run(command, check=True, capture_output=True), rounds))
    baseline = [sys.executable, "-c", "pass"]
    line("python -c pass (the interpreter alone)",
         *timed(lambda: subprocess.run(baseline, check=True, capture_output=True), rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="rounds for in-process timings (default 20)")
    parser.add_argument("--process-rounds", type=int, default=5, help="rounds for cold starts (default 5)")
    args = parser.parse_args()
    print(f"truthmap benchmarks · Python {sys.version.split()[0]} · {Path.cwd()}")
    bench_analysis(args.rounds)
    bench_render(args.rounds)
    bench_cold_start(args.process_rounds)


if __name__ == "__main__":
    main()
