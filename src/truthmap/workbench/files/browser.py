"""The profile browser: every profile in a folder, with what each one says.

Files are listed at once and then loaded and analysed one by one in a
thread worker, so a big folder never freezes the screen.  An invalid file
stays in the list with its first problem instead of stopping the browser.
The browser only reports what the person chose (open, new, compare); the
caller decides what happens, through the callbacks it was given.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from ...analysis import SEVERITIES, analyze
from ...cells import cells, fit, share
from ...document import same_path
from ...reports.common import model_label
from ...storage import ProfileError, load_profile
from ...text import visible
from ..keys import bind
from ..dialogs.questions import clipped, literal
from .file_screen import FileScreen
from ..widgets.footer import Footer
from ..widgets.row_table import RowTable
from ..tcss import beside

if TYPE_CHECKING:
    from ...model import Profile

# (key, header, width): fixed widths keep the table steady while rows load.  The name and
# the file share what the others leave (`column_widths`); below NARROW columns "Today" goes.
COLUMNS = (
    ("mark", " ", 1),
    ("name", "Name", None),
    ("recommends", "Recommends", 10),
    ("current", "Today", 9),
    ("findings", "Findings", 19),
    ("file", "File", None),
)
NARROW = 100
LEAST_NAME, LEAST_FILE = 16, 14  # readable at 80 columns
UNKNOWN_NAME = 1000  # a name is known once its file is read: until then it wants all the room
CELL_PADDING = 2  # a DataTable cell's one blank either side
SCROLLBAR = 2
MARK = "✓"


def shown_columns(width: int) -> tuple[tuple[str, str, int | None], ...]:
    """The columns a table `width` cells wide shows ("Today" only when there is room)."""
    return tuple(column for column in COLUMNS if width >= NARROW or column[0] != "current")


def column_widths(width: int, files: list[Path]) -> dict[str, int]:
    """Every shown column's width: the name and the file share what the fixed columns leave."""
    columns = shown_columns(width)
    fixed = {key: size for key, _, size in columns if size is not None}
    room = width - sum(fixed.values()) - CELL_PADDING * len(columns) - SCROLLBAR
    file_need = max((cells(visible(path.name)) for path in files), default=len("File"))
    name, file = share(room, [UNKNOWN_NAME, max(file_need, len("File"))], [LEAST_NAME, LEAST_FILE])
    return {**fixed, "name": name, "file": file}


@dataclass(frozen=True)
class ProfileSummary:
    path: Path
    profile: Profile | None = None
    recommendation: str = ""
    current: str = ""
    severities: dict[str, int] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return self.profile is not None


def summarize(path: Path) -> ProfileSummary:
    """Load and analyse one file; an invalid file becomes a summary with its problems."""
    try:
        profile = load_profile(path).profile
    except ProfileError as error:
        return ProfileSummary(path, problems=tuple(map(str, error.problems)))
    analysis = analyze(profile, with_flip=False, with_comparison=False)
    counts = Counter(finding.severity for finding in analysis.findings)
    return ProfileSummary(
        path,
        profile,
        recommendation=model_label(analysis.recommendation.model),
        current=model_label(analysis.current_model),
        severities={severity: counts[severity] for severity in SEVERITIES},
    )


