"""The evidence screen (F9) driven as a person would at 120x40: exports picked from the
profiles folder's exports/, columns named where no preset knows them, the check run
in a worker, pairs browsed by band and shown side by side, the counts kept as an
undoable edit; the findings pane lists the findings "from exports" until another
profile is opened; no client name reaches the profile, the recovery copies or the
profile's reports."""

from __future__ import annotations

import json
import subprocess

from textual.widgets import DataTable, ProgressBar, Select

from evidence_workbench import PM_FILE, check_studio, client_words, pick_proposed, studio
from installed import truthmap_command
from truthmap.evidence.matching import REVIEW, SAME
from truthmap.paths import recovery_dir
from truthmap.storage import load_profile
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.dialogs.exports import ColumnsScreen, RowsScreen
from truthmap.workbench.panes.findings_panel import FindingsPanel
from truthmap.workbench.screens.evidence_screen import EvidenceScreen
from truthmap.workbench.screens.help_screen import HelpScreen, binding_sections
from truthmap.workbench.screens.main_screen import MainScreen
from test_map_screen import run_palette_command
from workbench_helpers import press, record_notifications, screen_text, settle

SIZE = (120, 40)
EVIDENCE_KINDS = {"drift", "duplicate-within", "retyped", "owner-incomplete"}


async def test_check_browse_by_band_show_both_rows_and_keep_the_counts(tmp_path, monkeypatch):
    profile_path, generated = studio(tmp_path, clients=300)
    shown_progress: list[tuple[str, int, int, float | None]] = []
    show_progress = EvidenceScreen.show_progress

    def recording(screen, stage, done, total, picks):
        show_progress(screen, stage, done, total, picks)
        bar = screen.query_one(ProgressBar)
        shown_progress.append((stage, done, total, bar.percentage if bar.display else -1))

    monkeypatch.setattr(EvidenceScreen, "show_progress", recording)
    app = TruthmapApp([profile_path])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = await check_studio(app, pilot)
        result = screen.state.result
        # the check told its progress as it ran: each file read, then the matching, up to the end
        assert [step[:3] for step in shown_progress[:2]] == [("reading", 0, 2), ("reading", 1, 2)]
        assert len(shown_progress) > 3 and shown_progress[-1][0] == "matching"
        assert shown_progress[-1][1] == shown_progress[-1][2] and shown_progress[-1][3] == 1.0
        assert not screen.query_one(ProgressBar).display  # gone once the pairs are shown
        assert [e.system for e in result.exports] == ["hubspot", "trello"]
        shown = screen_text(app)
        assert "hubspot-companies.csv" in shown and "name = Client, email = E-mail" in shown
        same = [link for link in result.matches.pairs if link.band == SAME]
        assert f"Same client ({len(same)})" in shown and "Only in one tool (" in shown
        pairs = screen.query_one("#evidence-pairs", DataTable)
        assert app.focused is pairs and pairs.row_count == len(same)
        assert same[0].a.label[:20] in shown

        await press(app, pilot, "right_square_bracket")  # the pairs to review
        assert screen.state.band == REVIEW
        assert pairs.row_count == sum(link.band == REVIEW for link in result.matches.pairs)
        await press(app, pilot, "right_square_bracket")  # clients only in one tool
        assert pairs.row_count == sum(len(clients) for clients in result.only_in.values())
        await press(app, pilot, "left_square_bracket", "left_square_bracket")
        assert screen.state.band == SAME

        await press(app, pilot, "enter")  # both rows of the first pair, read back from the files
        assert isinstance(app.screen, RowsScreen)
        rows = screen_text(app)
        first = same[0]
        row_a, row_b = generated.a[first.a.row - 1], generated.b[first.b.row - 1]
        assert row_a.name in rows and row_b.name in rows
        assert "Company name" in rows and "E-mail" in rows and f"row {first.b.row}" in rows
        await press(app, pilot, "escape")
        assert app.screen is screen

        told = record_notifications(app)
        await press(app, pilot, "k")  # keep the counts: an edit of the profile
        kept = app.profile.evidence
        assert [(e.system, e.file, e.rows) for e in kept] == [
            ("hubspot", "hubspot-companies.csv", len(generated.a)), ("trello", PM_FILE, len(generated.b))]
        assert kept[1].counts.get("retyped") and app.document.dirty
        assert "✓" in screen_text(app)  # the files table marks what the profile holds
        await press(app, pilot, "k")
        assert told[0].startswith("Kept The counts of 2 exports are in the profile")
        assert told[1:] == ["The profile holds these counts already."] and app.profile.evidence == kept
        await press(app, pilot, "ctrl+z")  # undoable like any edit
        assert app.profile.evidence == [] and "✓" not in screen_text(app)
        await press(app, pilot, "ctrl+y")
        assert app.profile.evidence == kept


async def the_palette_command_and_the_help_name_the_screen_and_its_key(app, pilot) -> None:
    helps = {command.title: command.help for command in app.get_system_commands(app.screen)}
    assert helps["Check against exports…"].endswith("· F9")
    await run_palette_command(app, pilot, "check against exports")
    assert isinstance(app.screen, EvidenceScreen)
    on_screen = {command.title for command in app.get_system_commands(app.screen)}
    assert {"Keep counts", "Run check", "Pick file", "Columns"} <= on_screen
    await press(app, pilot, "escape", "f1")
    assert isinstance(app.screen, HelpScreen)
    sections = dict(binding_sections(app))
    assert ("F9", "Check against exports…") in sections["Everywhere"]
    assert ("k", "Keep counts") in sections["Evidence screen (F9)"]
    assert "F9 checks your tools' exports" in screen_text(app)  # the overview says it too
    await press(app, pilot, "escape")
    assert isinstance(app.screen, MainScreen)


