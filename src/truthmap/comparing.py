"""Two or more profiles side by side: the data every compare view renders.

Pure and Textual-free: ``truthmap compare`` (text, Markdown, JSON) and the
workbench compare screen draw the same :class:`Comparison`.

API (kept stable; add fields, never rename them)::

    comparison = compare_profiles([(label, profile, analysis), ...])
    comparison.columns      # one Column per profile, in the order given
    comparison.sections     # Section(id, title, rows), in reading order
    row.key                 # stable id, e.g. "answers.friction", "owner.client"
    row.label               # words for the row, e.g. "Friction"
    row.values              # one JSON-ready value per column (str/int/float/bool/None)
    row.cells               # one display string per column ("—" when not set)
    row.differs             # True when the values are not all equal
    row.parts               # copies rows: per column, (system name, sync id) of each copy

Section ids, in order: ``summary`` (recommendation, scores, health, current
model, finding totals), ``answers`` (every question), ``findings`` (count per
finding kind, by title), ``changes`` (each finding some profiles have and
others not: what a target fixes or adds), ``owners`` (system of record per
entity), ``copies`` (each entity's copies and their sync), ``stewards``
(who is accountable per entity), ``stages`` (system per lifecycle
stage), ``handoffs`` (each declared handoff's trigger and owner),
``systems`` (each declared system by name and its kind).

Display strings are raw profile text: a terminal renderer must still pass
them through :func:`truthmap.text.visible` and show them literally.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .analysis import KINDS, SEVERITIES, Analysis, Finding
from .analysis.types import FIRMNESS_WORDS
from .glyphs import mark_look
from .knowledge import knowledge
from .naming import finding_title
from .vocabulary import MODELS

if TYPE_CHECKING:
    from .model import Profile

NOT_SET = "—"


@dataclass(frozen=True)
class Column:
    """One compared profile: a short label (usually the file) and its name."""

    label: str
    name: str


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    values: tuple[Any, ...]
    cells: tuple[str, ...]
    # What the values were made from, per column, where a reader words them its own way (copies rows).
    parts: tuple[Any, ...] = ()

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    rows: tuple[Row, ...]

    @property
    def differing(self) -> int:
        return sum(row.differs for row in self.rows)


@dataclass(frozen=True)
class Comparison:
    columns: tuple[Column, ...]
    sections: tuple[Section, ...]

    @property
    def differing(self) -> int:
        """How many rows differ across all sections."""
        return sum(section.differing for section in self.sections)

    def section(self, section_id: str) -> Section:
        return next(section for section in self.sections if section.id == section_id)

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON-ready data (a `differs` flag on every row)."""
        return {
            "profiles": [{"label": c.label, "name": c.name} for c in self.columns],
            "differing": self.differing,
            "sections": [
                {
                    "id": section.id,
                    "title": section.title,
                    "rows": [
                        {"key": r.key, "label": r.label, "values": list(r.values), "differs": r.differs}
                        for r in section.rows
                    ],
                }
                for section in self.sections
            ],
        }


Compared = tuple[str, "Profile", Analysis]


def compare_profiles(items: Sequence[Compared]) -> Comparison:
    """Line up profiles row by row; each item is (label, profile, analysis)."""
    profiles = [profile for _, profile, _ in items]
    analyses = [analysis for _, _, analysis in items]
    return Comparison(
        columns=tuple(Column(label, profile.name) for label, profile, _ in items),
        sections=(
            Section("summary", "Summary", tuple(_summary_rows(analyses))),
            Section("answers", "Answers", tuple(_answer_rows(profiles))),
            Section("findings", "Findings by kind", tuple(_finding_rows(analyses))),
            Section("changes", "Findings fixed or added", tuple(_change_rows(analyses))),
            Section("owners", "Owner per entity", tuple(_owner_rows(profiles))),
            Section("copies", "Copies and their sync", tuple(_copy_rows(profiles))),
            Section("stewards", "Steward per entity", tuple(_steward_rows(profiles))),
            Section("stages", "System per stage", tuple(_stage_rows(profiles))),
            Section("handoffs", "Handoffs", tuple(_handoff_rows(profiles))),
            Section("systems", "Systems declared", tuple(_system_rows(profiles))),
        ),
    )


