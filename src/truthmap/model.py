"""The profile: what one person or studio told truthmap, as pydantic models.

The models mirror schema 1 of the profile file field for field.  They are
strict (no silent coercion, unknown keys refused) because a profile is a
hand-edited file and a typo must never be quietly ignored.  Cross-references
(system ids, stages) are checked by :func:`document_reference_problems` on
the tables as read, beside the structural validation, so that every problem
of a file is told in one pass and carries a field path.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator
from pydantic_core import PydanticCustomError

# The vocabulary, limits and reference checks are pydantic-free (truthmap.plain),
# so the command line can read a valid file without building these models.
from .plain import (  # noqa: F401 - re-exported: this module stays the profile's public home
    COMPLEXITY_VALUES,
    ID_PATTERN,
    MAX_ID_LENGTH,
    MAX_LISTED,
    MAX_NOTES_LENGTH,
    MAX_TEXT_LENGTH,
    MODELS,
    RULES_VALUES,
    SCHEMA_VERSION,
    STAGES,
    SYNC_MODES,
    SYSTEM_KINDS,
    TOML_INT_MAX,
    WHERE_VALUES,
    AnswerQueries,
    ProfileQueries,
    document_reference_problems,
    listed,
    number_problem,
    text_problem,
    type_name,
)

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


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", validate_assignment=True)


class Answers(AnswerQueries, _Strict):
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


class Profile(ProfileQueries, _Strict):
    schema_: int = Field(alias="schema", default=SCHEMA_VERSION)
    name: Text
    notes: Notes | None = None
    answers: Answers = Field(default_factory=Answers)
    systems: list[System] = Field(default_factory=list)
    records: list[Record] = Field(default_factory=list)
    stages: list[StageMap] = Field(default_factory=list)
    handoffs: list[Handoff] = Field(default_factory=list)

    model_config = ConfigDict(strict=True, extra="forbid", validate_assignment=True, populate_by_name=True)


def reference_problems(profile: Profile) -> list[tuple[str, str]]:
    """(field path, message) for every reference the structure alone can't check."""
    return document_reference_problems(profile.model_dump(by_alias=True))
