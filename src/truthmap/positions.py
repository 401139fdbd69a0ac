"""Where a field path points in a profile's text: its line, for error messages.

A validation problem is named by its field path (`records[2].copies[0].sync`),
which counts from zero, as TOML and JSON paths do.  People count from one and
look for lines, so each problem also says the line and which entry it is
("line 14, the 3rd record").  Found by scanning the text's table headers and
keys: cheap, and only done for a file that is refused.  A layout the scan does
not follow (a whole section as an inline array) gets the nearest line found,
or none; the path itself is always given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_-]+)[^\]]*\]\]?\s*(?:#.*)?$")  # [a.b]: a's region
_KEY = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*[=.]""")
_PART = re.compile(r"""("[^"]*"|[^.\[\]]+)(?:\[(\d+)\])?""")
PLACED_LINES = 20_000  # about 4,000 records with a copy each
# How an entry of each list is called in words.
ENTRY_WORDS = {"systems": "system", "records": "record", "stages": "stage", "handoffs": "handoff",
               "evidence": "evidence entry"}


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def where_in_text(text: str, path: str) -> str | None:
    """ "line 14, the 3rd record" for `records[2]...`; None when the path's place is not found."""
    return Places(text).where(path)


class Places:
    """A text's table headers and keys, read as far as the paths asked about need:
    a refused 1 MiB file is placed in the time its first problems take to find."""

    def __init__(self, text: str) -> None:
        # Lines past these are not placed (their problems keep their path and entry): a
        # refused file at the size cap is answered in a few hundredths of a second.
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

    def where(self, path: str) -> str | None:
        parts = [(match[1].strip('"'), None if match[2] is None else int(match[2])) for match in _PART.finditer(path)]
        if not parts:
            return None
        line = self._line_of(parts)
        section, index = parts[0]
        entry = f"the {ordinal(index + 1)} {ENTRY_WORDS.get(section, 'entry')}" if index is not None else ""
        if line is None:
            return entry or None
        return f"line {line + 1}, {entry}" if entry else f"line {line + 1}"

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


# The two ways a problem names its line: "3:12: TOML syntax: ..." and "... (line 17, the 3rd record)".
_LEADING_LINE = re.compile(r"^(\d+):\d+: ")
_TRAILING_LINE = re.compile(r"\(line (\d+)(?:, [^)]*)?\)\s*$")


@dataclass(frozen=True)
class Problem:
    """One problem of a refused file, with the line it is on (counted from 1) and that line's text."""

    message: str
    line: int | None = None
    source: str | None = None


def problem_line(message: str) -> int | None:
    """The line a problem message names, if it names one."""
    found = _LEADING_LINE.match(message) or _TRAILING_LINE.search(message)
    return int(found[1]) if found else None


def locate(messages: list[str], text: str | None) -> list[Problem]:
    """Each problem with its line and, when the text is at hand, that line as written."""
    lines = text.splitlines() if text is not None else []
    problems = []
    for message in messages:
        line = problem_line(message)
        source = lines[line - 1] if line is not None and 0 < line <= len(lines) else None
        problems.append(Problem(message, line, source))
    return problems
