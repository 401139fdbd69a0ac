"""The compare data model: rows line up and exactly the differences are flagged."""

import json
from pathlib import Path

import pytest

from truthmap.analysis import KINDS, analyze
from truthmap.comparing import NOT_SET, compare_profiles
from truthmap.model import Answers, Copy, Record, StageMap, System
from truthmap.paths import default_sample
from truthmap.storage import load_profile

PROFILES = Path(__file__).resolve().parents[1] / "profiles"


@pytest.fixture(scope="module")
def messy():
    return load_profile(PROFILES / "messy-studio.toml").profile


def _items(*profiles):
    return [(f"p{i}", p, analyze(p)) for i, p in enumerate(profiles)]


def _row(comparison, key):
    return next(r for s in comparison.sections for r in s.rows if r.key == key)


def test_identical_profiles_differ_nowhere(messy):
    comparison = compare_profiles(_items(messy, messy))
    assert comparison.differing == 0
    assert [s.id for s in comparison.sections] == ["summary", "answers", "findings", "changes", "owners", "copies",
                                                   "stewards", "stages", "handoffs", "systems"]
    assert all(len(r.values) == 2 and len(r.cells) == 2 for s in comparison.sections for r in s.rows)


def test_one_changed_answer_flags_that_row(messy):
    changed = messy.model_copy(update={"answers": messy.answers.model_copy(update={"friction": "before-kickoff"})})
    comparison = compare_profiles(_items(messy, changed))
    friction = _row(comparison, "answers.friction")
    assert friction.differs
    assert friction.values == ("after-kickoff", "before-kickoff")
    assert friction.cells == ("After kickoff", "Before kickoff")
    assert not any(r.differs for r in comparison.section("answers").rows if r.key != "answers.friction")
    assert not any(r.differs for r in comparison.section("owners").rows)


def test_unanswered_shows_not_set(messy):
    blank = messy.model_copy(update={"answers": Answers()})
    row = _row(compare_profiles(_items(messy, blank)), "answers.team_size")
    assert row.values == (3, None)
    assert row.cells[1] == NOT_SET
    assert row.differs


def test_summary_rows_follow_the_analysis(messy):
    analysis = analyze(messy)
    comparison = compare_profiles([("a", messy, analysis)])
    assert _row(comparison, "recommendation").values == (analysis.recommendation.model,)
    assert _row(comparison, "score.hybrid").values == (analysis.scores["hybrid"],)
    assert _row(comparison, "current_model").values == (analysis.current_model,)
    assert _row(comparison, "findings").values == (len(analysis.findings),)
    counts = {r.key: r.values[0] for r in comparison.section("findings").rows}
    assert set(counts) == {f"findings.{k}" for k in KINDS}
    assert counts["findings.duplication"] == sum(f.kind == "duplication" for f in analysis.findings)


def test_conflicting_owners_show_both_and_missing_owner_says_so(messy):
    comparison = compare_profiles(_items(messy))
    assert _row(comparison, "owner.client").values == ("HubSpot + Google Sheets",)
    assert _row(comparison, "owner.scope").values == ("no owner",)
    assert _row(comparison, "stage.kickoff").values == (None,)
    assert _row(comparison, "stage.delivery").values == ("Trello",)


def test_boundary_differences_are_flagged(messy):
    other = messy.model_copy(update={
        "systems": [*messy.systems, System(id="asana", name="Asana", kind="pm")],
        "records": [*messy.records, Record(entity="brand_kit", owner="asana", copies=[Copy(system="trello", sync="one-way")])],
        "stages": [*messy.stages, StageMap(stage="kickoff", system="asana")],
    })
    comparison = compare_profiles(_items(messy, other))
    assert _row(comparison, "system.Asana").values == (None, "pm")
    assert _row(comparison, "owner.brand_kit").values == (None, "Asana")
    assert _row(comparison, "owner.brand_kit").label == "brand kit"
    assert _row(comparison, "stage.kickoff").differs
    assert not _row(comparison, "system.HubSpot").differs


def test_to_dict_is_json_with_differs_flags(messy):
    changed = messy.model_copy(update={"name": "Plan [bold]x[/]"})
    data = json.loads(json.dumps(compare_profiles(_items(messy, changed)).to_dict()))
    assert [p["name"] for p in data["profiles"]] == [messy.name, "Plan [bold]x[/]"]
    rows = [r for s in data["sections"] for r in s["rows"]]
    assert all(isinstance(r["differs"], bool) and len(r["values"]) == 2 for r in rows)
    assert data["differing"] == sum(r["differs"] for r in rows)


def test_a_target_that_only_changes_a_copys_sync_shows_that_row_differ():
    """Before and after: manual → one-way is a difference compare must show, with the finding it fixes."""
    base = load_profile(default_sample()).profile
    record = next(r for r in base.records if any(c.sync == "manual" for c in r.copies))
    index = base.records.index(record)
    synced = record.model_copy(update={"copies": [c.model_copy(update={"sync": "one-way"}) for c in record.copies]})
    target = base.model_copy(update={"records": [*base.records[:index], synced, *base.records[index + 1:]]})
    comparison = compare_profiles([("base", base, analyze(base)), ("target", target, analyze(target))])
    row = _row(comparison, f"copies.{record.entity}")
    assert row.differs and "(manual)" in row.cells[0] and "(one-way)" in row.cells[1]
    assert [r.key for r in comparison.section("owners").rows if r.differs] == []
    fixed = [r for r in comparison.section("changes").rows if r.values[1] is None]
    assert fixed and all(r.values[0] in ("low", "medium", "high") for r in fixed)


def test_stewards_and_handoffs_are_compared_by_entity_and_stage_pair():
    base = load_profile(default_sample()).profile
    first = base.records[0]
    target = base.model_copy(update={
        "records": [first.model_copy(update={"steward": "Someone new"}), *base.records[1:]],
        "handoffs": [],
    })
    comparison = compare_profiles([("base", base, analyze(base)), ("target", target, analyze(target))])
    assert _row(comparison, f"steward.{first.entity}").cells[1] == "Someone new"
    handoffs = comparison.section("handoffs").rows
    assert len(handoffs) == len({(h.from_stage, h.to_stage) for h in base.handoffs})
    assert all(row.differs and row.values[1] is None for row in handoffs)
    assert not any(label.startswith(("answers.", "records[")) for label in (r.label for r in handoffs))
