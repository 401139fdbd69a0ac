"""The command line: report, check, compare, and the workbench hand-off.

Kept light on purpose: the report commands import only the core (no
Textual), and invalid input always ends as one line per problem on stderr
with exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .commandline import (  # noqa: F401 - the exit codes are part of this module's face
    EXIT_BROKEN_PIPE, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, CliError, InternalError, check_output,
    emit, load_all, load_each,
)
from .storage import ProfileError

FORMATS = ("text", "markdown", "json")
REPORT_FORMATS = (*FORMATS, "html")
SEVERITY_LEVELS = ("low", "medium", "high")
SUBCOMMANDS = ("report", "check", "compare", "serve", "evidence", "completion")
SHELLS = {"bash": "truthmap.bash", "zsh": "_truthmap", "fish": "truthmap.fish"}
FILE_WIDTH = 100  # text written to a file or a pipe
MIN_WIDTH, MAX_WIDTH = 60, 140  # beyond this, lines get too long to read

CHECK_EPILOG = """\
Each finding prints as `PATH: SEVERITY: KIND: WHERE: MESSAGE`, where WHERE is
the entity or stage id (or `-`). Exit status: 0 when no finding is at or
above --fail-on, 1 when some are, 2 when any profile is invalid. Valid
profiles are still checked when another one is invalid; the problems of the
invalid ones go to standard error, one line each. When the valid profiles
have no finding at all, one line on standard output says so.
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print usage and exit; we want one line
        raise CliError(f"{self.prog}: {message} (try `{self.prog} --help`)")


PROFILE_HELP = ("a profile file, or the name of one in your profiles folder without folder or extension "
                "(TRUTHMAP_HOME/profiles when that is set, else the documents folder's truthmap/); "
                "a file of that name here wins")


def profile_path(text: str) -> Path:
    """A profile as a person names it: a path, or the name of a file in the profiles folder."""
    path = Path(text)
    if path.exists() or path.parent != Path(".") or path.suffix not in ("", ".toml"):
        return path
    try:
        from .paths import user_profiles_dir

        named = user_profiles_dir() / (text if path.suffix else f"{text}.toml")
    except (RuntimeError, OSError):  # no home folder: only paths, then
        return path
    return named if named.is_file() else path


