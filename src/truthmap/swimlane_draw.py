"""The swimlane map drawn as text: a grid of characters tagged with style names.

The drawing is plain data (lines of `(text, style)` runs) so the workbench
can colour it from its theme and tests can read it as text.  Every mark uses
a distinct glyph as well as a style, so the map reads without colour.
Column widths follow the content and shrink to fit the width given.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from rich.cells import cell_len

from .analysis.types import Analysis
from .cells import ELLIPSIS, cells, fit
from .glyphs import bar
from .knowledge import knowledge
from .swimlane import NOBODY, Chip, Link, Mark, SwimlaneMap
from .text import visible

# Chip glyph and style for each situation, most urgent first.
CHIP_LOOKS = (
    ("conflicting-owners", "✕", "conflict"),
    ("record-in-conversation", "~", "conversation"),
    ("duplication", "≈", "dup"),
    ("no-owner", "?", "unowned"),
    ("missing-tool", "?", "unowned"),
)
LEGEND = (
    ("●", "owned", "system of record"),
    ("○", "copy", "one-way copy"),
    ("≈", "dup", "duplicated copy"),
    ("✕", "conflict", "two owners"),
    ("?", "unowned", "no owner"),
    ("~", "conversation", "record in chat or email"),
    ("»", "moved", "moves here"),
    ("━", "track", "tracks the stage"),
    ("─▶", "handoff", "declared handoff"),
    ("┄▷", "handoff-gap", "handoff nobody declared"),
    ("░", "gap", "stage no tool tracks"),
)
PHASES = (("pre-kickoff", "before kickoff"), ("post-kickoff", "after kickoff"))

MIN_COLUMN, MAX_COLUMN = 6, 16
MIN_LABEL, MAX_LABEL = 7, 16


Run = tuple[str, str]  # (text, style name)
Region = tuple[int, int, int]  # (x, y, width)


@dataclass(frozen=True)
class Drawing:
    lines: tuple[tuple[Run, ...], ...]
    width: int
    marks: tuple[Mark, ...] = ()  # in reading order: top to bottom, left to right
    regions: tuple[tuple[Region, ...], ...] = ()  # where each mark is drawn

    @property
    def height(self) -> int:
        return len(self.lines)

    def text(self) -> str:
        return "\n".join("".join(text for text, _ in line).rstrip() for line in self.lines)

    def below(self, lines: list[tuple[Run, ...]]) -> Drawing:
        """This drawing with more lines added underneath."""
        width = max([self.width, *(sum(cell_len(text) for text, _ in line) for line in lines)])
        return Drawing(self.lines + tuple(lines), width, self.marks, self.regions)


class Canvas:
    """A character grid; wide characters take two cells, the second left empty."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells = [[[" ", ""] for _ in range(width)] for _ in range(height)]

    def get(self, x: int, y: int) -> str:
        return self.cells[y][x][0] if 0 <= x < self.width and 0 <= y < self.height else ""

    def set(self, x: int, y: int, char: str, style: str) -> None:
        if not (0 <= x < self.width and 0 <= y < self.height):
            return
        row = self.cells[y]
        if row[x][0] == "" and x > 0:  # overwriting the right half of a wide char
            row[x - 1][0] = " "
        if x + 1 < self.width and row[x + 1][0] == "" and cell_len(row[x][0]) == 2:
            row[x + 1][0] = " "
        row[x] = [char, style]

    def put(self, x: int, y: int, text: str, style: str, width: int | None = None) -> int:
        """Write `text` from (x, y), cut to `width` cells with an ellipsis; returns cells used."""
        text = fit(visible(text), width)
        used = 0
        for char in text:
            size = cell_len(char)
            if size == 0:
                if used:  # a combining mark joins the character before it
                    self.cells[y][x + used - 1][0] += char
                continue
            self.set(x + used, y, char, style)
            if size == 2:
                self.set(x + used + 1, y, "", style)
            used += size
        return used

    def lines(self) -> tuple[tuple[Run, ...], ...]:
        return tuple(_runs(row) for row in self.cells)


