"""Words shared by every report format: labels, places, moves, counts.

All functions return raw strings (profile text unchanged); each renderer
makes them safe for its medium (visible() for terminals, escaping for
Markdown, nothing for JSON).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections import Counter

from ..analysis import SEVERITIES, Finding, Projection
from ..analysis.types import FIRMNESS_WORDS, AreaHealth, Health, Move, Risk
from ..knowledge import knowledge
from ..naming import finding_title
from ..vocabulary import MODELS

if TYPE_CHECKING:
    from ..model import Profile

FAILURE_RISK = "failure-mode"  # the risk kind the comparison uses for a model's failure mode
NO_FLIP = "No single answer change would change this recommendation."


def model_label(model_id: str) -> str:
    return knowledge().model_label(model_id)


def entity_label(entity_id: str) -> str:
    return knowledge().entity_label(entity_id)


def stage_label(stage_id: str) -> str:
    return knowledge().stage_label(stage_id)


def system_names(profile: Profile, system_ids: tuple[str, ...] | list[str]) -> list[str]:
    return [profile.system_label(system_id) for system_id in system_ids]


def profile_texts(profile: Profile, *, notes: bool = True) -> list[str]:
    """Every string a person wrote in the profile (ids cannot hold invisible characters).

    A report whose other words all come from the knowledge files (kept free of
    invisible characters by a test) need not escape anything when these hold none.
    """
    parts = [profile.name, profile.notes or ""] if notes else [profile.name]
    parts += [system.name for system in profile.systems]
    parts += [record.steward for record in profile.records if record.steward]
    parts += [text for stage in profile.stages for text in (stage.owner,) if text]
    parts += [text for handoff in profile.handoffs for text in (handoff.trigger, handoff.owner) if text]
    return parts


def severity_counts(findings: tuple[Finding, ...] | list[Finding]) -> str:
    """"7 high, 10 medium, 4 low" (only the severities present), or "none"."""
    counts = Counter(f.severity for f in findings)
    return ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts[s]) or "none"


def findings_title(findings: tuple[Finding, ...] | list[Finding]) -> str:
    """"Findings (23: 7 high, 10 medium, 6 low)", or "Findings (none)"."""
    if not findings:
        return "Findings (none)"
    return f"Findings ({len(findings)}: {severity_counts(findings)})"


def ranked_models(scores: dict[str, float]) -> list[str]:
    return sorted(MODELS, key=lambda m: -scores.get(m, 0))


def standing(analysis, *, compact: bool = False) -> str:
    """How firm the recommendation is, in words: what the smallest change would do.

    `compact`: the level alone ("a close call"), for a one-line verdict.  The
    margin is no measure of this (a wide margin can flip on one more project),
    so it is only a detail (:func:`margin_detail`)."""
    firmness = analysis.recommendation.firmness
    if firmness is None:  # not worked out yet (the workbench's quick analysis): the fit alone
        return f"fit {score(analysis.scores.get(analysis.recommendation.model))}"
    if compact:
        return FIRMNESS_WORDS.get(firmness.level, firmness.level)
    return firmness.text[:1].upper() + firmness.text[1:]


def margin_detail(analysis) -> str:
    """ "fit 84.8, 6 points ahead of PM-first": the recommendation's fit against its best eligible rival."""
    recommendation = analysis.recommendation
    fit = f"fit {score(analysis.scores.get(recommendation.model))}"
    rival = recommendation.runner_up
    if rival is None or recommendation.override:
        return fit
    if recommendation.margin > 0:
        return f"{fit}, {score(recommendation.margin)} points ahead of {model_label(rival)}"
    return f"{fit}, level with {model_label(rival)}"


def case_points(reason) -> str:
    """ "+3 case points for CRM-first": what a rule adds to a model's case."""
    unit = "point" if abs(reason.effect) == 1 else "points"
    return f"{signed(reason.effect)} case {unit} for {model_label(reason.model)}"


def sensitivity_lines(recommendation) -> tuple[list[str], list[str]]:
    """(one line per answer that would change the advice, the questions that would not)."""
    decisive = [item.text for item in recommendation.sensitivity if item.changes]
    questions = knowledge().questions
    firm = [questions[item.question].short.lower() for item in recommendation.sensitivity if not item.changes]
    return decisive, firm


def number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}" if isinstance(value, float) and not value.is_integer() else f"{value:g}"


def score(value: float | None) -> str:
    """Scores, margins and weights: always one decimal, so columns line up."""
    return "-" if value is None else f"{value:.1f}"


def signed(effect: float) -> str:
    text = number(abs(effect))
    return f"+{text}" if effect > 0 else f"\u2212{text}" if effect < 0 else "\u00b10"


def role_label(role: str) -> str:
    kind = knowledge().kinds.get(role)
    return kind.label if kind else role


def move_from(profile: Profile, move: Move) -> str:
    return profile.system_label(move.current) if move.current else "no system of record"


def move_to(profile: Profile, move: Move) -> str:
    if move.target:
        return profile.system_label(move.target)
    role = role_label(move.target_role)
    return f"a {role if role.isupper() else role.lower()} tool you do not have yet"


def failure_text(projection: Projection) -> str:
    """The failure mode as it applies here (the comparison's own sentence when it has one)."""
    for risk in projection.risks:
        if risk.kind == FAILURE_RISK:
            return risk.text
    if projection.failure_applies:
        return projection.failure_mode
    return f"{projection.failure_mode} Neither your answers nor today's map points that way."


def other_risks(projection: Projection) -> list[Risk]:
    return [risk for risk in projection.risks if risk.kind != FAILURE_RISK]


def missing_text(projection: Projection) -> str:
    if not projection.missing:
        return "none (your tools cover it)"
    return ", ".join(role_label(role) for role in projection.missing)


# ---------------------------------------------------------------- health


def health_total(health: Health) -> str:
    """ "62/100": today's setup on the health check (never a fit: it is not a model)."""
    return f"{health.total:g}/100"


def area_line(area: AreaHealth) -> str:
    """ "Selling: works but fragile (Duplicated copy: Client)": one area and what set its score."""
    worst = [f for f in area.findings if f.severity == "high"] or [f for f in area.findings if f.severity == "medium"]
    if not area.mapped or not worst:
        return f"{area.label}: {area.verdict}"
    shown = ", ".join(finding_title(f) for f in worst[:2])
    more = f" and {len(worst) - 2} more" if len(worst) > 2 else ""
    return f"{area.label}: {area.verdict} ({shown}{more})"
