"""The workbench analyses an edit in two steps (the quick part in the edit's frame, the rest
in a worker): both steps together give what one call gives, and what the first step shows
while the second runs never mixes two recommendations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from profile_strategies import profiles

from truthmap.analysis import analyze, carried_over, completed
from truthmap.editing import set_answer
from truthmap.model import Profile
from truthmap.paths import samples_dir
from truthmap.storage import load_profile

SAMPLES = sorted(Path(samples_dir()).glob("*.toml"))


def quick(profile: Profile):
    return analyze(profile, with_flip=False, with_comparison=False)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_a_sample_analysed_in_two_steps_is_analysed_as_in_one(path):
    profile = load_profile(path).profile
    assert completed(profile, quick(profile)) == analyze(profile)


@settings(max_examples=40, deadline=None)
@given(profiles())
def test_any_profile_analysed_in_two_steps_is_analysed_as_in_one(profile):
    assert completed(profile, quick(profile)) == analyze(profile)


def test_the_last_sensitivity_is_shown_until_the_new_one_is_known_for_the_same_model_only():
    profile = load_profile(Path(samples_dir()) / "messy-studio.toml").profile  # a close call: one answer flips it
    before = analyze(profile)
    assert before.recommendation.sensitivity  # something to keep showing
    assert carried_over(None, quick(profile)) == quick(profile)
    kept = carried_over(before, quick(profile))
    assert kept.recommendation.sensitivity == before.recommendation.sensitivity
    assert (kept.recommendation.flip, kept.recommendation.firmness) == (before.recommendation.flip,
                                                                        before.recommendation.firmness)
    assert kept._replace(recommendation=quick(profile).recommendation) == quick(profile)  # the rest is new
    flip = before.recommendation.flip  # the one answer that changes the model
    other = set_answer(profile, flip.question, flip.value)
    assert quick(other).recommendation.model == flip.model != before.recommendation.model
    assert carried_over(before, quick(other)) == quick(other)  # another model's reasons never linger