MAIN_EPILOG = """\
Without a command, truthmap opens the workbench: on PROFILE when given, else
on the profile you had open last (the bundled sample on a first run).

environment:
  TRUTHMAP_HOME      where profiles, recovery copies and settings live
                     (profiles in TRUTHMAP_HOME/profiles); default: the
                     documents and state folders of your system
  NO_COLOR           any value: no colour in reports
  SOURCE_DATE_EPOCH  the date a markdown or html report carries, when
                     --date is not given (reproducible reports)
  TRUTHMAP_DEBUG     any value: show the traceback of an internal error

exit status:
  0    done; `check`: no finding at or above --fail-on
  1    `check`: findings at or above --fail-on
  2    invalid input: a profile, a file or the command line (one line each)
  70   an internal error (a bug: please report it with TRUTHMAP_DEBUG=1)
  130  interrupted (ctrl+c)
  141  the reader of the output went away (a closed pipe)

shell completion:
  truthmap completion bash|zsh|fish prints a static completion script.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="truthmap",
        usage="truthmap [PROFILE]\n       truthmap COMMAND [options]",
        description="Decide where the truth about client work lives: CRM-first, PM-first or Hybrid.",
        epilog=MAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"truthmap {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND",
                                 prog="truthmap")  # not the two-line usage: it names the command in errors

    report = commands.add_parser("report", help="the full analysis of one profile",
                                 description="The full analysis of one profile.")
    report.add_argument("profile", type=profile_path, metavar="PROFILE", help=PROFILE_HELP)
    _add_output_options(report, REPORT_FORMATS,
                        "default: text; markdown and html are the client report, text and json the full detail")
    report.add_argument("--date", metavar="YYYY-MM-DD",
                        help="the date the markdown or html report carries (default: SOURCE_DATE_EPOCH when set, "
                        "else today)")
    report.add_argument("--detail", action="store_true",
                        help="markdown and html: rule ids and profile paths beside each item, not in an appendix")
    report.add_argument("--target", type=profile_path, metavar="TARGET",
                        help="the profile that plans PROFILE's future: the report adds what changes from today "
                        "to the target (JSON: the two compared, under `target`)")

    check = commands.add_parser("check", help="one line per finding; for scripts and CI",
                                description="One line per finding, for scripts and CI.", epilog=CHECK_EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("profiles", type=profile_path, nargs="+", metavar="PROFILE", help=PROFILE_HELP)
    check.add_argument("--fail-on", choices=SEVERITY_LEVELS, default="low",
                       help="lowest severity that makes the exit status 1 (default: low)")

    compare = commands.add_parser("compare", help="two or more profiles side by side",
                                  description="Two or more profiles side by side, differences marked.")
    compare.add_argument("profiles", type=profile_path, nargs="+", metavar="PROFILE", help=PROFILE_HELP)
    _add_output_options(compare)
    compare.add_argument("--tui", action="store_true", help="open the compare screen of the workbench")

    serve = commands.add_parser("serve", help="the workbench in a browser (needs truthmap[web])",
                                description="The workbench in a browser: each tab runs its own workbench on "
                                "PROFILE (bare: the sample). Only this machine gets in unless --public.")
    serve.add_argument("profile", type=profile_path, nargs="?", metavar="PROFILE", help=PROFILE_HELP)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000; 0: any free one)")
    serve.add_argument("--public", action="store_true",
                       help="allow a host other than this machine's own; every request then needs the token "
                       "printed with the link, and files open and save in the profiles folder only")

    from .evidence.command import add_parser as add_evidence

    add_evidence(commands, profile_path, PROFILE_HELP, FORMATS)

    completion = commands.add_parser("completion", help="print a shell completion script",
                                     description="Print a static completion script for SHELL; for example "
                                     "`truthmap completion bash > ~/.local/share/bash-completion/completions/truthmap`.")
    completion.add_argument("shell", choices=tuple(SHELLS), metavar="SHELL", help="bash, zsh or fish")
    return parser


def _add_output_options(parser: argparse.ArgumentParser, formats: tuple[str, ...] = FORMATS,
                        format_help: str = "default: text") -> None:
    parser.add_argument("--format", choices=formats, default="text", help=format_help)
    parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write to FILE instead of standard output")
    parser.add_argument("--width", type=_width, metavar="COLUMNS",
                        help="line width of the text format (default: the terminal's)")


def _width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of columns, got {value!r}") from None
    if not 40 <= width <= 1000:
        raise argparse.ArgumentTypeError("must be between 40 and 1000 columns")
    return width


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535, got {value!r}")
    return int(value)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # truthmap uses no pydantic plugins; looking for them reads the metadata of
    # every installed package at each start.  A choice of the person's own stands.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _tolerate_any_encoding()
    try:
        if argv and argv[0] in SUBCOMMANDS or argv[:1] in (["-h"], ["--help"], ["--version"]):
            return _run_command(build_parser().parse_args(argv))
        return _open_workbench(argv)
    except CliError as error:
        _say(str(error))
        return EXIT_INTERNAL if isinstance(error, InternalError) else EXIT_INVALID
    except ProfileError as error:
        for line in error.lines():
            _say(line)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`truthmap report x | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _tolerate_any_encoding() -> None:
    """A terminal that cannot show a character gets a stand-in, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _say(line: str) -> None:
    from .text import visible

    print(visible(line), file=sys.stderr)


@contextmanager
def collector_paused() -> Iterator[None]:
    """The one place the command line tunes Python's cycle collector: off for a one-shot command.

    A command reads, analyses and writes once, making many small objects and no cycles;
    the collector would only walk the growing heap again and again.  Needed for the
    budget of `report --format json` on 10,000 records (benchmarks/README.md, "The
    cycle collector in the command line").  Reference counting still frees everything;
    a workbench started from here (`compare --tui`) tunes its own (truthmap.workbench).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run_command(args: argparse.Namespace) -> int:
    handlers = {"report": _report, "check": _check, "compare": _compare, "serve": _serve, "evidence": _evidence,
                "completion": _completion}
    if args.command not in handlers:
        build_parser().print_help()
        return EXIT_OK
    try:
        if args.command == "serve":  # runs for hours, its collector as Python has it
            return handlers[args.command](args)
        with collector_paused():
            return handlers[args.command](args)
    except (CliError, ProfileError, BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as error:  # a bug, not bad input: still one line, with a way to see more
        if os.environ.get("TRUTHMAP_DEBUG"):
            raise
        raise InternalError(f"truthmap: internal error ({type(error).__name__}: {error}); "
                       "set TRUTHMAP_DEBUG=1 to see the traceback") from None


def _completion(args: argparse.Namespace) -> int:
    from importlib.resources import files

    sys.stdout.write(files("truthmap.completions").joinpath(SHELLS[args.shell]).read_text(encoding="utf-8"))
    return EXIT_OK


def _style(args: argparse.Namespace) -> tuple[bool, int]:
    """(colour?, width) for the text format: the terminal's when writing to one."""
    to_terminal = args.output is None and sys.stdout.isatty()
    if args.width:
        width = args.width
    elif to_terminal:
        width = max(MIN_WIDTH, min(MAX_WIDTH, shutil.get_terminal_size((FILE_WIDTH, 24)).columns))
    else:
        width = FILE_WIDTH
    return to_terminal, width


