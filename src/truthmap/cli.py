"""The command line: report, check, compare, and the workbench hand-off.

Kept light on purpose: the report commands import only the core (no
Textual), and invalid input always ends as one line per problem on stderr
with exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .storage import ProfileError

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2
FORMATS = ("text", "markdown", "json")
SUBCOMMANDS = ("report", "check", "compare")


class CliError(Exception):
    """A usage or input problem: printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print usage and exit; we want one line
        raise CliError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="truthmap", description="Decide where the truth about client work lives.")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    report = commands.add_parser("report", help="the full analysis of one profile")
    report.add_argument("profile", type=Path)
    report.add_argument("--format", choices=FORMATS, default="text")
    report.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")

    check = commands.add_parser("check", help="one line per finding; exit 1 if any at or above --fail-on")
    check.add_argument("profiles", type=Path, nargs="+")
    check.add_argument("--fail-on", choices=("low", "medium", "high"), default="low")

    compare = commands.add_parser("compare", help="profiles side by side")
    compare.add_argument("profiles", type=Path, nargs="+")
    compare.add_argument("--format", choices=FORMATS, default="text")
    compare.add_argument("-o", "--output", type=Path)
    compare.add_argument("--tui", action="store_true", help="open the compare screen of the workbench")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in SUBCOMMANDS or argv[:1] in (["-h"], ["--help"]):
            return _run_command(build_parser().parse_args(argv))
        return _open_workbench(argv)
    except CliError as error:
        _say(str(error))
        return EXIT_INVALID
    except ProfileError as error:
        for line in error.lines():
            _say(line)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130


def _say(line: str) -> None:
    from .text import visible

    print(visible(line), file=sys.stderr)


def _run_command(args: argparse.Namespace) -> int:
    if args.command == "report":
        return _report(args)
    if args.command == "check":
        return _check(args)
    if args.command == "compare":
        return _compare(args)
    build_parser().print_help()
    return EXIT_OK


def _load_all(paths: list[Path]):
    """Every profile, or ProfileError carrying the problems of all of them."""
    from .storage import load_profile

    loaded, problems = [], []
    for path in paths:
        try:
            loaded.append(load_profile(path))
        except ProfileError as error:
            problems.extend(error.lines())
    if problems:
        raise _Problems(problems)
    return loaded


class _Problems(ProfileError):
    def __init__(self, lines: list[str]):
        self._lines = lines
        Exception.__init__(self, "\n".join(lines))

    def lines(self) -> list[str]:
        return self._lines


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from .storage import atomic_write

    try:
        atomic_write(output, text.encode("utf-8"))
    except OSError as error:
        raise CliError(f"{output}: cannot write: {error.strerror or error}") from None


def _report(args: argparse.Namespace) -> int:
    from .analysis import analyze
    from .reports import render_report

    (loaded,) = _load_all([args.profile])
    analysis = analyze(loaded.profile)
    color = args.output is None and sys.stdout.isatty()
    _emit(render_report(loaded.profile, analysis, args.format, color=color), args.output)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .analysis import SEVERITIES, analyze
    from .text import visible

    failing = SEVERITIES[: SEVERITIES.index(args.fail_on) + 1]
    hits = 0
    for loaded in _load_all(args.profiles):
        for finding in analyze(loaded.profile, with_flip=False, with_comparison=False).findings:
            where = finding.entity or finding.stage or "-"
            print(visible(f"{loaded.path}: {finding.severity}: {finding.kind}: {where}: {finding.message}"))
            hits += finding.severity in failing
    return EXIT_FINDINGS if hits else EXIT_OK


def _compare(args: argparse.Namespace) -> int:
    loaded = _load_all(args.profiles)
    if args.tui:
        return _open_workbench([str(p) for p in args.profiles], compare=True)
    from .reports import render_comparison

    color = args.output is None and sys.stdout.isatty()
    _emit(render_comparison(loaded, args.format, color=color), args.output)
    return EXIT_OK


def _open_workbench(argv: list[str], compare: bool = False) -> int:
    if len(argv) > 1 and not compare:
        raise CliError("truthmap: open one profile at a time (use `truthmap compare A B` to compare)")
    if argv and argv[0].startswith("-"):
        raise CliError(f"truthmap: unknown option {argv[0]} (try `truthmap --help`)")
    from .workbench import run_workbench

    return run_workbench([Path(a) for a in argv], compare=compare)