def _row(key: str, label: str, values: Iterable[Any], show=None, parts: tuple[Any, ...] = ()) -> Row:
    values = tuple(values)
    show = show or _cell
    return Row(key, label, values, tuple(NOT_SET if v is None else show(v) for v in values), parts)


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.1f}"  # scores and margins: one decimal, like every report
    return str(value)


def _model_label(model_id: str) -> str:
    model = knowledge().models.get(model_id)
    return model.label if model else model_id


def _summary_rows(analyses: list[Analysis]) -> Iterable[Row]:
    yield _row("recommendation", "Recommendation", (a.recommendation.model for a in analyses), _model_label)
    if any(a.recommendation.firmness for a in analyses):  # worked out (reports), not in a quick comparison
        yield _row("firmness", "How firm", (_firmness(a) for a in analyses))
    yield _row("margin", "Margin", (a.recommendation.margin for a in analyses))
    for model in MODELS:
        yield _row(f"score.{model}", f"Fit: {_model_label(model)}", (a.scores.get(model) for a in analyses))
    yield _row("health", "Workflow health", (a.health.total for a in analyses))
    for index, area in enumerate(analyses[0].health.areas if analyses else ()):
        yield _row(f"health.{area.area}", f"  {area.label}",
                   (a.health.areas[index].verdict for a in analyses))
    yield _row("current_model", "Current model", (a.current_model for a in analyses), _model_label)
    yield _row("findings", "Findings", (len(a.findings) for a in analyses))
    for severity in SEVERITIES:
        yield _row(f"findings.{severity}", f"  {severity}", (_count(a, severity=severity) for a in analyses))


def _firmness(analysis: Analysis) -> str | None:
    firmness = analysis.recommendation.firmness
    return FIRMNESS_WORDS.get(firmness.level, firmness.level) if firmness else None


def _count(analysis: Analysis, *, severity: str | None = None, kind: str | None = None) -> int:
    return sum(
        1 for f in analysis.findings if severity in (None, f.severity) and kind in (None, f.kind)
    )


def _answer_rows(profiles: list[Profile]) -> Iterable[Row]:
    for question in knowledge().questions.values():
        values = [getattr(p.answers, question.id, None) for p in profiles]
        label = question.id.replace("_", " ").capitalize()
        yield _row(f"answers.{question.id}", label, values, question.label_of)


def _finding_rows(analyses: list[Analysis]) -> Iterable[Row]:
    for kind in KINDS:
        yield _row(f"findings.{kind}", mark_look(kind)[2], (_count(a, kind=kind) for a in analyses))


def _change_rows(analyses: list[Analysis]) -> Iterable[Row]:
    """One row per finding (kind and place) that not every profile has; its severity where present."""
    present: list[dict[tuple, Finding]] = [
        {(f.kind, f.entity, f.stage): f for f in reversed(a.findings)} for a in analyses  # the first of a place
    ]
    order = list(dict.fromkeys(key for found in present for key in found))
    for key in order:
        if all(key in found for found in present):
            continue
        first = next(found[key] for found in present if key in found)
        kind, entity, stage = key
        yield _row(f"change.{kind}.{entity or '-'}.{stage or '-'}", finding_title(first),
                   (found[key].severity if key in found else None for found in present))


def _entities(profiles: list[Profile]) -> list[str]:
    """Standard entities in lifecycle order, then custom ones as first seen."""
    used = {record.entity for p in profiles for record in p.records}
    custom = [e for p in profiles for r in p.records if (e := r.entity) not in knowledge().entities]
    return [e for e in knowledge().entities if e in used] + list(dict.fromkeys(custom))


