"""The boundary editor driven with the keyboard: in the real app showing only the editor
(EditorApp), and inside the whole workbench where a test is about jumping to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.geometry import Region
from textual.widgets import DataTable, Input, OptionList, Select

from truthmap.knowledge import knowledge
from truthmap.model import Profile, reference_problems
from truthmap.vocabulary import SYNC_MODES
from truthmap.workbench.dialogs.questions import ChoiceScreen
from truthmap.workbench.keys import choice_letters
from truthmap.storage import load_profile
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.panes.findings_panel import FindingsPanel
from truthmap.workbench.widgets.footer import Footer
from truthmap.workbench.boundaries.editor import BoundaryEditor
from truthmap.workbench.boundaries.rows import CUSTOM, SEVERITY_GLYPH, row_for_path, sync_options
from truthmap.workbench.boundaries.table import BoundaryTable
from truthmap.workbench.boundaries.dialogs import CatalogDialog, ConfirmDialog, FormDialog
from truthmap.workbench.widgets.tab_strip import TabStrip
from workbench_helpers import EditorApp, apply_edit, screen_text, settle

STUDIO = """\
schema = 1
name = "Boundary test studio"

[answers]
process_documented = true

[[systems]]
id = "hubspot"
name = "HubSpot"
kind = "crm"

[[systems]]
id = "trello"
name = "Trello"
kind = "pm"

[[systems]]
id = "odd"
name = "[bold]Odd[/] tool"
kind = "docs"

[[records]]
entity = "client"
owner = "hubspot"
steward = "Dana (sales)"
copies = [{ system = "trello", sync = "one-way" }]

[[records]]
entity = "tasks"
owner = "trello"
steward = "[red]Jon[/]\\u001b[31m"

[[stages]]
stage = "contract"
system = "hubspot"
owner = "Dana (sales)"

[[stages]]
stage = "kickoff"
system = "trello"

