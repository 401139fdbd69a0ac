"""Issue 20 (12): the browser and the compare screen share the width they have, so names are
not cut with room to spare, and at 80 columns the file names stay readable."""

from __future__ import annotations

import shutil

import pytest
from textual.app import App
from textual.widgets import DataTable

from truthmap.storage import load_profile
from truthmap.workbench.files.browser import BrowserScreen
from truthmap.workbench.files.compare_screen import CompareScreen, sources_for
from workbench_helpers import SAMPLES, screen_text

WIDE, NARROW = (120, 40), (80, 24)


class Host(App):
    def __init__(self, screen) -> None:
        super().__init__()
        self.shown = screen

    def on_mount(self) -> None:
        self.push_screen(self.shown)


@pytest.fixture
def folder(tmp_path):
    for sample in sorted(SAMPLES.glob("*.toml")):
        shutil.copyfile(sample, tmp_path / sample.name)
    return tmp_path


def names(folder) -> dict[str, str]:
    return {path.name: load_profile(path).profile.name for path in sorted(folder.glob("*.toml"))}


async def show(screen, size):
    app = Host(screen)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = screen.query_one(DataTable)
        rows = {key.value: [str(cell) for cell in table.get_row(key)] for key in table.rows}
        return rows, screen_text(app), table.virtual_size.width, table.size.width


async def test_the_browser_shows_whole_names_and_files_at_120_columns(folder):
    rows, text, _, _ = await show(BrowserScreen(folder, on_open=print, on_compare=print), WIDE)
    for file, name in names(folder).items():
        assert name in text and file in text, (name, file)
        assert "…" not in "".join(rows[str(folder / file)])


async def test_at_80_columns_the_browser_s_file_column_is_readable_and_nothing_scrolls_sideways(folder):
    rows, text, virtual, visible = await show(BrowserScreen(folder, on_open=print, on_compare=print), NARROW)
    assert virtual <= visible
    for file, name in names(folder).items():
        cells = rows[str(folder / file)]
        shown_file, shown_name = cells[-1], cells[1]
        head, _, tail = shown_file.partition("…")
        assert shown_file == file or (len(shown_file) >= 14 and file.startswith(head) and file.endswith(tail)
                                      and tail.endswith(".toml")), shown_file
        assert shown_name == name or (len(shown_name) >= 16 and name.startswith(shown_name[:-1])), shown_name
        assert shown_file in text and shown_name in text
    assert "Today" not in text.splitlines()[3]  # its column makes way; the detail line says it
    assert "Today: " in text


def app_header(rows, text: str) -> str:
    """The two header lines of the compare table (file names, then profile names)."""
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[3:5])


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_compare_uses_the_width_for_names_and_row_labels(folder, size):
    paths = [folder / "delivery-heavy-studio.toml", folder / "hybrid-agency.toml"]
    rows, text, virtual, visible = await show(CompareScreen(sources_for(paths)), size)
    labels = [cells[1] for cells in rows.values()]
    if size == WIDE:
        assert "Northwind Creative — hybrid plan" in text
        assert not [label for label in labels if "…" in label], "a row label cut at 120 columns"
        assert "Record in a conversation tool" in labels
    else:
        assert virtual <= visible  # two profiles fit 80 columns without scrolling sideways
        assert not [label for label in labels if "…" in label and len(label) < 32], "a row label cut short"
        assert "Record in a conversation tool" in labels
        header = str(app_header(rows, text))
        assert "deliver…" in header and "studio.toml" in header and "hybrid-agency.toml" in header  # cut mid-name


async def test_two_files_alike_but_for_their_end_stay_apart_at_80_columns(tmp_path):
    for name in ("three-person-studio.toml", "three-person-studio-target.toml"):
        shutil.copyfile(SAMPLES / "messy-studio.toml", tmp_path / name)
    rows, text, _, _ = await show(BrowserScreen(tmp_path, on_open=print, on_compare=print), NARROW)
    files = [cells[-1] for cells in rows.values()]
    assert len(set(files)) == 2 and any("target.toml" in file for file in files), files
