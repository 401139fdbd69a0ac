"""A refused profile's problems: what is wrong, at which field path, and where in the text.

A validation problem is named by its field path (`records[2].copies[0].sync`),
which counts from zero, as TOML and JSON paths do.  People count from one and
look for lines, so a problem also knows its place: the line and which entry it
is ("line 14, the 3rd record").  The place is found by scanning the text's
table headers and keys: cheap, and only done for a file that is refused.  A
layout the scan does not follow (a whole section as an inline array) gets the
nearest line found, or none; the path itself is always given.

A :class:`Problem` is made once, by the reader (truthmap.storage), and turned
into its one line of text only where it is shown.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_-]+)[^\]]*\]\]?\s*(?:#.*)?$")  # [a.b]: a's region
_KEY = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*[=.]""")
_PART = re.compile(r"""("[^"]*"|[^.\[\]]+)(?:\[(\d+)\])?""")
PLACED_LINES = 20_000  # about 4,000 records with a copy each
# How an entry of each list is called in words.
ENTRY_WORDS = {"systems": "system", "records": "record", "stages": "stage", "handoffs": "handoff",
               "evidence": "evidence entry"}


class Problem(NamedTuple):
    """One problem of a refused file: an immutable value (a named tuple: a hostile file at the
    size cap has tens of thousands of problems, and benchmarks/README.md has what a dataclass costs).

    `path`: the field it is about, counted from zero (`records[2].owner`), or
    None for the file as a whole.  `line` (counted from 1) with `column`: a
    position in the text, said first (`3:12: TOML syntax: ...`); `line`
    without `column`, and `entry` ("the 3rd record"): the place the path was
    found at, said last.  `source`: that line of the file as written, where
    whoever shows the problem has the text (the workbench's problems screen).
    """

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    entry: str | None = None
    source: str | None = None

    def __str__(self) -> str:
        """The problem's line of text (without the file's name), as every output shows it."""
        if self.column is not None:
            return f"{self.line}:{self.column}: {self.message}"
        text = self.message if self.path is None else f"{self.path}: {self.message}"
        place = ", ".join(part for part in (None if self.line is None else f"line {self.line}", self.entry) if part)
        return f"{text} ({place})" if place else text


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class Places:
    """A text's table headers and keys, read as far as the paths asked about need:
    a refused 1 MiB file is placed in the time its first problems take to find."""

    def __init__(self, text: str) -> None:
        # Lines past these are not placed (their problems keep their path and entry), so
        # a refused file at the size cap is answered quickly (benchmarks/README.md).
        self.lines = text.splitlines()[:PLACED_LINES]
        self.scanned = 0  # lines read so far
        self.headers: list[tuple[int, bool, str]] = []  # (line index, is [[entry]], name)
        self.keys: list[dict[str, int]] = [{}]  # per region (the top, then after each header): key -> line index

    def _advance(self) -> bool:
        """Read one more line; False when there is none."""
        if self.scanned >= len(self.lines):
            return False
        number, line = self.scanned, self.lines[self.scanned]
        self.scanned += 1
        if (header := _HEADER.match(line)) is not None:
            self.headers.append((number, header[1] == "[[", header[2]))
            self.keys.append({})
        elif (key := _KEY.match(line)) is not None:
            self.keys[-1].setdefault(key[1].strip("\"'"), number)
        return True

    def _key(self, region: int, key: str) -> int | None:
        """The line of `key` in `region`, reading on while that region is the one being read."""
        while key not in self.keys[region] and region == len(self.keys) - 1 and self._advance():
            pass
        return self.keys[region].get(key)

    def place(self, path: str) -> tuple[int | None, str | None]:
        """(line counted from 1, entry words such as "the 3rd record") of `path`; None where not found."""
        parts = [(match[1].strip('"'), None if match[2] is None else int(match[2])) for match in _PART.finditer(path)]
        if not parts:
            return None, None
        line = self._line_of(parts)
        section, index = parts[0]
        entry = f"the {ordinal(index + 1)} {ENTRY_WORDS.get(section, 'entry')}" if index is not None else None
        return (None if line is None else line + 1), entry

    def _line_of(self, parts: list[tuple[str, int | None]]) -> int | None:
        (section, index), rest = parts[0], parts[1:]
        if index is None and not rest and (top := self._key(0, section)) is not None:
            return top  # a key of the top level (`name`, a misspelt key): found before the first header
        region = self._region(section, index)
        if region is None:  # not a [table] or [[entry]]: a key of the top level
            return self._key(0, section)
        start = self.headers[region - 1][0]
        if not rest:
            return start
        found = self._key(region, rest[0][0])
        return start if found is None else found

    def _region(self, section: str, index: int | None) -> int | None:
        """The region (1 + header number) of `[section]` or of the index-th `[[section]]`, counting from 0."""
        seen, number = -1, 0
        while True:
            while number >= len(self.headers):  # read on to the next header, if there is one
                if not self._advance():
                    return None
            _, entry, name = self.headers[number]
            number += 1
            if name == section and entry == (index is not None):
                seen += 1
                if index is None or seen == index:
                    return number
