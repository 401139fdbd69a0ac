"""The findings of map-only rules are kept per map: an answer changed in the workbench
does not run them again, and what is kept is what a fresh analysis finds."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from profile_strategies import answers, profiles

from truthmap.analysis import analyze
from truthmap.analysis import findings as rules
from truthmap.analysis.findings import READS_ANSWERS, RULES, Context
from truthmap.editing import set_answer
from truthmap.model import Profile
from truthmap.paths import samples_dir
from truthmap.storage import load_profile

PROFILES = sorted({path.name: path for path in [*samples_dir().glob("*.toml"),
                                                *(Path(__file__).resolve().parent.parent / "profiles").glob("*.toml")]
                   }.values())
CONTEXTS = [Context(current, recommended, projected)
            for current, recommended, projected in itertools.product(
                ("crm-first", "pm-first", "hybrid", "ad-hoc"), ("crm-first", "pm-first", "hybrid", None), (False, True))]


class _NoAnswers:
    """A profile whose answers cannot be read."""

    def __init__(self, profile: Profile) -> None:
        self._profile = profile

    def __getattr__(self, name: str):
        if name == "answers":
            raise AssertionError("a map-only rule read the answers")
        return getattr(self._profile, name)


@pytest.mark.parametrize("path", PROFILES, ids=lambda path: path.stem)
def test_rules_outside_reads_answers_never_read_the_answers(path):
    profile = load_profile(path).profile
    for rule in RULES:
        if rule in READS_ANSWERS:
            continue
        for context in CONTEXTS:
            assert rule(_NoAnswers(profile), context) == rule(profile, context), rule.__name__


def _fresh(profile: Profile) -> Profile:
    """The same profile made anew: new lists, so nothing kept for the old ones applies."""
    return Profile.model_validate(profile.model_dump(by_alias=True))


@pytest.mark.parametrize("path", PROFILES, ids=lambda path: path.stem)
def test_answers_changed_on_a_kept_map_find_what_a_fresh_profile_finds(path):
    profile = load_profile(path).profile
    analyze(profile)  # its map's findings kept
    hits = rules._map_rule.cache_info().hits
    for question, value in [("ownership_rules", "yes"), ("process_documented", True), ("inquiries_per_month", 40),
                            ("active_projects", 0), ("ownership_rules", "no"), ("delivery_complexity", "high")]:
        profile = set_answer(profile, question, value)
        kept = analyze(profile, with_flip=False)
        assert kept.findings == analyze(_fresh(profile), with_flip=False).findings
    assert rules._map_rule.cache_info().hits > hits  # the kept findings were used


@settings(max_examples=60, deadline=None)
@given(profiles(), answers)
def test_generated_maps_with_new_answers_find_what_a_fresh_profile_finds(profile, new_answers):
    analyze(profile, with_flip=False, with_comparison=False)
    changed = profile.model_copy(update={"answers": new_answers})  # the map's lists shared, as an edit shares them
    assert analyze(changed, with_flip=False).findings == analyze(_fresh(changed), with_flip=False).findings
    for rule in RULES:
        if rule not in READS_ANSWERS:
            for context in CONTEXTS[::5]:
                assert rule(_NoAnswers(profile), context) == rule(profile, context), rule.__name__
