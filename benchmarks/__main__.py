"""Every performance figure of issue #7, each beside its budget and its floor.

Run from the repository root:

    python -m benchmarks            # everything (a few minutes)
    python -m benchmarks --quick    # one short round of each: proves it works
    python -m benchmarks --only cli,scaling   # some sections only

Sections: cli (start of `report` and `check`), scaling (analysis at 1,000
and 10,000 records, `report` at the largest file the caps admit), edit
(answer change to screen updated, inside the app), startup (first complete
frame in tmux, truthmap against a minimal Textual app and Harlequin),
memory (peak RSS), echo (a typed digit's echo on an answer in tmux, against
a bare Textual Input), browser (`truthmap serve` to the first complete frame
in headless Chromium, against the terminal's), evidence (`truthmap evidence`
on two exports of 10,000 and 20,000 rows a side), suite (the whole test suite,
`python -m pytest`).

Nothing here asserts a time: it prints.  `--quick` is what CI runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path

from . import browser, evidence, measures
from .report import Table

SECTIONS = ("cli", "scaling", "edit", "startup", "memory", "echo", "browser", "evidence", "suite")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one short round of each (a smoke test, for CI)")
    parser.add_argument("--only", default="", help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--skip", default="", help="comma-separated sections to leave out")
    args = parser.parse_args(argv)
    chosen = [s for s in (args.only.split(",") if args.only else SECTIONS) if s]
    unknown = [s for s in chosen + args.skip.split(",") if s and s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}")
    chosen = [s for s in chosen if s not in args.skip.split(",")]
    if args.quick and "suite" in chosen and not args.only:
        chosen.remove("suite")  # the smoke never runs the whole suite again

    print(f"truthmap benchmarks{' (quick: one round, figures are rough)' if args.quick else ''}")
    print(f"machine: {machine()}")
    measures.compile_package()
    table = Table()
    with tempfile.TemporaryDirectory(prefix="truthmap-bench-") as folder:
        work = Path(folder)
        os.environ["TRUTHMAP_HOME"] = str(work / "home")  # no user file is read or written
        for section in chosen:
            module = {"browser": browser, "evidence": evidence}.get(section, measures)
            getattr(module, section)(table, work, quick=args.quick)
            sys.stdout.flush()
    table.summary()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
