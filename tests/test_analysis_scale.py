"""The analysis at a scale beyond what a file may hold: same answers, no side effects."""

import gc

from truthmap.analysis import analyze
from truthmap.model import Copy, Profile, Record, System
from truthmap.swimlane import layout


def _wide_profile(records: int, systems: int) -> Profile:
    ids = [f"tool-{n}" for n in range(systems)]
    return Profile(
        name="wide",
        systems=[System(id=i, name=i.title(), kind=("crm", "pm", "docs")[n % 3]) for n, i in enumerate(ids)],
        records=[Record(entity=f"custom-{n}", owner=ids[n % systems], steward="someone",
                        copies=[Copy(system=ids[(n + 1) % systems], sync="manual")]) for n in range(records)],
    )


def test_every_record_of_a_large_profile_is_judged_and_drawn():
    profile = _wide_profile(1500, 40)
    analysis = analyze(profile)
    duplicated = [f for f in analysis.findings if f.kind == "duplication"]
    assert len(duplicated) == 1500
    assert {f.entity for f in duplicated} == {f"custom-{n}" for n in range(1500)}
    smap = layout(profile, analysis.findings)
    chips = [chip for lane in smap.lanes for chip in lane.chips]
    assert len(chips) == 3000  # an owner chip and a copy chip per record
    assert all(len(chip.marks) == 1 for chip in chips if chip.role == "copy")
    assert all(not chip.marks for chip in chips if chip.role == "owner")


def test_analysis_leaves_the_cycle_collector_as_it_found_it():
    profile = _wide_profile(20, 4)
    assert gc.isenabled()
    analyze(profile)
    assert gc.isenabled()
    gc.disable()
    try:
        analyze(profile)
        assert not gc.isenabled()
    finally:
        gc.enable()
