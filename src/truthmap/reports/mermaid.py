"""The swimlane map as a Mermaid flowchart, for Markdown readers.

One subgraph per system lane (plus "Nobody" for unowned entities and
untracked stages), stage nodes chained in lifecycle order, handoffs as
edges between lanes, copies as dotted edges, problems styled by class.
Node ids are generated; every label is a quoted string with the characters
Mermaid could read as syntax written as `#code;` entities, so no profile
text can break the diagram.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis import Analysis
from ..swimlane import NOBODY, Chip, SwimlaneMap, layout
from ..swimlane_draw import chip_look
from ..text import visible
from ..vocabulary import SYNC_WORDS
from .common import role_label

if TYPE_CHECKING:
    from ..model import Profile

# Characters that mean something to Mermaid (or to the Markdown fence around it).
_SYNTAX = set('"#&<>;`[]{}()|\\')

_CLASSES = {
    "stage": "fill:#e8eefc,stroke:#4a5f9a,color:#1d2744",
    "owned": "fill:#eef7ee,stroke:#3d7a3d,color:#173517",
    "copy": "fill:#f4f4f4,stroke:#777777,color:#333333,stroke-dasharray:3 3",
    "moved": "fill:#e8f4fb,stroke:#2f6f95,color:#123044",
    "dup": "fill:#fff3cd,stroke:#b58900,color:#4d3a00,stroke-width:2px",
    "conflict": "fill:#f8d7da,stroke:#b02a37,color:#58151c,stroke-width:2px",
    "conversation": "fill:#f8d7da,stroke:#b02a37,color:#58151c,stroke-width:2px",
    "unowned": "fill:#f8d7da,stroke:#b02a37,color:#58151c,stroke-dasharray:4 3",
    "gap": "fill:#fdf0e0,stroke:#c2741f,color:#4d2b05,stroke-dasharray:4 3",
}
_GAP_EDGE = "stroke:#b02a37,stroke-width:2px,stroke-dasharray:5 4"


def quote(text: str) -> str:
    """`text` as a Mermaid quoted label: control characters shown, syntax characters encoded."""
    safe = "".join(f"#{ord(char)};" if char in _SYNTAX else char for char in visible(text))
    return f'"{safe}"'


def mermaid_map(profile: Profile, analysis: Analysis) -> str:
    """The profile's swimlane map, with the analysis' problems marked, as a `flowchart LR`."""
    return mermaid_of(layout(profile, analysis.findings))


def mermaid_of(smap: SwimlaneMap) -> str:
    """A swimlane map already laid out, as a `flowchart LR`."""
    return _Diagram(smap).render()


class _Diagram:
    def __init__(self, smap: SwimlaneMap) -> None:
        self.smap = smap
        self.lines: list[str] = ["flowchart LR"]
        self.edges = 0
        self.gap_edges: list[int] = []
        self.stage_nodes: dict[str, str] = {}  # stage id -> node id
        self.chip_nodes: dict[tuple[str, str, str], str] = {}  # (lane, entity, role) -> node id
        self.classes: dict[str, list[str]] = {}

    def render(self) -> str:
        for name, style in _CLASSES.items():
            self.lines.append(f"  classDef {name} {style}")
        for number, lane in enumerate(self.smap.lanes, start=1):
            self._lane(number, lane)
        self._stage_chain()
        self._links()
        self._copies()
        self._conflicts()
        for name, nodes in self.classes.items():
            self.lines.append(f"  class {','.join(nodes)} {name}")
        if self.gap_edges:
            self.lines.append(f"  linkStyle {','.join(map(str, self.gap_edges))} {_GAP_EDGE}")
        return "\n".join(self.lines) + "\n"

    # ------------------------------------------------------------ nodes

    def _lane(self, number: int, lane) -> None:
        title = lane.name if lane.id == NOBODY else f"{lane.name} · {role_label(lane.kind)}"
        self.lines.append(f"  subgraph lane{number}[{quote(title)}]")
        self.lines.append("    direction LR")
        for column in self.smap.columns:
            if column.id in lane.tracks:
                node = self.stage_nodes[column.id] = f"s{len(self.stage_nodes) + 1}"
                self.lines.append(f"    {node}[{quote(column.label)}]")
                self.classes.setdefault("stage", []).append(node)
            elif lane.id == NOBODY and column.gap:
                node = self.stage_nodes[column.id] = f"s{len(self.stage_nodes) + 1}"
                self.lines.append(f"    {node}[{quote(column.label + ': no tool tracks it')}]")
                self.classes.setdefault("gap", []).append(node)
        for chip in lane.chips:
            self._chip(chip)
        self.lines.append("  end")

    def _chip(self, chip: Chip) -> None:
        node = f"e{len(self.chip_nodes) + 1}"
        self.chip_nodes[(chip.lane, chip.entity, chip.role)] = node
        glyph, style = chip_look(chip)
        words = {"copy": f" · copy, {SYNC_WORDS.get(chip.sync, chip.sync)}", "unowned": " · no owner"}.get(chip.role, "")
        self.lines.append(f"    {node}([{quote(f'{glyph} {chip.label}{words}')}])")
        self.classes.setdefault(style, []).append(node)
        home = self.stage_nodes.get(chip.stage)
        if home and chip.stage in self._tracks(chip.lane):
            self.lines.append(f"    {home} ~~~ {node}")
            self.edges += 1

    def _tracks(self, lane_id: str) -> tuple[str, ...]:
        lane = self.smap.lane(lane_id)
        return lane.tracks if lane else ()

    # ------------------------------------------------------------ edges

    def _edge(self, text: str, gap: bool = False) -> None:
        self.lines.append(f"  {text}")
        if gap:
            self.gap_edges.append(self.edges)
        self.edges += 1

    def _stage_chain(self) -> None:
        """Consecutive tracked stages in one lane follow each other; gaps hang off the stage before."""
        tracked = [c for c in self.smap.columns if c.tracked_by]
        for before, after in zip(tracked, tracked[1:]):
            if before.tracked_by == after.tracked_by:
                self._edge(f"{self.stage_nodes[before.id]} --> {self.stage_nodes[after.id]}")
        previous = None
        for column in self.smap.columns:
            if column.tracked_by:
                previous = column.id
            elif column.gap and previous:
                self._edge(f"{self.stage_nodes[previous]} ~~~ {self.stage_nodes[column.id]}")

    def _links(self) -> None:
        for link in self.smap.links:
            start, end = self.stage_nodes.get(link.from_stage), self.stage_nodes.get(link.to_stage)
            if not start or not end:
                continue
            if link.declared:
                label = f"|{quote(link.trigger)}|" if link.trigger else ""
                self._edge(f"{start} ==>{label} {end}")
            else:
                self._edge(f"{start} -.->|{quote('no handoff declared')}| {end}", gap=True)

    def _copies(self) -> None:
        for lane in self.smap.lanes:
            for chip in lane.chips:
                if chip.role != "copy":
                    continue
                key = (chip.source, chip.entity, "owner") if chip.source else (NOBODY, chip.entity, "unowned")
                source = self.chip_nodes.get(key)
                if source:
                    target = self.chip_nodes[(chip.lane, chip.entity, "copy")]
                    self._edge(f"{source} -.->|{quote(chip.sync or '')}| {target}", gap="duplication" in chip.kinds)

    def _conflicts(self) -> None:
        for mark in self.smap.marks:
            if mark.kind != "conflicting-owners":
                continue
            nodes = [self.chip_nodes.get((system, mark.entity, "owner")) for system in mark.finding.systems]
            nodes = [node for node in nodes if node]
            for first, second in zip(nodes, nodes[1:]):
                self._edge(f"{first} x--x|{quote('both claim to own it')}| {second}", gap=True)
