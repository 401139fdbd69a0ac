"""The terminal report: Rich tables rendered to a string.

Readable without colour: every distinction colour makes (severity, the
recommended model, good or bad ratings) is also in the words or symbols.
Profile text goes in only as `Text` built from `visible()` strings, so
neither control characters nor Rich markup in a profile can take effect.

A large report (thousands of findings, moves or risks) would take Rich
minutes to lay out as tables, so its long lists are written as plain lines
instead: one line per item on fixed-width columns, cut to the width by the one
truncation (`truthmap.cells.fit`); the JSON report has every item in full.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Iterable, Iterator
from io import StringIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .. import glyphs
from ..analysis import Analysis, Finding, Projection
from ..analysis.types import Cause, MatrixRow, Reason
from ..cells import cells, fit
from ..knowledge import knowledge
from ..naming import where
from ..vocabulary import MODELS
from ..text import _INVISIBLE, visible
from . import common

if TYPE_CHECKING:
    from ..model import Profile
    from .target import TargetChanges

Part = str | tuple[str, str]

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}
DOT_FULL, DOT_EMPTY = "\u25cf", "\u25cb"  # ● ○
MAX_POINTS = 3
# Above this many list rows (findings, moves, risks, checklist steps), lists are plain lines.
LARGE_ROWS = 400


# ------------------------------------------------------------ building blocks


def new_console(width: int, color: bool) -> tuple[Console, StringIO]:
    """A console that writes to a string; no styles at all unless `color`.

    NO_COLOR in the environment is honoured by Rich itself when `color` is on.
    """
    buffer = StringIO()
    console = Console(
        file=buffer, width=width, force_terminal=color, color_system="auto" if color else None,
        markup=False, emoji=False, highlight=False, legacy_windows=False,
    )
    return console, buffer


def text(*parts: Part) -> Text:
    """Text from plain strings or (string, style) pairs, every string made visible."""
    result = Text()
    for part in parts:
        if isinstance(part, tuple):
            result.append(visible(part[0]), style=part[1])
        else:
            result.append(visible(part))
    return result


def lines(*rows: Text) -> Text:
    return Text("\n").join(rows)


def heading(title: str) -> RenderableType:
    return Group(Text(""), Rule(text((title, "bold")), align="left", style="dim"))


def grid(*ratios: int | None) -> Table:
    table = Table.grid(padding=(0, 1))
    for ratio in ratios:
        table.add_column(ratio=ratio, overflow="fold")
    return table


def severity_badge(severity: str) -> Text:
    return text((severity.upper(), SEVERITY_STYLE.get(severity, "")))


def bar(score: float | None, width: int) -> Text:
    filled, empty = glyphs.bar(score or 0, width)
    return text((filled, "green"), (empty, "dim"))


# ------------------------------------------------------------------ the report


class PlainLines(list):
    """Lines already laid out (visible text, styled when colour is on): written as they are."""


def render(profile: Profile, analysis: Analysis, *, width: int = 100, color: bool = False,
           target: TargetChanges | None = None) -> str:
    """`target`: what changes between this profile and its target, as a section after the findings."""
    console, buffer = new_console(width, color)
    lister = None
    if list_rows(analysis) > LARGE_ROWS:
        # The notes are in the header alone, never in a listed line (and often have newlines).
        clean = not _INVISIBLE.search(" ".join(common.profile_texts(profile, notes=False)))
        lister = Lister(width, console, clean=clean)
    pieces: list[str] = []  # finished text: Rich's output and the plain lines, in turn
    for block in report_blocks(profile, analysis, width, lister, target):
        if isinstance(block, PlainLines):
            pieces.append(finish(buffer))
            buffer.seek(0)
            buffer.truncate()
            pieces.append("".join([line.rstrip(" ") + "\n" for line in block]))
        else:
            console.print(block)
    pieces.append(finish(buffer))
    return "".join(pieces)


def list_rows(analysis: Analysis) -> int:
    """How many rows the report's lists have: what decides between tables and plain lines."""
    return len(analysis.findings) + sum(len(p.moves) + len(p.risks) + len(p.checklist)
                                        for p in analysis.comparison)


# ------------------------------------------------------------ plain lines


