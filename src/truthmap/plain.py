"""The profile without pydantic: its vocabulary, limits and a plain reading.

`truthmap.model` defines the profile as pydantic models: strict, with field
paths in every error, and what the workbench edits.  Building those models
costs more than the whole `truthmap report` of a small profile should take,
so the command line reads a file in two steps: :func:`plain_profile` checks
the raw TOML tables by hand and, when every value is certainly one the
models accept, builds the same profile from plain classes with the same
attributes.  Whenever it is not sure, it returns None and the caller lets
the pydantic models judge the file, so every error message still comes from
one place.  Tests hold the two readings equal on the sample profiles and on
generated documents.

Nothing here imports pydantic.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from .knowledge import knowledge

from .vocabulary import *  # noqa: F401,F403 - transitional
from .vocabulary import ANSWER_KINDS, MAX_NOTES_LENGTH, MAX_TEXT_LENGTH, SCHEMA_VERSION, STAGES, SYNC_MODES, SYSTEM_KINDS, TOML_INT_MAX, is_id, document_reference_problems


# ------------------------------------------------------------ plain classes


class _Plain:
    """Attributes by name, `model_copy(update=...)` and `model_dump()` as pydantic has them."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Any:
        new = object.__new__(type(self))
        for name in self._fields:
            object.__setattr__(new, name, getattr(self, name))
        for name, value in (update or {}).items():
            object.__setattr__(new, name, value)
        return new

    def model_dump(self, *, by_alias: bool = False, warnings: bool = True) -> dict[str, Any]:
        """The fields as plain values; `by_alias` names them as the file does (`schema`, `from`)."""
        names = _ALIASES if by_alias else {}
        return {names.get(name, name): _dumped(getattr(self, name), by_alias) for name in self._fields}

    def __iter__(self):
        return ((name, getattr(self, name)) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        # Equal to its pydantic twin too (truthmap.model's class of the same name):
        # one profile, whichever reader built it.
        kind = type(other)
        if kind is not type(self) and (kind.__name__ != type(self).__name__ or kind.__module__ != "truthmap.model"):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self._fields)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self._fields)})"


def _dumped(value: Any, by_alias: bool) -> Any:
    if hasattr(value, "model_dump"):  # a plain part, or a pydantic one: they dump alike
        return value.model_dump(by_alias=by_alias)
    if isinstance(value, list):
        return [_dumped(item, by_alias) for item in value]
    return value


# The attributes whose key in the file is another word (a keyword or a clash in Python).
_ALIASES = {"schema_": "schema", "from_stage": "from", "to_stage": "to"}


class AnswerQueries:
    """What both kinds of Answers offer beyond their fields (a mixin of truthmap.model's too)."""

    __slots__ = ()

    def answered(self) -> dict[str, object]:
        """The answers that were given, in questionnaire order."""
        return {key: value for key, value in self if value is not None}  # type: ignore[attr-defined]


class ProfileQueries:
    """What both kinds of Profile offer beyond their fields (a mixin of truthmap.model's too)."""

    __slots__ = ()

    def system(self, system_id: str | None) -> Any:
        """The declared system with this id (the first, if declared twice), or None.

        O(1): the analysis, reports and screens ask once per record.
        """
        return system_index(self.systems).get(system_id)  # type: ignore[attr-defined, arg-type]

    def system_label(self, system_id: str | None) -> str:
        """The system's name; an undeclared id as it is; "nothing" for no id."""
        names = system_labels(self.systems)  # type: ignore[attr-defined]
        return names[system_id] if system_id in names else (system_id or "nothing")

    def system_labeller(self) -> Callable[[str | None], str]:
        """`system_label` for a loop that asks thousands of times: one lookup per call."""
        names = system_labels(self.systems)  # type: ignore[attr-defined]

        def label(system_id: str | None) -> str:
            return names[system_id] if system_id in names else (system_id or "nothing")

        return label


class Answers(AnswerQueries, _Plain):
    __slots__ = tuple(ANSWER_KINDS)
    _fields = tuple(ANSWER_KINDS)

    def __init__(self, **values: Any) -> None:
        for name in self._fields:
            object.__setattr__(self, name, values.pop(name, None))
        if values:
            raise TypeError(f"unknown answers: {', '.join(values)}")


