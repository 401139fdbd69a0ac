"""A usage error names the command it is about, on one line."""

from __future__ import annotations

import argparse
import subprocess

from installed import truthmap_command
from truthmap.cli import build_parser


def test_each_command_is_named_truthmap_and_its_name():
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001 - argparse has no public walk
    for name, sub in commands.choices.items():
        assert sub.prog == f"truthmap {name}"


def test_a_missing_argument_is_one_line_naming_the_command():
    done = subprocess.run([truthmap_command(), "report"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == ("truthmap report: the following arguments are required: PROFILE "
                           "(try `truthmap report --help`)\n")