def _report(args: argparse.Namespace) -> int:
    profiles = [args.profile] + ([args.target] if args.target is not None else [])
    check_output(args.output, profiles)
    loaded, *targets = load_all(profiles)
    from .analysis import analyze
    from .reports import render_report, report_date

    date = None
    if args.format in ("markdown", "html"):  # the client report is dated; the others are not
        try:
            date = report_date(args.date)
        except ValueError as error:
            raise CliError(f"truthmap report: {error}") from None
    color, width = _style(args)
    analysis = analyze(loaded.profile)
    pair = None
    if targets:
        from .targets import pair_of

        target = targets[0]
        pair = pair_of(loaded.profile, analysis, loaded.path, target=target.path, target_profile=target.profile)
    report = render_report(loaded.profile, analysis, args.format, color=color, width=width, date=date,
                           detail=args.detail, target=pair)
    emit(report, args.output)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .analysis import SEVERITIES, analyze
    from .naming import where_id
    from .text import visible

    failing = SEVERITIES[: SEVERITIES.index(args.fail_on) + 1]  # SEVERITIES runs high -> low
    loaded_profiles, problems = load_each(args.profiles)
    hits = found = 0
    for loaded in loaded_profiles:
        for finding in analyze(loaded.profile, with_flip=False, with_comparison=False).findings:
            line = f"{loaded.path}: {finding.severity}: {finding.kind}: {where_id(finding)}: {finding.message}"
            print(visible(line))
            hits += finding.severity in failing
            found += 1
    if loaded_profiles and not found:
        checked = len(loaded_profiles)
        print(f"No findings in {checked} {'profile' if checked == 1 else 'profiles'} checked.")
    sys.stdout.flush()
    for line in problems:
        _say(line)
    if problems:
        return EXIT_INVALID
    return EXIT_FINDINGS if hits else EXIT_OK


def _compare(args: argparse.Namespace) -> int:
    if len(args.profiles) < 2:
        raise CliError("truthmap compare: give two or more profiles to compare")
    check_output(args.output, args.profiles)
    loaded = load_all(args.profiles)
    if args.tui:
        return _open_workbench([str(p) for p in args.profiles], compare=True)
    from .reports import render_comparison

    color, width = _style(args)
    emit(render_comparison(loaded, args.format, color=color, width=width), args.output)
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from . import serve

    if problem := serve.missing_extra():
        raise CliError(problem)
    if not args.public and not serve.is_loopback(args.host):
        raise CliError(f"truthmap serve: --host {args.host} lets other machines in; add --public to allow "
                       "that (each visitor then needs the token printed with the link)")
    profile = args.profile
    if profile is not None:
        if profile.exists():
            load_all([profile])  # a broken file is named now, not in every tab
        elif profile.suffix != ".toml":
            raise CliError(f"truthmap serve: {str(profile)!r} is not a profile file (profiles end in .toml)")
        profile = profile.resolve()  # every tab opens this one, whatever it opened last
    from .paths import home_problem

    if problem := home_problem():
        raise CliError(problem)
    try:
        return serve.serve(profile, args.host, args.port, args.public)
    except OSError as error:
        raise CliError(f"truthmap serve: cannot listen on {args.host}:{args.port}: "
                       f"{error.strerror or error} (try another --port)") from None


def _evidence(args: argparse.Namespace) -> int:
    from .evidence.command import run

    return run(args)


def _open_workbench(argv: list[str], compare: bool = False) -> int:
    if argv and argv[0].startswith("-"):
        raise CliError(f"truthmap: unknown option {argv[0]} (try `truthmap --help`)")
    if argv and not compare:
        argv = [str(profile_path(argv[0])), *argv[1:]]  # a name in the profiles folder, as report takes it
    if argv and not compare and not argv[0].endswith(".toml") and not Path(argv[0]).exists():
        raise CliError(f"truthmap: {argv[0]!r} is neither a command ({', '.join(SUBCOMMANDS)}) "
                       "nor a profile file (profiles end in .toml)")
    if len(argv) > 1 and not compare:
        raise CliError("truthmap: open one profile at a time (use `truthmap compare A B` to compare)")
    from .paths import home_problem

    if problem := home_problem():  # the workbench keeps settings and recovery copies there
        raise CliError(problem)
    if not argv and not os.environ.get("TRUTHMAP_SERVED"):  # a served tab never sees the host's own work
        from .settings import last_profile

        if (last := last_profile()) is not None:
            argv = [str(last)]
    from .workbench import run_workbench

    return run_workbench([Path(a) for a in argv], compare=compare)