class System(_Plain):
    __slots__ = _fields = ("id", "name", "kind")

    def __init__(self, id: str, name: str, kind: str) -> None:  # noqa: A002 - the file's key
        self.id, self.name, self.kind = id, name, kind


class Copy(_Plain):
    __slots__ = _fields = ("system", "sync")

    def __init__(self, system: str, sync: str) -> None:
        self.system, self.sync = system, sync


class Record(_Plain):
    __slots__ = _fields = ("entity", "owner", "steward", "copies")

    def __init__(self, entity: str, owner: str | None = None, steward: str | None = None,
                 copies: list[Copy] | None = None) -> None:
        self.entity, self.owner, self.steward = entity, owner, steward
        self.copies = [] if copies is None else copies


class StageMap(_Plain):
    __slots__ = _fields = ("stage", "system", "owner")

    def __init__(self, stage: str, system: str | None = None, owner: str | None = None) -> None:
        self.stage, self.system, self.owner = stage, system, owner


class Handoff(_Plain):
    __slots__ = _fields = ("from_stage", "to_stage", "trigger", "owner")

    def __init__(self, from_stage: str, to_stage: str, trigger: str | None = None,
                 owner: str | None = None) -> None:
        self.from_stage, self.to_stage, self.trigger, self.owner = from_stage, to_stage, trigger, owner


class Profile(ProfileQueries, _Plain):
    __slots__ = _fields = ("schema_", "name", "notes", "answers", "systems", "records", "stages", "handoffs")

    def __init__(self, name: str, notes: str | None = None, answers: Answers | None = None,
                 systems: list[System] | None = None, records: list[Record] | None = None,
                 stages: list[StageMap] | None = None, handoffs: list[Handoff] | None = None,
                 schema_: int = SCHEMA_VERSION) -> None:
        self.schema_, self.name, self.notes = schema_, name, notes
        self.answers = Answers() if answers is None else answers
        self.systems = [] if systems is None else systems
        self.records = [] if records is None else records
        self.stages = [] if stages is None else stages
        self.handoffs = [] if handoffs is None else handoffs


def family(profile: Any) -> ModuleType:
    """The module whose classes `profile` is built of: this one, or `truthmap.model`.

    Edits and redraws build new parts in the profile's own kind, so a plain
    profile never needs pydantic and a validated one stays validated.
    """
    if isinstance(profile, Profile):
        return sys.modules[__name__]
    from . import model

    return model


# Profiles are never changed in place (edits make new ones with model_copy),
# so an index of a systems list stays right for as long as that list lives.
# Each entry holds its list, so no other list can take its id while cached;
# the length check catches a list grown or shrunk in place all the same.
# An entry: (the list, its length, systems by id, names by id).
_SYSTEM_INDEXES: dict[int, tuple[list[Any], int, dict[str, Any], dict[str, str], dict[str, Any]]] = {}
_SYSTEM_INDEXES_KEPT = 16


def system_index(systems: list[Any]) -> dict[str, Any]:
    """Systems by id, the first of each id; O(1) after the first call per list."""
    return _indexed(systems)[2]


def system_labels(systems: list[Any]) -> dict[str, str]:
    """The names of `system_index`'s systems, by id."""
    return _indexed(systems)[3]


def systems_cache(systems: list[Any]) -> dict[str, Any]:
    """A dict kept with `system_index`'s entry for this list: tables other modules derive
    from the systems (the analysis's role table) are worked out once per list, like the index."""
    return _indexed(systems)[4]


def _indexed(systems: list[Any]) -> tuple[list[Any], int, dict[str, Any], dict[str, str], dict[str, Any]]:
    entry = _SYSTEM_INDEXES.get(id(systems))
    if entry is not None and entry[0] is systems and entry[1] == len(systems):
        return entry
    index: dict[str, Any] = {}
    for system in systems:
        index.setdefault(system.id, system)
    while len(_SYSTEM_INDEXES) >= _SYSTEM_INDEXES_KEPT:
        try:
            del _SYSTEM_INDEXES[next(iter(_SYSTEM_INDEXES))]
        except (KeyError, RuntimeError, StopIteration):  # another thread got there first
            break
    entry = (systems, len(systems), index, {system_id: system.name for system_id, system in index.items()}, {})
    _SYSTEM_INDEXES[id(systems)] = entry
    return entry


# ------------------------------------------------------------ plain reading


class _Unsure(Exception):
    """A value the hand checks do not vouch for: the pydantic models decide."""