async def test_a_file_no_preset_knows_asks_which_column_is_which(tmp_path):
    profile_path, _ = studio(tmp_path)
    odd = tmp_path / "exports" / "old-sheet-clients.csv"
    odd.write_text("Kunde;Kontakt-Adresse;Umsatz\nNord Design;info@nord.de;100\n[b]Lena[/b] \x1b[31mRot;;5\n",
                   encoding="utf-8")
    app = TruthmapApp([profile_path])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "f9")
        screen = app.screen
        assert (await pick_proposed(app, pilot, "down", "down", "down")).name == odd.name
        dialog = app.screen
        assert isinstance(dialog, ColumnsScreen)  # opened by itself: no column was known
        assert "Which column is which? old-sheet-clients.csv" in screen_text(app)
        await pilot.click("#columns-ok")
        await settle(app, pilot)
        assert app.screen is dialog and "Pick the column of the client's name" in screen_text(app)
        await press(app, pilot, "enter", "down", "enter")  # the name: the first column
        await press(app, pilot, "tab", "enter", "down", "down", "enter")  # the email: the second
        assert dialog.chosen() == {"name": "Kunde", "email": "Kontakt-Adresse"}
        await pilot.click("#columns-ok")
        await settle(app, pilot)
        assert app.screen is screen
        assert "name = Kunde, email = Kontakt-Adresse" in screen_text(app)
        await press(app, pilot, "r")
        result = screen.state.result
        assert [client.name for client in result.exports[0].clients] == ["Nord Design", "[b]Lena[/b] \x1b[31mRot"]
        await press(app, pilot, "right_square_bracket", "right_square_bracket")  # only in one tool
        text = screen_text(app)
        assert "[b]Lena[/b] ␛[31mRot" in text  # literal, the escape as a stand-in
        await press(app, pilot, "end", "enter")  # its row, whole
        assert isinstance(app.screen, RowsScreen)
        assert "[b]Lena[/b] ␛[31mRot" in screen_text(app) and "Umsatz" in screen_text(app)
        await press(app, pilot, "escape")
        await press(app, pilot, "m")  # the columns can be named again from the file's own headers
        assert isinstance(app.screen, ColumnsScreen)
        assert app.screen.query_one("#column-name", Select).value == "Kunde"


async def test_findings_from_exports_join_the_pane_until_another_profile_is_opened(tmp_path):
    """First, in the same workbench: the palette command and the help name the screen and its key."""
    profile_path, _ = studio(tmp_path)
    other = tmp_path / "other.toml"
    other.write_text('schema = 1\nname = "Other"\n', encoding="utf-8")
    app = TruthmapApp([profile_path])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await the_palette_command_and_the_help_name_the_screen_and_its_key(app, pilot)
        screen = await check_studio(app, pilot)
        found = {item.finding.kind for item in screen.state.result.findings}
        assert found and found <= EVIDENCE_KINDS
        await press(app, pilot, "escape", "f7")
        assert isinstance(app.screen, MainScreen)
        panel = app.screen.query_one(FindingsPanel)
        tagged = [f for f in panel.findings if panel.is_from_exports(f)]
        assert {f.kind for f in tagged} == found
        assert not any(panel.is_from_exports(f) for f in app.analysis.findings)
        text = screen_text(app)
        assert "[from exports]" in text and f"{len(tagged)} from exports" in text
        assert all(f.kind not in EVIDENCE_KINDS for f in app.analysis.findings)  # never in the profile's analysis

        await press(app, pilot, "f9")  # the screen comes back with its picks and its run
        assert app.screen.state is screen.state and app.screen.query_one("#evidence-pairs", DataTable).row_count
        await press(app, pilot, "escape")

        app.files.open(other)
        await app.workers.wait_for_complete()
        await settle(app, pilot)
        assert app.profile.name == "Other" and app.exports_findings == ()
        panel = app.screen.query_one(FindingsPanel)
        assert not any(panel.is_from_exports(f) for f in panel.findings)
        assert "from exports" not in screen_text(app)
        await press(app, pilot, "f9")
        assert app.screen.state.result is None and not app.screen.state.picks


async def test_no_client_name_reaches_the_profile_the_recovery_copies_or_its_reports(tmp_path):
    profile_path, generated = studio(tmp_path)
    words = {word.casefold() for word in client_words(generated)}
    app = TruthmapApp([profile_path])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await check_studio(app, pilot)
        await press(app, pilot, "k")
        assert app.profile.evidence
        await app.workers.wait_for_complete()  # the recovery copy of the edit is written
        copies = [path for path in recovery_dir().rglob("*") if path.is_file()]
        assert copies and any("[[evidence]]" in path.read_text(encoding="utf-8") for path in copies)
        for path in copies:
            text = path.read_text(encoding="utf-8").casefold()
            assert not [word for word in words if word in text], path
        await press(app, pilot, "ctrl+s")
        await app.workers.wait_for_complete()
        await settle(app, pilot)
        assert not app.document.dirty
    saved = profile_path.read_text(encoding="utf-8")
    assert saved.startswith("schema = 2\n") and "[[evidence]]" in saved and "retyped" in saved
    assert not [word for word in words if word in saved.casefold()]
    assert len(load_profile(profile_path).profile.evidence) == 2
    for fmt in ("text", "markdown", "json"):  # the profile's own reports hold no finding from exports
        report = subprocess.run([truthmap_command(), "report", str(profile_path), "--format", fmt],
                                capture_output=True, text=True, check=True).stdout
        assert not [word for word in words if word in report.casefold()], fmt
        assert "from exports" not in report
        if fmt == "json":
            assert not {f["kind"] for f in json.loads(report)["findings"]} & EVIDENCE_KINDS
