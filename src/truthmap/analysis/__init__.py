"""The analysis: one call turns a profile into everything the interfaces show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .comparison import compare_models
from .current import classify_current, placements, setup_ratings
from .findings import KINDS, SEVERITIES, Context, find_all
from .health import setup_health
from .recommend import recommend, what_would_change_it_kept
from .types import Analysis, Cause, Finding, MatrixRow, Projection, Reason, Recommendation

if TYPE_CHECKING:
    from ..model import Profile

__all__ = [
    "KINDS", "SEVERITIES", "Analysis", "Cause", "Finding", "MatrixRow", "Projection", "Reason",
    "Recommendation", "analyze", "carried_over", "completed",
]


def analyze(profile: Profile, *, with_flip: bool = True, with_comparison: bool = True) -> Analysis:
    """The full analysis of one profile.  Pure: same profile, same result."""
    placed = placements(profile)
    current_model, current_why = classify_current(profile, placed)
    setup = setup_ratings(profile, current_model, placed)
    signals, matrix, scores, recommendation = recommend(profile.answers, setup, with_flip=with_flip)
    findings = find_all(profile, Context(current_model, recommendation.model))
    comparison = compare_models(profile, scores, signals, findings) if with_comparison else ()
    return Analysis(
        signals=signals,
        matrix=matrix,
        scores=scores,
        health=setup_health(profile, findings),
        recommendation=recommendation,
        current_model=current_model,
        current_why=current_why,
        findings=findings,
        comparison=comparison,
    )


def completed(profile: Profile, quick: Analysis) -> Analysis:
    """`quick` (`analyze(profile, with_flip=False, with_comparison=False)`) made whole: the
    comparison of the three models and what would change the recommendation.  Equal to
    `analyze(profile)`, without working out the quick part again."""
    comparison = compare_models(profile, quick.scores, quick.signals, quick.findings)
    sensitivity, flip, firmness = what_would_change_it_kept(profile.answers, quick.recommendation.model)
    return quick._replace(comparison=comparison, recommendation=quick.recommendation._replace(
        flip=flip, sensitivity=sensitivity, firmness=firmness))


def carried_over(previous: Analysis | None, quick: Analysis) -> Analysis:
    """`quick`, keeping `previous`'s sensitivity, flip and firmness while its own are worked
    out, when both recommend the same model: what would change it does not flicker away on
    each edit.  Another model's are never shown: `quick` then stays as it is."""
    if previous is None or previous.recommendation.model != quick.recommendation.model:
        return quick
    old = previous.recommendation
    return quick._replace(recommendation=quick.recommendation._replace(
        flip=old.flip, sensitivity=old.sensitivity, firmness=old.firmness))
