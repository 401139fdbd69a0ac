"""Theme files, their validation, and remembering the chosen theme."""

from __future__ import annotations

import tomllib

import pytest

from truthmap.paths import themes_dir, user_config_dir, user_themes_dir
from truthmap.settings import read_settings, settings_path, update_settings
from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.themes import DEFAULT_THEME, ThemeFileError, load_themes, parse_theme
from workbench_helpers import record_notifications

GOOD = """\
name = "my-sea"
dark = true
primary = "#2a9d8f"
accent = "rgb(233, 196, 106)"
background = "#0b1d26"

[variables]
footer-key-foreground = "#e9c46a"
"""


def write_user_theme(name: str, text: str):
    folder = user_themes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


async def started(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


# ------------------------------------------------------------------ parsing


def test_bundled_themes_include_dark_light_and_high_contrast():
    loaded = load_themes(sorted(themes_dir().glob("*.toml")))
    assert loaded.problems == []
    themes = {theme.name: theme for theme in loaded.themes}
    assert {"truthmap-dark", "truthmap-light", "truthmap-contrast"} <= set(themes)
    assert themes["truthmap-dark"].dark and themes["truthmap-contrast"].dark
    assert not themes["truthmap-light"].dark
    assert themes["truthmap-contrast"].text_alpha == 1.0


def test_a_good_theme_file_becomes_a_textual_theme(tmp_path):
    theme = parse_theme(GOOD.encode(), tmp_path / "sea.toml")
    assert theme.name == "my-sea"
    assert theme.accent == "rgb(233, 196, 106)"
    assert theme.variables == {"footer-key-foreground": "#e9c46a"}


@pytest.mark.parametrize(("text", "complaint"), [
    ("name = 'x'\nprimary = '#fff'\nprimery = '#000'\n", "unknown key 'primery'"),
    ("name = 'x'\nprimary = 'not-a-colour'\n", "primary: 'not-a-colour' is not a colour"),
    ("name = 'x'\n", "needs at least a primary colour"),
    ("name = 'Has Spaces'\nprimary = '#fff'\n", "name:"),
    ("name = 'x'\nprimary = '#fff'\ndark = 'yes'\n", "dark: expected true or false"),
    ("name = 'x'\nprimary = '#fff'\ntext_alpha = 2\n", "text_alpha: expected a number from 0 to 1"),
    ("name = 'x'\nprimary = '#fff'\nvariables = { border = 3 }\n", "variables.border: expected a string"),
    ("name = 'x'\nprimary = [\n", "not valid TOML"),
])
def test_broken_theme_files_are_refused_with_the_reason_and_file(tmp_path, text, complaint):
    path = tmp_path / "broken.toml"
    with pytest.raises(ThemeFileError) as raised:
        parse_theme(text.encode(), path)
    assert complaint in str(raised.value)
    assert str(path) in str(raised.value)


def test_undecodable_theme_file_is_refused(tmp_path):
    with pytest.raises(ThemeFileError, match="not UTF-8"):
        parse_theme(b"name = '\xff'", tmp_path / "bytes.toml")


# ------------------------------------------------------------------ in the app


async def test_user_theme_registers_and_is_offered_in_the_palette():
    write_user_theme("sea.toml", GOOD)
    app = TruthmapApp(paths=[])
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert "my-sea" in app.available_themes
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Theme: my-sea" in titles and "Theme: truthmap-light" in titles
        assert app.theme == DEFAULT_THEME


async def test_broken_theme_file_is_reported_by_name_and_the_app_still_runs():
    broken = write_user_theme("broken.toml", "name = 'oops'\nprimary = 'chartreuse-ish'\n")
    write_user_theme("sea.toml", GOOD)
    app = TruthmapApp(paths=[])
    messages = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert any(str(broken) in message and "not a colour" in message for message in messages)
        assert "oops" not in app.available_themes
        assert "my-sea" in app.available_themes  # one bad file does not stop the others
        assert app.theme == DEFAULT_THEME


async def test_theme_choice_is_remembered_across_runs():
    first = TruthmapApp(paths=[])
    async with first.run_test(size=(80, 24)) as pilot:
        await started(first, pilot)
        first.theme = "truthmap-light"
        await pilot.pause()
        await pilot.pause()
    assert tomllib.loads(settings_path().read_text())["theme"] == "truthmap-light"

    second = TruthmapApp(paths=[])
    async with second.run_test(size=(80, 24)) as pilot:
        await started(second, pilot)
        assert second.theme == "truthmap-light"


async def test_broken_settings_file_is_ignored_with_a_notice():
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("theme = [unclosed\n", encoding="utf-8")
    app = TruthmapApp(paths=[])
    told = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert app.theme == DEFAULT_THEME
        assert any("settings.toml" in note and "using defaults" in note for note in told)


async def test_a_remembered_theme_that_is_gone_falls_back_to_the_default():
    update_settings(theme="vanished")
    app = TruthmapApp(paths=[])
    told = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert app.theme == DEFAULT_THEME
        assert any("vanished" in note for note in told)


# ------------------------------------------------------------------ settings


def test_settings_update_keeps_other_keys_and_lives_in_the_config_folder(isolated_home):
    update_settings(recent=["a.toml"])
    update_settings(theme="truthmap-contrast")
    assert settings_path().parent == user_config_dir()
    assert str(settings_path()).startswith(str(isolated_home))
    assert read_settings().values == {"recent": ["a.toml"], "theme": "truthmap-contrast"}
    assert not list(settings_path().parent.glob("*.tmp"))  # written atomically, no leftovers


def test_missing_settings_file_means_defaults():
    settings = read_settings()
    assert settings.values == {} and settings.problem is None


async def test_the_ansi_themes_draw_the_boundaries_and_the_other_screens(tmp_path):
    """Textual's ANSI themes name colours like "ansi_red", which Rich cannot parse: the boundary
    editor's section badges, coloured by severity, once stopped the app dead on such a theme."""
    from truthmap.workbench.widgets.tab_strip import TabStrip
    from workbench_helpers import copy_sample, settle

    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f8")
        await settle(app, pilot)
        strip = app.screen.query_one("#boundary-editor").query_one(TabStrip)
        for theme in ("ansi-light", "ansi-dark"):
            app.theme = theme
            await pilot.pause()
            assert "▲" in strip.label("records").plain, theme  # the badge, in the theme's colour
        for key in ("f2", "f3", "f1"):  # the map, the models and help draw in it too
            await pilot.press(key)
            await settle(app, pilot)
            await pilot.press("escape")
            await settle(app, pilot)
        await pilot.press("f8", "down")
        await settle(app, pilot)
        assert app.focused is not None and app.is_running


def test_every_theme_s_severity_colours_become_rich_styles():
    """The badges' colours come from the theme's variables: every theme the palette offers
    (Textual's own included) gives a colour Rich can draw."""
    from textual.app import App

    from truthmap.workbench.boundaries.editor import severity_style
    from truthmap.workbench.boundaries.rows import SEVERITY_COLOUR

    app = App()
    for theme in load_themes().themes:
        app.register_theme(theme)
    for name, theme in app.available_themes.items():
        variables = theme.to_color_system().generate()
        for severity in SEVERITY_COLOUR:
            assert severity_style(variables, severity).color is not None, (name, severity)
