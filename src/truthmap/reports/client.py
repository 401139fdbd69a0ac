"""The client report: what a consultant hands over, as plain data for Markdown and HTML.

An executive summary first (the recommendation in one sentence with how firm
it is, today's setup and its health, the three most pressing problems with
their fixes, the next three steps), then the detail in plain words.  Rule
ids, answer paths and scoring terms stay out of the body: they go to a
technical appendix at the end, or beside each item with `detail`.

Everything here is words and structure; the renderers (markdown.py,
html.py) make each string safe for their medium.  Strings are raw: profile
text exactly as written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..analysis import SEVERITIES, Analysis, Finding, Projection
from ..analysis.types import Move, Reason
from ..knowledge import client_words, knowledge
from ..naming import finding_title
from ..swimlane import SwimlaneMap, layout
from ..vocabulary import SYNC_WORDS
from . import common
from .target import HEALTH as TARGET_HEALTH
from .target import TITLE as TARGET_TITLE

if TYPE_CHECKING:
    from ..model import Profile
    from .target import TargetChanges

TOP_PROBLEMS = 3
NEXT_STEPS = 3
MAP_LIMIT = 400  # records and stages: beyond this a map is no picture a person can read
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
SEVERITY_WORDS = {"high": "High", "medium": "Medium", "low": "Low"}
SUBTITLE = "Where the truth about client work should live"


# ------------------------------------------------------------------ the shapes


@dataclass(frozen=True)
class Strong:
    """Words to stand out (bold)."""

    text: str


@dataclass(frozen=True)
class Code:
    """An id or a profile path: only in the appendix, or beside an item with `detail`."""

    text: str


@dataclass(frozen=True)
class Badge:
    """A severity, in words (and colour where the medium has it)."""

    severity: str


@dataclass(frozen=True)
class Score:
    """A 0-100 number (one decimal, so columns line up; `exact`: as few digits as it needs);
    HTML draws a bar beside it when `bar`."""

    value: float | None
    bar: bool = False
    exact: bool = False

    @property
    def text(self) -> str:
        return common.number(self.value) if self.exact else common.score(self.value)


Span = str | Strong | Code | Badge | Score
Line = tuple[Span, ...]


@dataclass(frozen=True)
class Para:
    spans: Line
    kind: str = ""  # "note": the small print under a table; "label": names the list or table after it


@dataclass(frozen=True)
class Item:
    spans: Line
    more: tuple[Line, ...] = ()  # lines under it: a fix, a trace


@dataclass(frozen=True)
class Items:
    items: tuple[Item, ...]
    ordered: bool = False
    start: int = 1


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]
    numeric: tuple[bool, ...] = ()  # right-aligned columns


@dataclass(frozen=True)
class Quote:
    """Free text of several lines (the profile's notes)."""

    text: str


@dataclass(frozen=True)
class Map:
    """Today's swimlane map."""

    smap: SwimlaneMap


Block = Para | Items | Table | Quote | Map


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    level: int = 2
    anchor: str = ""
    kind: str = ""  # "summary" | "appendix" | ""


@dataclass(frozen=True)
class ClientReport:
    title: str  # the profile's name
    subtitle: str
    date: dt.date
    notes: str | None
    sections: tuple[Section, ...] = field(default=())

    @property
    def date_words(self) -> str:
        return date_words(self.date)


def date_words(date: dt.date) -> str:
    """ "1 January 2026": the same in every locale, and never read the wrong way round."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def words() -> dict[str, Any]:
    """The client report's sentences (knowledge/client.toml)."""
    return client_words()


# ------------------------------------------------------------------ building


def build(profile: Profile, analysis: Analysis, *, date: dt.date, detail: bool = False,
          target: TargetChanges | None = None) -> ClientReport:
    """The client report of one profile: summary, detail, and the technical appendix unless `detail`.

    `target`: what changes between this profile and its target (reports/target.py), which
    then has a section of its own after the problems, and a line in the summary.
    """
    writer = _Writer(profile, analysis, detail, target)
    sections = [
        writer.summary(),
        writer.models(),
        *writer.why(),
        writer.matrix(),
        *writer.today(),
        *writer.problems(),
        *writer.target(),
        *writer.comparison(),
    ]
    if not detail:
        sections += writer.appendix()
    return ClientReport(profile.name, SUBTITLE, date, profile.notes or None, tuple(sections))


class _Writer:
    def __init__(self, profile: Profile, analysis: Analysis, detail: bool,
                 target: TargetChanges | None = None) -> None:
        self.profile = profile
        self.analysis = analysis
        self.detail = detail
        self.changes = target
        self.label = profile.system_labeller()
        self.chosen = analysis.recommendation.model
        self.projections = {p.model: p for p in analysis.comparison}
        # Problems are numbered once, in report order, so the appendix can point at them.
        self.findings = list(analysis.findings)

    # ------------------------------------------------------------ summary

    def summary(self) -> Section:
        blocks: list[Block] = [self._verdict(), self._today_line()]
        if self.changes is not None:
            blocks.append(self._target_line())
        precondition = self.analysis.recommendation.precondition
        if precondition:
            blocks.append(Para((Strong("Before anything else:"), " ", precondition)))
        top = self._top_problems()
        if top:
            label = "Most pressing problems" if len(top) > 1 else "The most pressing problem"
            blocks.append(Para((Strong(label),), "label"))
            blocks.append(Items(tuple(self._problem_item(f, severity=True) for f in top), ordered=True))
        else:
            blocks.append(Para((self._no_problems(),)))
        steps = self._next_steps()
        if steps:
            heading = "Next step" if len(steps) == 1 else "Next steps"
            blocks.append(Para((Strong(heading),), "label"))
            blocks.append(Items(tuple(Item((step,)) for step in steps), ordered=True))
            total = len(self._steps_of(self.chosen))
            if total > len(steps):
                blocks.append(Para((f"The full list of {total} steps is under “What changes under "
                                    f"{common.model_label(self.chosen)}” below.",), "note"))
        return Section("Summary", tuple(blocks), anchor="summary", kind="summary")

    def _verdict(self) -> Para:
        recommendation = self.analysis.recommendation
        spans: list[Span] = [Strong(f"Recommendation: {common.model_label(self.chosen)}."), " ",
                             self._model_sentence(self.chosen)]
        if recommendation.firmness is not None:
            spans += [" ", common.standing(self.analysis) + "."]
        return Para(tuple(spans))

    def _model_sentence(self, model: str) -> str:
        """What the model means, with the person's own tools named."""
        projection = self.projections.get(model)
        holders = _Holders(self.profile, model, projection.owners if projection else {})
        return words()["model"][model].format_map(holders)

    def _today_line(self) -> Para:
        analysis = self.analysis
        health = analysis.health
        if analysis.current_model == "ad-hoc":
            setup = "your setup has no clear centre yet"
        else:
            setup = f"your setup works like {common.model_label(analysis.current_model)}"
        areas = "; ".join(f"{area.label.lower()} {area.verdict}" for area in health.areas)
        return Para((Strong("Today:"), f" {setup}. {analysis.current_why} Workflow health: ",
                     Score(health.total, exact=True), f" out of 100 ({areas})."))

    def _no_problems(self) -> str:
        if not (self.profile.records or self.profile.stages):
            return "Nothing is mapped yet, so there are no problems to list."
        return "No problems were found: every mapped record has one owner, an accountable person and clean copies."

    def _top_problems(self) -> list[Finding]:
        """The most severe findings, a different kind each while the severity allows."""
        rank = {severity: n for n, severity in enumerate(SEVERITIES)}
        seen: set[str] = set()
        keyed = []
        for position, finding in enumerate(self.findings):
            keyed.append((rank.get(finding.severity, len(rank)), finding.kind in seen, position, finding))
            seen.add(finding.kind)
        return [finding for *_, finding in sorted(keyed, key=lambda k: k[:3])[:TOP_PROBLEMS]]

    def _next_steps(self) -> list[str]:
        steps = list(self._steps_of(self.chosen))
        if not steps:  # the model is in place: what is left are today's fixes
            steps = [f.fix for f in self._top_problems()]
        return steps[:NEXT_STEPS]

    def _steps_of(self, model: str) -> tuple[str, ...]:
        projection = self.projections.get(model)
        return projection.checklist if projection else ()

    # ------------------------------------------------------------ the models

    def models(self) -> Section:
        know = knowledge()
        items = []
        for model in know.models.values():
            chosen = " (recommended)" if model.id == self.chosen else ""
            items.append(Item((Strong(model.label), f"{chosen}: {model.centre} {model.strengths}")))
        intro = ("Client data sits in several tools at once. For each kind of it (leads, clients, tasks, "
                 "invoices) one tool should hold the truth: the one to believe when two disagree, and the one "
                 "the others copy from. That tool is its system of record. There are three ways to share the "
                 "work between the tools:")
        return Section("The three models", (Para((intro,)), Items(tuple(items))), anchor="models")

    # ------------------------------------------------------------ why

    def why(self) -> list[Section]:
        analysis, recommendation = self.analysis, self.analysis.recommendation
        label = common.model_label(self.chosen)
        blocks: list[Block] = [Para((self._decision(),))]
        if self.detail:
            blocks.append(Para(self._decision_trace(), "note"))
        blocks.append(Table(
            ("Model", "Fit for you (0-100)", ""),
            tuple(((common.model_label(m),), (Score(analysis.scores.get(m), bar=True),),
                   ("recommended",) if m == self.chosen else ())
                  for m in common.ranked_models(analysis.scores)),
            (False, True, False)))
        blocks.append(Para(("The fit combines your answers with the five criteria further down; it is "
                            "not a probability.",), "note"))
        if recommendation.override:
            blocks.append(Para((self._override(),)))
        if recommendation.precondition:
            blocks.append(Para((Strong("Before anything else:"), " ", recommendation.precondition)))
        sections = [Section(f"Why {label}", tuple(blocks), anchor="why")]
        sections.append(Section("What points where", tuple(self._sides()), level=3))
        sections.append(Section("What would change it", tuple(self._sensitivity()), level=3))
        sections.append(Section("Your answers", (self._answers(),), level=3, anchor="answers"))
        return sections

    def _decision(self) -> str:
        recommendation = self.analysis.recommendation
        sentence = words()["decision"].get(recommendation.rule)
        if sentence is None:
            return recommendation.reasons[0].text if recommendation.reasons else ""
        winner = recommendation.model
        other = "pm-first" if winner == "crm-first" else "crm-first"
        return sentence.format(winner=common.model_label(winner), other=common.model_label(other))

    def _decision_trace(self) -> Line:
        case = self.analysis.recommendation.case
        totals = ", ".join(f"{common.model_label(m)} {common.number(case[m])}" for m in knowledge().models if m in case)
        return ("Rule ", Code(self.analysis.recommendation.rule), f"; case points: {totals}; "
                f"{common.margin_detail(self.analysis)}.")

    def _override(self) -> str:
        """Why the recommended model is not the one with the top fit, in plain words."""
        scores = self.analysis.scores
        top = max(scores, key=lambda m: scores[m])
        if top == "hybrid":
            why = "the conditions for running two centres of truth do not all hold (see below)"
        elif self.analysis.recommendation.rule == "still-unsure":
            why = "your answers do not point clearly either way, and then the simpler start is PM-first"
        else:
            why = f"your answers point more clearly to {common.model_label(self.chosen)}"
        return f"{common.model_label(top)} has a slightly higher fit, but {why}."

    def _sides(self) -> list[Block]:
        """The reasons, grouped by the model they speak for: the recommended one first."""
        reasons = self.analysis.recommendation.reasons[1:]  # the first is the decision, said above
        order = [self.chosen, *(m for m in knowledge().models if m != self.chosen)]
        blocks: list[Block] = []
        for model in order:
            mine = [r for r in reasons if r.model == model]
            for_it = [r for r in mine if r.effect > 0]
            against = [r for r in mine if r.effect <= 0]
            label = common.model_label(model)
            if for_it:
                blocks.append(Para((Strong(f"For {label}"),), "label"))
                blocks.append(Items(tuple(self._reason_item(r) for r in for_it)))
            if against:
                blocks.append(Para((Strong(f"Against {label}"),), "label"))
                blocks.append(Items(tuple(self._reason_item(r) for r in against)))
        if not blocks:
            blocks.append(Para(("No answer points to any model yet.",)))
        return blocks

    def _reason_item(self, reason: Reason) -> Item:
        table = words()["reason"]
        sentence = table.get(f"{reason.rule}.{reason.model}") or table.get(reason.rule) or reason.text
        more: tuple[Line, ...] = ()
        if self.detail:
            more = (self._reason_trace(reason),)
        return Item((sentence,), more)

    def _reason_trace(self, reason: Reason) -> Line:
        spans: list[Span] = ["Rule ", Code(reason.rule)]
        if reason.model and reason.effect:
            spans.append(f" · {common.case_points(reason)}")
        paths = list(dict.fromkeys(cause.path for cause in reason.causes))
        for n, path in enumerate(paths):
            spans += [" · from " if n == 0 else ", ", Code(path)]
        return tuple(spans)

    def _sensitivity(self) -> list[Block]:
        recommendation = self.analysis.recommendation
        flip = recommendation.flip
        blocks: list[Block] = [Para((flip.text if flip else common.NO_FLIP,))]
        decisive, firm = common.sensitivity_lines(recommendation)
        if decisive:
            blocks.append(Items(tuple(Item((line,)) for line in decisive)))
            if firm:
                blocks.append(Para(("No other single answer changes it: " + ", ".join(firm) + ".",), "note"))
        return blocks

    def _answers(self) -> Table:
        """Every question once, with the answer given (or that there is none)."""
        answers = self.profile.answers
        rows = []
        for question in knowledge().questions.values():
            value = getattr(answers, question.id, None)
            row: list[Line] = [(question.prompt,), (question.label_of(value),)]
            if self.detail:
                row.append((Code(f"answers.{question.id}"),))
            rows.append(tuple(row))
        header = ("Question", "Your answer", *(("Field",) if self.detail else ()))
        return Table(header, tuple(rows))

    # ------------------------------------------------------------ criteria

    def matrix(self) -> Section:
        analysis = self.analysis
        models = list(knowledge().models)
        rows = []
        for row in analysis.matrix:
            weight: Line = (Score(row.weight),) if row.weight else ("does not count",)
            rows.append(((Strong(row.label),), weight, *((_rating(row.cells.get(m)),) for m in models),
                         (_rating(row.setup),), (row.why,)))
        rows.append(((Strong("Fit (0-100)"),), (), *((Score(analysis.scores.get(m)),) for m in models),
                     ("not a model",), ()))
        header = ("Criterion", "Weight", *(common.model_label(m) for m in models), "Your setup today",
                  "Why this weight")
        cost = " and ".join(c.label.lower() for c in knowledge().criteria.values() if c.cost)
        notes = (f"Each rating is the model's standing on the criterion; for {cost} a lower rating is the "
                 "better one. The weights come from your answers, from 0 (does not count) to 3 (three times as "
                 "much as a weight of 1): lead pressure and delivery pressure say how heavy selling and "
                 "delivery are, 100% being as heavy as it gets.")
        intro = "Five criteria separate the models. Each counts as much as your answers make it matter."
        return Section("The five criteria", (Para((intro,)),
                                             Table(header, tuple(rows), (False, True, *[False] * (len(models) + 2))),
                                             Para((notes,), "note")), anchor="criteria")

    # ------------------------------------------------------------ today

    def today(self) -> list[Section]:
        analysis, health = self.analysis, self.analysis.health
        if analysis.current_model == "ad-hoc":
            resembles = "Your setup has no clear centre yet: no model is in place."
        else:
            resembles = f"Your setup works like {common.model_label(analysis.current_model)}."
        blocks: list[Block] = [Para((resembles, " ", analysis.current_why))]
        blocks.append(Para((Strong("Workflow health:"), " ", Score(health.total, exact=True), " out of 100.")))
        blocks.append(Table(
            ("Area", "Rating", "What set it"),
            tuple(((area.label,), (area.verdict,), (_area_reason(area),)) for area in health.areas)))
        blocks.append(Para(("Each area is rated solid, works but fragile, or missing or broken, by the most "
                            "serious problem in it.",), "note"))
        sections = [Section("Your setup today", tuple(blocks), anchor="today")]
        sections.append(Section("The map", self._map_blocks(), level=3, anchor="map"))
        sections.append(Section("Who holds what", tuple(self._holdings()), level=3))
        return sections

    def _map_blocks(self) -> tuple[Block, ...]:
        mapped = len(self.profile.records) + len(self.profile.stages)
        if not mapped:
            return (Para(("Nothing is mapped yet: no tool holds a record or tracks a stage.",)),)
        if mapped > MAP_LIMIT:
            return (Para((f"The map is left out: {mapped:,} records and stages are more than a picture can show. "
                          "The tables below list them all.",)),)
        intro = ("Stages of the client lifecycle run left to right, one row per tool. Each kind of client data "
                 "sits in the row of the tool that holds it; marked items are the problems listed below.")
        return Para((intro,)), Map(layout(self.profile, self.analysis.findings))

    def _holdings(self) -> list[Block]:
        profile = self.profile
        blocks: list[Block] = []
        if profile.systems:
            tools = "; ".join(f"{system.name} ({common.role_label(system.kind)})" for system in profile.systems)
            blocks.append(Para((Strong("Tools:"), " ", tools + ".")))
        if profile.records:
            rows = []
            for record in profile.records:
                copies = ", ".join(f"{self.label(copy.system)} ({SYNC_WORDS.get(copy.sync, copy.sync)})"
                                   for copy in record.copies)
                rows.append(((common.entity_label(record.entity),),
                             (self.label(record.owner) if record.owner else "none named",),
                             (record.steward or "nobody named",), (copies or "none",)))
            blocks.append(Table(("Client data", "Held in (the one to believe)", "Accountable", "Copies"),
                                tuple(rows)))
        if profile.stages:
            rows = [((common.stage_label(stage.stage),), (self.label(stage.system) if stage.system else "no tool",),
                     (stage.owner or "",)) for stage in profile.stages]
            blocks.append(Table(("Stage", "Tracked in", "Who"), tuple(rows)))
        if profile.handoffs:
            rows = [((f"{common.stage_label(h.from_stage)} \u2192 {common.stage_label(h.to_stage)}",),
                     (h.trigger or "not said",), (h.owner or "not said",)) for h in profile.handoffs]
            blocks.append(Table(("Handoff", "Starts when", "Who carries it"), tuple(rows)))
        if not blocks:
            blocks.append(Para(("No tools, records or stages are mapped yet.",)))
        return blocks

    # ------------------------------------------------------------ problems

    def problems(self) -> list[Section]:
        findings = self.findings
        title = "Problems found"
        if not findings:
            return [Section(title, (Para((self._no_problems(),)),), anchor="problems")]
        intro = (f"{len(findings)} {'problem' if len(findings) == 1 else 'problems'} "
                 f"({common.severity_counts(findings)}), most serious first, each with its fix.")
        sections = [Section(title, (Para((intro,)),), anchor="problems")]
        number = 1
        for severity in SEVERITIES:
            mine = [f for f in findings if f.severity == severity]
            if not mine:
                continue
            items = tuple(self._problem_item(f, trace=self.detail) for f in mine)
            sections.append(Section(f"{SEVERITY_WORDS[severity]} priority ({len(mine)})",
                                    (Items(items, ordered=True, start=number),), level=3))
            number += len(mine)
        return sections

    def _problem_item(self, finding: Finding, *, severity: bool = False, trace: bool = False) -> Item:
        """A problem, its fix under it; `severity` says how serious (where no heading does)."""
        head: list[Span] = [Strong(finding_title(finding))]
        if severity:
            head.append(f" ({finding.severity} priority)")
        head += [": ", finding.message]
        more: list[Line] = [(Strong("Fix:"), " ", finding.fix)]
        if trace:
            more.append(self._finding_trace(finding))
        return Item(tuple(head), tuple(more))

    def _finding_trace(self, finding: Finding) -> Line:
        spans: list[Span] = ["Kind ", Code(finding.kind), " · rule ", Code(finding.rule)]
        if finding.target:
            spans += [" · at ", Code(finding.target)]
        return tuple(spans)

    # ------------------------------------------------------------ the target

    def _target_line(self) -> Para:
        changes = self.changes
        today, target = changes.health
        plan = (f"“{changes.target_name}” plans where this setup is going"
                if changes.side == "today" else f"this profile plans the future of “{changes.today_name}”")
        counts = f"{_count(len(changes.fixed), 'problem')} fixed, {len(changes.added)} added"
        health: Line = ((" Workflow health stays at ", Score(today, exact=True)) if today == target else
                        (" Workflow health goes from ", Score(today, exact=True), " to ", Score(target, exact=True)))
        return Para((Strong("The target:"), f" {plan}.", *health, f"; {counts}."))

    def target(self) -> list[Section]:
        """From today to the target: what changes, and the problems it fixes and adds."""
        changes = self.changes
        if changes is None:
            return []
        if changes.side == "today":
            intro = (f"This report is of today's setup. Its target, “{changes.target_name}”, plans where it is "
                     "going. What changes on the way:")
        else:
            intro = (f"This profile is a target: the plan for “{changes.today_name}”, today's setup. What "
                     "changes from today to this plan:")
        health = ((TARGET_HEALTH,), *((Score(value, exact=True),) for value in changes.health))
        rows = (health, *(((change.label,), (change.today,), (change.target,)) for change in changes.standing))
        blocks: list[Block] = [Para((intro,)), Table(("", "Today", "Target"), rows)]
        sections = [Section(TARGET_TITLE, tuple(blocks), anchor="target")]
        for topic in changes.topics:
            if topic.changes:
                rows = tuple(((change.label,), (change.today,), (change.target,)) for change in topic.changes)
                body: tuple[Block, ...] = (Table(("", "Today", "Target"), rows),)
            else:
                body = (Para((topic.unchanged,)),)
            sections.append(Section(topic.title, body, level=3))
        sections.append(Section("Problems the target fixes", self._target_problems(
            changes.fixed, "No problem of today's is gone in the target."), level=3))
        sections.append(Section("Problems the target adds", self._target_problems(
            changes.added, "The target adds no problem of its own."), level=3))
        return sections

    @staticmethod
    def _target_problems(problems, none: str) -> tuple[Block, ...]:
        if not problems:
            return (Para((none,)),)
        return (Items(tuple(Item((Badge(problem.severity), " ", problem.title)) for problem in problems)),)

    # ------------------------------------------------------------ comparison

    def comparison(self) -> list[Section]:
        analysis = self.analysis
        if not analysis.comparison:
            return []
        rows = tuple(
            ((common.model_label(p.model) + (" (recommended)" if p.model == self.chosen else ""),),
             (Score(p.fit),), (str(len(p.moves)),), (str(len(common.other_risks(p))),),
             (", ".join(common.role_label(r) for r in p.missing) or "none",),
             ("likely here" if p.failure_applies else "unlikely here",))
            for p in analysis.comparison)
        intro = ("Each model redrawn with the tools you already have: what would move, what could go wrong, "
                 "and the steps to get there.")
        table = Table(("Model", "Fit", "Moves", "Risks", "Tools missing", "Typical failure"), rows,
                      (False, True, True, True, False, False))
        sections = [Section("What each model would mean for you", (Para((intro,)), table), anchor="models-compared")]
        ordered = sorted(analysis.comparison, key=lambda p: p.model != self.chosen)
        sections += [self._projection(p) for p in ordered]
        return sections

    def _projection(self, projection: Projection) -> Section:
        model = knowledge().models[projection.model]
        blocks: list[Block] = [Para((self._model_sentence(projection.model),))]
        failure = "What typically goes wrong, and is likely here:" if projection.failure_applies else \
            "What typically goes wrong:"
        blocks.append(Para((Strong(failure), " ", common.failure_text(projection))))
        blocks.append(Para((Strong("Tools missing:"), " ", common.missing_text(projection))))
        if projection.moves:
            blocks.append(Para((Strong("What moves"),), "label"))
            blocks.append(Table(("Client data", "From", "To", "Why"),
                                tuple(self._move_row(move) for move in projection.moves)))
        else:
            blocks.append(Para((Strong("What moves:"), " nothing; every record already sits where this model "
                                                       "puts it.")))
        risks = common.other_risks(projection)
        if risks:
            blocks.append(Para((Strong(f"Risks under {model.label}"),), "label"))
            blocks.append(Items(tuple(Item((Badge(risk.severity), " ", risk.text)) for risk in risks)))
        else:
            blocks.append(Para((Strong(f"Risks under {model.label}:"), " none appear with your records.")))
        if projection.checklist:
            blocks.append(Para((Strong("Steps"),), "label"))
            blocks.append(Items(tuple(Item((step,)) for step in projection.checklist), ordered=True))
        title = f"What changes under {model.label}"
        if projection.model == self.chosen:
            title += " (recommended)"
        return Section(title, tuple(blocks), level=3, anchor=f"under-{projection.model}")

    def _move_row(self, move: Move) -> tuple[Line, ...]:
        return ((common.entity_label(move.entity),), (common.move_from(self.profile, move),),
                (common.move_to(self.profile, move),), (move.why,))

    # ------------------------------------------------------------ appendix

    def appendix(self) -> list[Section]:
        recommendation = self.analysis.recommendation
        intro = ("For whoever wants to check the reasoning or find each item in the profile file: the rule "
                 "behind every reason and problem, and the field each one comes from. Case points are what "
                 "each rule adds to a model's case; how they are weighed is in truthmap's documentation "
                 "(how-it-decides).")
        blocks: list[Block] = [Para((intro,)), Para(self._decision_trace())]
        rows = [((Code(recommendation.rule),), ("decides",), ("the answers of the rules below",))]
        for reason in recommendation.reasons[1:]:
            effect = common.case_points(reason) if reason.model and reason.effect else "-"
            paths = list(dict.fromkeys(cause.path for cause in reason.causes))
            rows.append(((Code(reason.rule),), (effect,), _codes(paths)))
        blocks.append(Table(("Rule", "Effect", "From"), tuple(rows)))
        sections = [Section("Technical appendix", tuple(blocks), anchor="appendix", kind="appendix")]
        if self.findings:
            rows = [((str(n),), (Code(f.kind),), (Code(f.rule),), (Code(f.target),) if f.target else ("-",))
                    for n, f in enumerate(self.findings, 1)]
            sections.append(Section("Problems, by rule", (
                Para(("Numbered as under “Problems found”.",), "note"),
                Table(("#", "Kind", "Rule", "Where in the profile"), tuple(rows), (True, False, False, False))),
                level=3, kind="appendix"))
        answers = self.profile.answers
        rows = [((Code(f"answers.{q}"),), (_stored(getattr(answers, q, None)),)) for q in knowledge().questions]
        sections.append(Section("Answers as stored", (Table(("Field", "Value"), tuple(rows)),), level=3,
                                kind="appendix"))
        if self.profile.systems:
            rows = [((Code(s.id),), (s.name,), (Code(s.kind),)) for s in self.profile.systems]
            sections.append(Section("Tools by id", (Table(("Id", "Name", "Kind"), tuple(rows)),), level=3,
                                    kind="appendix"))
        return sections


class _Holders(dict):
    """`{client}` in a model sentence: the tool that would hold that data under the model."""

    def __init__(self, profile: Profile, model: str, owners: dict[str, str | None]) -> None:
        super().__init__()
        self.profile, self.model, self.owners = profile, model, owners

    def __missing__(self, entity: str) -> str:
        owner = self.owners.get(entity)
        if owner:
            return self.profile.system_label(owner)
        roles = knowledge().models[self.model].owners.get(entity, ("crm",))
        return common.move_to(self.profile, Move(entity, None, None, roles[0]))


def _rating(cell) -> str:
    """The rating in words: a conditional one as it resolves for these answers."""
    if cell is None:
        return "-"
    return cell.rating.rpartition(": ")[2]


def _area_reason(area) -> str:
    """What set an area's rating: its worst problems by title, or that it is fine."""
    line = common.area_line(area)
    head = f"{area.label}: {area.verdict}"
    if line == head:  # nothing high or medium in it
        if not area.mapped:
            return "not mapped yet"
        return "only minor problems" if area.findings else "no problem found"
    return line[len(head):].strip().removeprefix("(").removesuffix(")")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _codes(paths: list[str]) -> Line:
    spans: list[Span] = []
    for n, path in enumerate(paths):
        if n:
            spans.append(", ")
        spans.append(Code(path))
    return tuple(spans) or ("-",)


def _stored(value: object) -> str:
    if value is None:
        return "not answered"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