def _runs(row: list[list[str]]) -> tuple[Run, ...]:
    runs: list[list[str]] = []
    for char, style in row:
        if runs and runs[-1][1] == style:
            runs[-1][0] += char
        else:
            runs.append([char, style])
    return tuple((text, style) for text, style in runs)


def chip_look(chip: Chip) -> tuple[str, str]:
    """(glyph, style) for a chip: its most urgent mark, else how it is held."""
    kinds = chip.kinds
    for kind, glyph, style in CHIP_LOOKS:
        if kind in kinds and (kind != "duplication" or chip.role == "copy"):
            return glyph, style
    if chip.moved_from:
        return "»", "moved"
    if chip.role == "copy":
        return "○", "copy"
    if chip.role == "unowned":
        return "?", "unowned"
    return "●", "owned"


# ------------------------------------------------------------------ short names


def _head(text: str, width: int) -> str:
    """The first `width` cells of `text` (fewer if a wide character would straddle the edge)."""
    return fit(text, width, ellipsis=False).rstrip()


def _words(label: str) -> list[str]:
    return [word for word in re.split(r"[\s_\-/]+", label) if word]


def _short_forms(label: str, room: int) -> Iterator[str]:
    """Ways to write `label` in `room` cells, most readable first, ending with numbered
    ones so there is always one more: "Delivery notes" -> "DelN"; "Deliverables" -> "Deli",
    else "Dlvr"."""
    words = _words(label)
    if len(words) > 1:  # the first word cut, then the others' initials: "DelN"
        tail = "".join(word[0].upper() for word in words[1:])[:max(0, room - 2)]
        yield _head(words[0], room - cells(tail)) + tail
    yield _head(label, room)  # cut with no ellipsis: one letter more, "Deliv"
    first, rest = label[:1], label[1:]
    skeleton = first + re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouAEIOU\W_]", "", rest))  # "Dlvrbls"
    if skeleton != label:
        yield _head(skeleton, room)
    for number in itertools.count(2):
        yield _head(label, room - len(str(number)) - 1) + ELLIPSIS + str(number)


def short_names(rooms: dict[str, int]) -> dict[str, str]:
    """A short name for each label too wide for its room (label -> cells it may take),
    every one distinct from the others and from the labels shown whole.

    A label cut the usual way ("Clie…") keeps that form unless another label would be
    cut to the same one: then neither is ("Deliverables" and "Delivery notes" are
    never both "Deli…"), each takes the first of its other forms still free.
    """
    whole = {label for label, room in rooms.items() if cells(label) <= room}
    cut = [label for label in rooms if label not in whole]
    usual = {label: fit(label, rooms[label]) for label in cut}
    counts = Counter(usual.values())
    shared = {form for form, count in counts.items() if count > 1} | (set(usual.values()) & whole)
    taken = set(whole) | set(shared)
    names = {label: usual[label] for label in cut if usual[label] not in shared}
    taken |= set(names.values())
    for label in cut:
        if label in names:
            continue
        names[label] = next(form for form in _short_forms(label, rooms[label])
                            if form and form not in taken and form != label)
        taken.add(names[label])
    return {label: names[label] for label in cut}


def short_name_lines(names: dict[str, str], width: int) -> list[tuple[Run, ...]]:
    """What each short name on the map stands for, flowed into lines no wider than `width`."""
    if not names:
        return []
    entries = [[(short, "header"), (f" = {label}", "legend")] for label, short in names.items()]
    return _flowed([("Short names:", "legend")], entries, width, "   ")


# ------------------------------------------------------------------ geometry


@dataclass(frozen=True)
class _Geometry:
    label: int
    xs: tuple[int, ...]  # left edge of each column
    widths: tuple[int, ...]
    lane_rows: dict[str, int]  # lane id -> its track row
    height: int

    @property
    def width(self) -> int:
        return self.xs[-1] + self.widths[-1] + 1

    def gutter_after(self, column: int) -> int:
        return self.xs[column] + self.widths[column]


HEADER_ROWS = 2


def _chip_text(chip: Chip) -> str:
    return visible(chip.label)


