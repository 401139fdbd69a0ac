"""Reading and writing profile files.

Loading has one failure mode: :class:`ProfileError`, whose lines name the
file and either the TOML line:column or the field path.  Saving is atomic
(temporary file, fsync, rename, fsync of the folder), deterministic, and
refuses to overwrite a file that changed on disk since it was read.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from .model import SCHEMA_VERSION, Answers, Profile, reference_problems

MAX_PROFILE_BYTES = 2 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"


class ProfileError(Exception):
    """A profile file could not be read: one line per problem."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems or ["unreadable profile"]
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [f"{self.source}: {problem}" for problem in self.problems]


class FileChangedError(Exception):
    """The file on disk is not the one that was loaded: saving would clobber it."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"{path}: changed on disk since it was opened; not overwritten")


@dataclass(frozen=True)
class FileStamp:
    """What a file looked like when we read or wrote it (None: it did not exist)."""

    mtime_ns: int
    size: int
    digest: str

    @classmethod
    def of_bytes(cls, path: Path, data: bytes) -> FileStamp:
        stat = path.stat()
        return cls(stat.st_mtime_ns, stat.st_size, hashlib.sha256(data).hexdigest())

    @classmethod
    def read(cls, path: Path) -> FileStamp | None:
        try:
            return cls.of_bytes(path, path.read_bytes())
        except FileNotFoundError:
            return None

    def matches(self, path: Path) -> bool:
        """Cheap check first (mtime and size); the hash settles a touched file."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            return False
        if stat.st_mtime_ns == self.mtime_ns and stat.st_size == self.size:
            return True
        if stat.st_size != self.size:
            return False
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest() == self.digest
        except OSError:
            return False


@dataclass(frozen=True)
class LoadedProfile:
    profile: Profile
    path: Path
    stamp: FileStamp | None


# ---------------------------------------------------------------- loading


def load_profile(path: str | os.PathLike[str]) -> LoadedProfile:
    """Read and validate a profile file; raises ProfileError and nothing else."""
    path = Path(path)
    source = str(path)
    try:
        if path.is_dir():
            raise ProfileError(source, ["is a folder, not a profile file"])
        with path.open("rb") as handle:
            data = handle.read(MAX_PROFILE_BYTES + 1)
        stamp = FileStamp.of_bytes(path, data)
    except ProfileError:
        raise
    except FileNotFoundError:
        raise ProfileError(source, ["no such file"]) from None
    except OSError as error:
        raise ProfileError(source, [f"cannot read: {error.strerror or error}"]) from None
    return LoadedProfile(parse_profile(data, source), path, stamp)


def parse_profile(data: bytes, source: str = "<profile>") -> Profile:
    """Bytes to a valid Profile, or ProfileError naming the line or field."""
    try:
        return _parse(data, source)
    except ProfileError:
        raise
    except RecursionError:
        raise ProfileError(source, ["nested too deeply to read"]) from None
    except (ValueError, TypeError, MemoryError) as error:  # pragma: no cover - defensive
        raise ProfileError(source, [f"unreadable profile: {error}"]) from None


def _parse(data: bytes, source: str) -> Profile:
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(source, [f"too large for a profile (over {MAX_PROFILE_BYTES // 1024} KiB)"])
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    text = _decode(data, source)
    if not text.strip():
        raise ProfileError(source, ["empty file: a profile needs at least `schema = 1` and `name`"])
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(source, [_toml_position(str(error), text)]) from None
    _check_schema(document, source)
    try:
        profile = Profile.model_validate(document)
    except ValidationError as error:
        raise ProfileError(source, _validation_lines(error)) from None
    problems = reference_problems(profile)
    if problems:
        raise ProfileError(source, [f"{path}: {message}" for path, message in problems])
    return profile


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise ProfileError(source, [f"{line}:{column}: not valid UTF-8 text"]) from None


_AT_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")


def _toml_position(message: str, text: str) -> str:
    """tomllib's message rewritten as `line:column: what is wrong`."""
    if match := _AT_POSITION.search(message):
        return f"{match[1]}:{match[2]}: TOML syntax: {message[: match.start()]}"
    if match := _AT_END.search(message):
        lines = text.split("\n")
        return f"{len(lines)}:{len(lines[-1]) + 1}: TOML syntax: {message[: match.start()]} (at end of file)"
    return f"TOML syntax: {message}"


