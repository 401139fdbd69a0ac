"""The profile: what one person or studio told truthmap, as pydantic models.

The one definition of the profile's shape: the command line, the workbench,
editing and storage all use these classes.  The models mirror schema 1 of
the profile file field for field.  They are
strict (no silent coercion, unknown keys refused) because a profile is a
hand-edited file and a typo must never be quietly ignored.  Cross-references
(system ids, stages) are checked by :func:`document_reference_problems` on
the tables as read, beside the structural validation, so that every problem
of a file is told in one pass and carries a field path.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError
from pydantic_core import PydanticCustomError

from .vocabulary import (
    COMPLEXITY_VALUES,
    ID_PATTERN,
    MAX_ID_LENGTH,
    MAX_NOTES_LENGTH,
    MAX_TEXT_LENGTH,
    MODELS,
    RULES_VALUES,
    FIRST_SCHEMA,
    STAGES,
    SYNC_MODES,
    SYSTEM_KINDS,
    WHERE_VALUES,
    document_reference_problems,
    number_problem,
    text_problem,
    type_name,
)

# The choices come from truthmap.vocabulary (models, stages and kinds from the
# knowledge files), so each list is written once; Literal over a tuple is the
# same type as Literal over its items.
Model = Literal[MODELS]  # type: ignore[valid-type]
Stage = Literal[STAGES]  # type: ignore[valid-type]
SystemKind = Literal[SYSTEM_KINDS]  # type: ignore[valid-type]
SyncMode = Literal[SYNC_MODES]  # type: ignore[valid-type]
Where = Literal[WHERE_VALUES]  # type: ignore[valid-type]
Complexity = Literal[COMPLEXITY_VALUES]  # type: ignore[valid-type]
RulesAnswer = Literal[RULES_VALUES]  # type: ignore[valid-type]


def _number(minimum: float, integer: bool):
    """A plain validator that keeps ints as ints (so `6` saves back as `6`)."""

    def check(value: object) -> int | float:
        if (problem := number_problem(value, minimum, integer)) is not None:
            raise PydanticCustomError("number", problem)
        return value  # type: ignore[return-value]

    return PlainValidator(check)


def _text(limit: int):
    """A plain validator for free text of at most `limit` characters."""

    def check(value: object) -> str:
        if (problem := text_problem(value, limit)) is not None:
            raise PydanticCustomError("text", problem)
        return value  # type: ignore[return-value]

    return PlainValidator(check)


def _identifier(value: object) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("identifier", f"expected a string, got {type_name(value)}")
    if len(value) > MAX_ID_LENGTH:
        raise PydanticCustomError(
            "identifier", f"too long for an id: {len(value):,} characters (at most {MAX_ID_LENGTH})"
        )
    if not ID_PATTERN.fullmatch(value):
        raise PydanticCustomError(
            "identifier",
            f"{value!r} is not a valid id (lowercase letter first, then a-z, 0-9, _ or -)",
        )
    return value



Count = Annotated[int, _number(0, integer=True)]
Amount = Annotated[float, _number(0, integer=False)]
TeamSize = Annotated[int, _number(1, integer=True)]
Identifier = Annotated[str, PlainValidator(_identifier)]
Text = Annotated[str, _text(MAX_TEXT_LENGTH)]
Notes = Annotated[str, _text(MAX_NOTES_LENGTH)]


def _no_items() -> list:
    """An empty list, for a list left out.  A Python function, not `list`: pydantic reads each
    default factory's signature, and `list`'s is parsed from text by the tokenizer, whose
    patterns then compile on every start (benchmarks/README.md)."""
    return []


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", validate_assignment=True)


class Answers(_Strict):
    """Questionnaire answers; None means not answered yet.

    Fields follow the questionnaire's order (knowledge/questions.toml), which
    is also the order a saved profile lists them in.
    """

    inquiries_per_month: Count | None = None
    open_opportunities: Count | None = None
    sales_cycle_weeks: Amount | None = None
    lost_deals_to_follow_up: bool | None = None
    revenue_lost: Where | None = None
    friction: Where | None = None
    problems_persistent: bool | None = None
    active_projects: Count | None = None
    delivery_complexity: Complexity | None = None
    delivery_quality_bottleneck: bool | None = None
    repeatable_services: bool | None = None
    process_documented: bool | None = None
    ownership_rules: RulesAnswer | None = None
    early_stage: bool | None = None
    team_size: TeamSize | None = None
    admin_hours_per_week: Amount | None = None

    def answered(self) -> dict[str, object]:
        """The answers that were given, in questionnaire order."""
        return {key: value for key, value in self if value is not None}


class System(_Strict):
    id: Identifier
    name: Text
    kind: SystemKind


class Copy(_Strict):
    system: Identifier
    sync: SyncMode


class Record(_Strict):
    entity: Identifier
    owner: Identifier | None = None
    steward: Text | None = None
    copies: list[Copy] = Field(default_factory=_no_items)


class StageMap(_Strict):
    stage: Stage
    system: Identifier | None = None
    owner: Text | None = None


class Handoff(_Strict):
    from_stage: Stage = Field(alias="from")
    to_stage: Stage = Field(alias="to")
    trigger: Text | None = None
    owner: Text | None = None

    model_config = ConfigDict(strict=True, extra="forbid", validate_assignment=True, populate_by_name=True)


Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class Evidence(_Strict):
    """What a check against a tool's export found, kept without a single row of the export."""

    system: Identifier
    file: Text  # the export's file name, no folder
    sha256: Sha256
    rows: Count
    date: datetime.date
    counts: dict[Identifier, Count] = Field(default_factory=dict)  # findings by kind


