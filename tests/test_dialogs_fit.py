"""Issue 20 (16): every dialog fits the terminal at 80x24 (and 120x40) with its buttons in view.

A long message scrolls inside the dialog; the title and the buttons never
leave the screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Button, Input, OptionList

from truthmap.workbench.boundaries.dialogs import CatalogDialog, ConfirmDialog, FormDialog
from truthmap.workbench.dialogs.questions import Choice, ChoiceScreen, PathInputScreen, ProfileDetailsScreen
from workbench_helpers import EditorApp, settle

SIZES = [(80, 24), (120, 40)]
LONG = " ".join(["Unsaved work on “Studio Nord” (studio-nord.toml in /home/someone/Documents/truthmap/profiles)."] * 6)
COLLISIONS = "Both changed these:\n" + "\n".join(f"  • answer team_size: yours {n}, the file's {n + 1}" for n in range(6))


def dialogs() -> dict[str, object]:
    return {
        "choice": lambda: ChoiceScreen("Unsaved changes", "“Studio” has changes that are not saved. Save them?",
                                       [Choice("save", "Save", "primary", "s"), Choice("discard", "Discard", key="d"),
                                        Choice("cancel", "Cancel", key="c")]),
        "long choice": lambda: ChoiceScreen("Unsaved work was found", LONG,
                                            [Choice("restore", "Restore", "primary", "r"),
                                             Choice("keep", "Keep it for later", key="k"),
                                             Choice("discard", "Discard it", key="d")]),
        "stacked": lambda: ChoiceScreen("The file changed since this work was kept", f"{LONG}\n{COLLISIONS}",
                                        [Choice("merge-mine", "Merge, mine win", key="m"),
                                         Choice("merge", "Merge, the file's win", key="f"),
                                         Choice("save-as", "Save as…", key="a"), Choice("keep", "Keep it", key="k")],
                                        stacked=True),
        "new profile": lambda: ChoiceScreen("New profile", "A template maps every record and stage the way that "
                                            "model does. Blank starts with nothing mapped.",
                                            [Choice(str(n), f"Model {n} template", key=str(n)) for n in (1, 2, 3)]
                                            + [Choice("blank", "Blank profile", key="b"),
                                               Choice("cancel", "Cancel", key="c")], stacked=True),
        "save as": lambda: PathInputScreen("Save profile as", "Where should “Studio Nord” be saved?",
                                           Path("/home/someone/Documents/truthmap/profiles/studio-nord.toml"),
                                           base=Path("/home/someone/Documents/truthmap/profiles")),
        "name the new profile": lambda: ProfileDetailsScreen(
            "Name the new profile", "A client, a studio, or a plan such as “Hybrid next year”.", "", "",
            action_label="Create"),
        "rename with notes": lambda: ProfileDetailsScreen("Name and notes", "", "Studio Nord",
                                                          "\n".join(f"note line {n}" for n in range(12))),
    }


class Host(App):
    def __init__(self, make) -> None:
        super().__init__()
        self.make = make

    def on_mount(self) -> None:
        self.push_screen(self.make())


def assert_in_view(screen, frame_selector: str, size: tuple[int, int]) -> None:
    frame = screen.query_one(frame_selector)
    width, height = size
    assert frame.region.right <= width and frame.region.bottom <= height and frame.region.y >= 0, frame.region
    inside = frame.region.shrink(frame.styles.gutter)
    parts = [*screen.query(Button), *screen.query(Input), *screen.query(OptionList)]
    parts += list(screen.query(".dialog-title, .boundary-dialog-title"))
    assert parts
    for part in parts:
        if part.display and part.styles.display != "none" and part.region.area:
            assert inside.contains_region(part.region), (part, part.region, inside)


@pytest.mark.parametrize("size", SIZES)
async def test_every_question_fits_with_its_buttons_in_view(size):
    """Each dialog of `dialogs()` in turn, shown and closed again in one app per size."""
    app = App()
    async with app.run_test(size=size) as pilot:
        for name, make in dialogs().items():
            dialog = make()
            app.push_screen(dialog)
            await pilot.pause()
            await pilot.pause()
            assert app.screen is dialog, name
            assert_in_view(app.screen, ".dialog-box", size)
            app.pop_screen()


async def test_a_long_message_scrolls_inside_the_dialog():
    app = Host(dialogs()["long choice"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        body = app.screen.query_one(".dialog-body")
        assert body.max_scroll_y > 0
        await pilot.press("tab")  # a message too long for the room is a stop of its own, read with the arrows
        while app.focused is not body:
            await pilot.press("tab")
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y


STUDIO = """\
schema = 1
name = "Boundary test studio"

[[systems]]
id = "hubspot"
name = "HubSpot"
kind = "crm"

[[systems]]
id = "trello"
name = "Trello"
kind = "pm"

[[records]]
entity = "client"
owner = "hubspot"
steward = "Dana (sales)"
copies = [{ system = "trello", sync = "one-way" }]

[[stages]]
stage = "contract"
system = "hubspot"

[[stages]]
stage = "kickoff"
system = "trello"

[[handoffs]]
from = "contract"
to = "kickoff"
trigger = "Deal marked won"
"""


BOUNDARY_DIALOGS = [  # the row, the key that opens the dialog, the dialog
    ("systems[0]", "a", CatalogDialog),
    ("systems[0]", "e", FormDialog),
    ("records[0]", "a", FormDialog),
    ("records[0]", "e", FormDialog),
    ("records[0]", "delete", ConfirmDialog),
    ("handoffs[0]", "a", FormDialog),
]


@pytest.mark.parametrize("size", SIZES)
async def test_every_boundary_dialog_fits_with_its_buttons_in_view(tmp_path, size):
    """Each dialog of BOUNDARY_DIALOGS in turn, opened and closed with Escape (nothing
    changed) in one app per size."""
    from truthmap.workbench.boundaries.editor import BoundaryEditor

    studio = tmp_path / "studio.toml"
    studio.write_text(STUDIO, encoding="utf-8")
    app = EditorApp(paths=[studio])
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        editor_screen = app.screen
        for path, keys, kind in BOUNDARY_DIALOGS:
            editor_screen.query_one(BoundaryEditor).go_to(path)
            await pilot.pause()
            await pilot.press(keys)
            await settle(app, pilot)
            assert isinstance(app.screen, kind), (path, keys)
            assert_in_view(app.screen, ".boundary-dialog", size)
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen is editor_screen and not app.document.dirty, (path, keys)
