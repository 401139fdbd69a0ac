"""Synthetic profiles for the benchmarks: many records, many systems.

`make_profile(records, systems)` builds a Profile object directly (no file),
so it can go beyond the loader's caps (500 entries per list, 512 KiB per
file): the analysis benchmark uses it at 1,000 and 10,000 records.
`write_profile` writes the same shape as TOML for the command-line and
workbench measurements, which can only use what the caps admit.

Shape: every answer given, `systems` systems of every kind in turn (CRM and
PM first), one record per entity (the standard entities, then custom ones
`custom-0001`...), owned by the systems in turn, each with a steward and one
copy in the next system (the sync modes in turn), every lifecycle stage
mapped and a handoff between each pair of consecutive stages.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from truthmap.knowledge import knowledge
from truthmap.model import Answers, Copy, Handoff, Profile, Record, StageMap, System
from truthmap.storage import dump_profile

KINDS = ("crm", "pm", "billing", "docs", "spreadsheet", "all-in-one", "other", "email", "chat")
SYNCS = ("one-way", "manual", "two-way", "none")

ANSWERS = dict(
    inquiries_per_month=14, open_opportunities=6, sales_cycle_weeks=5, lost_deals_to_follow_up=True,
    revenue_lost="before-kickoff", friction="after-kickoff", problems_persistent=True, active_projects=6,
    delivery_complexity="high", delivery_quality_bottleneck=True, repeatable_services=False,
    process_documented=False, ownership_rules="yes", early_stage=False, team_size=6, admin_hours_per_week=5,
)


def entity_ids(count: int) -> list[str]:
    standard = list(knowledge().entities)
    custom = [f"c{n:05d}" for n in range(1, max(0, count - len(standard)) + 1)]
    return (standard + custom)[:count]


def make_profile(records: int, systems: int, *, name: str | None = None, stewards: bool = True) -> Profile:
    """A valid profile of `records` records over `systems` systems (no size caps apply).

    Without `stewards`, records name no steward: the file is a tenth smaller.
    """
    if systems < 2:
        raise ValueError("at least two systems (each record keeps a copy in another one)")
    system_list = [System(id=f"t{n:02d}", name=f"Tool {n}", kind=KINDS[n % len(KINDS)])
                   for n in range(systems)]
    ids = [s.id for s in system_list]
    record_list = [
        Record(entity=entity, owner=ids[n % systems], steward=f"Person {n % 7}" if stewards else None,
               copies=[Copy(system=ids[(n + 1) % systems], sync=SYNCS[n % len(SYNCS)])])
        for n, entity in enumerate(entity_ids(records))
    ]
    stages = list(knowledge().stages)
    stage_list = [StageMap(stage=stage, system=ids[n % systems], owner=f"Person {n}")
                  for n, stage in enumerate(stages)]
    handoffs = [Handoff(from_stage=a, to_stage=b, trigger=f"{a} done", owner="Person 0")
                for a, b in zip(stages, stages[1:])]
    return Profile(name=name or f"Benchmark: {records} records, {systems} systems",
                   answers=Answers(**ANSWERS), systems=system_list, records=record_list,
                   stages=stage_list, handoffs=handoffs)


def write_profile(path: Path, records: int, systems: int, *, stewards: bool = True) -> Path:
    path.write_text(dump_profile(make_profile(records, systems, stewards=stewards)), encoding="utf-8")
    return path


def largest_admitted(path: Path, records: int, systems: int) -> int:
    """Write the largest profile of this shape (up to `records`, no stewards) the loader's caps admit.

    Returns its number of records.
    """
    from truthmap.vocabulary import MAX_LIST_ITEMS, MAX_PROFILE_BYTES

    count = min(records, MAX_LIST_ITEMS)
    while True:
        text = dump_profile(make_profile(count, systems, stewards=False))
        size = len(text.encode("utf-8"))
        if size <= MAX_PROFILE_BYTES:
            path.write_text(text, encoding="utf-8")
            return count
        count = int(count * MAX_PROFILE_BYTES / size * 0.99)


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic benchmark profile as TOML.")
    parser.add_argument("output", type=Path)
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--systems", type=int, default=30)
    args = parser.parse_args()
    write_profile(args.output, args.records, args.systems)
    print(f"{args.output}: {args.records} records, {args.systems} systems")


if __name__ == "__main__":
    main()