_PROFILE_KEYS = frozenset(("schema", "name", "notes", "answers", "systems", "records", "stages", "handoffs"))
_SYSTEM_KEYS = frozenset(System._fields)
_RECORD_KEYS = frozenset(Record._fields)
_COPY_KEYS = frozenset(Copy._fields)
_STAGE_KEYS = frozenset(StageMap._fields)
_HANDOFF_KEYS = frozenset(("from", "to", "trigger", "owner"))


def plain_profile(document: object) -> Profile | None:
    """The profile of a parsed TOML document, or None unless it is surely valid.

    Valid means what `truthmap.model.Profile.model_validate` accepts and
    `document_reference_problems` finds nothing in; None never means
    invalid, only "ask the models".
    """
    try:
        profile = _profile(document)
    except (_Unsure, KeyError, TypeError, AttributeError):
        return None
    if document_reference_problems(document):
        return None
    return profile


def _profile(document: Any) -> Profile:
    if type(document) is not dict or not document.keys() <= _PROFILE_KEYS:
        raise _Unsure
    schema = document.get("schema")
    if type(schema) is not int or schema != SCHEMA_VERSION:
        raise _Unsure
    notes = document.get("notes")
    return Profile(
        name=_text(document["name"]),
        notes=None if notes is None else _text(notes, MAX_NOTES_LENGTH),
        answers=_answers(document.get("answers", {})),
        systems=[_system(item) for item in _list(document.get("systems", []))],
        records=[_record(item) for item in _list(document.get("records", []))],
        stages=[_stage(item) for item in _list(document.get("stages", []))],
        handoffs=[_handoff(item) for item in _list(document.get("handoffs", []))],
    )


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Unsure
    return value


def _table(value: Any, keys: frozenset[str]) -> dict[str, Any]:
    if type(value) is not dict or not value.keys() <= keys:
        raise _Unsure
    return value


def _text(value: Any, limit: int = MAX_TEXT_LENGTH) -> str:
    if type(value) is not str or len(value) > limit:
        raise _Unsure
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _identifier(value: Any) -> str:
    if type(value) is not str or not is_id(value):
        raise _Unsure
    return value


def _optional_identifier(value: Any) -> str | None:
    return None if value is None else _identifier(value)


def _one_of(value: Any, allowed: tuple[str, ...]) -> str:
    if type(value) is not str or value not in allowed:
        raise _Unsure
    return value


def _answer(value: Any, kind: str | tuple[str, ...]) -> Any:
    if isinstance(kind, tuple):
        return _one_of(value, kind)
    if kind == "bool":
        if type(value) is not bool:
            raise _Unsure
        return value
    if type(value) is int:
        if (1 if kind == "size" else 0) <= value <= TOML_INT_MAX:
            return value
    elif kind == "amount" and type(value) is float and 0 <= value < float("inf"):
        return value
    raise _Unsure


def _answers(value: Any) -> Answers:
    if type(value) is not dict:
        raise _Unsure
    answers = Answers()
    for key, item in value.items():
        kind = ANSWER_KINDS.get(key)
        if kind is None:
            raise _Unsure
        object.__setattr__(answers, key, _answer(item, kind))
    return answers


def _system(value: Any) -> System:
    table = _table(value, _SYSTEM_KEYS)
    return System(_identifier(table["id"]), _text(table["name"]), _one_of(table["kind"], SYSTEM_KINDS))


def _copy(value: Any) -> Copy:
    table = _table(value, _COPY_KEYS)
    return Copy(_identifier(table["system"]), _one_of(table["sync"], SYNC_MODES))


def _record(value: Any) -> Record:
    table = _table(value, _RECORD_KEYS)
    get = table.get
    return Record(_identifier(table["entity"]), _optional_identifier(get("owner")),
                  _optional_text(get("steward")), [_copy(item) for item in _list(get("copies", []))])


def _stage(value: Any) -> StageMap:
    table = _table(value, _STAGE_KEYS)
    return StageMap(_one_of(table["stage"], STAGES), _optional_identifier(table.get("system")),
                    _optional_text(table.get("owner")))


def _handoff(value: Any) -> Handoff:
    table = _table(value, _HANDOFF_KEYS)
    return Handoff(_one_of(table["from"], STAGES), _one_of(table["to"], STAGES),
                   _optional_text(table.get("trigger")), _optional_text(table.get("owner")))


