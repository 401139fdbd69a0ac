"""Theme files: TOML tables with the fields of Textual's `Theme`, loaded at start.

Bundled themes live in the repository's `themes/` folder; a person can add
their own in the user themes folder (same format; a user theme with a
bundled name replaces it).  A broken file is reported by name and skipped:
one bad theme must never stop the workbench from opening.  The chosen theme
is remembered in the settings file.
"""

from __future__ import annotations

import re
import tomli
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

from ..paths import themes_dir, user_themes_dir
from ..settings import read_settings, update_settings
from ..storage import display_path
from ..text import visible

if TYPE_CHECKING:
    from textual.app import App

DEFAULT_THEME = "truthmap-dark"
SETTING = "theme"
MAX_THEME_BYTES = 64 * 1024
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
COLOUR_FIELDS = (
    "primary", "secondary", "accent", "warning", "error", "success",
    "foreground", "background", "surface", "panel", "boost",
)
FRACTION_FIELDS = ("luminosity_spread", "text_alpha")
FLAG_FIELDS = ("dark", "ansi")
KNOWN_FIELDS = {"name", "variables", *COLOUR_FIELDS, *FRACTION_FIELDS, *FLAG_FIELDS}


class ThemeFileError(Exception):
    """A theme file that cannot be used; the message names the file."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{display_path(path)}: {visible(problem)}")


def parse_theme(data: bytes, path: Path) -> Theme:
    """A validated Theme from the bytes of a theme file; raises ThemeFileError."""
    if len(data) > MAX_THEME_BYTES:
        raise ThemeFileError(path, "too large for a theme file")
    try:
        table = tomli.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ThemeFileError(path, "not UTF-8 text") from None
    except tomli.TOMLDecodeError as error:
        raise ThemeFileError(path, f"not valid TOML: {error}") from None
    fields = _checked_fields(table, path)
    theme = Theme(**fields)
    try:
        theme.to_color_system().generate()
    except Exception as error:  # Textual's own checks, whatever they raise
        raise ThemeFileError(path, f"Textual cannot use it: {error}") from None
    return theme


def _checked_fields(table: dict[str, Any], path: Path) -> dict[str, Any]:
    unknown = sorted(set(table) - KNOWN_FIELDS)
    if unknown:
        raise ThemeFileError(path, f"unknown key {unknown[0]!r} (known: {', '.join(sorted(KNOWN_FIELDS))})")
    name = table.get("name")
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise ThemeFileError(path, "name: expected a short lowercase name like 'my-dark' (a-z, 0-9, - and _)")
    if "primary" not in table:
        raise ThemeFileError(path, "primary: a theme needs at least a primary colour")
    fields: dict[str, Any] = {"name": name}
    for key in COLOUR_FIELDS:
        if key in table:
            fields[key] = _colour(table[key], key, path)
    for key in FLAG_FIELDS:
        if key in table:
            if not isinstance(table[key], bool):
                raise ThemeFileError(path, f"{key}: expected true or false")
            fields[key] = table[key]
    for key in FRACTION_FIELDS:
        if key in table:
            fields[key] = _fraction(table[key], key, path)
    fields["variables"] = _variables(table.get("variables", {}), path)
    return fields


def _colour(value: object, key: str, path: Path) -> str:
    if not isinstance(value, str):
        raise ThemeFileError(path, f"{key}: expected a colour string like \"#1e90ff\"")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeFileError(path, f"{key}: {value!r} is not a colour") from None
    return value


def _fraction(value: object, key: str, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ThemeFileError(path, f"{key}: expected a number from 0 to 1")
    return float(value)


def _variables(value: object, path: Path) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ThemeFileError(path, "variables: expected a table of names and values")
    for name, setting in value.items():
        if not isinstance(setting, str):
            raise ThemeFileError(path, f"variables.{name}: expected a string")
    return dict(value)


def load_theme_file(path: Path) -> Theme:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ThemeFileError(path, f"cannot be read ({error.strerror})") from None
    return parse_theme(data, path)


@dataclass(frozen=True)
class ThemeLoad:
    themes: list[Theme]
    problems: list[str]


def theme_files(problems: list[str] | None = None) -> list[Path]:
    """Bundled theme files first, then the user's, each folder sorted by name.

    A folder that cannot be read is skipped, with a line in `problems`.
    """
    found: list[Path] = []
    for folder in (themes_dir(), user_themes_dir()):
        try:
            if folder.is_dir():
                found.extend(sorted(folder.glob("*.toml")))
        except OSError as error:
            if problems is not None:
                problems.append(f"{display_path(folder)}: cannot be read ({error.strerror or error})")
    return found


def load_themes(paths: list[Path] | None = None) -> ThemeLoad:
    themes, problems = [], []
    for path in theme_files(problems) if paths is None else paths:
        try:
            themes.append(load_theme_file(path))
        except ThemeFileError as error:
            problems.append(str(error))
    return ThemeLoad(themes, problems)


# ------------------------------------------------------------ in the app


def install_themes(app: App) -> tuple[list[str], list[dict[str, Any]]]:
    """Register every theme file and apply the remembered choice, before the app runs.

    Returns the names of the themes that came from files, and what went wrong
    as `app.notify` arguments, to show once the app runs (`remember_changes`
    then keeps the choice from then on).
    """
    notices: list[dict[str, Any]] = []
    loaded = load_themes()
    for theme in loaded.themes:
        app.register_theme(theme)
    for problem in loaded.problems:
        notices.append({"message": problem, "title": "Theme file skipped", "severity": "error", "markup": False,
                        "timeout": 12})
    settings = read_settings()
    if settings.problem:
        notices.append({"message": settings.problem, "title": "Settings ignored", "severity": "warning",
                        "markup": False, "timeout": 12})
    wanted = settings.get(SETTING, DEFAULT_THEME)
    if not isinstance(wanted, str) or wanted not in app.available_themes:
        if wanted != DEFAULT_THEME:
            notices.append({"message": f"The remembered theme {visible(str(wanted))!r} is not available; "
                                       "using the default.", "severity": "warning", "markup": False})
        wanted = DEFAULT_THEME if DEFAULT_THEME in app.available_themes else app.theme
    app.theme = wanted
    return list(dict.fromkeys(theme.name for theme in loaded.themes)), notices


def remember_changes(app: App) -> None:
    """From now on, a theme the person picks is remembered (call once the app runs:
    a signal takes subscribers from running nodes only)."""
    app.theme_changed_signal.subscribe(app, lambda theme: remember_theme(app, theme.name))


def remember_theme(app: App, name: str) -> None:
    settings = read_settings()
    if not settings.readable:
        app.notify(f"Could not remember the theme: {settings.problem}", severity="warning", markup=False)
        return
    if settings.get(SETTING, DEFAULT_THEME) == name:
        return  # already remembered (or the default): nothing to write
    try:
        update_settings(**{SETTING: name})
    except OSError as error:
        where = display_path(error.filename) if error.filename else "the settings file"
        app.notify(f"Could not remember the theme in {where}: {error.strerror or error}", severity="warning",
                   markup=False)