[[handoffs]]
from = "contract"
to = "kickoff"
trigger = "Deal marked won"
owner = "Dana (sales)"
"""


@pytest.fixture
def studio(tmp_path: Path) -> Path:
    path = tmp_path / "studio.toml"
    path.write_text(STUDIO, encoding="utf-8")
    return path


def editor(app: TruthmapApp) -> BoundaryEditor:
    return app.screen.query_one(BoundaryEditor)


def table_text(table: BoundaryTable) -> str:
    """What the table shows on screen, as plain lines."""
    lines = table.render_lines(Region(0, 0, table.size.width, table.size.height))
    return "\n".join(strip.text for strip in lines)


def assert_valid(profile: Profile) -> None:
    assert reference_problems(profile) == []
    assert Profile.model_validate(profile.model_dump(by_alias=True)) == profile


def kinds_at(app: TruthmapApp, path: str) -> list[str]:
    return [finding.kind for finding in app.analysis.findings_at(path)]


async def open_boundaries(app: TruthmapApp, pilot, path: str) -> BoundaryEditor:
    await settle(app, pilot)
    editor(app).go_to(path)
    await pilot.pause()
    return editor(app)


async def press(app: TruthmapApp, pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot)


# ------------------------------------------------------------------ findings follow edits


async def test_a_manual_copy_shows_duplication_until_it_syncs_one_way(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        boundaries = await open_boundaries(app, pilot, "records[0].copies[0]")
        table = boundaries.table("records")
        assert app.focused is table and table.current_key == "records[0].copies[0]"
        assert kinds_at(app, "records[0].copies[0]") == []

        await press(app, pilot, "e")  # the copy form: system, then sync mode
        assert isinstance(app.screen, FormDialog)
        await press(app, pilot, "tab", "enter", "m", "enter")  # open the sync list, type-to-search "manual"
        assert app.screen.query_one("#field-sync", Select).value == "manual"
        await press(app, pilot, "tab", "enter")  # Save
        assert app.profile.records[0].copies[0].sync == "manual"
        assert "duplication" in [finding.kind for finding in app.analysis.findings]
        assert kinds_at(app, "records[0].copies[0]") == ["duplication"]
        assert table.current_key == "records[0].copies[0]"  # the cursor stayed on the row
        assert table.get_cell("records[0].copies[0]", "mark").plain == SEVERITY_GLYPH["medium"]

        await press(app, pilot, "e", "tab", "enter", "o", "enter", "tab", "enter")
        assert app.profile.records[0].copies[0].sync == "one-way"
        assert "duplication" not in [finding.kind for finding in app.analysis.findings]
        assert table.get_cell("records[0].copies[0]", "mark").plain == " "
        assert not app.document.dirty  # back to exactly what the file says


async def test_s_asks_how_a_copy_is_kept_current_saying_what_each_way_means(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(80, 24)) as pilot:
        boundaries = await open_boundaries(app, pilot, "records[0].copies[0]")
        table = boundaries.table("records")
        rows_before = table.row_count
        await press(app, pilot, "s")
        chooser = app.screen
        assert isinstance(chooser, ChoiceScreen) and "Trello copy of Client" in chooser.question
        assert chooser.answers == ("one-way", "two-way", "manual", "none", "cancel")
        assert chooser.query_one(OptionList).highlighted == 0  # the copy's own mode, one-way, comes first in focus
        shown = screen_text(app)
        for sync in knowledge().syncs.values():  # each mode says what it means and what it raises
            assert sync.label in shown and sync.means in shown
        assert "One-way sync — no finding (o)" in shown and "No sync — high finding (n)" in shown
        assert app.profile.records[0].copies[0].sync == "one-way"  # nothing changed by asking

        seen = []
        for letter in ("t", "m", "n", "o"):
            await press(app, pilot, "s", letter)
            seen.append((app.profile.records[0].copies[0].sync, table.get_cell(table.current_key, "mark").plain))
        assert seen == [("two-way", "○"), ("manual", "◆"), ("none", "▲"), ("one-way", " ")]
        assert table.row_count == rows_before and table.current_key == "records[0].copies[0]"

        await press(app, pilot, "s", "down", "down", "escape")  # looked, changed nothing
        assert app.profile.records[0].copies[0].sync == "one-way" and app.screen is not chooser


def test_the_sync_chooser_says_every_mode_with_what_it_raises():
    owned, unowned = sync_options(owned=True), sync_options(owned=False)
    assert [o.sync for o in owned] == list(SYNC_MODES)
    assert [o.label.split(" — ")[1] for o in owned] == ["no finding", "low finding", "medium finding", "high finding"]
    assert {o.label.split(" — ")[1] for o in unowned} == {"medium finding"}  # no system of record to copy from
    assert sorted(choice_letters([(o.sync, o.label) for o in owned], False)) == ["m", "n", "o", "t"]


async def test_the_detail_line_says_the_findings_of_the_highlighted_row(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        boundaries = await open_boundaries(app, pilot, "records[0].copies[0]")
        await press(app, pilot, "s", "m")  # manual
        detail = str(boundaries.query_one("#boundary-detail").render())
        [finding] = app.analysis.findings_at("records[0].copies[0]")
        assert detail == f"{SEVERITY_GLYPH['medium']} {finding.message}"


# ------------------------------------------------------------------ systems


async def test_a_system_comes_from_the_catalog_by_typing_part_of_its_name(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(80, 24)) as pilot:
        boundaries = await open_boundaries(app, pilot, "systems[0]")
        await press(app, pilot, "a")
        assert isinstance(app.screen, CatalogDialog)
        await pilot.press(*"asa")
        await press(app, pilot, "enter")
        added = app.profile.systems[-1]
        assert (added.id, added.name, added.kind) == ("asana", "Asana", "pm")
        table = boundaries.table("systems")
        assert table.current_key == f"systems[{len(app.profile.systems) - 1}]"
        assert "Asana" in table_text(table)


async def test_the_catalog_greys_out_tools_already_declared(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_boundaries(app, pilot, "systems[0]")
        await press(app, pilot, "a")
        await pilot.press(*"hubspot")
        await press(app, pilot, "enter")  # the declared HubSpot cannot be picked: enter adds it by hand
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#field-name", Input).value == "hubspot"
        await press(app, pilot, "escape")
        assert [s.id for s in app.profile.systems] == ["hubspot", "trello", "odd"]


async def test_a_system_added_by_hand_keeps_its_name_literally(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        boundaries = await open_boundaries(app, pilot, "systems[0]")
        await press(app, pilot, "a")
        await pilot.press(*"[i]Wiki[/i]")
        await press(app, pilot, "enter")  # nothing matches: the name goes to the by-hand form
        form = app.screen
        form.query_one("#field-kind", Select).value = "docs"
        form.query_one("#field-name", Input).focus()
        await press(app, pilot, "enter")
        added = app.profile.systems[-1]
        assert (added.id, added.name, added.kind) == ("i-wiki-i", "[i]Wiki[/i]", "docs")
        assert "[i]Wiki[/i]" in table_text(boundaries.table("systems"))


async def test_rename_and_change_kind_keep_the_id(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_boundaries(app, pilot, "systems[1]")
        await press(app, pilot, "enter")  # enter edits, like e
        form = app.screen
        name = form.query_one("#field-name", Input)
        name.value = "Trello board"
        form.query_one("#field-kind", Select).value = "all-in-one"
        name.focus()
        await press(app, pilot, "enter")
        trello = app.profile.system("trello")
        assert (trello.name, trello.kind) == ("Trello board", "all-in-one")
        assert app.profile.records[1].owner == "trello"


async def test_a_new_name_offers_a_new_id_and_every_reference_follows(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(80, 24)) as pilot:
        boundaries = await open_boundaries(app, pilot, "systems[1]")  # Trello: owns tasks, holds a copy, tracks kickoff
        await press(app, pilot, "e")
        form = app.screen
        offer = form.query_one("#field-id", Select)
        assert not offer.display  # the name still makes its id: nothing to offer
        name = form.query_one("#field-name", Input)
        name.value = ""
        await pilot.press(*"Asana")
        await settle(app, pilot)
        assert offer.display and "Keep the id trello" in screen_text(app)
        await press(app, pilot, "tab", "tab", "enter")  # kind, then the id's list
        assert "Change it to asana: whatever refers to it follows" in screen_text(app)
        await press(app, pilot, "down", "enter")
        assert offer.value == "change"
        name.focus()
        await press(app, pilot, "enter")
        profile = app.profile
        assert_valid(profile)
        assert profile.system("trello") is None and profile.system("asana").name == "Asana"
        assert profile.records[0].copies[0].system == "asana" and profile.records[1].owner == "asana"
        assert next(s for s in profile.stages if s.stage == "kickoff").system == "asana"
        table = boundaries.table("systems")
        assert table.current_key == "systems[1]" and "asana" in table_text(table)

        await press(app, pilot, "e")  # the name alone changes, the id is kept unless asked
        app.screen.query_one("#field-name", Input).value = "Asana board"
        await press(app, pilot, "enter")
        assert app.profile.systems[1].id == "asana" and app.profile.systems[1].name == "Asana board"


async def test_removing_a_referenced_system_says_what_refers_to_it_and_clears_it(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_boundaries(app, pilot, "systems[1]")  # Trello
        await press(app, pilot, "d")
        assert isinstance(app.screen, ConfirmDialog)
        said = "\n".join(app.screen.lines)
        assert "The tasks record loses its system of record." in said
        assert "The Trello copy of the client record is removed." in said
        assert "The kickoff stage becomes untracked." in said
        await press(app, pilot, "n")
        assert app.profile.system("trello") is not None  # kept

        await press(app, pilot, "d", "y")
        profile = app.profile
        assert_valid(profile)
        assert profile.system("trello") is None
        assert profile.records[0].copies == [] and profile.records[1].owner is None
        assert "kickoff" not in {stage.stage for stage in profile.stages}
        assert "Trello" not in table_text(editor(app).table("systems"))


# ------------------------------------------------------------------ records


async def test_a_custom_kind_of_data_can_be_mapped(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        boundaries = await open_boundaries(app, pilot, "records[0]")
        await press(app, pilot, "a")
        form = app.screen
        assert not form.query_one("#field-custom", Input).display
        form.query_one("#field-entity", Select).value = CUSTOM
        await pilot.pause()
        custom = form.query_one("#field-custom", Input)
        assert custom.display  # revealed
        form.query_one("#field-owner", Select).value = "hubspot"
        custom.focus()
        await pilot.press(*"Bad id")
        await press(app, pilot, "enter")
        assert app.screen is form  # refused, with a sentence, and nothing changed
        assert "A kind of data: 'Bad id' is not a valid id" in str(form.query_one(".boundary-dialog-error").render())
        assert len(app.profile.records) == 2
        custom.value = ""
        await pilot.press(*"retainers")
        await press(app, pilot, "enter")
        record = app.profile.records[-1]
        assert (record.entity, record.owner, record.steward) == ("retainers", "hubspot", None)
        assert boundaries.table("records").current_key == "records[2]"
        assert kinds_at(app, "records[2].steward") == ["no-steward"]


async def test_a_copy_is_added_with_c_offering_only_other_systems(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        boundaries = await open_boundaries(app, pilot, "records[1]")  # tasks, owned by Trello
        await press(app, pilot, "c")
        offered = [value for _, value in next(f for f in app.screen.form.fields if f.key == "system").choices]
        assert offered == ["hubspot", "odd"]
        app.screen.query_one("#field-sync", Select).value = "none"
        app.screen.query_one("#boundary-ok").focus()
        await press(app, pilot, "enter")
        assert [(c.system, c.sync) for c in app.profile.records[1].copies] == [("hubspot", "none")]
        assert boundaries.table("records").current_key == "records[1].copies[0]"
        assert kinds_at(app, "records[1].copies[0]") == ["duplication"]
        await press(app, pilot, "d")  # a copy goes without a question
        assert app.profile.records[1].copies == []


async def test_removing_a_record_asks_first(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_boundaries(app, pilot, "records[0]")
        await press(app, pilot, "delete")
        assert "copies go with it" in "\n".join(app.screen.lines)
        await press(app, pilot, "y")
        assert [r.entity for r in app.profile.records] == ["tasks"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_an_open_list_stays_inside_the_dialog_s_frame(studio, size):
    """Each list of the record form in turn (one dialog: the lists do not change each other's room)."""
    app = EditorApp(paths=[studio])
    async with app.run_test(size=size) as pilot:
        await open_boundaries(app, pilot, "records[0]")
        await press(app, pilot, "a")  # "Kind of data" lists every kind: longer than the dialog is tall
        form = app.screen
        for field in ("entity", "owner"):
            form.query_one(f"#field-{field}", Select).focus()
            await press(app, pilot, "enter")
            listing = form.query_one(f"#field-{field} SelectOverlay")
            assert listing.display and listing.region.height >= min(5, listing.option_count), field
            frame = form.query_one(".boundary-dialog")
            inside = frame.region.shrink(frame.styles.gutter)
            assert inside.contains_region(listing.region), (field, listing.region, inside)
            await press(app, pilot, "down", "enter")  # and it still chooses
            assert app.screen is form and not listing.display, field


SHUFFLED = """\
schema = 1
name = "Records out of lifecycle order"

[[systems]]
id = "hubspot"
name = "HubSpot"
kind = "crm"

[[systems]]
id = "trello"
name = "Trello"
kind = "pm"

[[systems]]
id = "xero"
name = "Xero"
kind = "billing"

[[records]]
entity = "invoices"
owner = "xero"

[[records]]
entity = "deliverables"
owner = "trello"

[[records]]
entity = "client"
owner = "hubspot"
copies = [{ system = "trello", sync = "manual" }, { system = "xero", sync = "one-way" }]

[[records]]
entity = "delivery_notes"
owner = "trello"

[[records]]
entity = "lead"
owner = "hubspot"

[[handoffs]]
from = "contract"
to = "kickoff"

[[handoffs]]
from = "delivery"
to = "invoicing"

[[handoffs]]
from = "review"
to = "invoicing"
"""


def shown_rows(table: BoundaryTable) -> list[str]:
    """Each row as it reads (its cells but the mark), top to bottom."""
    return [" ".join(cell.plain for cell in table.get_row_at(row)[1:]) for row in range(table.row_count)]


REMOVES = [
    ("systems", 1, ["d", "y"]),
    ("records", 1, ["d", "y"]),  # the client record (the file's third) and its two copies
    ("records", 2, ["d"]),  # the client's Trello copy: its Xero copy comes up
    ("records", 4, ["delete", "y"]),  # Deliverables: Delivery notes, the file's next-but-one, comes up
    ("handoffs", 1, ["d", "y"]),
]


async def test_after_a_remove_the_cursor_stays_where_it_was(tmp_path):
    """Each remove of REMOVES in one app, the file's profile put back (as an edit) before each."""
    path = tmp_path / "shuffled.toml"
    path.write_text(SHUFFLED, encoding="utf-8")
    app = EditorApp(paths=[path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        original = app.profile
        for section, row, keys in REMOVES:
            await apply_edit(app, pilot, original)
            boundaries = editor(app)
            boundaries.show_section(section)
            await settle(app, pilot)
            table = boundaries.table(section)
            table.focus()
            table.move_cursor(row=row)
            await settle(app, pilot)
            before = shown_rows(table)
            await press(app, pilot, *keys)
            case = (section, row, keys)
            assert table.row_count < len(before), case
            assert table.cursor_row == row and app.focused is table, case
            below = before[row + 1:]
            assert shown_rows(table)[row] in below and before[row] not in shown_rows(table)[row:], case


async def test_a_record_removed_then_the_next_one_copied(tmp_path):
    path = tmp_path / "shuffled.toml"
    path.write_text(SHUFFLED, encoding="utf-8")
    app = EditorApp(paths=[path])
    async with app.run_test(size=(80, 24)) as pilot:
        await open_boundaries(app, pilot, "records[1]")  # Deliverables
        await press(app, pilot, "d", "y", "c")
        assert isinstance(app.screen, FormDialog) and app.screen.form.title == "Copy of Delivery notes"


async def test_keys_typed_in_one_burst_keep_their_order(tmp_path):
    """Faster than the table reads its keys: a move before e, c or d still lands first."""
    path = tmp_path / "shuffled.toml"
    path.write_text(SHUFFLED, encoding="utf-8")
    app = EditorApp(paths=[path])
    async with app.run_test(size=(80, 24)) as pilot:
        boundaries = await open_boundaries(app, pilot, "systems[0]")

        async def burst(*keys: str) -> None:
            for key in keys:  # posted at once, as a terminal delivers quick typing
                app.post_message(events.Key(key, key if len(key) == 1 else None))
            await settle(app, pilot)

        await burst("down", "down", "e")
        assert app.screen.form.title == "System Xero"
        await press(app, pilot, "escape")
        boundaries.show_section("records")
        await settle(app, pilot)
        table = boundaries.table("records")
        table.move_cursor(row=3)  # the client's Xero copy
        await settle(app, pilot)
        await burst("down", "c")
        assert app.screen.form.title == "Copy of Deliverables"
        await press(app, pilot, "escape")
        await burst("end", "up", "enter")
        assert app.screen.form.title == "Delivery notes"


# ------------------------------------------------------------------ stages and handoffs


async def test_all_nine_stages_are_listed_and_a_stage_can_be_tracked_and_untracked(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        boundaries = await open_boundaries(app, pilot, "stages[0]")
        table = boundaries.table("stages")
        assert [row.key.value for row in table.ordered_rows] == [
            f"stage:{s}" for s in ("inquiry", "qualification", "proposal", "contract", "kickoff",
                                   "delivery", "review", "invoicing", "payment")]
        assert table.current_key == "stage:contract"
        await press(app, pilot, "end")
        assert table.current_key == "stage:payment"
        await press(app, pilot, "home")
        assert table.current_key == "stage:inquiry"
        boundaries.go_to("stages[0]")
        await pilot.pause()
        await press(app, pilot, "down", "down")  # delivery, untracked
        assert "untracked" in str(table.get_cell("stage:delivery", "system"))
        await press(app, pilot, "e")
        app.screen.query_one("#field-system", Select).value = "trello"
        app.screen.query_one("#field-owner", Input).focus()
        await pilot.press(*"Jon")
        await press(app, pilot, "enter")
        delivery = [s for s in app.profile.stages if s.stage == "delivery"]
        assert [(s.system, s.owner) for s in delivery] == [("trello", "Jon")]
        assert table.get_cell("stage:delivery", "system").plain == "Trello"
        await press(app, pilot, "d")
        assert "delivery" not in {s.stage for s in app.profile.stages}


async def test_a_declared_handoff_closes_the_handoff_gap(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        boundaries = await open_boundaries(app, pilot, "stages[0]")
        await press(app, pilot, "down", "down", "down", "down", "e")  # invoicing
        app.screen.query_one("#field-system", Select).value = "hubspot"
        app.screen.query_one("#boundary-ok").focus()
        await press(app, pilot, "enter")
        assert "handoff-gap" in [f.kind for f in app.analysis.findings]

        boundaries.go_to("handoffs[0]")
        await press(app, pilot, "a")  # suggests the first undeclared cross-tool step
        form = app.screen
        assert (form.query_one("#field-from", Select).value, form.query_one("#field-to", Select).value) == (
            "kickoff", "invoicing")
        to_choices = form.offered
        assert to_choices == ["delivery", "review", "invoicing", "payment"]  # only later stages
        form.query_one("#field-trigger", Input).focus()
        await pilot.press(*"Sign-off")
        await press(app, pilot, "enter")
        assert app.profile.handoffs[-1].trigger == "Sign-off"
        assert "handoff-gap" not in [f.kind for f in app.analysis.findings]
        assert boundaries.table("handoffs").current_key == "handoffs[1]"


async def test_a_duplicate_handoff_is_refused_inside_the_dialog(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_boundaries(app, pilot, "handoffs[0]")
        await press(app, pilot, "a")
        form = app.screen
        form.query_one("#field-from", Select).value = "contract"
        await pilot.pause()
        form.query_one("#field-to", Select).value = "kickoff"
        form.query_one("#field-trigger", Input).focus()
        await press(app, pilot, "enter")
        assert app.screen is form
        assert "already declared" in str(form.query_one(".boundary-dialog-error").render())
        await press(app, pilot, "escape")
        assert len(app.profile.handoffs) == 1


# ------------------------------------------------------------------ going to a finding


GO_TO = [  # each jump lands in another section than the one before (the first in a hidden pane)
    ("records[1]", "records", "records[1]"),
    ("systems[2]", "systems", "systems[2]"),
    ("records[1].owner", "records", "records[1]"),
    ("stages[1]", "stages", "stage:kickoff"),
    ("records[0].copies[0]", "records", "records[0].copies[0]"),
    ("handoffs[0]", "handoffs", "handoffs[0]"),
]


async def test_go_to_switches_section_and_focuses_the_row(studio):
    """Every jump of GO_TO, one after the other in one workbench."""
    app = TruthmapApp(paths=[studio])  # the whole workbench: the jump comes from the findings pane
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for path, section, key in GO_TO:
            app.screen.post_message(FindingsPanel.GoTo(path))  # as the findings panel does
            await settle(app, pilot)
            boundaries = editor(app)
            assert boundaries.section == section, path
            assert app.focused is boundaries.table(section), path
            assert boundaries.table(section).current_key == key, path


async def test_section_keys_go_to_the_stages_literal_text_and_the_footer(studio):
    """In one app, each from a row go_to focuses: section keys cycle through the four
    sections; going to the stages list focuses it; profile text is shown literally; the
    footer offers sync only on a copy."""
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        await section_keys_cycle_through_the_four_sections(app, pilot)  # ends on the handoffs
        await go_to_the_stages_list_focuses_it(app, pilot)
        await profile_text_is_shown_literally(app, pilot)  # ends on the systems
        await the_footer_offers_sync_only_on_a_copy(app, pilot)


async def section_keys_cycle_through_the_four_sections(app, pilot) -> None:
    boundaries = await open_boundaries(app, pilot, "systems[0]")
    seen = []
    for _ in range(4):
        await press(app, pilot, "right_square_bracket")
        seen.append(boundaries.section)
    assert seen == ["records", "stages", "handoffs", "systems"]
    await press(app, pilot, "left_square_bracket")
    assert boundaries.section == "handoffs" and app.focused is boundaries.table("handoffs")


async def go_to_the_stages_list_focuses_it(app, pilot) -> None:
    boundaries = await open_boundaries(app, pilot, "stages")
    assert boundaries.section == "stages" and app.focused is boundaries.table("stages")


async def profile_text_is_shown_literally(app, pilot) -> None:
    boundaries = await open_boundaries(app, pilot, "records[0]")
    records = table_text(boundaries.table("records"))
    assert "[red]Jon[/]␛[31m" in records  # markup as text, the escape made visible
    boundaries.go_to("systems[2]")
    await pilot.pause()
    assert "[bold]Odd[/] tool" in table_text(boundaries.table("systems"))


async def the_footer_offers_sync_only_on_a_copy(app, pilot) -> None:
    await open_boundaries(app, pilot, "records[0]")

    def shown_actions() -> set[str]:
        return {key.action for key in app.screen.query_one(Footer).keys}

    assert "choose_sync" not in shown_actions() and "add_copy" in shown_actions()
    await press(app, pilot, "down")  # the client record's copy
    assert "choose_sync" in shown_actions()
    await press(app, pilot, "down")
    assert "choose_sync" not in shown_actions()


# ------------------------------------------------------------------ literal text and reloading


async def test_an_edited_profile_saves_and_reloads_as_edited(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_boundaries(app, pilot, "records[0].copies[0]")
        await press(app, pilot, "s", "m")
        await press(app, pilot, "ctrl+s")
        assert not app.document.dirty
    reloaded = load_profile(studio).profile
    assert reloaded.records[0].copies[0].sync == "manual"
    assert reloaded.records[1].steward == "[red]Jon[/]\x1b[31m"


async def test_each_tab_counts_the_rows_with_a_finding(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(80, 24)) as pilot:
        boundaries = await open_boundaries(app, pilot, "records[0].copies[0]")
        tabs = boundaries.query_one("#boundary-sections")

        def label(section: str) -> str:
            return tabs.label(section).plain

        assert label("records") == "Records"
        await press(app, pilot, "s", "n")  # a copy nobody keeps current: high
        assert label("records") == f"Records {SEVERITY_GLYPH['high']}1"
        await press(app, pilot, "s", "o")
        assert label("records") == "Records"


async def test_going_to_a_row_of_a_hidden_pane_keeps_the_rows_above_it_in_view(tmp_path):
    path = tmp_path / "messy.toml"
    path.write_text((Path(__file__).resolve().parent.parent / "profiles" / "messy-studio.toml").read_text("utf-8"))
    app = TruthmapApp(paths=[path])
    async with app.run_test(size=(80, 24)) as pilot:  # narrow: the boundaries pane starts hidden
        await settle(app, pilot)
        app.screen.post_message(FindingsPanel.GoTo("records[2]"))
        await settle(app, pilot)
        table = editor(app).table("records")
        assert table.current_key == "records[2]" and app.focused is table
        assert table.scroll_y == 0  # the first records still show above it
        editor(app).go_to(f"records[{len(app.profile.records) - 1}]")
        await settle(app, pilot)
        assert table.scroll_y > 0  # far down: scrolled so the row shows
        assert table.cursor_row - table.scroll_y < table.scrollable_content_region.height


async def test_marks_take_their_colour_from_the_current_theme(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        boundaries = await open_boundaries(app, pilot, "records[0].copies[0]")
        await press(app, pilot, "s", "n")  # a copy nobody keeps current: high
        table = boundaries.table("records")

        def mark_colour() -> str:
            return table.get_cell("records[0].copies[0]", "mark").style.color.name.lower()

        before = mark_colour()
        assert before == app.theme_variables["text-error"].lower()
        app.theme = "textual-light"
        await settle(app, pilot)
        assert mark_colour() == app.theme_variables["text-error"].lower() != before


def test_profile_paths_find_their_rows():
    profile = Profile.model_validate({"name": "x", "systems": [{"id": "a", "name": "A", "kind": "crm"}],
                                      "stages": [{"stage": "review", "system": "a"}]})
    assert row_for_path(profile, "stages[0]") == ("stages", "stage:review", None)
    assert row_for_path(profile, "records[3].steward") == ("records", "records[3]", "steward")
    assert row_for_path(profile, "answers.friction") is None


async def test_palette_commands_reach_the_boundary_editor(tmp_path):
    from truthmap.workbench.app import TruthmapApp
    from truthmap.workbench.boundaries.editor import BoundaryEditor
    from truthmap.workbench.boundaries.dialogs import CatalogDialog
    from workbench_helpers import copy_sample, settle

    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Add a system…", "Map a kind of client data…", "Declare a handoff…", "Edit the stages"} <= titles
        await app.run_action("show_boundaries('stages')")
        await pilot.pause()
        assert app.screen.query_one(BoundaryEditor).section == "stages"
        await app.run_action("add_boundary('systems')")
        await pilot.pause()
        assert isinstance(app.screen, CatalogDialog)


async def test_text_fields_stop_at_what_a_profile_can_hold():
    from textual.app import App

    from truthmap.vocabulary import MAX_TEXT_LENGTH
    from truthmap.workbench.boundaries.dialogs import Form, FormDialog, TextField

    async with App().run_test():
        field = TextField("name", "Name", "x")
        widget = FormDialog(Form("A system", [field], lambda profile, values: profile), Profile(name="x"))._widget(field)
        assert widget.max_length == MAX_TEXT_LENGTH


def test_records_are_listed_in_lifecycle_order_custom_kinds_last():
    from truthmap.model import Copy, Record
    from truthmap.workbench.boundaries.rows import record_rows

    profile = Profile(name="order", records=[
        Record(entity="retainers"), Record(entity="invoices"), Record(entity="tasks"),
        Record(entity="contract"), Record(entity="client", copies=[Copy(system="x", sync="manual")]),
        Record(entity="lead"), Record(entity="audits"), Record(entity="tasks"),
    ])
    keys = [row.key for row in record_rows(profile)]
    assert keys == ["records[5]", "records[4]", "records[4].copies[0]", "records[3]", "records[2]",
                    "records[7]", "records[1]", "records[0]", "records[6]"]
    assert [r.entity for r in profile.records][0] == "retainers"  # the file keeps its order


async def test_a_custom_kind_is_typed_with_the_keyboard_alone(studio):
    """Chosen from the list, the new kind's Id field is the next stop for Tab, and text
    typed straight away lands in it, never lost on the choice (typed straight away,
    then with Tab first, in two forms one after the other)."""
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_boundaries(app, pilot, "records[0]")
        for tab_first, kind in ((False, "retainers"), (True, "audits")):
            await press(app, pilot, "a")
            form = app.screen
            assert app.focused is form.query_one("#field-entity", Select)
            await press(app, pilot, "enter", "end", "enter")  # the last entry: another kind of data
            assert form.query_one("#field-entity", Select).value == CUSTOM
            custom = form.query_one("#field-custom", Input)
            if tab_first:
                await press(app, pilot, "tab")
                assert app.focused is custom
            await press(app, pilot, *kind)
            assert custom.value == kind and app.focused is custom, tab_first
            await press(app, pilot, "enter")
            assert app.profile.records[-1].entity == kind, tab_first


async def test_a_hidden_section_s_table_is_filled_when_its_section_is_shown(studio):
    """Hundreds of records cost a table nobody may look at: built when first shown, then kept."""
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        editor = app.screen.query_one(BoundaryEditor)
        assert editor.section == "systems"
        assert not app.screen.query("#boundary-records")  # hidden: not made yet
        assert "Records" in editor.query_one(TabStrip).label("records").plain

        editor.show_section("records")
        await settle(app, pilot)
        records = app.screen.query_one("#boundary-records", DataTable)
        assert records.row_count > 0 and records.display
        assert not app.screen.query_one("#boundary-systems").display
        assert [row.key.value for row in records.ordered_rows][0] == "records[0]"


async def test_a_click_on_a_section_tab_shows_that_section(studio):
    app = EditorApp(paths=[studio])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        editor = app.screen.query_one(BoundaryEditor)
        strip = editor.query_one(TabStrip)
        await pilot.click(TabStrip, offset=(strip.render_line(0).text.index("Stages"), 0))
        await settle(app, pilot)
        assert editor.section == "stages" and app.focused is editor.table("stages")
        assert editor.table("stages").display and not editor.table("systems").display


def test_a_new_record_starts_as_the_first_kind_of_data_not_yet_mapped():
    from truthmap.model import Profile, Record, System
    from truthmap.workbench.boundaries.rows import first_unmapped

    assert first_unmapped(Profile(name="blank")) == "client"
    hubspot = [System(id="hubspot", name="HubSpot", kind="crm")]
    mapped = Profile(name="p", systems=hubspot, records=[Record(entity="client", owner="hubspot"),
                                                          Record(entity="lead", owner="hubspot")])
    assert first_unmapped(mapped) == "opportunity"