def _check_schema(document: dict[str, Any], source: str) -> None:
    schema = document.get("schema")
    if schema is None:
        raise ProfileError(source, ["schema: missing (write `schema = 1` at the top)"])
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise ProfileError(source, [f"schema: expected an integer, got {schema!r}"])
    if schema > SCHEMA_VERSION:
        raise ProfileError(
            source,
            [f"schema: this file uses schema {schema}, newer than this truthmap understands "
             f"(schema {SCHEMA_VERSION}); upgrade truthmap to open it"],
        )
    if schema < 1:
        raise ProfileError(source, [f"schema: {schema} is not a valid schema version (expected {SCHEMA_VERSION})"])


def _validation_lines(error: ValidationError) -> list[str]:
    return [f"{_field_path(item['loc'])}: {_message(item)}" for item in error.errors()]


def _field_path(location: tuple[Any, ...]) -> str:
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(top level)"


def _message(item: dict[str, Any]) -> str:
    kind = item["type"]
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        return f"expected one of {expected.replace(' or ', ', ')}, got {item['input']!r}"
    if kind == "extra_forbidden":
        return "unknown key (check the spelling)"
    if kind == "missing":
        return "missing (required)"
    if kind in ("string_type", "bool_type", "list_type", "model_type", "dict_type", "int_type"):
        wanted = {
            "string_type": "a string",
            "bool_type": "true or false",
            "list_type": "an array",
            "model_type": "a table",
            "dict_type": "a table",
            "int_type": "an integer",
        }[kind]
        from .model import type_name

        return f"expected {wanted}, got {type_name(item['input'])}"
    return item["msg"]


# ----------------------------------------------------------------- saving


def dump_profile(profile: Profile) -> str:
    """The profile as TOML text: same sections and order every time."""
    out: list[str] = []
    out.append(_line("schema", SCHEMA_VERSION))
    out.append(_line("name", profile.name))
    if profile.notes is not None:
        out.append(_line("notes", profile.notes))
    answered = profile.answers.answered()
    if answered:
        out.append("\n[answers]")
        out.extend(_line(key, value) for key, value in answered.items())
    for system in profile.systems:
        out.append("\n[[systems]]")
        out.extend(_line(key, value) for key, value in system.model_dump().items())
    for record in profile.records:
        out.append("\n[[records]]")
        out.append(_line("entity", record.entity))
        _optional(out, "owner", record.owner)
        _optional(out, "steward", record.steward)
        if record.copies:
            out.append("copies = [")
            out.extend(
                f"  {{ system = {_value(copy.system)}, sync = {_value(copy.sync)} }}," for copy in record.copies
            )
            out.append("]")
    for stage in profile.stages:
        out.append("\n[[stages]]")
        out.append(_line("stage", stage.stage))
        _optional(out, "system", stage.system)
        _optional(out, "owner", stage.owner)
    for handoff in profile.handoffs:
        out.append("\n[[handoffs]]")
        out.append(_line("from", handoff.from_stage))
        out.append(_line("to", handoff.to_stage))
        _optional(out, "trigger", handoff.trigger)
        _optional(out, "owner", handoff.owner)
    return "\n".join(out) + "\n"


def _value(value: object) -> str:
    # tomli-w does the escaping; multiline strings stay off so "\r\n" survives.
    return tomli_w.dumps({"v": value}).removeprefix("v = ").rstrip("\n")


def _line(key: str, value: object) -> str:
    return f"{key} = {_value(value)}"


def _optional(out: list[str], key: str, value: object) -> None:
    if value is not None:
        out.append(_line(key, value))


def save_profile(
    profile: Profile,
    path: str | os.PathLike[str],
    expected: FileStamp | None = None,
    *,
    overwrite: bool = False,
) -> FileStamp:
    """Write atomically; refuse if the file is not the one we loaded.

    `expected` is the stamp from loading (None: we believe the file does not
    exist yet).  `overwrite=True` is the caller's explicit "yes, clobber it".
    """
    path = Path(path)
    if not overwrite:
        exists = path.exists()
        if (expected is None and exists) or (expected is not None and not expected.matches(path)):
            raise FileChangedError(path)
    data = dump_profile(profile).encode("utf-8")
    atomic_write(path, data)
    return FileStamp.of_bytes(path, data)


def atomic_write(path: Path, data: bytes) -> None:
    """Never leaves a half-written file: temp file, fsync, rename, fsync folder."""
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        if path.exists():
            os.chmod(temp_name, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


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
    return Profile(name=name, answers=Answers())
