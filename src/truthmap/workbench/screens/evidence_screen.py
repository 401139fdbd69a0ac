"""The evidence screen (F9, "Check against exports…"): the tools' own client lists
checked against the map.

Pick an export for each system of the profile (a file of the profiles
folder's `exports/` is proposed), name the columns when no preset knows the
file's headers, run the check (reading and matching in a thread, with a
progress bar), then browse the pairs by band: the same client, pairs to
review, clients only in one tool.  Enter on a pair shows both rows whole,
side by side.

Client names and addresses are the person's data.  They are shown here only,
literally (Content and Text, control characters as visible stand-ins), and
go nowhere else: the findings this screen hands up to the app (for the
findings pane) hold counts and tool names, and "Keep the counts" asks the
app for an edit that stores per export its file name, digest, rows and
counts (`editing.keep_evidence`), never a row.  The app keeps the picks and
the last run (`EvidenceState`) while the profile stays open, so F9 shows
them again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, ProgressBar, Static
from textual.worker import get_current_worker

from ...analysis.types import Finding
from ...editing import keep_evidence
from ...evidence.check import Pick, check, export_files, proposed_export, read_pick
from ...evidence.entry import evidence_entries
from ...evidence.findings import EvidenceResult
from ...evidence.matching import REVIEW, SAME
from ...evidence.reading import Client, ColumnsUnknown, EvidenceError, Export, row_cells
from ...evidence.report import columns_words, match_words, thresholds_line
from ...text import visible
from ..dialogs.questions import PathInputScreen, clipped, literal
from ..edits import EditAsked
from ..keys import key_for
from ..severity import SEVERITY_MARK
from ..tcss import beside
from ..widgets.footer import Footer
from ..widgets.row_table import RowTable
from ..widgets.tab_strip import TabStrip
from .profile_screen import ProfileScreen

ONLY = "only"
BANDS = (SAME, REVIEW, ONLY)
BAND_WORDS = {SAME: "Same client", REVIEW: "To review", ONLY: "Only in one tool"}
NAME_CELLS = 29  # a client's name cut to this in the pairs table
LISTED = 1000  # rows of one band put in the table; the command line's JSON lists them all
FINDINGS_SHOWN = 4
WHERE_CELLS = 18  # "HubSpot, row 12,345"


@dataclass
class EvidenceState:
    """What the screen has picked and found, kept by the app while the profile is open."""

    picks: dict[str, Pick] = field(default_factory=dict)  # system id -> its export
    exports: dict[str, Export] = field(default_factory=dict)  # system id -> the pick as read
    problems: dict[str, str] = field(default_factory=dict)  # system id -> why its pick cannot be read
    headers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # system id -> columns no preset knows
    result: EvidenceResult | None = None
    band: str = SAME


class _Stopped(Exception):
    """The screen closed while its check ran: the thread stops at the next progress report."""


class EvidenceScreen(ProfileScreen):
    """Check the map against the client lists the tools export."""

    CSS_PATH = beside(__file__, "evidence_screen.tcss")
    HELP_TITLE = f"Evidence screen ({key_for('check_exports')})"

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("p", "pick", "Pick file", tooltip="Choose the export of the highlighted system"),
        Binding("m", "map_columns", "Columns", tooltip="Say which column of the export holds what"),
        Binding("r", "run", "Run check", tooltip="Read and match the picked exports"),
        Binding("k", "keep", "Keep counts", tooltip="Keep the counts in the profile, never a client's name"),
        Binding("left_square_bracket", "band(-1)", "Band", key_display="[ ]"),
        Binding("right_square_bracket", "band(1)", "Next band", show=False),
    ]

    class Checked(Message):
        """A check ran: its findings (counts and tool names, no client data) for the findings pane."""

        def __init__(self, findings: tuple[Finding, ...]) -> None:
            super().__init__()
            self.findings = findings

    class KeepAsked(EditAsked):
        """Keep the counts of the last check in the profile (an edit, undoable)."""

    def __init__(self, state: EvidenceState, folder: Path, *, only_inside: bool = False) -> None:
        """`folder`: the exports folder proposed; `only_inside`: a shared browser session
        (`serve --public`) reads exports from that folder alone."""
        super().__init__()
        self.state = state
        self.folder = folder
        self.only_inside = only_inside
        self.running = False
        self._keeping = False
        self._shown: list[tuple[Client, ...]] = []  # the pairs table's rows, in order

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content.assemble(
            ("Check the map against the tools' own client lists. ", "bold"),
            "Pick an export for each system (enter or p), then r runs the check. Client names stay on this "
            "screen; k keeps only counts in the profile."), id="evidence-intro")
        yield RowTable(id="evidence-files", cursor_type="row")
        yield ProgressBar(id="evidence-progress", show_eta=False)
        yield Static("", id="evidence-stage")
        with VerticalScroll(id="evidence-summary-box", can_focus=False):
            yield Static("", id="evidence-summary")
            yield Static("", id="evidence-thresholds")
        yield TabStrip({band: BAND_WORDS[band] for band in BANDS}, self.state.band, id="evidence-bands")
        yield RowTable(id="evidence-pairs", cursor_type="row", zebra_stripes=True)
        yield Static("", id="evidence-more")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = visible(f"client lists of {self.profile.name}") if self.profile else ""
        files = self.query_one("#evidence-files", DataTable)
        for key, label, width in (("system", "System", 18), ("file", "File", 30), ("rows", "Rows", 7),
                                  ("columns", "Columns read", 44), ("kept", "Kept", 5)):
            files.add_column(Text(label), key=key, width=width)
        self.query_one(ProgressBar).display = False
        self._stage("")
        self._show_files()
        self._show_result()
        files.focus()

    def watch_profile(self) -> None:
        if self.is_mounted:
            self._show_files()
            self._told_kept()

    # ------------------------------------------------------------ the files

    def systems(self) -> list[tuple[str, str]]:
        """(id, name) of the profile's systems, in its order."""
        return [(system.id, system.name) for system in (self.profile.systems if self.profile else [])]

    def _show_files(self) -> None:
        table = self.query_one("#evidence-files", DataTable)
        row = table.cursor_row
        table.clear()
        for system_id, name in self.systems():
            table.add_row(*self._file_cells(system_id, name), key=system_id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _file_cells(self, system_id: str, name: str) -> list[Text]:
        state = self.state
        pick = state.picks.get(system_id)
        export = state.exports.get(system_id)
        problem = state.problems.get(system_id)
        system = Text(clipped(name, 18), style="bold")
        if pick is None:
            return [system, Text("— enter picks one", style="dim"), Text(""), Text(""), Text("")]
        file = Text(clipped(pick.path.name, 30))
        if problem is not None:
            return [system, file, Text(""), Text(clipped(problem, 44), style="red"), Text("")]
        if export is None:
            return [system, file, Text("…"), Text("reading…", style="dim"), Text("")]
        kept = self._kept(export)
        return [system, file, Text(f"{export.rows:,}"), Text(clipped(columns_words(export), 44)),
                Text("✓" if kept else "", style="bold green")]

    def _kept(self, export: Export) -> bool:
        """The profile holds this export's counts (same system, file name and digest)."""
        name = Path(export.file).name
        return self.profile is not None and any(
            entry.system == export.system and entry.file == name and entry.sha256 == export.sha256
            for entry in self.profile.evidence)

    def highlighted_system(self) -> str | None:
        table = self.query_one("#evidence-files", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowSelected, "#evidence-files")
    def _file_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_pick()

    def action_pick(self) -> None:
        system_id = self.highlighted_system()
        if system_id is None:
            self.notify(f"The profile has no systems yet: add your tools first ({key_for('boundaries')}).",
                        markup=False)
            return
        name = dict(self.systems())[system_id]
        pick = self.state.picks.get(system_id)
        taken = [p.path for s, p in self.state.picks.items() if s != system_id]
        default = pick.path if pick else proposed_export(self.folder, system_id, name, taken)
        found = [path.name for path in export_files(self.folder)]
        listed = ", ".join(found[:6]) + (f" and {len(found) - 6} more" if len(found) > 6 else "")
        message = (f"The client list exported from {name}: a CSV, or a Trello board's JSON. "
                   + (f"In {self.folder}: {listed}." if found else f"Put exports in {self.folder} to find them here."))
        self.app.push_screen(
            PathInputScreen(f"Export of {name}", message, default, base=self.folder, suffix=None,
                            check=self._refusal, action_label="Pick"),
            partial(self._picked, system_id))

    def _refusal(self, path: Path) -> str | None:
        from ..files.common import inside

        if self.only_inside and not (inside(path, self.folder) or inside(path, self.folder.parent)):
            return f"This shared session reads exports from {self.folder} only: type a file name alone."
        try:
            if not path.is_file():
                return f"There is no file {path}." if not path.exists() else f"{path} is not a file."
        except OSError as error:
            return f"{path}: {error.strerror or error}"
        return None

    def _picked(self, system_id: str, path: Path | None) -> None:
        if path is None:
            return
        old = self.state.picks.get(system_id)
        columns = old.columns if old is not None and old.path == path else {}
        self._read(Pick(system_id, path, columns))

    def _read(self, pick: Pick) -> None:
        """Take `pick` for its system and read it (in a thread) to show its rows and columns."""
        state = self.state
        state.picks[pick.system] = pick
        state.exports.pop(pick.system, None)
        state.problems.pop(pick.system, None)
        state.headers.pop(pick.system, None)
        self._show_files()
        self._read_pick(pick)

    @work(thread=True, group="evidence-read", description="reading an export")
    def _read_pick(self, pick: Pick) -> None:
        profile = self.profile
        try:
            export = read_pick(profile, 0, pick)
        except ColumnsUnknown as unknown:
            self.app.call_from_thread(self._read_failed, pick, str(unknown), unknown.header)
            return
        except EvidenceError as error:
            self.app.call_from_thread(self._read_failed, pick, str(error), None)
            return
        except Exception as error:  # noqa: BLE001 - a file no rule foresaw: said in its row, never a crash
            self.app.call_from_thread(self._read_failed, pick, _unforeseen(error), None)
            return
        self.app.call_from_thread(self._read_done, pick, export)

    def _read_done(self, pick: Pick, export: Export) -> None:
        if self.state.picks.get(pick.system) == pick:  # not picked again meanwhile
            self.state.exports[pick.system] = export
            if self.is_attached:
                self._show_files()

    def _read_failed(self, pick: Pick, problem: str, header: tuple[str, ...] | None) -> None:
        if self.state.picks.get(pick.system) != pick:
            return
        self.state.problems[pick.system] = _unfiled(problem, pick.path)
        if header is not None:
            self.state.headers[pick.system] = header
        if not self.is_attached:
            return
        self._show_files()
        if header is not None:  # no preset knows the headers: the person says which is which
            self._ask_columns(pick, header, unknown=True)

    def action_map_columns(self) -> None:
        system_id = self.highlighted_system()
        pick = self.state.picks.get(system_id) if system_id else None
        if pick is None:
            self.notify("Pick the system's export first (enter).", markup=False)
            return
        export = self.state.exports.get(system_id)
        if export is not None and not export.header:
            self.notify("A Trello board's cards have names: there are no columns to choose.", markup=False)
        elif export is not None:
            self._ask_columns(pick, export.header, unknown=False)
        elif system_id in self.state.headers:
            self._ask_columns(pick, self.state.headers[system_id], unknown=True)
        elif system_id in self.state.problems:
            self.notify("This file cannot be read (see its row): pick another one.", markup=False)
        else:
            self.notify("The file is still being read.", markup=False)

    def _ask_columns(self, pick: Pick, header: tuple[str, ...], unknown: bool) -> None:
        from ..dialogs.exports import ColumnsScreen

        def chosen(columns: dict[str, str] | None) -> None:
            if columns is not None:
                self._read(Pick(pick.system, pick.path, columns))

        chosen_now = pick.columns or (self.state.exports[pick.system].columns
                                      if pick.system in self.state.exports else {})
        self.app.push_screen(ColumnsScreen(str(pick.path), header, chosen_now, unknown=unknown), chosen)

    # ------------------------------------------------------------ the check

    def action_run(self) -> None:
        if self.running:
            self.notify("The check is running.", markup=False)
            return
        picks = [self.state.picks[system_id] for system_id, _ in self.systems() if system_id in self.state.picks]
        if not picks:
            self.notify("Pick at least one export first (enter on a system).", severity="warning", markup=False)
            return
        self.running = True
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self._stage("Reading the exports…")
        self._check(picks)

    @work(thread=True, exclusive=True, group="evidence-check", description="checking the exports")
    def _check(self, picks: list[Pick]) -> None:
        worker = get_current_worker()
        profile = self.profile
        call = self.app.call_from_thread

        def progress(stage: str, done: int, total: int) -> None:
            if worker.is_cancelled:
                raise _Stopped
            call(self.show_progress, stage, done, total, picks)

        try:
            result = check(profile, picks, progress=progress)
        except _Stopped:
            return
        except EvidenceError as error:
            call(self._check_failed, str(error))
            return
        except Exception as error:  # noqa: BLE001 - the profile's unsaved work must outlive any surprise
            call(self._check_failed, _unforeseen(error))
            return
        if not worker.is_cancelled:
            call(self._checked, picks, result)

    def show_progress(self, stage: str, done: int, total: int, picks: list[Pick]) -> None:
        """What the check is doing, from its thread: the file being read, then the bar of the matching."""
        if not self.is_attached:
            return
        bar = self.query_one(ProgressBar)
        if stage == "reading":
            self._stage(f"Reading {visible(picks[done].path.name)} ({done + 1} of {total})…")
            bar.update(total=None)
        else:
            self._stage(f"Matching: {done:,} of {total:,} names compared")
            bar.update(total=total, progress=done)

    def _stage(self, words: str) -> None:
        stage = self.query_one("#evidence-stage", Static)
        stage.update(Content(words))
        stage.display = bool(words)

    def _check_failed(self, problem: str) -> None:
        self.running = False
        if self.is_attached:
            self.query_one(ProgressBar).display = False
            self._stage("")
        self.notify(visible(problem), title="The check stopped", severity="error", timeout=10, markup=False)

    def _checked(self, picks: list[Pick], result: EvidenceResult) -> None:
        self.running = False
        state = self.state
        state.result = result
        for pick, export in zip(picks, result.exports):
            if state.picks.get(pick.system) == pick:
                state.exports[pick.system] = export
                state.problems.pop(pick.system, None)
        self.post_message(self.Checked(tuple(item.finding for item in result.findings)))
        if not self.is_attached:
            return
        self.query_one(ProgressBar).display = False
        self._stage("")
        self._show_files()
        self._show_result()
        if state.band == SAME and not _band_rows(result, SAME) and _band_rows(result, REVIEW):
            self._set_band(REVIEW)
        self.query_one("#evidence-pairs", DataTable).focus()

    # ------------------------------------------------------------ the result

    def _show_result(self) -> None:
        result = self.state.result
        summary = self.query_one("#evidence-summary", Static)
        strip = self.query_one(TabStrip)
        pairs = self.query_one("#evidence-pairs", DataTable)
        shown = result is not None
        strip.display = pairs.display = shown
        self.query_one("#evidence-more").display = False
        thresholds = self.query_one("#evidence-thresholds", Static)
        if result is None:
            summary.update(Content.styled("No check run yet.", "italic $text-muted"))
            thresholds.update("")
            return
        summary.update(_summary(result))
        thresholds.update(Content.styled(thresholds_line(result), "$text-muted"))
        for band in BANDS:
            strip.set_label(band, f"{BAND_WORDS[band]} ({len(_band_rows(result, band)):,})")
        self._fill_pairs()

    def _fill_pairs(self) -> None:
        result = self.state.result
        table = self.query_one("#evidence-pairs", DataTable)
        table.clear(columns=True)
        self._shown = []
        if result is None:
            return
        band = self.state.band
        rows = _band_rows(result, band)
        if band == ONLY:
            for key, label, width in (("client", "Client", NAME_CELLS + 10), ("system", "Only in", 18),
                                      ("file", "File", 30), ("row", "Row", 6)):
                table.add_column(Text(label), key=key, width=width)
            for client in rows[:LISTED]:
                export = result.exports[client.export]
                table.add_row(Text(clipped(client.label, NAME_CELLS + 10)),
                              Text(clipped(result.label(export.system), 18)),
                              Text(clipped(Path(export.file).name, 30), style="dim"), Text(str(client.row)))
                self._shown.append((client,))
        else:
            for key, label, width in (("a", "Client", NAME_CELLS), ("a-in", "Where", WHERE_CELLS),
                                      ("b", "Client", NAME_CELLS), ("b-in", "Where", WHERE_CELLS),
                                      ("score", "Score", 5), ("by", "By", 6)):
                table.add_column(Text(label), key=key, width=width)
            for link in rows[:LISTED]:
                table.add_row(Text(clipped(link.a.label, NAME_CELLS)), Text(self._where(link.a), style="dim"),
                              Text(clipped(link.b.label, NAME_CELLS)), Text(self._where(link.b), style="dim"),
                              Text(f"{link.score:g}"), Text(link.by))
                self._shown.append((link.a, link.b))
        more = self.query_one("#evidence-more", Static)
        more.display = len(rows) > LISTED
        more.update(Content(f"The first {LISTED:,} of {len(rows):,} are listed; `truthmap evidence ... --format json` "
                            "lists them all." if len(rows) > LISTED else ""))

    def _where(self, client: Client) -> str:
        result = self.state.result
        system = result.exports[client.export].system
        return clipped(f"{result.label(system)}, row {client.row}", WHERE_CELLS)

    def action_band(self, step: int) -> None:
        if self.state.result is None:
            return
        self._set_band(BANDS[(BANDS.index(self.state.band) + step) % len(BANDS)])

    def on_tab_strip_activated(self, event: TabStrip.Activated) -> None:
        event.stop()
        self._set_band(event.name)

    def _set_band(self, band: str) -> None:
        self.state.band = band
        self.query_one(TabStrip).active = band
        self._fill_pairs()

    @on(DataTable.RowSelected, "#evidence-pairs")
    def _pair_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self._shown) and self.state.result is not None:
            self._show_rows(self.state.result, self._shown[event.cursor_row])

    @work(thread=True, group="evidence-rows", description="reading the rows of a pair")
    def _show_rows(self, result: EvidenceResult, clients: tuple[Client, ...]) -> None:
        sides = []
        changed = []
        for client in clients:
            export = result.exports[client.export]
            heading = f"{result.label(export.system)} · {Path(export.file).name} row {client.row}"
            if len(client.rows) > 1:
                heading += f" (and rows {', '.join(str(n) for n in client.rows[1:6])}" + \
                    (" …)" if len(client.rows) > 6 else ")")
            try:
                cells = row_cells(Path(export.file), [client.row]).get(client.row, [])
            except Exception as error:  # noqa: BLE001 - a file gone or changed: said in place of the row
                cells = [("cannot be read now", str(error) if isinstance(error, EvidenceError) else _unforeseen(error))]
            sides.append((heading, cells))
            if _changed(export):
                changed.append(Path(export.file).name)
        note = f"{', '.join(changed)} changed since the check: run it again (r)." if changed else ""
        self.app.call_from_thread(self._rows_ready, clients, sides, note)

    def _rows_ready(self, clients: tuple[Client, ...], sides, note: str) -> None:
        from ..dialogs.exports import RowsScreen

        if not self.is_attached or self.app.screen is not self:
            return
        title = "Both rows, side by side" if len(clients) == 2 else "The row, whole"
        self.app.push_screen(RowsScreen(title, sides, note))

    # ------------------------------------------------------------ keeping

    def action_keep(self) -> None:
        result = self.state.result
        if result is None:
            self.notify("Run the check first (r): there are no counts to keep yet.", markup=False)
            return
        entries = evidence_entries(result)
        held = {(e.system, e.file, e.sha256, e.rows, tuple(e.counts.items())) for e in self.profile.evidence}
        if all((e["system"], e["file"], e["sha256"], e["rows"], tuple(e["counts"].items())) in held for e in entries):
            self.notify("The profile holds these counts already.", markup=False)
            return
        self._keeping = True
        self.post_message(self.KeepAsked(partial(keep_evidence, entries=entries)))

    def _told_kept(self) -> None:
        result = self.state.result
        if self._keeping and result is not None and all(self._kept(export) for export in result.exports):
            self._keeping = False
            count = len(result.exports)
            self.notify(f"The counts of {count} {'export' if count == 1 else 'exports'} are in the profile (no "
                        f"client names): {key_for('save')} writes them, {key_for('undo')} takes them back.",
                        title="Kept", markup=False)

    def action_close(self) -> None:
        self.dismiss()


