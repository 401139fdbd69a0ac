"""The swimlane map screen: opens on F2, steps through marks, follows edits, shows text literally."""

from __future__ import annotations

from textual.widgets import Static

from truthmap.model import Copy
from truthmap.storage import dump_profile, load_profile
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.screens.map_screen import MapScreen
from truthmap.workbench.widgets.swimlane_view import SwimlaneCanvas
from workbench_helpers import copy_sample, settle

WIDE, SMALL = (120, 40), (80, 24)


def screen_text(canvas: SwimlaneCanvas) -> str:
    """What the canvas shows right now, line by line."""
    return "\n".join(canvas.render_line(y).text for y in range(canvas.size.height))


def info(app) -> str:
    return str(app.screen.query_one("#map-info", Static).content)


async def run_palette_command(app, pilot, words: str) -> None:
    """Open the command palette, type `words`, run the best match."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)


async def open_map(app, pilot) -> SwimlaneCanvas:
    await settle(app, pilot)
    await pilot.press("f2")
    await settle(app, pilot)
    assert isinstance(app.screen, MapScreen)
    return app.screen.query_one(SwimlaneCanvas)


async def test_the_map_of_a_sample(tmp_path):
    """In one workbench, each on a map opened afresh with F2 (and left with Escape): F2
    opens the map of the open profile and Escape returns; Tab steps through marks and
    explains the selected one; the selected mark is highlighted where it is drawn;
    clicking a marked chip selects its mark; the command palette steps through marks
    too; Enter goes to the profile item behind the mark; then the map follows an edit
    while it is open, and the same mark stays selected when an edit shifts the records."""
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        main = app.screen
        for step in (f2_opens_the_map_of_the_open_profile_and_escape_returns,
                     tab_steps_through_marks_and_explains_the_selected_one,
                     the_selected_mark_is_highlighted_where_it_is_drawn,
                     clicking_a_marked_chip_selects_its_mark,
                     the_command_palette_steps_through_marks_too,
                     enter_goes_to_the_profile_item_behind_the_mark,
                     the_map_follows_an_edit_while_it_is_open,
                     the_same_mark_stays_selected_when_an_edit_shifts_the_records):
            canvas = await open_map(app, pilot)
            await step(app, pilot, canvas)
            if app.screen is not main:
                await pilot.press("escape")
                await settle(app, pilot)
            assert app.screen is main, step.__name__


async def f2_opens_the_map_of_the_open_profile_and_escape_returns(app, pilot, canvas) -> None:
    shown = screen_text(canvas)
    for words in ("HubSpot", "Google Sheets", "Nobody", "≈ Client", "✕ Client", "? Scope", "░",
                  "★ recommended", "Fit with your answers"):
        assert words in shown
    assert app.focused is canvas
    map_screen = app.screen
    await pilot.press("escape")
    assert app.screen is not map_screen and not isinstance(app.screen, MapScreen)


async def tab_steps_through_marks_and_explains_the_selected_one(app, pilot, canvas) -> None:
    count = len(canvas.drawing.marks)
    assert f"{count} problems marked" in info(app)
    await pilot.press("tab")
    first = canvas.selected_mark
    assert first is not None and first.finding.message in info(app)
    assert f"(1/{count}," in info(app)
    await pilot.press("tab")
    assert canvas.selected_mark is canvas.drawing.marks[1]
    await pilot.press("shift+tab", "shift+tab")
    assert canvas.selected_mark is canvas.drawing.marks[-1]  # wraps around
    assert "not drawn on the map" in info(app)  # the last ones are not about one place


async def the_selected_mark_is_highlighted_where_it_is_drawn(app, pilot, canvas) -> None:
    await pilot.press("tab")
    index = canvas.selected
    x, y, width = canvas.drawing.regions[index][0]
    before = canvas.render_line(y - int(canvas.scroll_y))
    lit = [seg for seg in before.crop(x - int(canvas.scroll_x), x - int(canvas.scroll_x) + width)]
    selected_style = canvas.get_component_rich_style("swimlane--selected", partial=True)
    assert lit and all(seg.style.bgcolor == selected_style.bgcolor for seg in lit)
    await pilot.press("tab")
    after = canvas.render_line(y - int(canvas.scroll_y)).crop(x, x + width)
    assert not all(seg.style.bgcolor == selected_style.bgcolor for seg in after)


async def clicking_a_marked_chip_selects_its_mark(app, pilot, canvas) -> None:
    index = next(i for i, m in enumerate(canvas.drawing.marks) if m.kind == "conflicting-owners")
    assert canvas.selected != index
    x, y, _ = canvas.drawing.regions[index][0]
    await pilot.click(canvas, offset=(x + 2, y))
    await pilot.pause()
    assert canvas.selected == index
    assert "Two owners" in info(app)


async def the_command_palette_steps_through_marks_too(app, pilot, canvas) -> None:
    screen = app.screen
    assert canvas.selected_mark is None
    await run_palette_command(app, pilot, "next mark")
    assert app.screen is screen
    assert canvas.selected == 0


async def enter_goes_to_the_profile_item_behind_the_mark(app, pilot, canvas) -> None:
    main = next(screen for screen in reversed(app.screen_stack) if not isinstance(screen, MapScreen))
    visited = []
    main.go_to = visited.append
    try:
        await pilot.press("tab")
        target = canvas.selected_mark.finding.target
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is main
        assert visited == [target]
    finally:
        del main.go_to  # the screen's own again


async def the_map_follows_an_edit_while_it_is_open(app, pilot, canvas) -> None:
    def client_copy_in_trello_duplicated() -> bool:
        return any(m.kind == "duplication" and m.lane == "trello" and m.entity == "client"
                   for m in canvas.drawing.marks)

    assert client_copy_in_trello_duplicated()
    assert "○ Client" not in screen_text(canvas)
    profile = app.document.profile
    records = [
        r.model_copy(update={"copies": [Copy(system=c.system, sync="one-way") for c in r.copies]})
        for r in profile.records
    ]
    app.apply_profile(profile.model_copy(update={"records": records}))
    await settle(app, pilot)
    assert not client_copy_in_trello_duplicated()
    assert "○ Client" in screen_text(canvas)


async def the_same_mark_stays_selected_when_an_edit_shifts_the_records(app, pilot, canvas) -> None:
    while canvas.selected_mark is None or canvas.selected_mark.kind != "conflicting-owners":
        await pilot.press("tab")
    chosen = canvas.selected_mark
    profile = app.document.profile
    assert profile.records[0].entity == "lead"
    app.apply_profile(profile.model_copy(update={"records": profile.records[1:]}))
    await settle(app, pilot)
    assert canvas.selected_mark is not chosen  # a new analysis, other paths …
    assert canvas.selected_mark.finding.target != chosen.finding.target
    assert canvas.selected_mark.finding.message == chosen.finding.message  # … the same problem
    assert chosen.finding.message in info(app)


async def test_at_80x24_the_map_scrolls_and_a_mark_below_is_brought_into_view(tmp_path):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=SMALL) as pilot:
        canvas = await open_map(app, pilot)
        assert canvas.drawing.width <= canvas.size.width
        assert canvas.virtual_size.height > canvas.size.height
        await pilot.press("pagedown")
        assert canvas.scroll_y > 0
        await pilot.press("home")
        assert canvas.scroll_y == 0
        located = [i for i, spots in enumerate(canvas.drawing.regions) if spots]
        lowest = max(located, key=lambda i: max(y for _, y, _ in canvas.drawing.regions[i]))
        for _ in range(lowest + 1):
            await pilot.press("tab")
        await pilot.pause()
        top = min(y for _, y, _ in canvas.drawing.regions[lowest])
        assert canvas.scroll_y <= top < canvas.scroll_y + canvas.size.height


async def test_profile_text_on_the_map_is_literal(tmp_path):
    profile = load_profile(copy_sample(tmp_path)).profile
    systems = [s.model_copy(update={"name": "[bold]x[/]\x1b[2J"}) if s.id == "hubspot" else s
               for s in profile.systems]
    path = tmp_path / "markup.toml"
    path.write_text(dump_profile(profile.model_copy(update={"systems": systems})), encoding="utf-8")
    app = TruthmapApp([path])
    async with app.run_test(size=WIDE) as pilot:
        canvas = await open_map(app, pilot)
        shown = screen_text(canvas)
        assert "[bold]x[/]␛[2J" in shown
        assert "\x1b" not in shown


async def test_the_selected_mark_is_lit_where_the_canvas_placed_it_after_an_emoji():
    """A run is measured a character at a time, as the canvas placed it: Rich measures
    "❤️" (a heart and a variation selector) one cell wider as a whole."""
    from textual.app import App, ComposeResult

    from truthmap.analysis.types import Finding
    from truthmap.swimlane import Mark
    from truthmap.swimlane_draw import Drawing

    mark = Mark(Finding("gap", "low", "m", "f", "r"))
    drawing = Drawing(((("a\u2764\ufe0fb", "owned"), ("c", "owned")),), 4, (mark,), (((3, 0, 1),),))

    class Host(App):
        def compose(self) -> ComposeResult:
            yield SwimlaneCanvas()

    app = Host()
    async with app.run_test(size=(20, 3)) as pilot:
        canvas = app.query_one(SwimlaneCanvas)
        canvas.show(lambda width: drawing)
        canvas.step(1)
        await pilot.pause()
        lit = canvas.rich_style + canvas.get_component_rich_style("swimlane--owned") \
            + canvas.get_component_rich_style("swimlane--selected")
        segments = list(canvas.render_line(0))
        assert [segment.text for segment in segments if segment.style == lit] == ["c"]
