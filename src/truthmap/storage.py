"""Reading and writing profile files.

Loading has one failure mode: :class:`ProfileError`, holding every problem
found as a :class:`~truthmap.positions.Problem` (its field path, or the TOML
line:column, and its place); its lines name the file.  Saving is atomic
(temporary file, fsync, rename, fsync of the folder), deterministic, and
refuses to overwrite a file that changed on disk since it was read.
"""

from __future__ import annotations

import os
import re
import stat as stat_module
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli

from .positions import Problem
from .text import visible
from .vocabulary import (
    FIRST_SCHEMA,
    MAX_BARE_LENGTH,
    MAX_KEY_PARTS,
    MAX_LIST_ITEMS,
    MAX_PROBLEM_LINES,
    MAX_PROFILE_BYTES,
    MAX_VALUES,
    SCHEMA_OF_KEY,
    SCHEMA_VERSION,
    document_reference_problems,
    schema_needed,
    type_name,
)

if TYPE_CHECKING:
    from pydantic import ValidationError

    from .model import Profile

# The pydantic models (truthmap.model) are imported where they are first
# needed, so `truthmap --help` and a refused file's one line need none of them.

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_BOM = b"\xef\xbb\xbf"


class ProfileError(Exception):
    """A profile file could not be read (or, `saving`, a profile would not be written):
    its problems, each shown as one line naming the file."""

    def __init__(self, source: str, problems: list[Problem], *, saving: bool = False):
        self.source = source
        self.problems = problems or [Problem("unreadable profile")]
        self.saving = saving
        super().__init__("\n".join(self.lines()))

    def shown(self) -> list[str]:
        """The problems as shown, without the file's name: at most MAX_PROBLEM_LINES, then how many more."""
        said = "not saved: " if self.saving else ""
        shown = [visible(f"{said}{problem}") for problem in self.problems[:MAX_PROBLEM_LINES]]
        if len(self.problems) > MAX_PROBLEM_LINES:
            shown.append(f"... and {len(self.problems) - MAX_PROBLEM_LINES} more problems")
        return shown

    def lines(self) -> list[str]:
        """One line a problem, naming the file: what the command line prints."""
        source = display_path(self.source)
        return [f"{source}: {line}" for line in self.shown()]


class FileChangedError(Exception):
    """The file on disk is not the one that was loaded: saving would clobber it."""

    def __init__(self, path: Path, *, existed: bool = False):
        self.path = path
        why = "already exists" if existed else "changed on disk since it was opened"
        super().__init__(f"{display_path(path)}: {why}; not overwritten")


def display_path(path: str | os.PathLike[str]) -> str:
    """A file name as one printable line (undecodable bytes and controls made visible)."""
    return visible(os.fsencode(path).decode("utf-8", "backslashreplace"))