def pad(value: str, width: int) -> str:
    """`value` fitted to exactly `width` cells."""
    value = fit(value, width)
    return value + " " * (width - cells(value))


def _as_is(value: str) -> str:
    return value


class Lister:
    """Long lists as one plain line per item: fixed-width columns, cut to the width.

    `clean`: the profile's own texts hold no character `visible()` would
    replace, so no line of the report can (the rest are ids and the knowledge
    files' words), and the lines skip it.
    """

    def __init__(self, width: int, console: Console, *, clean: bool = False) -> None:
        self.width = width
        self.console = console  # for its colour system (None: no styles) and NO_COLOR
        self.show = _as_is if clean else visible
        self._badges: dict[str, str] = {}
        self._risk_lines: dict[int, str] = {}  # a risk the models share is laid out once

    def paint(self, value: str, style: str) -> str:
        if not style or self.console.color_system is None:
            return value
        return _styled(self.console, value, style)

    def badge(self, severity: str) -> str:
        badge = self._badges.get(severity)
        if badge is None:
            badge = self._badges[severity] = self.paint(pad(severity.upper(), len("MEDIUM")),
                                                        SEVERITY_STYLE.get(severity, ""))
        return badge

    def row(self, *columns: tuple[str, int], last: str, used: int = 0) -> str:
        """Cells of fixed widths, then `last` in what is left; all visible, cut to the width.

        `used`: how many cells of the line come before (a badge, say)."""
        return self.head(*columns) + self.last(last, used + sum(width + 1 for _, width in columns))

    def head(self, *columns: tuple[str, int]) -> str:
        """The fixed-width cells of a row, each followed by a space."""
        return "".join(pad(self.show(value), width) + " " for value, width in columns)

    def last(self, value: str, used: int) -> str:
        """A row's last cell, in what the `used` cells before it leave."""
        return fit(self.show(value), self.width - used)

    def findings(self, profile: Profile, findings: tuple[Finding, ...]) -> PlainLines:
        kind_width = max(len(f.kind) for f in findings)
        used = len("MEDIUM ") + kind_width + 1
        lines = PlainLines([fit(f"One line per finding ({len(findings):,}); the JSON report "
                                "(--format json) has each in full, with its fix.", self.width)])
        label = profile.system_labeller()
        heads: dict[tuple[str, str], str] = {}  # badge and kind: a few of them for thousands of lines
        for finding in findings:
            head = heads.get((finding.severity, finding.kind))
            if head is None:
                head = heads[finding.severity, finding.kind] = (
                    self.badge(finding.severity) + " " + self.head((finding.kind, kind_width)))
            systems = ", ".join([label(system) for system in finding.systems]) or "no system"
            place = where(finding)
            about = f"{place} \u00b7 {systems}" if place != "-" else systems
            lines.append(head + self.last(f"{about}: {finding.message}", used))
        return lines

    def moves(self, profile: Profile, projection: Projection) -> PlainLines:
        labels = [common.entity_label(move.entity) for move in projection.moves]
        width = min(24, max(cell_len(visible(label)) for label in labels))
        lines = PlainLines([self.paint("Moves:", "bold")])
        for label, move in zip(labels, projection.moves):
            lines.append(self.row(("", 1), (label, width), last=f"{common.move_from(profile, move)} \u2192 "
                                                                 f"{common.move_to(profile, move)}"))
        return lines

    def risks(self, risks) -> PlainLines:
        lines = PlainLines([self.paint("Risks:", "bold")])
        laid_out = self._risk_lines  # by id: the analysis keeps every risk alive meanwhile
        for risk in risks:
            line = laid_out.get(id(risk))
            if line is None:
                line = laid_out[id(risk)] = f"   {self.badge(risk.severity)} {self.last(risk.text, len('   MEDIUM '))}"
            lines.append(line)
        return lines

    def checklist(self, projection: Projection) -> PlainLines:
        lines = PlainLines([self.paint("Migration checklist:", "bold")])
        number_width = len(f"{len(projection.checklist)}.")
        used = 2 + number_width + 1
        lines.extend(f"  {f'{number}.':<{number_width}} {self.last(step, used)}"  # a row of ("", 1) and the number
                     for number, step in enumerate(projection.checklist, 1))
        return lines


