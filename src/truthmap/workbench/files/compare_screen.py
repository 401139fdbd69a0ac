"""Compare screen: saved profiles side by side, with what differs marked.

The rows come from :func:`truthmap.comparing.compare_profiles`; this screen
only draws them.  A row whose values are not all equal gets a `≠` marker,
and each value that differs from the first profile is drawn in the warning
colour, so the difference is visible with and without colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from ...analysis import analyze
from ...cells import fit, share
from ...comparing import Comparison, Row, compare_profiles
from ...storage import ProfileError, load_profile
from ...text import visible
from ..dialogs.questions import clipped, literal
from .file_screen import FileScreen
from ..widgets.footer import Footer
from ..widgets.row_table import RowTable
from ..tcss import beside

if TYPE_CHECKING:
    from ...model import Profile

DIFFERS = "≠"
MIN_CELL_WIDTH = 12  # a value column never gets narrower (many profiles scroll sideways instead)
LEAST_LABEL_WIDTH = 32  # row labels are cut last: a row nobody can name is no use...
ROOMY_CELL_WIDTH = 24  # ...and whole while every value column still gets this much


@dataclass(frozen=True)
class CompareSource:
    """One column: a saved file, or a profile already in memory (the open one)."""

    label: str
    path: Path | None = None
    profile: Profile | None = None


def sources_for(paths: list[Path]) -> list[CompareSource]:
    """File sources labelled by file name, with the folder added where names clash."""
    names = [p.name for p in paths]
    return [
        CompareSource(f"{p.parent.name}/{p.name}" if names.count(p.name) > 1 else p.name, path=p)
        for p in paths
    ]


class CompareScreen(FileScreen):
    """Two or more profiles, row by row; `d` hides the rows that agree."""

    CSS_PATH = beside(__file__, "compare_screen.tcss")
    TITLE = "Compare profiles"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        # One key, two meanings: the footer names what `d` will do now (check_action shows one).
        Binding("d", "only_differences(True)", "Only differences"),
        Binding("d", "only_differences(False)", "Every row"),
    ]

    def __init__(self, sources: list[CompareSource], *, exit_on_close: bool = False) -> None:
        super().__init__()
        self.sources = sources
        self.exit_on_close = exit_on_close  # `truthmap compare --tui`: closing ends the app
        self.comparison: Comparison | None = None
        self.problems: list[str] = []
        self.only_differences = False

    def compose(self) -> ComposeResult:
        yield Header()
        # Two lines from the start, as many as the summary has: the table does not jump when it lands.
        yield Static(literal(f"Loading {len(self.sources)} profiles…\n"), id="compare-summary")
        yield RowTable(id="compare-table", cursor_type="row", header_height=2, fixed_columns=2)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._load()

    @work(thread=True, exclusive=True, group="compare")
    def _load(self) -> None:
        items, problems = [], []
        for source in self.sources:
            profile = source.profile
            if profile is None and source.path is not None:
                try:
                    profile = load_profile(source.path).profile
                except ProfileError as error:
                    problems.extend(error.lines())
                    continue
            if profile is not None:
                # With what would change each recommendation (a search over the answers alone, a few
                # ms a profile, in this worker): the table says how firm each call is beside its margin.
                items.append((source.label, profile, analyze(profile, with_comparison=False)))
        comparison = compare_profiles(items) if items else None
        self.app.call_from_thread(self._loaded, comparison, problems)

    def _loaded(self, comparison: Comparison | None, problems: list[str]) -> None:
        self.comparison = comparison
        self.problems = problems
        if comparison is not None:
            labels = " · ".join(column.label for column in comparison.columns)
            self.sub_title = visible(labels if len(labels) <= 60 else f"{len(comparison.columns)} profiles")
        self._show_summary()
        self._fill_table()

    # ------------------------------------------------------------ drawing

    def _show_summary(self) -> None:
        lines = list(self.problems)
        comparison = self.comparison
        if comparison is None or len(comparison.columns) < 2:
            lines.append("Two or more readable profiles are needed to compare.")
        else:
            total = sum(len(section.rows) for section in comparison.sections)
            lines.append(f"{len(comparison.columns)} profiles side by side: "
                         f"{comparison.differing} of {total} rows differ ({DIFFERS}).")
            toggle = "d shows every row" if self.only_differences else "d shows only the differences"
            lines.append(f"Coloured values differ from the first profile · {toggle}")
        summary = self.query_one("#compare-summary", Static)
        summary.update(literal("\n".join(lines)))
        summary.set_class(bool(self.problems), "-problems")

    def on_resize(self) -> None:
        if self.comparison is not None:
            self._fill_table()

    def _widths(self, comparison: Comparison) -> tuple[int, list[int]]:
        """(label width, each profile's column width): they share the screen, each as wide as
        it needs when that fits; the widest are cut first, the row labels last."""
        labels = [row.label for section in comparison.sections for row in section.rows]
        labels += [section.title for section in comparison.sections]
        label_need = max(cell_len(visible(label)) for label in labels)
        needs = [max(cell_len(visible(text)) for text in [column.label, column.name, *self._values(comparison, index)])
                 for index, column in enumerate(comparison.columns)]
        count = len(comparison.columns)
        room = self.size.width - 1 - 2 * (count + 2) - 2  # the marker column, every cell's padding, the scrollbar
        least_label = max(LEAST_LABEL_WIDTH, room - ROOMY_CELL_WIDTH * count)
        label_width, *widths = share(room, [label_need, *needs], [least_label, *[MIN_CELL_WIDTH] * count])
        return label_width, widths

    @staticmethod
    def _values(comparison: Comparison, index: int) -> list[str]:
        return [row.cells[index] for section in comparison.sections for row in section.rows]

    def _fill_table(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        comparison = self.comparison
        if comparison is None:
            return
        label_width, widths = self._widths(comparison)
        table.add_column(Text(" \n "), key="differs", width=1)
        table.add_column(Text("\n"), key="label", width=label_width)
        for index, (column, width) in enumerate(zip(comparison.columns, widths)):
            # A file's label is cut in the middle: its end tells two apart.
            header = [fit(visible(column.label), width, middle=True), clipped(column.name, width)]
            # Set, not measured: the table would size a column by its first header line only.
            table.add_column(Text("\n".join(header), style="bold"), key=f"p{index}", width=width)
        colour = self._differs_colour()
        for section in comparison.sections:
            rows = [row for row in section.rows if row.differs or not self.only_differences]
            if not rows:
                continue
            count = f"{section.differing} of {len(section.rows)} differ" if section.differing else "all the same"
            table.add_row(Text(""), Text(clipped(section.title, label_width), style="bold underline"),
                          Text(count, style="italic"), *[Text("")] * (len(comparison.columns) - 1),
                          key=f"section.{section.id}")
            for row in rows:
                table.add_row(*self._cells(row, colour, label_width, widths), key=f"{section.id}.{row.key}")

    def _cells(self, row: Row, colour: str, label_width: int, widths: list[int]) -> list[Text]:
        marker = Text(DIFFERS if row.differs else " ", style=f"bold {colour}")
        cells = [marker, Text(clipped(row.label, label_width), style="bold" if row.differs else "")]
        first = row.values[0]
        for value, shown, width in zip(row.values, row.cells, widths):
            style = f"bold {colour}" if row.differs and value != first else ("bold" if row.differs else "")
            cells.append(Text(clipped(shown, width), style=style))
        return cells

    def _differs_colour(self) -> str:
        try:
            return self.app.current_theme.warning or "yellow"
        except Exception:  # a theme without a warning colour still draws the markers
            return "yellow"

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "only_differences":
            return parameters[0] != self.only_differences
        return True

    def action_toggle_differences(self) -> None:
        self.action_only_differences(not self.only_differences)

    def action_only_differences(self, only: bool) -> None:
        self.only_differences = only
        self._show_summary()
        self._fill_table()
        self.refresh_bindings()

    async def action_close(self) -> None:
        if self.exit_on_close:
            await self.app.run_action("quit")
        else:
            self.dismiss()