def _natural_widths(smap: SwimlaneMap) -> list[int]:
    widths = []
    for column in smap.columns:
        chips = [cell_len(_chip_text(c)) + 2 for lane in smap.lanes for c in lane.chips_at(column.id)]
        natural = max([len(column.label), *chips])
        widths.append(max(MIN_COLUMN, min(MAX_COLUMN, natural)))
    return widths


def _geometry(smap: SwimlaneMap, width: int) -> _Geometry:
    names = [max(cell_len(visible(lane.name)), len(lane.kind)) for lane in smap.lanes]
    label = max(MIN_LABEL, min(MAX_LABEL, max(names, default=MIN_LABEL)))
    widths = _natural_widths(smap)
    # Shrink the widest column (then the lane names) until the map fits.
    while label + 1 + sum(w + 1 for w in widths) > width:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] > MIN_COLUMN + 1:
            widths[widest] -= 1
        elif label > MIN_LABEL:
            label -= 1
        elif widths[widest] > MIN_COLUMN:
            widths[widest] -= 1
        else:
            break
    xs, x = [], label + 1
    for w in widths:
        xs.append(x)
        x += w + 1
    rows, y = {}, HEADER_ROWS
    for lane in smap.lanes:
        rows[lane.id] = y
        y += _lane_height(smap, lane) + 1  # +1 for the rule under the lane
    return _Geometry(label, tuple(xs), tuple(widths), rows, y)


def _lane_height(smap: SwimlaneMap, lane) -> int:
    stacked = max((len(lane.chips_at(column.id)) for column in smap.columns), default=0)
    return 1 + max(1, stacked)


# ------------------------------------------------------------------ drawing


def draw_map(smap: SwimlaneMap, width: int, *, legend: bool = True) -> Drawing:
    """The map drawn to fit `width` cells where it can (it may come out wider).

    Names too wide for their place are shortened, each to a short name no
    other name on the map has; the legend says what each stands for."""
    geo = _geometry(smap, width)
    canvas = Canvas(geo.width, geo.height)
    regions: dict[int, list[Region]] = {}
    lane_names = short_names({visible(lane.name): geo.label for lane in smap.lanes})
    chip_names = short_names(_chip_rooms(smap, geo))
    _draw_header(canvas, smap, geo)
    for lane in smap.lanes:
        _draw_lane(canvas, smap, geo, lane, regions, {**lane_names, **chip_names})
    for link in smap.links:
        _draw_link(canvas, smap, geo, link, regions)
    lines = list(canvas.lines())
    if not smap.lanes:
        lines.append((("Nothing is mapped yet: declare your systems, records and stages in the boundary editor.",
                       "dim"),))
    if legend:
        lines.append(())
        lines.extend(legend_lines(max(width, geo.width)))
        lines.extend(short_name_lines({**chip_names, **lane_names}, max(width, geo.width)))
    return _ordered_drawing(smap, tuple(lines), geo.width, regions)


def _chip_rooms(smap: SwimlaneMap, geo: _Geometry) -> dict[str, int]:
    """Each chip label on the map, with the fewest cells it has anywhere (its glyph takes two)."""
    rooms: dict[str, int] = {}
    for lane in smap.lanes:
        for index, column in enumerate(smap.columns):
            for chip in lane.chips_at(column.id):
                label = _chip_text(chip)
                rooms[label] = min(rooms.get(label, geo.widths[index] - 2), geo.widths[index] - 2)
    return rooms


def _ordered_drawing(smap, lines, width, regions: dict[int, list[Region]]) -> Drawing:
    """Marks in reading order: located ones by their first region, the rest after."""
    indexed = list(enumerate(smap.marks))
    indexed.sort(key=lambda item: (0, *_top_left(regions[item[0]])) if regions.get(item[0]) else (1, 0, 0))
    marks = tuple(mark for _, mark in indexed)
    spots = tuple(tuple(regions.get(index, ())) for index, _ in indexed)
    return Drawing(lines, width, marks, spots)


def _top_left(regions: list[Region]) -> tuple[int, int]:
    x, y, _ = min(regions, key=lambda r: (r[1], r[0]))
    return y, x


