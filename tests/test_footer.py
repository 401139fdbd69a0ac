"""The footer follows the keys of what has focus, and rebuilds only when they change."""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button

from truthmap.workbench.widgets.footer import Footer


class Left(Button):
    BINDINGS = [Binding("a", "noop", "Add")]


class Right(Button):
    BINDINGS = [Binding("d", "noop", "Remove")]


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Left("left", id="left")
        yield Right("right", id="right")
        yield Footer()


def _keys(app) -> set[str]:
    return {key.description for key in app.query_one(Footer).keys}


async def test_footer_shows_the_keys_of_the_focused_widget_and_skips_needless_rebuilds():
    app = Host()
    async with app.run_test() as pilot:
        footer = app.query_one(Footer)
        composed = []
        original = footer.render

        def counting_render():
            composed.append(1)
            return original()

        footer.render = counting_render
        app.query_one("#left").focus()
        await pilot.pause()
        await pilot.pause()
        assert "Add" in _keys(app) and "Remove" not in _keys(app)

        app.query_one("#right").focus()
        await pilot.pause()
        await pilot.pause()
        assert "Remove" in _keys(app) and "Add" not in _keys(app)

        before = len(composed)
        for _ in range(5):  # nothing it shows changes: no rebuild
            app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert len(composed) == before
        assert "Remove" in _keys(app)


class Counter(App[None]):
    BINDINGS = [Binding("a", "add", "Add"), Binding("x", "nothing", "Never", show=True)]

    def __init__(self) -> None:
        super().__init__()
        self.added = 0

    def compose(self) -> ComposeResult:
        yield Footer()

    def action_add(self) -> None:
        self.added += 1

    def check_action(self, action: str, parameters) -> bool | None:
        return None if action == "nothing" else True  # shown, but greyed out


async def test_the_footer_draws_one_line_and_a_click_on_a_key_presses_it():
    app = Counter()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        line = footer.render().plain
        assert line.startswith(" a Add  x Never ") and line.endswith("▏^p palette ") and len(line) == 60
        assert [key.enabled for key in footer.keys] == [True, False, True]

        await pilot.click(Footer, offset=(2, 0))  # on "a"
        await pilot.pause()
        assert app.added == 1
        await pilot.click(Footer, offset=(9, 0))  # on the greyed-out "x Never": nothing happens
        await pilot.pause()
        assert app.added == 1

        await pilot.hover(Footer, offset=(3, 0))
        await pilot.pause()
        assert footer.tooltip == "Add"


class Crowded(App[None]):
    BINDINGS = [Binding(key, f"noop('{key}')", words) for key, words in  # one key an action, as shown
                (("a", "Add"), ("e", "Edit"), ("d", "Remove"), ("r", "Rename"), ("s", "Sync"))]

    def action_noop(self, key: str) -> None:
        pass

    def compose(self) -> ComposeResult:
        yield Footer()


async def test_keys_that_do_not_fit_are_left_out_whole_never_cut_mid_word():
    async with Crowded().run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        footer = pilot.app.query_one(Footer)
        keys, palette = footer.render().plain.split("▏")
        assert keys.rstrip() == " a Add  e Edit  d Remove" and len(keys) == 28  # "r Rename" left out whole
        assert palette == "^p palette "
        assert footer.spans[-1].key.description == "palette" and footer.spans[-1].start == 29  # after the border
        # The mouse finds exactly the keys drawn, where they are drawn; none for "r Rename".
        shown = [(span.start, span.end, span.key.key) for span in footer.spans[:-1]]
        assert shown == [(0, 3, "a"), (3, 7, "a"), (7, 10, "e"), (10, 15, "e"), (15, 18, "d"), (18, 25, "d")]