def profile_files(folder: Path) -> list[Path]:
    """The `.toml` files in `folder` ([] if it does not exist); OSError if it cannot be read."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    files = []
    for entry in entries:
        if not entry.name.endswith(".toml"):
            continue
        try:
            if entry.is_file():
                files.append(folder / entry.name)
        except OSError:
            files.append(folder / entry.name)  # listed, so its row can say what is wrong with it
    return sorted(files, key=lambda p: p.name.casefold())


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return True  # there, but not ours to look into


SHORT_SEVERITY = {"high": "high", "medium": "med", "low": "low"}


def findings_text(severities: dict[str, int]) -> str:
    """`2 high 1 low`: the non-zero counts, worst first."""
    parts = [f"{count} {SHORT_SEVERITY.get(severity, severity)}" for severity, count in severities.items() if count]
    return " ".join(parts) or "none"


class BrowserScreen(FileScreen):
    """Lists the profiles of one folder; open one, or mark several and compare."""

    TITLE = "Profiles"
    CSS_PATH = beside(__file__, "browser.tcss")
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("enter", "open", "Open", show=True),
        Binding("space", "mark", "Mark"),
        Binding("c", "compare", "Compare marked"),
        Binding("n", "new", "New"),
        bind("reload", "Reload"),
    ]

    def __init__(
        self,
        folder: Path,
        *,
        on_open: Callable[[Path], None],
        on_compare: Callable[[list[Path]], None],
        on_new: Callable[[], None] | None = None,
        open_path: Path | None = None,
        picking: bool = False,
    ) -> None:
        super().__init__()
        self.folder = folder
        self._on_open = on_open
        self._on_compare = on_compare
        self._on_new = on_new
        self._open_path = open_path
        self.picking = picking  # choosing profiles to compare with the open one
        self.summaries: dict[str, ProfileSummary] = {}
        self.marked: list[str] = []
        self.problem: str | None = None  # why the folder could not be listed
        self.files: list[Path] = []
        self.widths: dict[str, int] = {}  # each shown column's width, for the screen's width

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="browser-title")
        table: DataTable = RowTable(id="browser-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="browser-detail")
        yield Footer()

    def on_mount(self) -> None:
        if self.picking:
            self.title = "Compare with the open profile"
        self.sub_title = visible(str(self.folder))
        self.reload()

    def on_resize(self) -> None:
        if column_widths(self.size.width, self.files) != self.widths:
            self._build_table()

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        self.summaries.clear()
        self.marked.clear()
        try:
            files = profile_files(self.folder)
            self.problem = None
        except OSError as error:
            files = []
            self.problem = f"Cannot list {self.folder}: {error.strerror or error}"
            self.notify(self.problem, severity="error", timeout=10, markup=False)
        self.files = files
        self._build_table()
        self._show_title(len(files))
        self._show_detail()
        self.query_one(DataTable).focus()
        if files:
            self._load(files)

    def _build_table(self) -> None:
        """The columns for the screen's width, and a row for every file (as far as it is loaded)."""
        table = self.query_one(DataTable)
        highlighted = self.highlighted()
        self.widths = column_widths(self.size.width, self.files)
        table.clear(columns=True)
        for key, label, _ in shown_columns(self.size.width):
            table.add_column(Text(label), key=key, width=self.widths[key])  # Text: never read as markup
        for path in self.files:
            summary = self.summaries.get(str(path))
            table.add_row(*self._cells(summary or ProfileSummary(path), loading=summary is None), key=str(path))
        if highlighted is not None and str(highlighted.path) in table.rows:
            table.move_cursor(row=table.get_row_index(str(highlighted.path)))

    @work(thread=True, exclusive=True, group="browser")
    def _load(self, files: list[Path]) -> None:
        for path in files:
            summary = summarize(path)
            self.app.call_from_thread(self._loaded, summary)

    def _loaded(self, summary: ProfileSummary) -> None:
        key = str(summary.path)
        self.summaries[key] = summary
        table = self.query_one(DataTable)
        if key not in table.rows:
            return
        for column, cell in self._row(summary).items():
            if column in self.widths:
                table.update_cell(key, column, cell)
        self._show_detail()

    def _cells(self, summary: ProfileSummary, loading: bool = False) -> list[Text]:
        """The row of `summary`, a cell for each column shown."""
        row = self._row(summary, loading)
        return [row[key] for key, _, _ in shown_columns(self.size.width)]

    def _row(self, summary: ProfileSummary, loading: bool = False) -> dict[str, Text]:
        """Every column's cell for `summary`, cut to its column's width."""
        path = summary.path
        is_open = self._open_path is not None and same_path(path, self._open_path)
        mark = Text(MARK if str(path) in self.marked else ("●" if is_open else " "), style="bold")
        name_width, findings_width = self.widths.get("name", LEAST_NAME), self.widths.get("findings", 19)
        # Cut in the middle: the end of a file name (-target.toml) is what tells two apart.
        file = Text(fit(visible(path.name), self.widths.get("file", LEAST_FILE), middle=True), style="dim")
        if loading:
            cells = [mark, Text(clipped(path.stem, name_width)), Text("…"), Text("…"), Text("…"), file]
        elif not summary.valid:
            cells = [mark, Text(clipped(f"invalid: {path.name}", name_width), style="bold red"), Text("—"),
                     Text("—"), Text(clipped(summary.problems[0], findings_width), style="red"), file]
        else:
            name = clipped(summary.profile.name, name_width)
            high = summary.severities.get("high", 0)
            cells = [mark, Text(name, style="bold" if is_open else ""), Text(summary.recommendation),
                     Text(summary.current), Text(findings_text(summary.severities), style="red" if high else ""), file]
        return {key: cell for (key, _, _), cell in zip(COLUMNS, cells)}

    # ------------------------------------------------------------ showing

    def _show_title(self, count: int) -> None:
        if self.picking:
            lead = "Mark profiles to compare with the open one (space), then press c."
        else:
            lead = "enter opens · space marks · c compares the marked · n new profile"
        where = f"{count} profile{'s' if count != 1 else ''} in {self.folder}"
        if self.problem:
            where = self.problem
        elif not _exists(self.folder):
            where = f"{self.folder} does not exist yet: save a profile to create it"
        self.query_one("#browser-title", Static).update(literal(f"{where}\n{lead}"))

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # the table takes enter itself; selecting a row means open it
        self.action_open()

    def _show_detail(self) -> None:
        summary = self.highlighted()
        detail = self.query_one("#browser-detail", Static)
        if summary is None:
            detail.update(literal("No profile files here yet." if not self.query_one(DataTable).row_count else ""))
            return
        if str(summary.path) not in self.summaries:
            detail.update(literal(f"{summary.path}\nloading…"))
        elif not summary.valid:
            detail.update(literal("\n".join([f"{summary.path} cannot be opened:", *summary.problems[:4]])))
        else:
            notes = summary.profile.notes or ""
            today = "" if "current" in self.widths else f"Today: {summary.current}. "  # its column is left out
            detail.update(literal(f"{summary.path}\n{today}{notes}".rstrip()))

    def highlighted(self) -> ProfileSummary | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.summaries.get(key) or ProfileSummary(Path(key))

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new" and (self.picking or self._on_new is None):
            return None  # hidden: picking profiles to compare is not the place to start one
        return True

    def action_close(self) -> None:
        self.dismiss()

    def action_reload(self) -> None:
        self.reload()

    def action_open(self) -> None:
        summary = self.highlighted()
        if summary is None:
            return
        if self.picking:
            self.action_compare()
            return
        self._on_open(summary.path)  # a file with problems opens read-only, showing them by line

    def action_mark(self) -> None:
        summary = self.highlighted()
        if summary is None:
            return
        key = str(summary.path)
        if key in self.summaries and not summary.valid:
            self.notify(f"{visible(summary.path.name)} is invalid, so it cannot be compared.", severity="warning",
                        markup=False)
            return
        if key in self.marked:
            self.marked.remove(key)
        else:
            self.marked.append(key)
        table = self.query_one(DataTable)
        table.update_cell(key, "mark", Text(MARK if key in self.marked else " ", style="bold"))
        table.action_cursor_down()

    def action_compare(self) -> None:
        chosen = list(self.marked)
        if self.picking and not chosen and (summary := self.highlighted()) is not None:
            chosen = [str(summary.path)]
        needed = 1 if self.picking else 2
        if len(chosen) < needed:
            self.notify(
                "Mark at least one profile with space first." if self.picking
                else "Mark two or more profiles with space, then press c.",
                severity="warning",
            )
            return
        self._on_compare([Path(key) for key in chosen])

    def action_new(self) -> None:
        if self._on_new is not None:
            self._on_new()