def _draw_header(canvas: Canvas, smap: SwimlaneMap, geo: _Geometry) -> None:
    canvas.put(0, 0, "Stage", "dim", geo.label)
    canvas.put(0, 1, "Lane", "dim", geo.label)
    for index, column in enumerate(smap.columns):
        canvas.put(geo.xs[index], 0, column.label, "gap-header" if column.gap else "header", geo.widths[index])
    for phase, words in PHASES:
        indexes = [i for i, c in enumerate(smap.columns) if c.phase == phase]
        if not indexes:
            continue
        start, end = geo.xs[indexes[0]], geo.gutter_after(indexes[-1]) - 1
        for x in range(start, end + 1):
            canvas.set(x, 1, "─", "phase")
        canvas.set(start, 1, "├", "phase")
        canvas.set(end, 1, "┤", "phase")
        canvas.put(start + 2, 1, f" {words} ", "phase", max(0, end - start - 3))


def _draw_lane(canvas: Canvas, smap: SwimlaneMap, geo: _Geometry, lane, regions, short: dict[str, str]) -> None:
    top = geo.lane_rows[lane.id]
    height = _lane_height(smap, lane)
    nobody = lane.id == NOBODY
    name = visible(lane.name)
    canvas.put(0, top, short.get(name, name), "nobody" if nobody else "lane-name", geo.label)
    canvas.put(0, top + 1, lane.kind, "lane-kind", geo.label)
    for x in range(geo.width):
        canvas.set(x, top + height, "─", "rule")
    for index, column in enumerate(smap.columns):
        x, w = geo.xs[index], geo.widths[index]
        if column.id in lane.tracks:
            _fill(canvas, x, top, w, "━", "track")
            if index + 1 < len(smap.columns) and smap.columns[index + 1].id in lane.tracks:
                canvas.set(x + w, top, "━", "track")
        if nobody and column.gap:
            _fill(canvas, x, top, w, "░", "gap")
            canvas.put(x + max(0, (w - 1) // 2), top, "?", "gap")
            _remember(regions, smap, column.gap, (x, top, w))
        for row, chip in enumerate(lane.chips_at(column.id), start=1):
            glyph, style = chip_look(chip)
            canvas.put(x, top + row, glyph, style)
            label = _chip_text(chip)
            canvas.put(x + 2, top + row, short.get(label, label), style, w - 2)
            for mark in chip.marks:
                _remember(regions, smap, mark, (x, top + row, w))


def _fill(canvas: Canvas, x: int, y: int, width: int, char: str, style: str) -> None:
    for offset in range(width):
        canvas.set(x + offset, y, char, style)


def _remember(regions, smap: SwimlaneMap, mark: Mark, region: Region) -> None:
    index = next(i for i, m in enumerate(smap.marks) if m is mark)
    regions.setdefault(index, []).append(region)


def _draw_link(canvas: Canvas, smap: SwimlaneMap, geo: _Geometry, link: Link, regions) -> None:
    """An elbow from the end of the `from` stage, along its gutter, into the `to` stage."""
    if link.from_lane not in geo.lane_rows or link.to_lane not in geo.lane_rows:
        return
    ids = [column.id for column in smap.columns]
    start, end = ids.index(link.from_stage), ids.index(link.to_stage)
    style = "handoff" if link.declared else "handoff-gap"
    vertical, horizontal, arrow = ("│", "─", "▶") if link.declared else ("┆", "┄", "▷")
    gx, y0, y1 = geo.gutter_after(start), geo.lane_rows[link.from_lane], geo.lane_rows[link.to_lane]
    cells: list[tuple[int, int, str]] = []
    if y1 != y0:
        down = y1 > y0
        corners = {(True, True): "┐└", (True, False): "┘┌", (False, True): "╮╰", (False, False): "╯╭"}
        leave, arrive = corners[(link.declared, down)]
        cells.append((gx, y0, leave))
        step = 1 if down else -1
        for y in range(y0 + step, y1, step):
            cells.append((gx, y, "┿" if canvas.get(gx, y) == "━" else vertical))
        cells.append((gx, y1, arrive))
    else:
        cells.append((gx, y0, horizontal))
    for x in range(gx + 1, geo.xs[end]):
        cells.append((x, y1, horizontal))
    cells.append((geo.xs[end], y1, arrow))
    for x, y, char in cells:
        canvas.set(x, y, char, style)
    if link.mark is not None:
        _remember(regions, smap, link.mark, (gx, y0, 1))
        for x, y, _ in cells[1:]:
            _remember(regions, smap, link.mark, (x, y, 1))


# ------------------------------------------------------------------ legend and bars


def legend_lines(width: int) -> list[tuple[Run, ...]]:
    """The legend, flowed into lines no wider than `width`."""
    return _flowed([], [[(glyph, style), (" " + words, "legend")] for glyph, style, words in LEGEND], width, "   ")


def _flowed(head: list[Run], items: list[list[Run]], width: int, gap: str) -> list[tuple[Run, ...]]:
    """`head`, then `items` separated by `gap`, flowed into lines no wider than `width`."""
    lines: list[tuple[Run, ...]] = []
    line: list[Run] = list(head)
    used = sum(cells(text) for text, _ in line)
    for item in items:
        size = sum(cells(text) for text, _ in item)
        if line and used + len(gap) + size > width:
            lines.append(tuple(line))
            line, used = [], 0
        if line:
            between = " " if len(line) == len(head) and lines == [] and head else gap  # just after the head
            line.append((between, ""))
            used += len(between)
        line.extend(item)
        used += size
    if line:
        lines.append(tuple(line))
    return lines


def fit_lines(analysis: Analysis, width: int) -> list[tuple[Run, ...]]:
    """Each model's fit as a bar, the recommendation marked, then the current setup."""
    know = knowledge()
    setup_label = "Setup health"
    # Two cells after the longest label, so no bar starts right against its label.
    label_width = max(len(label) for label in (*(m.label for m in know.models.values()), setup_label)) + 2
    bar_width = max(10, min(40, width - label_width - 22))
    recommended = analysis.recommendation.model
    lines: list[tuple[Run, ...]] = [(("Fit with your answers, out of 100", "title"),)]
    for model, reference in know.models.items():
        score = analysis.scores.get(model, 0.0)
        filled, empty = bar(score, bar_width)
        best = model == recommended
        note = ("  ★ recommended", "bar-best") if best else ("", "")
        lines.append(((reference.label.ljust(label_width), "bar-best" if best else "bar-label"),
                      (filled, "bar-best" if best else "bar"), (empty, "bar-empty"),
                      (f" {score:3.0f}", "bar-best" if best else "bar-label"), note))
    current = know.models[analysis.current_model].label if analysis.current_model in know.models else "ad hoc"
    # Today's setup is not a model: its health check, on a line of its own, never as a fit.
    health = analysis.health.total
    filled, empty = bar(health, bar_width)
    lines.append(((setup_label.ljust(label_width), "bar-label"), (filled, "bar-setup"), (empty, "bar-empty"),
                  (f" {health:3.0f}", "bar-label"), (f"  looks like {current}", "dim")))
    return lines


def handoff_lines(smap: SwimlaneMap) -> list[tuple[Run, ...]]:
    """Every handoff on the map in words: stages, tools, and its trigger and owner if declared."""
    if not smap.links:
        return []
    labels = {column.id: column.label for column in smap.columns}

    def tool(lane_id: str | None) -> str:
        lane = smap.lane(lane_id) if lane_id else None
        return visible(lane.name) if lane else "?"

    lines: list[tuple[Run, ...]] = [(("Handoffs", "title"),)]
    for link in smap.links:
        head = [("─▶ " if link.declared else "┄▷ ", "handoff" if link.declared else "handoff-gap"),
                (f"{labels[link.from_stage]} → {labels[link.to_stage]}", "bar-label"),
                (f"   {tool(link.from_lane)} → {tool(link.to_lane)}", "legend")]
        if not link.declared:
            head.append(("   nobody declared it", "handoff-gap"))
        if link.trigger:
            head.append((f"   when: {visible(link.trigger)}", "legend"))
        if link.owner:
            head.append((f"   by: {visible(link.owner)}", "legend"))
        lines.append(tuple(head))
    return lines
