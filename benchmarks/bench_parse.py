"""How long reading the worst files takes, and how much memory.

Run from the repository root (not part of the test suite):

    python benchmarks/bench_parse.py              # every shape at the size cap
    python benchmarks/bench_parse.py --rounds 5   # best of five

Builds each adversarial shape of `tests/adversarial_toml.py` right at the
profile size cap, reads it with `parse_profile` and prints the time, the
outcome and the process's peak memory, then the worst case.  The promise in
docs/reliability.md (under 1 s and 200 MB) is checked by
tests/test_parse_bounds.py; this prints the numbers behind it.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from adversarial_toml import SHAPES  # noqa: E402

from truthmap.storage import ProfileError, parse_profile  # noqa: E402
from truthmap.vocabulary import MAX_PROFILE_BYTES  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=1)
    rounds = parser.parse_args().rounds
    print(f"parse_profile at the size cap ({MAX_PROFILE_BYTES // 1024} KiB), best of {rounds}")
    print(f"  start: peak memory {peak_mb():.0f} MB (Python, pydantic and truthmap loaded)")
    worst = ("", 0.0)
    for name, make in SHAPES.items():
        text = make(MAX_PROFILE_BYTES)
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            try:
                parse_profile(text, "f")
                outcome = "read"
            except ProfileError as error:
                outcome = str(error.problems[0])
            best = min(best, time.perf_counter() - start)
        worst = max(worst, (name, best), key=lambda pair: pair[1])
        print(f"  {name:<32} {best * 1000:7.1f} ms  peak {peak_mb():4.0f} MB  {outcome[:60]}")
    print(f"worst: {worst[0]}, {worst[1] * 1000:.0f} ms; peak memory {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
