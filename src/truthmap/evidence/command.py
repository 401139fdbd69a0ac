"""`truthmap evidence`: the command's options and its run (cli.py only wires it).

Every input is checked, and every export read, before anything is written:
bad input ends as one line and exit 2 with no report written.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the facts are read when the command runs, not at every start of truthmap
    from .facts import Thresholds


EPILOG = """\
Each --export names a system of the profile and the file exported from it
(a CSV, or a Trello board's JSON); a system may have several (companies and
contacts). Columns are found by each tool's documented headers and by
generic names (name, company, client, email, e-mail, website, domain);
--map SYSTEM:FIELD=COLUMN names one (FIELD: name, email, domain, id).
Client names and addresses appear in this report only; nothing is written
into the profile. docs/evidence.md says what is read and what is kept.
"""
_ID = re.compile(r"[a-z][a-z0-9_-]*")


def add_parser(commands, profile_type, profile_help: str, formats: tuple[str, ...]) -> None:
    """The `evidence` subcommand, added to cli.py's subparsers."""
    parser = commands.add_parser(
        "evidence", help="compare the tools' own client exports with the map",
        description="Read the tools' own client exports and find the real duplicates and drift.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("profile", type=profile_type, metavar="PROFILE", help=profile_help)
    parser.add_argument("--export", action="append", required=True, metavar="SYSTEM=FILE", dest="exports",
                        help="an export of one of the profile's systems (repeat for each)")
    parser.add_argument("--entity", default="client", help="the kind of data the exports hold (default: client)")
    parser.add_argument("--map", action="append", default=[], metavar="SYSTEM:FIELD=COLUMN", dest="maps",
                        help="read FIELD (name, email, domain, id) of SYSTEM's exports from COLUMN")
    # The defaults live in knowledge/evidence.toml (read when the command runs, not at every start);
    # every report states the bands it used.
    parser.add_argument("--same", type=_score, metavar="SCORE",
                        help="name score (0-100) from which two rows are the same client (default: 92)")
    parser.add_argument("--review", type=_score, metavar="SCORE",
                        help="name score from which a pair is offered for review (default: 80)")
    parser.add_argument("--format", choices=formats, default="text", help="default: text")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of standard output")


def _score(value: str) -> float:
    try:
        score = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 100, got {value!r}") from None
    if not 0 <= score <= 100:
        raise argparse.ArgumentTypeError("must be from 0 to 100")
    return score


def run(args: argparse.Namespace) -> int:
    from ..commandline import EXIT_OK, CliError, check_output, emit, load_all
    from .check import Pick, check
    from .reading import EvidenceError
    from .report import render

    if not _ID.fullmatch(args.entity):
        raise CliError(f"truthmap evidence: --entity {args.entity!r}: an entity id is lower case letters, digits, "
                       "'-' and '_' (such as client)")
    thresholds = _thresholds(args)
    wanted = [_export_argument(text) for text in args.exports]
    check_output(args.output, [args.profile, *(path for _, path in wanted)])
    (loaded,) = load_all([args.profile])
    profile = loaded.profile
    systems = {system.id: system for system in profile.systems}
    for system, _ in wanted:
        if system not in systems:
            known = ", ".join(systems) or "none"
            raise CliError(f"truthmap evidence: --export {system}=...: {args.profile} has no system {system!r} "
                           f"(its systems: {known})")
    columns = _maps(args.maps, {system for system, _ in wanted})
    picks = [Pick(system, path, columns.get(system, {})) for system, path in wanted]
    try:
        result = check(profile, picks, args.entity, thresholds, _progress_bar() if sys.stderr.isatty() else None)
    except EvidenceError as error:
        raise CliError(str(error)) from None
    emit(render(result, args.format), args.output)
    return EXIT_OK


def _thresholds(args: argparse.Namespace) -> Thresholds:
    from ..commandline import CliError
    from .facts import facts

    limits = facts().thresholds
    same = limits.same if args.same is None else args.same
    review = limits.review if args.review is None else args.review
    if review > same:
        raise CliError(f"truthmap evidence: --review {review:g} is above --same {same:g}; "
                       "the review band lies below the same band")
    return replace(limits, same=same, review=review)


def _export_argument(text: str) -> tuple[str, Path]:
    from ..commandline import CliError

    system, sep, file = text.partition("=")
    if not sep or not system or not file:
        raise CliError(f"truthmap evidence: --export {text!r}: expected SYSTEM=FILE, such as hubspot=companies.csv")
    return system.strip(), Path(file)


def _maps(maps: list[str], systems: set[str]) -> dict[str, dict[str, str]]:
    from ..commandline import CliError
    from .facts import FIELDS

    result: dict[str, dict[str, str]] = {}
    for text in maps:
        system, sep, rest = text.partition(":")
        field, eq, column = rest.partition("=")
        field = field.strip().casefold()
        if not sep or not eq or not system or not column.strip():
            raise CliError(f"truthmap evidence: --map {text!r}: expected SYSTEM:FIELD=COLUMN, "
                           "such as xero:email=EmailAddress")
        if field not in FIELDS:
            raise CliError(f"truthmap evidence: --map {text!r}: FIELD is one of {', '.join(FIELDS)}")
        if system not in systems:
            raise CliError(f"truthmap evidence: --map {text!r}: no --export names the system {system!r}")
        result.setdefault(system, {})[field] = column.strip()
    return result


def _progress_bar():
    """A one-line bar on standard error (a terminal only), redrawn in place."""
    width = 30

    def show(stage: str, done: int, total: int) -> None:
        if stage != "matching":  # reading a file is quick; matching is what takes the time
            return
        filled = width * done // max(1, total)
        sys.stderr.write(f"\rmatching [{'#' * filled}{'.' * (width - filled)}] {100 * done // max(1, total):3d}%")
        if done >= total:
            sys.stderr.write("\r" + " " * (width + 20) + "\r")
        sys.stderr.flush()

    return show
