"""Profile text in the dialogs' text fields never reaches the terminal raw (issue 17, point 6).

Every Input and TextArea pre-filled from a profile (the name and notes of
ctrl+r, the path of save-as, each text field of the boundary editor's forms,
and the names a field suggests) shows control characters as visible
stand-ins, and what the person saves keeps the original characters: a field
left as it was saves the original exactly, an edited one keeps the
characters around the edit.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, TextArea

from truthmap.editing import details_problem
from truthmap.workbench.boundaries.dialogs import FormDialog
from truthmap.workbench.dialogs.questions import PathInputScreen, ProfileDetailsScreen
from truthmap.workbench.widgets.field_text import FieldText
from workbench_helpers import EditorApp, record_notifications, screen_text, settle

TITLE = "Acme\x1b]2;PWNED\x1b\\"  # sets the terminal's title
CLIPBOARD = "Tool\x1b]52;c;SGVsbG8=\x07"  # fills the clipboard (OSC 52)
NUL = "Dana\x00(sales)"
BIDI = "Jon\u202e(ops)"  # reads right to left from here
HOSTILE = {"title": TITLE, "clipboard": CLIPBOARD, "nul": NUL, "bidi": BIDI}


def raw_controls(text: str) -> list[str]:
    """Control and format characters in `text`: what must never be shown raw."""
    return [char for char in text if unicodedata.category(char) in ("Cc", "Cf") and char != "\n"]


def assert_safe_on_screen(app: App) -> None:
    dialog = app.screen
    for field in dialog.query(Input):
        assert not raw_controls(field.value), field.id
    for area in dialog.query(TextArea):
        assert not raw_controls(area.text), area.id
    shown = screen_text(app)
    assert not raw_controls(shown)
    assert "␛]2;PWNED␛\\" in shown or "␛]52;c;SGVsbG8=␇" in shown or "␀" in shown or "<U+202E>" in shown


class Host(App):
    """Shows one dialog and keeps what it returns."""

    def __init__(self, dialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


# ------------------------------------------------------------------ name and notes (ctrl+r, new profile)


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
async def test_name_and_notes_show_stand_ins_and_save_the_original(value):
    notes = f"{value}\nand a second line {value}"
    app = Host(ProfileDetailsScreen("Name and notes", "", value, notes, check=details_problem))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert_safe_on_screen(app)
        await pilot.press("enter")  # in the name: saves both fields as they are
    assert app.results == [(value, notes)]


async def test_an_edited_name_keeps_the_characters_it_came_with():
    app = Host(ProfileDetailsScreen("Name and notes", "", TITLE, BIDI, check=details_problem))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("end", "space", "2", "tab", "end", "!")  # the name, then the notes
        assert_safe_on_screen(app)
        await pilot.click("#details-ok")
    assert app.results == [(TITLE + " 2", BIDI + "!")]


async def test_a_name_at_the_length_limit_whose_stand_ins_are_longer_can_still_be_edited():
    name = "\u202e" * 20 + "a" * 180  # 200 characters, shown as 340
    app = Host(ProfileDetailsScreen("Name and notes", "", name, None, check=details_problem))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("end", "backspace", "b")
        await pilot.press("enter")
    assert app.results == [(name[:-1] + "b", "")]


async def test_ctrl_r_in_the_workbench_shows_the_profile_s_name_safely(tmp_path):
    app = EditorApp(paths=[hostile_profile(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        before = app.profile
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ProfileDetailsScreen)
        assert_safe_on_screen(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.profile == before and not app.document.dirty


# ------------------------------------------------------------------ save as


@pytest.mark.parametrize("value", [TITLE, CLIPBOARD, BIDI], ids=["title", "clipboard", "bidi"])
async def test_the_path_field_shows_stand_ins_and_keeps_the_file_name(tmp_path, value):
    default = tmp_path / f"{value}.toml"
    app = Host(PathInputScreen("Save profile as", "Where?", default, base=tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert_safe_on_screen(app)
        await pilot.press("enter")
    assert app.results == [default]


# ------------------------------------------------------------------ the boundary editor's forms

TEXT_FORMS = {  # row: (section, its text fields)
    "systems[0]": ("systems", ["name"]),
    "records[0]": ("records", ["custom", "steward"]),
    "stages[0]": ("stages", ["owner"]),
    "handoffs[0]": ("handoffs", ["trigger", "owner"]),
}


def toml(text: str) -> str:
    return json.dumps(text)  # a JSON string with \\u escapes is a TOML basic string


def hostile_profile(folder: Path, value: str = TITLE) -> Path:
    path = folder / "hostile.toml"
    path.write_text(f"""\