def _styled(console: Console, value: str, style: str) -> str:
    """`value` with the terminal codes of a Rich style (the console's colour system, NO_COLOR honoured)."""
    from rich.style import Style

    parsed = Style.parse(style)
    if console.no_color:
        parsed = parsed.without_color
    return parsed.render(value, color_system=console.color_system, legacy_windows=False)


def finish(buffer: StringIO) -> str:
    """The rendered text without the padding Rich leaves at line ends."""
    return "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))


def report_blocks(profile: Profile, analysis: Analysis, width: int, lister: Lister | None = None,
                  target: TargetChanges | None = None) -> Iterator[RenderableType | PlainLines]:
    yield _header(profile)
    yield heading("Recommendation")
    yield from _recommendation(analysis, bar_width=30 if width >= 100 else 20)
    yield heading("Criteria matrix")
    yield _matrix(analysis)
    yield _matrix_legend(analysis)
    yield heading("Your setup today")
    yield text("Resembles ", (common.model_label(analysis.current_model), "bold"), ". ", analysis.current_why)
    yield from _health(analysis)
    yield heading(common.findings_title(analysis.findings))
    if lister and analysis.findings:
        yield lister.findings(profile, analysis.findings)
    else:
        yield _findings(profile, analysis.findings)
    if target is not None:
        yield from _target(target)
    if analysis.comparison:
        yield heading("Each model with your tools")
        yield _comparison_overview(analysis)
        for projection in analysis.comparison:
            yield from _projection(profile, analysis, projection, lister)


def _header(profile: Profile) -> RenderableType:
    body = [text((profile.name, "bold"))]
    if profile.notes:
        body.append(Text(visible(profile.notes, keep_newlines=True), style="italic"))
    return Panel(
        lines(*body), title=text(("truthmap report", "bold")), title_align="left",
        box=box.ROUNDED, padding=(0, 1),
    )


def _recommendation(analysis: Analysis, bar_width: int) -> Iterator[RenderableType]:
    recommendation = analysis.recommendation
    yield text("Recommended: ", (common.model_label(recommendation.model), "bold green"),
               f"   {common.standing(analysis)}")
    yield text(("Details: ", "dim"), (common.margin_detail(analysis), "dim"))
    if recommendation.override:
        yield text(("Note: ", "bold"), recommendation.override)
    if recommendation.precondition:
        yield text(("Before anything else: ", "bold"), recommendation.precondition)
    yield Text("")
    yield _fit_bars(analysis, bar_width)
    yield Text("")
    yield text(("Why", "bold"))
    yield _reasons(recommendation.reasons)
    yield Text("")
    yield from _sensitivity(recommendation)


def _sensitivity(recommendation) -> Iterator[RenderableType]:
    flip = recommendation.flip
    yield text(("What would change it: ", "bold"), flip.text if flip else common.NO_FLIP)
    decisive, firm = common.sensitivity_lines(recommendation)
    table = grid(None, 1)
    for line in decisive:
        table.add_row(text(" \u00b7"), text(line))
    if firm and decisive:
        table.add_row(Text(""), text(("No other single answer changes it: " + ", ".join(firm) + ".", "dim")))
    if decisive:
        yield table


def _fit_bars(analysis: Analysis, bar_width: int) -> Table:
    table = grid(None, None, None, None)
    chosen = analysis.recommendation.model
    for model in MODELS:
        score = analysis.scores.get(model)
        note = text(("\u25c0 recommended", "bold green")) if model == chosen else Text("")
        style = "bold" if model == chosen else ""
        table.add_row(text((common.model_label(model), style)), bar(score, bar_width),
                      text(common.score(score).rjust(5)), note)
    return table


def _health(analysis: Analysis) -> Iterator[RenderableType]:
    """The health check: the total, then each area with what set its score."""
    health = analysis.health
    yield text(("Workflow health: ", "bold"), (common.health_total(health), "bold"),
               ("  (each area 0 missing or broken, 1 fragile, 2 solid)", "dim"))
    for area in health.areas:
        style = "green" if area.score == 2 else "red" if area.score == 0 else "yellow"
        yield text(("  " + "●" * area.score + "○" * (2 - area.score), style), "  ", common.area_line(area))


