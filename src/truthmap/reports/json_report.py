"""The JSON report: SPEC §5 keys, every string exactly as in the profile.

Ids (models, entities, stages, systems) are the stable handles for scripts;
display names ride along (`system_names`, `label`) so a consumer needs no
second lookup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from json.encoder import c_make_encoder
from json.encoder import encode_basestring as _json_string  # the C version when there is one
from typing import TYPE_CHECKING, Any

from ..analysis import Analysis, Finding, Projection
from ..analysis.types import Cause, Cell, Health, Reason, Risk, Sensitivity
from ..text import _INVISIBLE, in_flag  # the one definition of "must not reach a terminal raw"
from . import common

if TYPE_CHECKING:  # the pydantic models; a truthmap.plain profile works the same
    from ..model import Profile

REPORT_VERSION = 2


def report_data(profile: Profile, analysis: Analysis) -> dict[str, Any]:
    return _report_data(profile, analysis, written=False)


def _report_data(profile: Profile, analysis: Analysis, *, written: bool) -> dict[str, Any]:
    """The report's data; `written`: the findings and risks as their lines of JSON
    already (what `dumps` writes as they are)."""
    recommendation = analysis.recommendation
    label = profile.system_labeller()
    writer = _LineWriter(label) if written else None
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
        "findings": (_Lines([writer.finding(finding) for finding in analysis.findings]) if writer
                     else [_finding(label, finding) for finding in analysis.findings]),
        "comparison": [_projection(profile, label, projection, writer) for projection in analysis.comparison],
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


class _Lines(list):
    """The items of a one-line list already written, a line of JSON each: `dumps` writes them as they are."""


def _json_value(value: str | None) -> str:
    return "null" if value is None else _json_string(value)


def _json_strings(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join([_json_string(value) for value in values]) + "]"


class _LineWriter:
    """Findings and risks straight to their lines of JSON: the lines `_one_line` makes of
    `_finding`'s and `_risk`'s items (a test holds them equal), with the parts that
    thousands of items share (kind and severity, systems, rule) written once."""

    def __init__(self, label: Callable[[str | None], str]) -> None:
        self.label = label
        self.heads: dict[tuple[str, str], str] = {}
        self.systems: dict[tuple[str, ...], str] = {}
        self.rules: dict[str, str] = {}
        self.risks: dict[int, str] = {}  # by id: a risk the models share is written once

    def head(self, kind: str, severity: str) -> str:
        head = self.heads[kind, severity] = f'{{"kind": {_json_string(kind)}, "severity": {_json_string(severity)}, '
        return head

    def system_lists(self, systems: tuple[str, ...]) -> str:
        lists = self.systems[systems] = (
            f'"systems": {_json_strings(systems)}, '
            f'"system_names": {_json_strings([self.label(system) for system in systems])}, ')
        return lists

    def finding(self, finding: Finding) -> str:
        kind, severity, systems, rule, causes = finding.kind, finding.severity, finding.systems, finding.rule, finding.causes
        entity, stage = finding.entity, finding.stage
        head = self.heads.get((kind, severity)) or self.head(kind, severity)
        lists = self.systems.get(systems) or self.system_lists(systems)
        rule_part = self.rules.get(rule)
        if rule_part is None:
            rule_part = self.rules[rule] = f'"rule": {_json_string(rule)}, '
        if len(causes) == 1:
            cause = causes[0]
            causes_part = f'{{"path": {_json_string(cause.path)}, "text": {_json_string(cause.text)}}}'
        else:
            causes_part = ", ".join([f'{{"path": {_json_string(cause.path)}, "text": {_json_string(cause.text)}}}'
                                     for cause in causes])
        target = causes[0].path if causes else None  # Finding.target
        return (f'{head}"entity": {"null" if entity is None else _json_string(entity)}, '
                f'"stage": {"null" if stage is None else _json_string(stage)}, {lists}'
                f'"message": {_json_string(finding.message)}, "fix": {_json_string(finding.fix)}, '
                f'{rule_part}"target": {"null" if target is None else _json_string(target)}, '
                f'"causes": [{causes_part}]}}')

    def risk(self, risk: Risk) -> str:
        line = self.risks.get(id(risk))  # the analysis keeps every risk alive meanwhile
        if line is None:
            line = self.risks[id(risk)] = (
                f'{self.heads.get((risk.kind, risk.severity)) or self.head(risk.kind, risk.severity)}'
                f'"entity": {_json_value(risk.entity)}, "stage": {_json_value(risk.stage)}, '
                f'{self.systems.get(risk.systems) or self.system_lists(risk.systems)}'
                f'"message": {_json_string(risk.text)}}}')
        return line


def _projection(profile: Profile, label: Callable[[str | None], str], projection: Projection,
                writer: _LineWriter | None) -> dict[str, Any]:
    if writer is None:
        risks: list[Any] = [_risk(label, risk) for risk in common.other_risks(projection)]
    else:
        risks = _Lines([writer.risk(risk) for risk in common.other_risks(projection)])
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
        "risks": risks,
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


# The lists that grow with the profile: each of their items is written on one
# line (by json's C encoder), so a 10,000-record report stays quick to write
# and to read line by line.  Everything else is indented as json.dumps does.
ONE_LINE_ITEMS = frozenset(("findings", "risks", "moves"))
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), check_circular=False)
if c_make_encoder is not None:  # what _ONE_LINE.encode makes anew for each call, made once
    _one_line_chunks = c_make_encoder(None, _ONE_LINE.default, _json_string, None, ": ", ", ", False, False, True)

    def _one_line(value: Any) -> str:
        return "".join(_one_line_chunks(value, 0))
else:  # pragma: no cover - CPython always has the C encoder
    _one_line = _ONE_LINE.encode


def dumps(data: Any, one_line_items: frozenset[str] = frozenset(), *, scan: bool = True) -> str:
    """Pretty JSON with readable non-ASCII, yet no control or invisible
    character sent raw: json escapes C0 controls in strings, this escapes the
    rest (DEL, C1, bidi, zero-width and blank marks, stray tag characters).
    Raw newlines are the indent; a flag emoji keeps its tags.

    The items of a list under a key in `one_line_items` are written one per
    line.  `scan=False` skips the escaping pass: only for data whose strings
    are known to hold no invisible character."""
    text = _pretty(data, one_line_items)
    return (_RAW_INVISIBLE.sub(_escape, text) if scan else text) + "\n"


class _Unusual(Exception):
    """A value _pretty leaves to the json module (a non-string key, an unknown type)."""


def _pretty(data: Any, one_line_items: frozenset[str] = frozenset()) -> str:
    """Exactly `json.dumps(data, ensure_ascii=False, indent=2)`, twice as fast
    (but for the lists named in `one_line_items`: an item a line).

    json's own encoder drops to pure Python whenever it indents; this writes
    the same text with one call per value instead of several generators.  An
    item of those lists may come written already (a `_Lines` list).
    """
    out: list[str] = []
    add = out.append

    def emit(value: Any, indent: str, one_line: bool = False) -> None:
        if isinstance(value, str):
            add(_json_string(value))
        elif value is None:
            add("null")
        elif value is True:
            add("true")
        elif value is False:
            add("false")
        elif isinstance(value, int):
            add(int.__repr__(value))
        elif isinstance(value, float):
            add(_json_float(value))
        elif isinstance(value, dict):
            if not value:
                add("{}")
                return
            inner = indent + "  "
            if all(type(key) is str and (type(item) is str or item is None) for key, item in value.items()):
                # owners by entity: one join
                add("{\n" + inner + (",\n" + inner).join(
                    [_json_string(key) + (": null" if item is None else ": " + _json_string(item))
                     for key, item in value.items()]) + "\n" + indent + "}")
                return
            separator = "{\n" + inner
            for key, item in value.items():
                if type(key) is not str:
                    if not isinstance(key, str):
                        raise _Unusual
                if type(item) is str:  # most values: no call of emit
                    add(separator + _json_string(key) + ": " + _json_string(item))
                elif item is None:
                    add(separator + _json_string(key) + ": null")
                else:
                    add(separator + _json_string(key) + ": ")
                    emit(item, inner, key in one_line_items)
                separator = ",\n" + inner
            add("\n" + indent + "}")
        elif isinstance(value, (list, tuple)):
            if not value:
                add("[]")
                return
            inner = indent + "  "
            if type(value) is _Lines:
                add("[\n" + inner + (",\n" + inner).join(value) + "\n" + indent + "]")
                return
            if not one_line and all(type(item) is str for item in value):  # a checklist: one join
                add("[\n" + inner + (",\n" + inner).join([_json_string(item) for item in value])
                    + "\n" + indent + "]")
                return
            separator = "[\n" + inner
            for item in value:
                add(separator)
                separator = ",\n" + inner
                if one_line:
                    add(_one_line(item))
                elif type(item) is str:
                    add(_json_string(item))
                else:
                    emit(item, inner)
            add("\n" + indent + "]")
        else:
            raise _Unusual

    try:
        emit(data, "")
    except _Unusual:
        return json.dumps(_unwritten(data), ensure_ascii=False, indent=2)
    return "".join(out)


def _unwritten(value: Any) -> Any:
    """`value` with every `_Lines` item read back (for json's own writer, which would quote them)."""
    if type(value) is _Lines:
        return [json.loads(line) for line in value]
    if isinstance(value, dict):
        return {key: _unwritten(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_unwritten(item) for item in value]
    return value


def _json_float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n" or in_flag(match):
        return char
    return json.dumps(char)[1:-1]  # json's own escape: a surrogate pair beyond U+FFFF


def render(profile: Profile, analysis: Analysis) -> str:
    # The report's words are the knowledge files' (kept free of invisible characters
    # by a test) and the profile's: when the profile's are clean, so is the report,
    # and the scan of a 10,000-record report (a sixth of a second) is saved.  The
    # texts are joined by newlines, which json escapes inside strings: the raw
    # pattern (all but the newline) is the one that must find nothing.
    clean = not _RAW_INVISIBLE.search("\n".join(common.profile_texts(profile)))
    return dumps(_report_data(profile, analysis, written=True), ONE_LINE_ITEMS, scan=not clean)