class Profile(_Strict):
    schema_: int = Field(alias="schema", default=FIRST_SCHEMA)
    name: Text
    notes: Notes | None = None
    target_of: Text | None = None  # the profile this one is the planned target of (schema 2)
    answers: Answers = Field(default_factory=Answers)
    systems: list[System] = Field(default_factory=_no_items)
    records: list[Record] = Field(default_factory=_no_items)
    stages: list[StageMap] = Field(default_factory=_no_items)
    handoffs: list[Handoff] = Field(default_factory=_no_items)
    evidence: list[Evidence] = Field(default_factory=_no_items)  # schema 2

    model_config = ConfigDict(strict=True, extra="forbid", validate_assignment=True, populate_by_name=True)

    def system(self, system_id: str | None) -> System | None:
        """The declared system with this id (the first, if declared twice), or None.

        O(1): the analysis, reports and screens ask once per record.
        """
        return system_index(self.systems).get(system_id)  # type: ignore[arg-type]

    def system_label(self, system_id: str | None) -> str:
        """The system's name; an undeclared id as it is; "nothing" for no id."""
        names = system_labels(self.systems)
        return names[system_id] if system_id in names else (system_id or "nothing")

    def system_labeller(self) -> Callable[[str | None], str]:
        """`system_label` for a loop that asks thousands of times: one lookup per call."""
        names = system_labels(self.systems)

        def label(system_id: str | None) -> str:
            return names[system_id] if system_id in names else (system_id or "nothing")

        return label


def answer_problem(question_id: str, value: object) -> str | None:
    """Why the question cannot take `value` (None clears an answer); None if it can.

    The models' own check and words, for the questionnaire to judge one answer.
    """
    if question_id not in Answers.model_fields:
        return f"There is no question {question_id!r}."
    return None if value is None else field_problem(Answers, question_id, value)


def field_problem(model: type[BaseModel], field: str, value: object) -> str | None:
    """Why `field` of `model` cannot take `value`; None if it can.

    The models' own check and words for one value, before the item it belongs to
    exists: an edit judges what was typed with the same validator a file meets."""
    try:
        model.__pydantic_validator__.validate_assignment(model.model_construct(), field, value)
    except ValidationError as error:
        return problem_message(error.errors()[0])
    return None


def _shown(value: object, limit: int = 40) -> str:
    """A wrong value as a short one-line quote (strings) or its TOML type."""
    if not isinstance(value, str):
        return type_name(value)
    from .cells import fit  # Rich's measure: on this error path only

    return repr(fit(value[:limit], limit))  # characters first: a zero-width one takes no cell


_EXPECTED_TYPE = {
    "string_type": "a string",
    "bool_type": "true or false",
    "list_type": "an array",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "dict_type": "a table",
    "int_type": "an integer",
    "float_type": "a number",
}


def problem_message(item: Any) -> str:
    """One of pydantic's error items in the words of a profile's error lines."""
    kind = item["type"]
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        return f"expected one of {expected.replace(' or ', ', ')}, got {_shown(item['input'])}"
    if kind == "extra_forbidden":
        return "unknown key (check the spelling)"
    if kind == "missing":
        return "missing (required)"
    if kind == "string_pattern_mismatch":
        return f"expected 64 hexadecimal digits (a SHA-256), got {_shown(item['input'])}"
    if kind in _EXPECTED_TYPE:
        return f"expected {_EXPECTED_TYPE[kind]}, got {type_name(item['input'])}"
    return item["msg"]


def reference_problems(profile: Profile) -> list[tuple[str, str]]:
    """(field path, message) for every reference the structure alone can't check."""
    return document_reference_problems(profile.model_dump(by_alias=True))


# Profiles are never changed in place (edits make new ones with model_copy),
# so an index of a systems list stays right for as long as that list lives.
# Each entry holds its list, so no other list can take its id while cached;
# the length check catches a list grown or shrunk in place all the same.
# An entry: (the list, its length, systems by id, names by id).  A dict, not an lru_cache on a
# key object: building the key on every lookup costs more than the lookup (benchmarks/README.md).
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