def _causes(causes: Iterable[Cause]) -> list[Text]:
    unique = {cause.path: cause for cause in causes}.values()
    return [text("  \u00b7 ", cause.text, ("  " + cause.path, "dim")) for cause in unique]


def _reasons(reasons: tuple[Reason, ...]) -> Table:
    table = grid(None, 1)
    for number, reason in enumerate(reasons, 1):
        effect = ""
        if reason.model and reason.effect:
            effect = f" \u00b7 {common.case_points(reason)}"
        body = [text(reason.text), text((f"[{reason.rule}]", "dim"), (effect, "dim"))]
        table.add_row(text(f"{number}."), lines(*body, *_causes(reason.causes)))
    return table


def _rating(cell) -> Text:
    """"strong ●●●"; a conditional rating is starred and explained in the legend."""
    if cell is None:
        return text(("-", "dim"))
    points = max(0, min(MAX_POINTS, round(cell.points)))
    style = "green" if points == MAX_POINTS else "red" if points <= 1 else ""
    condition, _, rating = cell.rating.rpartition(": ")
    return text(rating + ("*" if condition else ""), " ",
                (DOT_FULL * points + DOT_EMPTY * (MAX_POINTS - points), style))


def _matrix(analysis: Analysis) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column(text("Criterion"), min_width=16, overflow="fold")
    table.add_column(text("Weight"), justify="right", no_wrap=True)
    for model in MODELS:
        table.add_column(text(common.model_label(model)), min_width=11, overflow="fold")
    table.add_column(text("Your setup"), min_width=11, overflow="fold")
    for row in analysis.matrix:
        table.add_row(_criterion(row), text(common.score(row.weight)),
                      *(_rating(row.cells.get(model)) for model in MODELS), _rating(row.setup),
                      end_section=row is analysis.matrix[-1])
    table.add_row(text(("Fit, 0-100", "bold")), text(""),
                  *(text((common.score(analysis.scores.get(m)), "bold")) for m in MODELS),
                  text(("not a model", "dim")))
    return table


def _criterion(row: MatrixRow) -> Text:
    return lines(text((row.label, "bold")), text(("  " + row.why, "dim")))


def _matrix_legend(analysis: Analysis) -> Text:
    cost = [c.label.lower() for c in knowledge().criteria.values() if c.cost]
    notes = [
        f"{DOT_FULL * 3} is the best rating for you, {DOT_EMPTY * 3} the worst; "
        f"for {' and '.join(cost)} a lower rating is the better one.",
        "Each weight comes from your answers (the reason is under the criterion); 0 means it does not count.",
    ]
    for row in analysis.matrix:
        conditions = [
            f"{common.model_label(model)} {cell.rating.rpartition(': ')[0]}"
            for model, cell in row.cells.items() if ": " in cell.rating
        ]
        if conditions:
            notes.append(f"* {row.label} is conditional ({'; '.join(conditions)}), resolved from your answers.")
    return lines(*(text((note, "dim")) for note in notes))


def _findings(profile: Profile, findings: tuple[Finding, ...]) -> RenderableType:
    if not findings:
        return text("No findings: every mapped record has one owner, a steward and clean copies.")
    table = grid(None, 1)
    for index, finding in enumerate(findings):
        if index:
            table.add_row(Text(""), Text(""))
        table.add_row(severity_badge(finding.severity), _finding_body(profile, finding))
    return table


def _finding_body(profile: Profile, finding: Finding) -> Text:
    systems = ", ".join(common.system_names(profile, finding.systems)) or "no system"
    place = where(finding)
    about = text((finding.kind, "bold"), *([" \u00b7 ", place] if place != "-" else []), " \u00b7 ", systems)
    trace = text(("rule ", "dim"), (finding.rule, "dim"))
    if finding.target:
        trace.append_text(text(("  at ", "dim"), (finding.target, "dim")))
    return lines(about, text(finding.message), text(("Fix: ", "bold"), finding.fix), trace)


