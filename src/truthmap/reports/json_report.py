"""The JSON report: SPEC §5 keys, every string exactly as in the profile.

Ids (models, entities, stages, systems) are the stable handles for scripts;
display names ride along (`system_names`, `label`) so a consumer needs no
second lookup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import orjson

from ..analysis import Analysis, Finding, Projection
from ..analysis.types import Cause, Cell, Health, Reason, Risk, Sensitivity
from ..text import _INVISIBLE, in_flag  # the one definition of "must not reach a terminal raw"
from . import common

if TYPE_CHECKING:
    from ..model import Profile
    from ..targets import Pair

REPORT_VERSION = 2


def report_data(profile: Profile, analysis: Analysis, target: Pair | None = None) -> dict[str, Any]:
    """The report as JSON-ready data; `target`: the profile and its target, compared under `target`."""
    recommendation = analysis.recommendation
    label = profile.system_labeller()
    flip = recommendation.flip
    return {
        "report_version": REPORT_VERSION,
        "profile": profile.name,
        "notes": profile.notes,
        "recommendation": {
            "model": recommendation.model,
            "rule": recommendation.rule,
            "margin": recommendation.margin,
            "reasons": [_reason(reason) for reason in recommendation.reasons],
            "flip": None if flip is None else {
                "question": flip.question, "current": flip.current, "value": flip.value,
                "model": flip.model, "text": flip.text,
            },
            "flip_text": flip.text if flip else common.NO_FLIP,
            # How firm, from the cheapest flip (docs/how-it-decides.md); null when not worked out.
            "firmness": recommendation.firmness.level if recommendation.firmness else None,
            "firmness_text": recommendation.firmness.text if recommendation.firmness else None,
            "override": recommendation.override,
            "precondition": recommendation.precondition,
            "runner_up": recommendation.runner_up,
            "case": dict(recommendation.case),
        },
        "sensitivity": [_sensitivity(item) for item in recommendation.sensitivity],
        "scores": dict(analysis.scores),
        "health": _health(analysis.health),
        "matrix": [
            {
                "criterion": row.criterion,
                "label": row.label,
                "weight": row.weight,
                "why": row.why,
                "ratings": {model: _cell(cell) for model, cell in row.cells.items()},
                "setup": _cell(row.setup) if row.setup else None,
            }
            for row in analysis.matrix
        ],
        "current_model": analysis.current_model,
        "current_why": analysis.current_why,
        "findings": [_finding(label, finding) for finding in analysis.findings],
        "comparison": [_projection(profile, label, projection) for projection in analysis.comparison],
        # Today and its target side by side (truthmap.comparing), and which of the two this report is of.
        "target": None if target is None else {"report_is": target.side, **target.comparison().to_dict()},
    }


def _health(health: Health) -> dict[str, Any]:
    return {"total": health.total, "areas": [
        {"area": area.area, "label": area.label, "score": area.score, "mapped": area.mapped,
         "verdict": area.verdict,
         "findings": [{"kind": f.kind, "severity": f.severity, "entity": f.entity, "stage": f.stage}
                      for f in area.findings]}
        for area in health.areas]}


def _causes(causes: tuple[Cause, ...]) -> list[dict[str, str]]:
    return [{"path": cause.path, "text": cause.text} for cause in causes]


def _reason(reason: Reason) -> dict[str, Any]:
    return {
        "rule": reason.rule, "text": reason.text, "model": reason.model,
        "effect": reason.effect, "causes": _causes(reason.causes),
    }


def _sensitivity(item: Sensitivity) -> dict[str, Any]:
    def outcome(o):
        if item.numeric:
            return {"low": o.low, "high": o.high, "model": o.model, "label": o.label}
        return {"value": o.low, "model": o.model, "label": o.label}

    return {
        "question": item.question,
        "current": item.current,
        "kind": "range" if item.numeric else "choices",
        "keeps": [outcome(o) for o in item.keeps],
        "changes": [outcome(o) for o in item.changes],
        "text": item.text,
    }


def _cell(cell: Cell) -> dict[str, Any]:
    return {"rating": cell.rating, "points": cell.points}


def _finding(label: Callable[[str | None], str], finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "severity": finding.severity,
        "entity": finding.entity,
        "stage": finding.stage,
        "systems": list(finding.systems),
        "system_names": [label(system) for system in finding.systems],
        "message": finding.message,
        "fix": finding.fix,
        "rule": finding.rule,
        "target": finding.target,
        "causes": _causes(finding.causes),
    }


def _risk(label: Callable[[str | None], str], risk: Risk) -> dict[str, Any]:
    # A risk has the shape of a finding: its words are under `message`.
    return {"kind": risk.kind, "severity": risk.severity, "entity": risk.entity, "stage": risk.stage,
            "systems": list(risk.systems), "system_names": [label(system) for system in risk.systems],
            "message": risk.text}


def _projection(profile: Profile, label: Callable[[str | None], str], projection: Projection) -> dict[str, Any]:
    return {
        "model": projection.model,
        "fit": projection.fit,
        "owners": dict(projection.owners),
        "moves": [
            {
                "entity": move.entity, "from": move.current, "to": move.target, "to_role": move.target_role,
                "why": move.why,
                "text": f"{common.move_from(profile, move)} \u2192 {common.move_to(profile, move)}",
            }
            for move in projection.moves
        ],
        # The risks the text and Markdown reports count; the failure mode has its own keys.
        "risks": [_risk(label, risk) for risk in common.other_risks(projection)],
        "missing": list(projection.missing),
        "failure_mode": projection.failure_mode,
        "failure_applies": projection.failure_applies,
        "failure_text": common.failure_text(projection),
        "failure_shown_by": list(projection.failure_shown_by),
        "checklist": list(projection.checklist),
    }


# json escapes every C0 control inside strings, so the only raw ones in its
# output are the indent's newlines: skipping them keeps the scan in C.
_RAW_INVISIBLE = re.compile(r"(?!\n)(?:" + _INVISIBLE.pattern + ")")


def dumps(data: Any, *, scan: bool = True) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`'s text, written by orjson: readable
    non-ASCII, yet no control or invisible character sent raw (JSON escapes C0 controls
    in strings, `_escape` the rest: DEL, C1, bidi, zero-width and blank marks, stray tag
    characters; a flag emoji keeps its tags).

    orjson writes the same text as json.dumps in C (a float below 1e-4 or from 1e16 aside:
    1e-9 for 1e-09, the same number; tests/test_json_dumps.py), many times faster
    than json's indented writer, which is pure Python (benchmarks/README.md).  A value
    orjson refuses (an integer beyond 64 bits, a non-string key) goes to json.dumps,
    the same layout.
    `scan=False` skips the escaping: only for data whose strings hold no invisible character."""
    try:
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:
        text = json.dumps(data, ensure_ascii=False, indent=2)
    return (_RAW_INVISIBLE.sub(_escape, text) if scan else text) + "\n"


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return char if in_flag(match) else json.dumps(char)[1:-1]  # json's own escape: a surrogate pair beyond U+FFFF


def render(profile: Profile, analysis: Analysis, *, target: Pair | None = None) -> str:
    # The report's words are the knowledge files' (kept free of invisible characters
    # by a test) and the profile's: when the profile's are clean, so is the report,
    # and the scan of a large report (benchmarks/README.md) is saved.  The texts
    # are joined by newlines, which json escapes inside strings: the raw pattern
    # (all but the newline) is the one that must find nothing.
    data = report_data(profile, analysis, target)
    texts = common.profile_texts(profile)
    if target is not None:
        texts += [target.today[0], target.target[0], *common.profile_texts(target.today[1]),
                  *common.profile_texts(target.target[1])]
    clean = not _RAW_INVISIBLE.search("\n".join(texts))
    return dumps(data, scan=not clean)
