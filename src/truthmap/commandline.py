"""What every command of the command line shares: its errors, exit codes, profile loading and output.

Its own module so a command defined elsewhere (truthmap evidence) uses the
same pieces as cli.py without importing cli.py back.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .storage import ProfileError

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2
EXIT_INTERNAL, EXIT_BROKEN_PIPE = 70, 141


class CliError(Exception):
    """A usage or input problem: printed as one line, exit 2."""


class InternalError(CliError):
    """A bug, not bad input: printed as one line, exit 70."""


def load_all(paths: list[Path]):
    """Every profile, or _Problems carrying the problems of all of them."""
    loaded, problems = load_each(paths)
    if problems:
        raise _Problems(problems)
    return loaded


def load_each(paths: list[Path]):
    """(loaded profiles, problem lines): one bad file does not hide the others."""
    from .storage import read_profile

    loaded, problems = [], []
    for path in paths:
        try:
            loaded.append(read_profile(path))
        except ProfileError as error:
            problems.extend(error.lines())
    return loaded, problems


class _Problems(ProfileError):
    def __init__(self, lines: list[str]):
        self._lines = lines
        Exception.__init__(self, "\n".join(lines))

    def lines(self) -> list[str]:
        return self._lines


def check_output(output: Path | None, inputs: list[Path]) -> None:
    """Refuse, before any work, to write a report over one of its own profiles."""
    if output is None:
        return
    if output.is_dir():
        raise CliError(f"{output}: is a folder; give a file name for the report")
    for path in inputs:
        try:
            same = output.exists() and path.exists() and os.path.samefile(output, path)
        except OSError:
            same = False
        if same:
            raise CliError(f"{output}: is the profile being read; write the report to another file")


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return
    from .storage import atomic_write

    data = text.encode("utf-8")
    try:
        if output.exists() and not output.is_file():
            # A device or pipe (/dev/null, /dev/stdout, a FIFO): write into it. Renaming a
            # temporary file over it would replace the device with a plain file.
            with open(output, "wb") as handle:
                handle.write(data)
        else:
            atomic_write(output, data, create_folders=True)  # the person named it
    except OSError as error:
        raise CliError(f"{output}: cannot write: {error.strerror or error}") from None