@dataclass(frozen=True)
class FileStamp:
    """What a file looked like when we read or wrote it (None: it did not exist)."""

    mtime_ns: int
    size: int
    digest: str

    @classmethod
    def of_bytes(cls, path: Path, data: bytes) -> FileStamp:
        stat = path.stat()
        return cls(stat.st_mtime_ns, stat.st_size, sha256_hex(data))

    @classmethod
    def read(cls, path: Path) -> FileStamp | None:
        try:
            return cls.of_bytes(path, path.read_bytes())
        except FileNotFoundError:
            return None

    def matches(self, path: Path) -> bool:
        """A size change settles it cheaply; otherwise the hash decides.

        mtime alone is not trusted: a same-size edit within the clock's
        resolution (or with the mtime put back) must still count as a change.
        """
        try:
            if path.stat().st_size != self.size:
                return False
            return sha256_hex(path.read_bytes()) == self.digest
        except (OSError, ValueError):
            return False


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data`, in hex."""
    import hashlib  # loads OpenSSL: only when a file is stamped, which the command line's reports never do

    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class LoadedProfile:
    profile: Profile
    path: Path
    stamp: FileStamp | None
    text: str | None = None  # the file as read (load_profile): what a save keeps the layout of


# ---------------------------------------------------------------- loading


def load_profile(path: str | os.PathLike[str]) -> LoadedProfile:
    """Read and validate a profile file to edit and save it; raises ProfileError and nothing else."""
    path = Path(path)
    data, info = _read_capped(path, str(path))
    stamp = FileStamp(info.st_mtime_ns, len(data), sha256_hex(data))
    profile = parse_profile(data, str(path))
    return LoadedProfile(profile, path, stamp, data.removeprefix(_BOM).decode("utf-8"))


def read_profile(path: str | os.PathLike[str]) -> LoadedProfile:
    """Read and validate a profile file to report on it, not to edit or save it.

    The same checks and the same ProfileError as :func:`load_profile`, with
    no stamp (no hash of the file): what the command line needs.
    """
    path = Path(path)
    data, _ = _read_capped(path, str(path))
    return LoadedProfile(parse_profile(data, str(path)), path, None)


def _read_capped(path: Path, source: str) -> tuple[bytes, os.stat_result]:
    """The file's bytes (at most one past the cap) and its stat as it was read."""
    try:
        mode = path.stat().st_mode
        if stat_module.S_ISDIR(mode):
            raise ProfileError(source, [Problem("is a folder, not a profile file")])
        if not stat_module.S_ISREG(mode):
            # A pipe or device could block or never end: only plain files are profiles.
            raise ProfileError(source, [Problem("not a regular file")])
        with path.open("rb") as handle:
            data = handle.read(MAX_PROFILE_BYTES + 1)
            info = os.fstat(handle.fileno())
    except FileNotFoundError:
        raise ProfileError(source, [Problem("no such file")]) from None
    except OSError as error:
        raise ProfileError(source, [Problem(f"cannot read: {error.strerror or error}")]) from None
    except ValueError as error:  # e.g. a NUL byte in the name
        raise ProfileError(source, [Problem(f"cannot read: {error}")]) from None
    return data, info


def parse_profile(data: bytes | str, source: str = "<profile>", *, limit: int = MAX_PROFILE_BYTES,
                  placed: bool = True) -> Profile:
    """Bytes to a valid Profile, or ProfileError naming the line or field
    (`limit`: the size cap, larger only for truthmap's own recovery copies;
    `placed`: each problem says its line, which only helps for a file the person has)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")  # a lone surrogate then fails decoding with a position
    try:
        return _parse(data, source, limit, placed)
    except ProfileError:
        raise
    except RecursionError:
        raise ProfileError(source, [Problem("nested too deeply to read")]) from None
    except (ValueError, TypeError, ArithmeticError, MemoryError) as error:  # pragma: no cover - defensive
        raise ProfileError(source, [Problem(f"unreadable profile: {type(error).__name__}")]) from None


def _parse(data: bytes, source: str, limit: int, placed: bool) -> Profile:
    if len(data) > limit:
        raise ProfileError(source, [Problem(f"too large for a profile (over {limit // 1024} KiB)")])
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    text = _decode(data, source)
    if not text.strip():
        raise ProfileError(source, [Problem("empty file: a profile needs at least `schema = 1` and `name`")])
    _prescan(text, source)
    try:
        document = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise ProfileError(source, [_toml_position(str(error), text)]) from None
    return profile_of(document, source, text if placed else None)


def profile_of(document: dict[str, Any], source: str, text: str | None = None) -> Profile:
    """A profile's tables, as TOML reads them, to a valid Profile, or ProfileError with every
    problem in one pass: the one validator of a profile, for a file and for a merge alike
    (`text`: the file's, to place each problem on its line)."""
    schema = _schema_problems(document, source)
    _check_sizes(document, source)
    from pydantic import ValidationError

    from .model import Profile

    profile: Profile | None = None
    try:
        profile = Profile.model_validate(document, by_alias=True, by_name=False)
        structural: list[Problem] = []
    except ValidationError as error:
        structural = _validation_problems(error)
    if schema:  # said once, in the words of the schema check
        structural = [problem for problem in structural if problem.path != "schema"]
    else:
        structural += _newer_keys(document)
    # Every problem of the file in one pass: references are judged on the raw
    # tables too, except where the value itself was already refused.
    refused = {problem.path for problem in structural}
    references = [Problem(message, path) for path, message in document_reference_problems(document)
                  if path not in refused]
    problems = [*schema, *sorted([*structural, *references], key=_document_order)]
    if problems or profile is None:
        raise ProfileError(source, _placed(problems, text) if text is not None else problems)
    return profile


@cache
def _sections() -> dict[str, int]:
    """The profile's top-level keys and their place in the models' order: how problems are sorted
    (asked once per problem, of which a refused file may have tens of thousands)."""
    from .model import Profile

    return {field.alias or name: number for number, (name, field) in enumerate(Profile.model_fields.items())}


_PATH_HEAD = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")


def _document_order(problem: Problem) -> tuple[int, int]:
    """Problems sorted as their places come in a profile: section, then entry (stable within one)."""
    match = _PATH_HEAD.match(problem.path or "")
    sections = _sections()
    if match is None or match[1] not in sections:
        return len(sections), 0
    return sections[match[1]], int(match[2]) if match[2] else -1


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        line_start = before[before.rfind(b"\n") + 1:]
        column = len(line_start.decode("utf-8")) + 1  # characters, as editors count
        raise ProfileError(source, [Problem("not valid UTF-8 text", line=line, column=column)]) from None


# A key part: bare, "basic" or 'literal' (possessive, so nothing backtracks).
_PART = r"""(?:[A-Za-z0-9_-]++|"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"|'[^'\n]*+')"""
_DOT = r"[ \t]*+\.[ \t]*+"
_AT_WORD_START = r"(?<![A-Za-z0-9_-])"  # never restart inside a word: no quadratic rescans
# Tokens in the order TOML reads them, matched in C: strings and comments are
# stepped over whole (nothing inside them counts), a dotted key or number is
# taken whole, and only what breaks a bound is named `dotted` or `bare`.
_SCAN = re.compile(
    rf"""
      (?P<dotted>{_AT_WORD_START}(?:{_PART}{_DOT}){{{MAX_KEY_PARTS},}}+{_PART})
    | (?P<bare>(?<![A-Za-z0-9_.:+-])[A-Za-z0-9_.:+-]{{{MAX_BARE_LENGTH + 1},}}+)
    | {_AT_WORD_START}{_PART}(?:{_DOT}{_PART})++
    | \"\"\"[^"\\]*+(?:(?:\\[\s\S]|"(?!""))[^"\\]*+)*+\"\"\""{{0,2}}
    | '''[^']*+(?:'(?!'')[^']*+)*+'''(?:'{{0,2}})
    | "[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"
    | '[^'\n]*+'
    | \#[^\n]*+
    """,
    re.VERBOSE,
)


# What `_SCAN` refuses needs a run of more than MAX_BARE_LENGTH word characters,
# or MAX_KEY_PARTS dots on one line.  Looking for those (strings included, so
# any false alarm just means the full scan) takes a fraction of the scan's time.
_LONG_RUN = re.compile(rf"[A-Za-z0-9_.:+-]{{{MAX_BARE_LENGTH + 1}}}")
_MANY_DOTS = re.compile(rf"\.(?:[^.\n]*+\.){{{MAX_KEY_PARTS - 1}}}")


# More bare values in a row than any array may hold (`[1, 2, 3, ...]`): refused
# here, long before the TOML reader would have read them all (benchmarks/README.md,
# "Figures behind comments").  Keys are followed by `=`, never by a comma, so only
# an array of numbers, dates or booleans can match.
_LONG_ARRAY = re.compile(rf"(?<![A-Za-z0-9_.:+-])(?:[A-Za-z0-9_.:+-]++[ \t\r\n]*+,[ \t\r\n]*+){{{MAX_LIST_ITEMS + 1}}}")


def _prescan(text: str, source: str) -> None:
    """Refuse, with its line and column, what would make the TOML reader crawl."""
    if _bare_commas(text) > MAX_LIST_ITEMS and (match := _LONG_ARRAY.search(text)):
        line, column = _position(text, match.start())
        raise ProfileError(source, [Problem(f"an array of more than {MAX_LIST_ITEMS:,} entries", line=line,
                                            column=column)])
    if not _LONG_RUN.search(text) and (text.count(".") < MAX_KEY_PARTS or not _MANY_DOTS.search(text)):
        return  # nothing the scan could refuse
    for match in _SCAN.finditer(text):
        if match.lastgroup is None:
            continue
        line, column = _position(text, match.start())
        if match.lastgroup == "dotted":
            raise ProfileError(source, [Problem(f"a dotted key or table header of more than {MAX_KEY_PARTS} parts "
                                                "(a profile needs two at most)", line=line, column=column)])
        raise ProfileError(source, [Problem(f"a bare word of {len(match.group()):,} characters "
                                            f"(keys and numbers are at most {MAX_BARE_LENGTH})", line=line,
                                            column=column)])


def _bare_commas(text: str) -> int:
    """About how many commas follow a bare value (not a string, table or array): a profile's
    commas follow those, so only then is the slower search for a long array worth it."""
    return text.count(",") - sum(text.count(end + ",") for end in ('"', "'", "}", "]"))


def _position(text: str, start: int) -> tuple[int, int]:
    """(line, column) of a character offset, both counted from 1."""
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1


def _check_sizes(document: dict[str, Any], source: str) -> None:
    """Refuse an array or a whole document too big to validate and analyse quickly."""
    if _within_sizes(document):
        return
    _refuse_sizes(document, source)


def _within_sizes(document: dict[str, Any]) -> bool:
    """No array over MAX_LIST_ITEMS and at most MAX_VALUES values: a quick walk naming no paths.

    A document is at most MAX_PROFILE_BYTES, so this walk is bounded too; only
    when it finds a problem does the walk that names its place run.
    """
    count = 0
    nodes: list[Any] = [document]
    add = nodes.append
    for node in nodes:  # grows as it goes: every array and table, once
        if type(node) is dict:
            values = node.values()
        else:
            values = node
            if len(node) > MAX_LIST_ITEMS:
                return False
        count += len(values)
        for value in values:
            if type(value) is dict or type(value) is list:
                add(value)
    return count <= MAX_VALUES


def _refuse_sizes(document: dict[str, Any], source: str) -> None:
    """The first array or count over the limits, with its path (as the quick walk found one)."""
    count = 0
    pending: list[tuple[str, object]] = [("", document)]
    while pending:
        path, node = pending.pop()
        if isinstance(node, list) and len(node) > MAX_LIST_ITEMS:
            raise ProfileError(source, [Problem(f"{len(node):,} entries (at most {MAX_LIST_ITEMS:,})", path)])
        if not isinstance(node, (dict, list)):
            continue
        count += len(node)
        if count > MAX_VALUES:  # counted before naming the children: a hostile file has ~100,000
            raise ProfileError(source, [Problem(f"more than {MAX_VALUES:,} values "
                                                "(a profile holds at most that many)")])
        if isinstance(node, dict):
            pending.extend((f"{path}.{_key(str(key))}" if path else _key(str(key)), value)
                           for key, value in node.items())
        else:
            pending.extend((f"{path}[{index}]", value) for index, value in enumerate(node))

_AT_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")


def _toml_position(message: str, text: str) -> Problem:
    """The TOML reader's message as a problem at its line and column."""
    if match := _AT_POSITION.search(message):
        return Problem(f"TOML syntax: {message[: match.start()]}", line=int(match[1]), column=int(match[2]))
    if match := _AT_END.search(message):
        lines = text.split("\n")
        return Problem(f"TOML syntax: {message[: match.start()]} (at end of file)", line=len(lines),
                       column=len(lines[-1]) + 1)
    return Problem(f"TOML syntax: {message}")


def _schema_problems(document: dict[str, Any], source: str) -> list[Problem]:
    """What is wrong with `schema`; a newer schema is refused alone, before anything else is read."""
    schema = document.get("schema")
    if schema is None:
        return [Problem("missing (write `schema = 1` at the top)", "schema")]
    if isinstance(schema, bool) or not isinstance(schema, int):
        return [Problem(f"expected an integer, got {type_name(schema)}", "schema")]
    if schema > SCHEMA_VERSION:
        raise ProfileError(
            source,
            [Problem(f"this file uses schema {schema}, newer than this truthmap understands "
                     f"(schema {SCHEMA_VERSION}); upgrade truthmap to open it", "schema")],
        )
    if schema < FIRST_SCHEMA:
        known = " or ".join(str(version) for version in range(FIRST_SCHEMA, SCHEMA_VERSION + 1))
        return [Problem(f"{schema} is not a valid schema version (expected {known})", "schema")]
    return []


def _placed(problems: list[Problem], text: str) -> list[Problem]:
    """Each shown problem with its line and, for a list entry, which one counting from 1."""
    from .positions import Places

    places = Places(text)
    placed = []
    for problem in problems[:MAX_PROBLEM_LINES]:
        line, entry = places.place(problem.path) if problem.path is not None else (None, None)
        placed.append(problem._replace(line=line, entry=entry))
    return placed + problems[MAX_PROBLEM_LINES:]


def _newer_keys(document: dict[str, Any]) -> list[Problem]:
    """Keys a later schema brought, in a file that says an earlier one."""
    said = document["schema"]
    return [Problem(f"needs `schema = {SCHEMA_OF_KEY[key]}` at the top (this file says schema = {said})", key)
            for key in document if SCHEMA_OF_KEY.get(key, 0) > said]


def _validation_problems(error: ValidationError) -> list[Problem]:
    from .model import problem_message

    # No documentation links: a hostile file's tens of thousands of problems are read sooner without.
    return [Problem(problem_message(item), _field_path(item["loc"])) for item in error.errors(include_url=False)]


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _field_path(location: tuple[Any, ...]) -> str:
    if len(location) == 1 and type(location[0]) is str:  # a top-level key: most problems of a hostile file
        return _key(location[0])
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            key = _key(str(part))
            path += f".{key}" if path else key
    return path or "(top level)"


def _key(name: str) -> str:
    """A key as TOML would write it: bare when it can be, quoted and escaped otherwise."""
    return name if _BARE_KEY.fullmatch(name) else _value(name)


# ----------------------------------------------------------------- saving


def profile_document(profile: Profile) -> dict[str, Any]:
    """The profile as the file holds it: file keys, unanswered answers and empty parts left out."""
    document = _pruned(profile.model_dump(by_alias=True, warnings=False))
    said = profile.schema_ if type(profile.schema_) is int else SCHEMA_VERSION
    document["schema"] = max(said, schema_needed(document))
    return {**document, "name": profile.name}  # a name is never optional: a None stays to be refused


def _pruned(table: dict[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            value = _pruned(value)
        elif isinstance(value, list):
            value = [_pruned(entry) if isinstance(entry, dict) else entry for entry in value]
        if value is not None and value != {} and value != []:
            kept[key] = value
    return kept


def dump_profile(profile: Profile, *, compact: bool = False) -> str:
    """The profile as TOML text: same sections and order every time.

    `compact`: no spaces, blank lines or line per copy, and the shorter
    quoting of each string; what a save writes when the readable layout would
    not fit under the size cap, so a file the reader took can always be saved.
    """
    out: list[str] = []
    for key, value in profile_document(profile).items():
        if isinstance(value, dict):
            out.append("[answers]" if compact else "\n[answers]")
            out.extend(_line(name, item, compact) for name, item in value.items())
        elif isinstance(value, list):
            for entry in value:
                out.append(f"[[{key}]]" if compact else f"\n[[{key}]]")
                out.extend(_entry_lines(entry, compact))
        else:
            out.append(_line(key, value, compact))
    return "\n".join(out) + "\n"


def _entry_lines(entry: dict[str, Any], compact: bool) -> list[str]:
    lines = []
    for key, value in entry.items():
        if isinstance(value, dict):  # an entry's table (evidence counts) stays on the entry's line
            lines.append(f"{key}={_inline(value, compact)}" if compact else f"{key} = {_inline(value, compact)}")
        elif not isinstance(value, list):
            lines.append(_line(key, value, compact))
        elif compact:
            lines.append(f"{key}=[{','.join(_inline(item, compact) for item in value)}]")
        else:
            lines += [f"{key} = [", *(f"  {_inline(item, compact)}," for item in value), "]"]
    return lines


def _inline(table: dict[str, Any], compact: bool) -> str:
    if compact:
        return "{" + ",".join(_line(key, value, compact) for key, value in table.items()) + "}"
    return "{ " + ", ".join(_line(key, value, compact) for key, value in table.items()) + " }"


def _value(value: object, compact: bool = False) -> str:
    # tomli-w does the escaping; multiline strings stay off so "\r\n" survives.
    import tomli_w  # only saving needs it: reading and reports start faster without

    written = tomli_w.dumps({"v": value}).removeprefix("v = ").rstrip("\n")
    if compact and isinstance(value, str) and "'" not in value and written != f'"{value}"' and _LITERAL.fullmatch(value):
        return f"'{value}'"  # a literal string needs no escapes
    return written


_LITERAL = re.compile(r"[^\x00-\x08\x0a-\x1f\x7f]*")


def _line(key: str, value: object, compact: bool = False) -> str:
    return f"{key}={_value(value, compact)}" if compact else f"{key} = {_value(value)}"


class SaveRefused(Exception):
    """Saving over this file would do what the person did not ask for (`reason` says what)."""

    def __init__(self, path: Path, reason: str, message: str):
        self.path = path
        self.reason = reason  # "read-only" or "owner"
        super().__init__(f"{display_path(path)}: {message}")


def save_profile(
    profile: Profile,
    path: str | os.PathLike[str],
    expected: FileStamp | None = None,
    *,
    overwrite: bool = False,
    create_folders: bool = False,
    original: tuple[str, Profile] | None = None,
    change_owner: bool = False,
) -> FileStamp:
    """Write atomically; refuse if the file is not the one we loaded.

    `expected` is the stamp from loading (None: we believe the file does not
    exist yet).  `overwrite=True` is the caller's explicit "yes, clobber it";
    `create_folders=True` its "yes, make the missing folders";
    `original` the file's text and the profile it held, whose layout and
    comments the save keeps (see :func:`render_profile`).
    Raises FileChangedError, SaveRefused, ProfileError (the profile would not
    load back, so nothing is written) or OSError.
    """
    path = Path(path)
    data = render_profile(profile, path, original=original)
    return write_profile(data, path, expected, overwrite=overwrite, create_folders=create_folders,
                         change_owner=change_owner)


def render_profile(profile: Profile, path: Path, *, original: tuple[str, Profile] | None = None) -> bytes:
    """The file's bytes, proven to load back as this very profile.

    With `original` (the text last read or written, and its profile) only
    what changed is rewritten, so comments, blank lines and key order stay
    (for files up to `layout.LAYOUT_KEPT_MAX_BYTES`).  Otherwise, or if that
    does not read back exactly, the readable layout; and where that would not
    fit under the size cap, the compact one.
    """
    text = _kept_layout(profile, original)
    if text is not None:
        data = _encoded(text, path)
        if _reads_back(data, profile, path) is None:
            return data
    data = _encoded(_dumped(profile, path), path)
    if len(data) > MAX_PROFILE_BYTES:
        data = _encoded(dump_profile(profile, compact=True), path)
    problems = _reads_back(data, profile, path)
    if problems is not None:
        raise ProfileError(str(path), problems, saving=True)
    return data


def _kept_layout(profile: Profile, original: tuple[str, Profile] | None) -> str | None:
    if original is None or original[1] is None:
        return None
    from .layout import kept_layout

    text, before = original
    return kept_layout(text, profile_document(before), profile_document(profile))


def keeps_layout(text: str, profile: Profile) -> bool:
    """Whether saving over a file of `text` keeps what the person wrote: it is small enough to
    edit in place, or it holds nothing but truthmap's own layout (no comment to lose)."""
    from .layout import layout_fits

    return layout_fits(text) or text == dump_profile(profile) or text == dump_profile(profile, compact=True)


def _encoded(text: str, path: Path) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise ProfileError(str(path), [Problem("the text contains an unpaired surrogate character")],
                           saving=True) from None


def _reads_back(data: bytes, profile: Profile, path: Path) -> list[Problem] | None:
    """None when `data` loads back as `profile` exactly; else what is wrong.

    Edits build profiles with `model_copy(update=...)`, which skips
    validation: a dangling system id or a wrong type would otherwise be
    written into a file that can no longer be opened.
    """
    try:
        reread = parse_profile(data, str(path), placed=False)  # lines of bytes never written help nobody
    except ProfileError as error:
        return error.problems
    # The one typed comparison (6 and 6.0 differ); only saving needs it.
    from .layout import same

    if not same(profile_document(reread), profile_document(profile)):  # as written: the schema it needs
        return [Problem("the profile would not read back unchanged")]
    return None


def write_profile(
    data: bytes,
    path: Path,
    expected: FileStamp | None = None,
    *,
    overwrite: bool = False,
    create_folders: bool = False,
    change_owner: bool = False,
) -> FileStamp:
    """Put `data` at `path` unless the file changed since `expected` (see :func:`save_profile`).

    The check and the replace are one step for every truthmap on the machine:
    saves into one folder hold a lock on it, so of two saves at the same
    moment the second finds the file changed.  An existing file keeps its
    mode, its owner (or the save refuses unless `change_owner`) and its
    other names (hard links: see :func:`_write_in_place`).
    """
    given = Path(path)  # a dangling link counts as a file there
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        made = _make_folders(folder) if create_folders else []
    except OSError as error:
        raise _about(error, path) from None
    try:
        with _folder_lock(folder, path):
            if not overwrite:
                if expected is None and os.path.lexists(given):
                    raise FileChangedError(given, existed=True)
                if expected is not None and not expected.matches(given):
                    raise FileChangedError(given)
            existing = _existing(path)
            if existing is not None:
                _check_writable(path, existing, change_owner)
            if existing is not None and existing.st_nlink > 1:
                written = _write_in_place(path, data)
            else:
                written = atomic_write(path, data, mode=None if existing is None else existing.st_mode & 0o7777,
                                       owner=None if change_owner else _owner(existing))
    except BaseException:
        _remove_folders(made)
        raise
    # From the file as written: after the rename, a failing stat would
    # report a save that did happen as failed.
    return FileStamp(written.st_mtime_ns, len(data), sha256_hex(data))


def _existing(path: Path) -> os.stat_result | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _about(error, path) from None
    return info if stat_module.S_ISREG(info.st_mode) else None


def _check_writable(path: Path, info: os.stat_result, change_owner: bool) -> None:
    """A read-only file is refused even for root; a file of another user only when told."""
    mine = info.st_uid == os.geteuid()
    if (mine and not info.st_mode & stat_module.S_IWUSR) or not info.st_mode & 0o222 \
            or (not mine and os.geteuid() != 0 and not os.access(path, os.W_OK)):
        raise SaveRefused(path, "read-only", "read-only; use Save as to keep your changes in another file")
    if not mine and os.geteuid() != 0 and not change_owner:
        raise SaveRefused(path, "owner", "belongs to another user; saving would make you its owner")


def _owner(info: os.stat_result | None) -> tuple[int, int] | None:
    """The owner to give the replacing file: the old one's, where that differs from ours."""
    if info is None or (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()):
        return None
    return info.st_uid, info.st_gid


def _write_in_place(path: Path, data: bytes) -> os.stat_result:
    """A file with other names (hard links) is rewritten in place, so every name sees the save.

    Not atomic, so the old bytes go to `NAME.truthmap-backup` first (kept if
    the write fails or is killed, removed once the new bytes are on disk).
    """
    backup = path.with_name(f"{path.name}.truthmap-backup")
    atomic_write(backup, path.read_bytes(), mode=0o600)
    try:
        with open(path, "r+b") as handle:
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
            written = os.fstat(handle.fileno())
    except OSError as error:
        raise _about(error, path) from None
    backup.unlink()
    return written


_LOCK_WAIT = 10.0  # seconds: a save in another window takes well under one


class _folder_lock:
    """An exclusive lock on the folder, held around one save's check and replace.

    flock on the folder itself: no lock file is left behind, and the kernel
    drops the lock of a killed process, so it never outlives its holder.
    """

    def __init__(self, folder: Path, path: Path) -> None:
        self.folder, self.path = folder, path
        self.descriptor: int | None = None

    def __enter__(self) -> _folder_lock:
        if fcntl is None:
            return self
        try:
            self.descriptor = os.open(self.folder, os.O_RDONLY)
        except OSError as error:
            raise _about(error, self.path) from None
        import time

        deadline = time.monotonic() + _LOCK_WAIT
        while True:
            try:
                fcntl.flock(self.descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() > deadline:
                    self.__exit__()
                    raise OSError(11, "another save into this folder does not finish", os.fspath(self.path)) from None
                time.sleep(0.005)
            except OSError:
                return self  # a file system without locks: the check stays as good as it was

    def __exit__(self, *_: object) -> None:
        if self.descriptor is not None:
            os.close(self.descriptor)  # also releases the lock
            self.descriptor = None


def _dumped(profile: Profile, path: Path) -> str:
    """dump_profile, with a value TOML cannot hold (None for a name, say) named by its field."""
    try:
        return dump_profile(profile)
    except (TypeError, ValueError, AttributeError):  # an edit put something odd where a value belongs
        from pydantic import ValidationError

        from .model import Profile

        try:
            Profile.model_validate(profile.model_dump(by_alias=True, warnings=False), by_alias=True, by_name=False)
        except ValidationError as error:
            raise ProfileError(str(path), _validation_problems(error), saving=True) from None
        raise ProfileError(str(path), [Problem("a value cannot be written as TOML")], saving=True) from None


TEMP_PREFIX, TEMP_SUFFIX = ".truthmap-", ".tmp"
# Ours: `.truthmap-` + mkstemp's 8 random characters + `.tmp` (23 bytes, so any
# file name a file system allows can be saved), and what versions before 0.2
# left: `.NAME.toml.` + 8 random characters + `.tmp`.
_OUR_TEMP = re.compile(r"\.truthmap-[a-z0-9_]{8}\.tmp|\..+\.toml\.[a-z0-9_]{8}\.tmp")
_LEFTOVER_AGE = 3600.0  # seconds; only where a lock cannot tell an abandoned file from a busy one


def atomic_write(path: Path, data: bytes, *, create_folders: bool = False, mode: int | None = None,
                 owner: tuple[int, int] | None = None) -> os.stat_result:
    """Never leaves a half-written file: temp file, fsync, rename, fsync folder.

    A symlinked profile is written through the link, so the link survives.
    The folder must exist unless `create_folders`.  Temporary files that a
    killed save left in the folder are removed first.  `mode`: the file's
    permissions (None: the existing file's, or what the umask gives a new
    file); `owner`: (uid, gid) to give it.  An OSError names `path` (never
    the temporary file).  Returns the stat of what was written.
    """
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    made: list[Path] = []  # folders this save created: removed again if it fails
    try:
        if create_folders:
            made = _make_folders(folder)
        remove_leftovers(folder)
        if mode is None:
            mode = path.stat().st_mode & 0o7777 if path.exists() else new_file_mode()
        handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    except OSError as error:
        _remove_folders(made)
        raise _about(error, path) from None
    try:
        _lock(handle)  # while it is held, no other save takes this file for a leftover
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
            if owner is not None:
                os.chown(temp_name, *owner)  # before the mode: chown clears set-id bits
            os.chmod(temp_name, mode)
            written = os.fstat(temp.fileno())
            os.replace(temp_name, path)
    except BaseException as error:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        _remove_folders(made)
        if isinstance(error, OSError):
            raise _about(error, path) from None
        raise
    _fsync_folder(folder)
    return written


PRIVATE = 0o600  # recovery copies and settings hold client data, whatever the umask


def new_file_mode() -> int:
    """What the umask gives a new file (0o666 less its bits), as `open` would."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:  # Linux: read without changing it
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and put back at once
    os.umask(mask)
    return 0o666 & ~mask


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and any missing parent; the ones created, outermost first."""
    missing = []
    while not os.path.isdir(folder):
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    made = []
    try:
        for each in reversed(missing):
            os.mkdir(each)
            made.append(each)
    except FileExistsError:
        pass  # made meanwhile by someone else: theirs, and enough for us
    except OSError:
        _remove_folders(made)
        raise
    return made


def _remove_folders(made: list[Path]) -> None:
    for folder in reversed(made):
        try:
            os.rmdir(folder)
        except OSError:
            pass  # not empty any more (someone else's file) or not ours to remove: leave it


def _about(error: OSError, path: Path) -> OSError:
    """The same error (and subclass), naming the file being saved."""
    return OSError(error.errno, error.strerror or str(error), os.fspath(path))


def _lock(handle: int) -> None:
    if fcntl is not None:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass  # a file system without locks: leftovers are then judged by age


def remove_leftovers(folder: Path) -> list[str]:
    """Delete our temporary files in `folder` that no running save holds; their names."""
    try:
        names = [name for name in os.listdir(folder) if _OUR_TEMP.fullmatch(name)]
    except (OSError, ValueError):
        return []
    removed = []
    for name in names:
        if _abandoned(folder / name):
            try:
                os.unlink(folder / name)
                removed.append(name)
            except OSError:
                pass
    return removed


def _abandoned(file: Path) -> bool:
    try:
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        if not stat_module.S_ISREG(os.fstat(descriptor).st_mode):
            return False
        if fcntl is not None:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True  # the save that made it is gone (the kernel dropped its lock)
            except BlockingIOError:
                return False  # being written right now
            except OSError:
                pass
        import time  # only here, where a lock cannot tell: the report commands never need it

        return time.time() - os.fstat(descriptor).st_mtime > _LEFTOVER_AGE
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def new_profile(name: str = "Untitled profile") -> Profile:
    """A blank profile."""
    from .model import Profile

    return Profile(name=name)