schema = 1
name = {toml(value)}
notes = {toml(CLIPBOARD)}

[[systems]]
id = "crm"
name = {toml(value)}
kind = "crm"

[[records]]
entity = "client"
owner = "crm"
steward = {toml(value)}

[[stages]]
stage = "contract"
system = "crm"
owner = {toml(value)}

[[stages]]
stage = "kickoff"
system = "crm"

[[handoffs]]
from = "contract"
to = "kickoff"
trigger = {toml(value)}
owner = {toml(value)}
""", encoding="utf-8")
    return path


async def test_every_boundary_form_shows_stand_ins_and_saves_unchanged(tmp_path):
    """Each text field of each form holds every hostile value at once (one profile, one app:
    the forms are the same code whatever the characters, and each kind of character still
    meets each field, beside the others)."""
    app = EditorApp(paths=[hostile_profile(tmp_path, "".join(HOSTILE.values()))])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        before = app.profile
        for row, (section, fields) in TEXT_FORMS.items():
            app.screen.query_one("BoundaryEditor").go_to(row)
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, FormDialog), row
            assert {field.id for field in app.screen.query(Input)} == {f"field-{key}" for key in fields}
            assert_safe_on_screen(app)
            await pilot.click("#boundary-ok")
            await settle(app, pilot)
            assert not isinstance(app.screen, FormDialog), row
            assert app.profile == before, row
        assert not app.document.dirty


async def test_an_edited_system_name_keeps_its_characters(tmp_path):
    app = EditorApp(paths=[hostile_profile(tmp_path, CLIPBOARD)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.query_one("BoundaryEditor").go_to("systems[0]")
        await pilot.pause()
        await pilot.press("e", "end", "backspace", "x")  # the last stand-in (␇) becomes x
        assert_safe_on_screen(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.profile.systems[0].name == CLIPBOARD[:-1] + "x"


async def test_a_suggested_person_is_shown_safely_and_saved_as_they_are(tmp_path):
    app = EditorApp(paths=[hostile_profile(tmp_path, CLIPBOARD)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.query_one("BoundaryEditor").go_to("stages[1]")  # kickoff: no owner yet
        await pilot.pause()
        await pilot.press("e", "tab", "t")  # the owner field; "t" suggests "Tool…"
        await pilot.pause()
        assert not raw_controls(screen_text(app))
        assert "␛]52;c;SGVsbG8=␇" in screen_text(app)
        await pilot.press("right", "enter")  # take the suggestion, save
        await settle(app, pilot)
        assert [s.owner for s in app.profile.stages if s.stage == "kickoff"] == [CLIPBOARD]


async def test_the_editor_s_messages_name_a_system_safely(tmp_path):
    app = EditorApp(paths=[hostile_profile(tmp_path, TITLE)])
    async with app.run_test(size=(120, 40)) as pilot:
        told = record_notifications(app)
        await settle(app, pilot)
        app.screen.query_one("BoundaryEditor").go_to("systems[0]")
        await pilot.pause()
        await pilot.press("d", "y")  # remove it
        await settle(app, pilot)
        assert told and not raw_controls(" ".join(told))
        assert "␛]2;PWNED␛\\" in told[-1]


# ------------------------------------------------------------------ the way back, exactly


@pytest.mark.parametrize("original, edit, saved", [
    ("a\x1bb", lambda s: s, "a\x1bb"),
    ("a\x1bb", lambda s: s + "c", "a\x1bbc"),
    ("a\x1bb", lambda s: "c" + s, "ca\x1bb"),
    ("a\x1b\u241bb", lambda s: s + "!", "a\x1b\u241bb!"),  # an ESC and a real ␛: each comes back as itself
    ("a b", lambda s: s + "\u241b", "a b\u241b"),  # a ␛ typed is a ␛
    ("x\u202ey", lambda s: s.replace("202E", "202"), "x<U+202>y"),  # a stand-in edited is text
    ("\x00x\x00", lambda s: s.replace("x", "yz"), "\x00yz\x00"),
])
def test_a_field_gives_back_the_original_characters(original, edit, saved):
    field = FieldText(original)
    assert field.read(edit(field.shown)) == saved
