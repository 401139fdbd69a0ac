"""The analysis: one call turns a profile into everything the interfaces show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .comparison import compare_models
from .current import classify_current, placements, setup_ratings
from .findings import KINDS, SEVERITIES, Context, find_all
from .health import setup_health
from .recommend import recommend
from .types import Analysis, Cause, Finding, MatrixRow, Projection, Reason, Recommendation

if TYPE_CHECKING:
    from ..model import Profile

__all__ = [
    "KINDS", "SEVERITIES", "Analysis", "Cause", "Finding", "MatrixRow", "Projection", "Reason",
    "Recommendation", "analyze",
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
