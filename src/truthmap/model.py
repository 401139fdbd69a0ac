"""The profile: what one person or studio told truthmap, as pydantic models.

The models mirror schema 1 of the profile file field for field.  They are
strict (no silent coercion, unknown keys refused) because a profile is a
hand-edited file and a typo must never be quietly ignored.  Cross-references
(system ids, stages) are checked by :func:`document_reference_problems` on
the tables as read, beside the structural validation, so that every problem
of a file is told in one pass and carries a field path.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator
from pydantic_core import PydanticCustomError

from .knowledge import knowledge

SCHEMA_VERSION = 1

# Ids come from the knowledge files; the Literal types below spell them out
# for the validator and the type checker, and a test keeps the two equal.
MODELS = tuple(knowledge().models)
STAGES = tuple(knowledge().stages)
SYSTEM_KINDS = tuple(knowledge().kinds)
SYNC_MODES = ("one-way", "two-way", "manual", "none")
WHERE_VALUES = ("before-kickoff", "after-kickoff", "even", "unknown")
COMPLEXITY_VALUES = ("low", "medium", "high")
RULES_VALUES = ("yes", "no", "unsure")

ID_PATTERN = re.compile(r"[a-z][a-z0-9_-]*")
# Free text is for people to read in a cell or a line: a name, a person, a
# trigger.  Notes may run longer.  Beyond these, a value is almost surely a
# paste gone wrong, and would make every screen and report slow to draw.
MAX_ID_LENGTH = 64
MAX_TEXT_LENGTH = 200
MAX_NOTES_LENGTH = 4000
# How many entries an error message lists before it says how many more there are.
MAX_LISTED = 8
# TOML integers are 64-bit; Python's reader accepts more, other readers would not
# (and arithmetic on a 400-digit count overflows when turned into a float).
TOML_INT_MAX = 2**63 - 1

Model = Literal["crm-first", "pm-first", "hybrid"]
Stage = Literal[
    "inquiry", "qualification", "proposal", "contract", "kickoff",
    "delivery", "review", "invoicing", "payment",
]
SystemKind = Literal["crm", "pm", "billing", "all-in-one", "docs", "spreadsheet", "email", "chat", "other"]
SyncMode = Literal["one-way", "two-way", "manual", "none"]
Where = Literal["before-kickoff", "after-kickoff", "even", "unknown"]
Complexity = Literal["low", "medium", "high"]
RulesAnswer = Literal["yes", "no", "unsure"]


def _number(minimum: float, integer: bool):
    """A plain validator that keeps ints as ints (so `6` saves back as `6`)."""

    def check(value: object) -> int | float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            kind = "an integer" if integer else "a number"
            raise PydanticCustomError("number", f"expected {kind}, got {type_name(value)}")
        if integer and not isinstance(value, int):
            raise PydanticCustomError("number", "expected an integer, got a decimal number")
        if value != value or value in (float("inf"), float("-inf")):
            raise PydanticCustomError("number", "expected a finite number")
        if value < minimum:
            raise PydanticCustomError("number", f"must be at least {minimum:g}")
        if isinstance(value, int) and value > TOML_INT_MAX:
            raise PydanticCustomError("number", f"too large (TOML integers stop at {TOML_INT_MAX})")
        return value

    return PlainValidator(check)


def _text(limit: int):
    """A plain validator for free text of at most `limit` characters."""

    def check(value: object) -> str:
        if not isinstance(value, str):
            raise PydanticCustomError("text", f"expected a string, got {type_name(value)}")
        if len(value) > limit:
            raise PydanticCustomError("text", f"too long: {len(value):,} characters (at most {limit:,})")
        return value

    return PlainValidator(check)


def listed(items: list[str], limit: int = MAX_LISTED) -> str:
    """`a, b, c` or, for a long list, the first few and `… and 1,995 more`."""
    if len(items) <= limit:
        return ", ".join(items)
    return f"{', '.join(items[:limit])} … and {len(items) - limit:,} more"


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


def type_name(value: object) -> str:
    """The TOML name of a value's type, for error messages."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (datetime.date, datetime.time)):
        return "a date or time"
    return "nothing" if value is None else f"a {type(value).__name__} value"


Count = Annotated[int, _number(0, integer=True)]
Amount = Annotated[float, _number(0, integer=False)]
TeamSize = Annotated[int, _number(1, integer=True)]
Identifier = Annotated[str, PlainValidator(_identifier)]
Text = Annotated[str, _text(MAX_TEXT_LENGTH)]
Notes = Annotated[str, _text(MAX_NOTES_LENGTH)]


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
    copies: list[Copy] = Field(default_factory=list)


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


