"""The findings list on its own, in a small host app: keys, mouse, lines cut to
the width, the note past the listed findings, and the message when there are none."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from truthmap.analysis import analyze
from truthmap.storage import load_profile
from truthmap.workbench.panes.findings_panel import MAX_SHOWN, FindingDetail, FindingsPanel, FindingsView

SAMPLES = Path(__file__).resolve().parent.parent / "profiles"


def sample(name: str = "messy-studio.toml"):
    profile = load_profile(SAMPLES / name).profile
    return profile, analyze(profile)


class Host(App):
    AUTO_FOCUS = None  # the list is focused by each test, as F7 does

    def __init__(self, name: str = "messy-studio.toml") -> None:
        super().__init__()
        self.profile, self.analysis = sample(name)
        self.jumps: list[str] = []

    def compose(self) -> ComposeResult:
        view = FindingsView()
        view.profile, view.analysis = self.profile, self.analysis
        yield view

    def on_findings_panel_go_to(self, message: FindingsPanel.GoTo) -> None:
        self.jumps.append(message.path)


class ListHost(Host):
    def compose(self) -> ComposeResult:
        panel = FindingsPanel()
        panel.profile, panel.analysis = self.profile, self.analysis
        yield panel


def shown(panel: FindingsPanel) -> list[str]:
    return [panel.render_line(y).text for y in range(panel.scrollable_content_region.height)]


async def test_keys_move_the_highlight_round_the_ends_and_page_by_the_height():
    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        panel = app.query_one(FindingsPanel)
        count = len(panel.findings)
        assert count > 8 and panel.highlighted is None
        panel.focus()
        await pilot.pause()
        assert panel.highlighted == 0  # Enter works the first time the list is focused
        await pilot.press("down", "down")
        assert panel.highlighted == 2
        await pilot.press("home", "up")
        assert panel.highlighted == count - 1  # round the top to the last
        assert panel.scroll_y > 0
        await pilot.press("down")
        assert panel.highlighted == 0 and panel.scroll_y == 0
        height = panel.scrollable_content_region.height  # the full finding below it takes more or less room
        await pilot.press("pagedown")
        assert panel.highlighted == height
        await pilot.press("end")
        assert panel.highlighted == count - 1
        height = panel.scrollable_content_region.height
        await pilot.press("pageup")
        assert panel.highlighted == count - 1 - height


async def test_the_highlighted_finding_stays_in_view_and_is_shown_in_full():
    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        panel = app.query_one(FindingsPanel)
        panel.focus()
        await pilot.press("end")
        await pilot.pause()
        last = panel.line_count - 1
        top = panel.scroll_y
        assert top <= last < top + panel.scrollable_content_region.height
        detail = app.query_one(FindingDetail)
        assert detail.display and detail.finding == panel.findings[-1]
        assert panel.findings[-1].message.split()[0] in detail.render().plain


async def test_enter_and_a_click_go_to_the_finding():
    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        panel = app.query_one(FindingsPanel)
        panel.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.jumps == [panel.findings[1].target]
        await pilot.click(FindingsPanel, offset=(3, 2))
        await pilot.pause()
        assert panel.highlighted == 2
        assert app.jumps == [panel.findings[1].target, panel.findings[2].target]


async def test_lines_are_cut_to_the_width_with_an_ellipsis():
    app = Host()
    async with app.run_test(size=(24, 20)) as pilot:
        panel = app.query_one(FindingsPanel)
        await pilot.pause()
        lines = shown(panel)
        width = panel.scrollable_content_region.width
        assert all(len(line) == width for line in lines)
        assert any(line.rstrip().endswith("…") for line in lines)
        assert lines[0].startswith(panel.line(0).plain[:5])


async def test_past_the_listed_findings_a_line_counts_the_rest():
    app = Host()
    async with app.run_test(size=(80, 20)) as pilot:
        panel = app.query_one(FindingsPanel)
        finding = panel.findings[0]
        many = tuple(finding._replace(message=f"{finding.message} {n}") for n in range(MAX_SHOWN + 7))
        panel.analysis = app.analysis._replace(findings=many)
        await pilot.pause()
        assert len(panel.findings) == MAX_SHOWN and panel.hidden == 7
        assert panel.line_count == MAX_SHOWN + 1
        assert "and 7 more" in panel.line(MAX_SHOWN).plain
        panel.focus()
        await pilot.press("end")
        assert panel.highlighted == MAX_SHOWN - 1  # the note is never highlighted
        assert any("and 7 more" in line for line in shown(panel))


async def test_no_findings_is_said_in_a_wrapped_message():
    app = Host("hybrid-agency.toml")
    async with app.run_test(size=(30, 10)) as pilot:
        panel = app.query_one(FindingsPanel)
        await pilot.pause()
        assert panel.findings == () and panel.line_count > 1
        text = " ".join(line.strip() for line in shown(panel))
        assert "Nothing to fix" in text and "…" not in text
        panel.focus()
        await pilot.press("down", "enter")
        assert panel.highlighted is None and app.jumps == []


async def test_moving_in_a_scrolled_list_repaints_the_old_and_new_lines():
    """What the terminal shows after the moves equals the list drawn afresh:
    no line keeps a highlight it lost, none misses the one it gained."""
    app = ListHost()  # the list alone: the full finding below it would repaint the screen anyway
    async with app.run_test(size=(60, 12)) as pilot:
        panel = app.query_one(FindingsPanel)
        panel.focus()
        await pilot.press("end")
        await pilot.pause()
        assert panel.scroll_y > 0
        await pilot.press("up", "up")
        await pilot.pause()
        shown = app.export_screenshot()
        panel.refresh()
        await pilot.pause()
        assert app.export_screenshot() == shown


async def test_the_message_of_no_findings_is_wrapped_again_when_a_scrollbar_takes_a_column():
    app = Host("hybrid-agency.toml")
    async with app.run_test(size=(24, 3)) as pilot:
        panel = app.query_one(FindingsPanel)
        await pilot.pause()
        await pilot.pause()
        width = panel.scrollable_content_region.width
        assert panel.line_count > 3 and width < 24  # a scrollbar is shown
        assert all(panel.line(index).cell_length < width for index in range(panel.line_count))
        assert "cleanly" in " ".join(panel.line(index).plain for index in range(panel.line_count))