# ------------------------------------------------------------------ plain helpers


def _band_rows(result: EvidenceResult, band: str) -> list:
    if band == ONLY:
        return [client for clients in result.only_in.values() for client in clients]
    return [link for link in result.matches.pairs if link.band == band]


def _summary(result: EvidenceResult) -> Content:
    counts = Counter(item.finding.severity for item in result.findings)
    severities = ", ".join(f"{counts[s]} {s}" for s in ("high", "medium", "low") if counts[s])
    lines = [Content.assemble(("Matches: ", "bold"), match_words(result))]
    if result.findings:
        lines.append(Content.assemble(
            (f"Findings: {severities}", "bold"),
            (f" — in the findings pane ({key_for('findings')}), tagged from exports, until another profile is opened",
             "$text-muted")))
        for item in result.findings[:FINDINGS_SHOWN]:
            glyph, _, style = SEVERITY_MARK.get(item.finding.severity, ("•", "", "bold"))
            lines.append(Content.assemble("  ", (glyph, style), " ", literal(item.finding.message)))
        if len(result.findings) > FINDINGS_SHOWN:
            lines.append(Content.styled(f"  … and {len(result.findings) - FINDINGS_SHOWN} more in the findings pane",
                                        "$text-muted"))
    else:
        lines.append(Content.styled("Findings: none, the exports agree with the map.", "bold"))
    for notice in result.notices[:2]:
        lines.append(Content.styled(visible(notice), "italic $text-muted"))
    return Content("\n").join(lines)


def _unforeseen(error: Exception) -> str:
    return f"could not be read ({type(error).__name__}: {error})"


def _unfiled(problem: str, path: Path) -> str:
    """A reading problem without the file's path in front (the row names the file)."""
    return problem.removeprefix(f"{path}: ")


def _changed(export: Export) -> bool:
    from ...evidence.reading import read_bytes
    from ...storage import sha256_hex

    try:
        return sha256_hex(read_bytes(Path(export.file))) != export.sha256
    except EvidenceError:
        return True
