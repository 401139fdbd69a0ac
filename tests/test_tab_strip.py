"""The one-widget tab row, alone in a small host app."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from truthmap.workbench.widgets.tab_strip import TabStrip


class Host(App):
    def __init__(self, labels: dict[str, str | Text]) -> None:
        super().__init__()
        self.labels = labels
        self.clicked: list[str] = []

    def compose(self) -> ComposeResult:
        yield TabStrip(self.labels, next(iter(self.labels)))

    def on_tab_strip_activated(self, event: TabStrip.Activated) -> None:
        self.clicked.append(event.name)
        event.strip.active = event.name  # the owner shows the tab, as the workbench's do


LABELS = {"one": "One", "two": "Two", "three": "Three"}


async def test_a_click_on_a_tab_makes_it_active_and_says_which():
    app = Host(LABELS)
    async with app.run_test(size=(40, 4)) as pilot:
        strip = app.query_one(TabStrip)
        assert strip.active == "one"
        # Tabs are " One ", " Two ", " Three " from the left: cell 6 is in "Two".
        await pilot.click(TabStrip, offset=(6, 0))
        assert app.clicked == ["two"] and strip.active == "two"
        await pilot.click(TabStrip, offset=(30, 0))  # past the last tab
        assert app.clicked == ["two"] and strip.active == "two"


async def test_the_underline_marks_the_active_label():
    app = Host(LABELS)
    async with app.run_test(size=(40, 4)) as pilot:
        strip = app.query_one(TabStrip)
        strip.active = "two"
        await pilot.pause()
        labels, bar = strip.render_line(0).text, strip.render_line(1).text
        start = labels.index("Two")
        assert bar[start - 1] == "╸" and bar[start + 3] == "╺"
        assert set(bar[start:start + 3]) == {"━"} and len(bar) == 40


async def test_labels_are_shown_literally_and_can_change():
    app = Host({"a": "[b]bold?[/b]", "b": Text("B")})
    async with app.run_test(size=(40, 4)) as pilot:
        strip = app.query_one(TabStrip)
        assert "[b]bold?[/b]" in strip.render_line(0).text
        strip.set_label("b", Text("B ▲2"))
        await pilot.pause()
        assert "B ▲2" in strip.render_line(0).text
        assert strip.label("b").plain == "B ▲2"


async def test_the_tab_under_the_mouse_is_drawn_as_bright_as_the_active_one():
    app = Host(LABELS)
    async with app.run_test(size=(40, 4)) as pilot:
        strip = app.query_one(TabStrip)

        def colour_of(word: str):
            return next(s.style.color for s in strip.render_line(0) if word in s.text)

        assert colour_of("Two") != colour_of("One")  # dimmed beside the active tab
        await pilot.hover(TabStrip, offset=(6, 0))
        assert colour_of("Two") == colour_of("One")
        await pilot.hover(TabStrip, offset=(35, 3))  # off the tabs
        assert colour_of("Two") != colour_of("One")