def _target(changes: TargetChanges) -> Iterator[RenderableType]:
    """From today to the target (reports/target.py): before and after, what changes, problems fixed and added."""
    from .target import HEALTH, TITLE, Change

    yield heading(TITLE)
    yield text("Today: ", (changes.today_name, "bold"), ("  " + changes.today_file, "dim"))
    yield text("Target: ", (changes.target_name, "bold"), ("  " + changes.target_file, "dim"))
    health = Change(HEALTH, *(common.number(value) for value in changes.health))
    yield _changes_table("", (health, *changes.standing))
    for topic in changes.topics:
        yield text("")
        if topic.changes:
            yield text((topic.title, "bold"))
            yield _changes_table("", topic.changes)
        else:
            yield text((topic.title + ": ", "bold"), topic.unchanged)
    for title, problems, none in (("Problems the target fixes", changes.fixed, "none"),
                                  ("Problems the target adds", changes.added, "none")):
        yield text("")
        yield text((f"{title} ({len(problems)})" if problems else f"{title}: {none}", "bold"))
        for problem in problems:
            yield Text.assemble("  ", severity_badge(problem.severity), "  ", text(problem.title))


def _changes_table(label: str, changes) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header in (label, "Today", "Target"):
        table.add_column(text(header), overflow="fold")
    for change in changes:
        table.add_row(text(change.label), text(change.today), text(change.target))
    return table


def _comparison_overview(analysis: Analysis) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header, justify in (("Model", "left"), ("Fit", "right"), ("Moves", "right"), ("Risks", "right"),
                            ("Tools missing", "left"), ("Failure mode", "left")):
        table.add_column(text(header), justify=justify, overflow="fold", no_wrap=header == "Model")
    chosen = analysis.recommendation.model
    for projection in analysis.comparison:
        label = common.model_label(projection.model) + (" (recommended)" if projection.model == chosen else "")
        table.add_row(
            text((label, "bold" if projection.model == chosen else "")),
            text(common.score(projection.fit)),
            text(str(len(projection.moves))),
            text(str(len(common.other_risks(projection)))),
            text(", ".join(common.role_label(r) for r in projection.missing) or "none"),
            text(("likely here", "yellow") if projection.failure_applies else "unlikely here"),
        )
    return table


def _projection(profile: Profile, analysis: Analysis, projection: Projection,
                lister: Lister | None = None) -> Iterator[RenderableType | PlainLines]:
    model = knowledge().models[projection.model]
    chosen = " (recommended)" if projection.model == analysis.recommendation.model else ""
    yield Text("")
    title = text((f"{model.label}{chosen}", "bold"), f" \u00b7 fit {common.score(projection.fit)}")
    yield Rule(title, align="left", characters="\u254c", style="dim")
    yield text((model.centre, "italic"))
    marker = ("Failure mode, likely here: ", "bold yellow") if projection.failure_applies else ("Failure mode: ", "bold")
    yield text(marker, common.failure_text(projection))
    yield text(("Tools missing: ", "bold"), common.missing_text(projection))
    risks = common.other_risks(projection)
    yield lister.moves(profile, projection) if lister and projection.moves else _moves(profile, projection)
    yield lister.risks(risks) if lister and risks else _risks(projection)
    yield lister.checklist(projection) if lister and projection.checklist else _checklist(projection)


def _moves(profile: Profile, projection: Projection) -> RenderableType:
    if not projection.moves:
        return text(("Moves: ", "bold"), "none (every record already sits where this model puts it)")
    table = grid(None, 1)
    for move in projection.moves:
        table.add_row(text("  " + common.entity_label(move.entity)),
                      lines(text(common.move_from(profile, move), " \u2192 ", common.move_to(profile, move)),
                            text((move.why, "dim"))))
    return Group(text(("Moves:", "bold")), table)


def _risks(projection: Projection) -> RenderableType:
    risks = common.other_risks(projection)
    if not risks:
        return text(("Risks: ", "bold"), "none (nothing new appears with your records)")
    table = grid(None, None, 1)
    for risk in risks:
        table.add_row(text("  "), severity_badge(risk.severity), text(risk.text))
    table.columns[1].width = len("MEDIUM")
    return Group(text(("Risks:", "bold")), table)


def _checklist(projection: Projection) -> RenderableType:
    table = grid(None, 1)
    for number, step in enumerate(projection.checklist, 1):
        table.add_row(text(f"  {number}."), text(step))
    return Group(text(("Migration checklist:", "bold")), table)