def _owner_rows(profiles: list[Profile]) -> Iterable[Row]:
    grouped = [_records_by_entity(p) for p in profiles]  # one pass a profile, not one per entity
    for entity in _entities(profiles):
        label = knowledge().entity_label(entity)
        yield _row(f"owner.{entity}", label, (_owner_of(p, g.get(entity, [])) for p, g in zip(profiles, grouped)))


def _records_by_entity(profile: Profile) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for record in profile.records:
        grouped.setdefault(record.entity, []).append(record)
    return grouped


def _owner_of(profile: Profile, records: list) -> str | None:
    """The owning system's name; several names if owners conflict."""
    if not records:
        return None
    owners = list(dict.fromkeys(profile.system_label(r.owner) for r in records if r.owner))
    return " + ".join(owners) if owners else "no owner"


def _copy_rows(profiles: list[Profile]) -> Iterable[Row]:
    """ "Trello (manual), QuickBooks (one-way)": a sync change alone makes a row differ."""
    grouped = [_records_by_entity(p) for p in profiles]
    for entity in _entities(profiles):
        parts = tuple(tuple((profile.system_label(c.system), c.sync) for r in records.get(entity, []) for c in r.copies)
                      for profile, records in zip(profiles, grouped))
        values = (", ".join(sorted(f"{name} ({sync})" for name, sync in copies)) or None for copies in parts)
        yield _row(f"copies.{entity}", knowledge().entity_label(entity), values, parts=parts)


def _steward_rows(profiles: list[Profile]) -> Iterable[Row]:
    grouped = [_records_by_entity(p) for p in profiles]
    for entity in _entities(profiles):
        values = []
        for records in grouped:
            stewards = list(dict.fromkeys(r.steward for r in records.get(entity, []) if r.steward))
            values.append(" + ".join(stewards) if stewards else None)
        yield _row(f"steward.{entity}", knowledge().entity_label(entity), values)


def _stage_rows(profiles: list[Profile]) -> Iterable[Row]:
    for stage in knowledge().stages.values():
        values = []
        for profile in profiles:
            mapped = next((s for s in profile.stages if s.stage == stage.id), None)
            values.append(profile.system_label(mapped.system) if mapped and mapped.system else None)
        yield _row(f"stage.{stage.id}", stage.label, values)


def _handoff_rows(profiles: list[Profile]) -> Iterable[Row]:
    """Handoffs matched by their two stages; the cell says what starts it and who does it."""
    stages = knowledge().stages
    pairs = sorted({(h.from_stage, h.to_stage) for p in profiles for h in p.handoffs},
                   key=lambda pair: (list(stages).index(pair[0]), list(stages).index(pair[1])))
    for start, end in pairs:
        values = []
        for profile in profiles:
            found = [h for h in profile.handoffs if (h.from_stage, h.to_stage) == (start, end)]
            values.append("; ".join(_handoff_cell(h) for h in found) if found else None)
        yield _row(f"handoff.{start}.{end}", f"{stages[start].label} → {stages[end].label}", values)


def _handoff_cell(handoff) -> str:
    """ "when Deal marked won, by Dana"; "declared" when neither is written."""
    parts = [f"when {handoff.trigger}" if handoff.trigger else "", f"by {handoff.owner}" if handoff.owner else ""]
    return ", ".join(part for part in parts if part) or "declared"


def _system_rows(profiles: list[Profile]) -> Iterable[Row]:
    """Systems matched by name (ids differ between files more than names do)."""
    names = list(dict.fromkeys(s.name for p in profiles for s in p.systems))
    for name in names:
        values = []
        for profile in profiles:
            kinds = [s.kind for s in profile.systems if s.name == name]
            values.append(", ".join(kinds) if kinds else None)
        yield _row(f"system.{name}", name, values)