class Profile(_Strict):
    schema_: int = Field(alias="schema", default=SCHEMA_VERSION)
    name: Text
    notes: Notes | None = None
    answers: Answers = Field(default_factory=Answers)
    systems: list[System] = Field(default_factory=list)
    records: list[Record] = Field(default_factory=list)
    stages: list[StageMap] = Field(default_factory=list)
    handoffs: list[Handoff] = Field(default_factory=list)

    model_config = ConfigDict(strict=True, extra="forbid", validate_assignment=True, populate_by_name=True)

    def system(self, system_id: str | None) -> System | None:
        """The declared system with this id (the first, if declared twice), or None.

        O(1): the analysis, reports and screens ask once per record.
        """
        return _system_index(self.systems).get(system_id)  # type: ignore[arg-type]

    def system_label(self, system_id: str | None) -> str:
        system = self.system(system_id)
        return system.name if system else (system_id or "nothing")


# Profiles are never changed in place (edits make new ones with model_copy),
# so an index of a systems list stays right for as long as that list lives.
# Each entry holds its list, so no other list can take its id while cached;
# the length check catches a list grown or shrunk in place all the same.
_SYSTEM_INDEXES: dict[int, tuple[list[System], int, dict[str, System]]] = {}
_SYSTEM_INDEXES_KEPT = 16


def _system_index(systems: list[System]) -> dict[str, System]:
    entry = _SYSTEM_INDEXES.get(id(systems))
    if entry is not None and entry[0] is systems and entry[1] == len(systems):
        return entry[2]
    index: dict[str, System] = {}
    for system in systems:
        index.setdefault(system.id, system)
    while len(_SYSTEM_INDEXES) >= _SYSTEM_INDEXES_KEPT:
        try:
            del _SYSTEM_INDEXES[next(iter(_SYSTEM_INDEXES))]
        except (KeyError, RuntimeError, StopIteration):  # another thread got there first
            break
    _SYSTEM_INDEXES[id(systems)] = (systems, len(systems), index)
    return index


def reference_problems(profile: Profile) -> list[tuple[str, str]]:
    """(field path, message) for every reference the structure alone can't check."""
    return document_reference_problems(profile.model_dump(by_alias=True))


def document_reference_problems(document: object) -> list[tuple[str, str]]:
    """The reference problems of a profile as read from TOML, valid or not.

    Works on the raw tables, so a file with type errors still has its unknown
    system ids and stage clashes reported in the same pass.  Only values of the
    right shape are judged here (a misshapen one has its own validation error),
    and every string id declared counts as declared, so one bad id does not
    bring a cascade of "unknown system" lines with it.
    """
    problems: list[tuple[str, str]] = []

    def entries(key: str) -> list[tuple[int, dict]]:
        value = document.get(key) if isinstance(document, dict) else None
        if not isinstance(value, list):
            return []
        return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]

    declared: dict[str, int] = {}
    for index, system in entries("systems"):
        system_id = system.get("id")
        if not isinstance(system_id, str):
            continue
        if system_id in declared:
            problems.append(
                (f"systems[{index}].id", f"duplicate system id {system_id!r} (first declared at systems[{declared[system_id]}])")
            )
        else:
            declared[system_id] = index

    def check(path: str, system_id: object) -> None:
        if isinstance(system_id, str) and system_id not in declared:
            known = listed(list(declared)) or "none declared"
            problems.append((path, f"unknown system {system_id!r} (declared systems: {known})"))

    for index, record in entries("records"):
        check(f"records[{index}].owner", record.get("owner"))
        copies = record.get("copies")
        for copy_index, copy in enumerate(copies if isinstance(copies, list) else []):
            if isinstance(copy, dict):
                check(f"records[{index}].copies[{copy_index}].system", copy.get("system"))
    seen_stages: dict[str, int] = {}
    for index, stage in entries("stages"):
        check(f"stages[{index}].system", stage.get("system"))
        stage_id = stage.get("stage")
        if not isinstance(stage_id, str) or stage_id not in STAGES:
            continue
        if stage_id in seen_stages:
            problems.append(
                (f"stages[{index}].stage", f"stage {stage_id!r} is already mapped at stages[{seen_stages[stage_id]}]")
            )
        else:
            seen_stages[stage_id] = index
    for index, handoff in entries("handoffs"):
        start, end = handoff.get("from"), handoff.get("to")
        if start in STAGES and end in STAGES and STAGES.index(end) <= STAGES.index(start):
            problems.append((f"handoffs[{index}].to", f"{end!r} must come after {start!r} in the lifecycle"))
    return problems
