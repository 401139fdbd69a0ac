"""The floor of `truthmap report --format json`: a minimal pydantic program.

It reads a profile file with the standard library's TOML reader into
pydantic models of the profile's shape (strict, unknown keys refused, as
truthmap's are) and prints them as JSON: what any program that validates
and reports a profile must do at least.  It imports nothing of truthmap.

    python benchmarks/pydantic_floor.py PROFILE.toml
"""

from __future__ import annotations

import datetime
import sys
import tomllib

from pydantic import BaseModel, ConfigDict, Field


def no_items() -> list:
    """As truthmap's models do (model._no_items): `list` would have pydantic tokenize its signature."""
    return []


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", populate_by_name=True)


class Answers(Strict):
    inquiries_per_month: int | None = None
    open_opportunities: int | None = None
    sales_cycle_weeks: float | int | None = None
    lost_deals_to_follow_up: bool | None = None
    revenue_lost: str | None = None
    friction: str | None = None
    problems_persistent: bool | None = None
    active_projects: int | None = None
    delivery_complexity: str | None = None
    delivery_quality_bottleneck: bool | None = None
    repeatable_services: bool | None = None
    process_documented: bool | None = None
    ownership_rules: str | None = None
    early_stage: bool | None = None
    team_size: int | None = None
    admin_hours_per_week: float | int | None = None


class System(Strict):
    id: str
    name: str
    kind: str


class Copy(Strict):
    system: str
    sync: str


class Record(Strict):
    entity: str
    owner: str | None = None
    steward: str | None = None
    copies: list[Copy] = Field(default_factory=no_items)


class StageMap(Strict):
    stage: str
    system: str | None = None
    owner: str | None = None


class Handoff(Strict):
    from_stage: str = Field(alias="from")
    to_stage: str = Field(alias="to")
    trigger: str | None = None
    owner: str | None = None


class Evidence(Strict):
    system: str
    file: str
    sha256: str
    rows: int
    date: datetime.date
    counts: dict[str, int] = Field(default_factory=dict)


class Profile(Strict):
    schema_: int = Field(alias="schema")
    name: str
    notes: str | None = None
    target_of: str | None = None
    answers: Answers = Field(default_factory=Answers)
    systems: list[System] = Field(default_factory=no_items)
    records: list[Record] = Field(default_factory=no_items)
    stages: list[StageMap] = Field(default_factory=no_items)
    handoffs: list[Handoff] = Field(default_factory=no_items)
    evidence: list[Evidence] = Field(default_factory=no_items)


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as handle:
        profile = Profile.model_validate(tomllib.load(handle))
    sys.stdout.write(profile.model_dump_json(indent=2, by_alias=True))
