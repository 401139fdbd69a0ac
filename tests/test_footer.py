"""The footer follows the keys of what has focus, and rebuilds only when they change."""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button

from truthmap.workbench.footer import Footer


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
    from textual.widgets._footer import FooterKey

    return {key.description for key in app.query(FooterKey)}


async def test_footer_shows_the_keys_of_the_focused_widget_and_skips_needless_rebuilds():
    app = Host()
    async with app.run_test() as pilot:
        footer = app.query_one(Footer)
        composed = []
        original = footer.compose

        def counting_compose():
            composed.append(1)
            return original()

        footer.compose = counting_compose
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
