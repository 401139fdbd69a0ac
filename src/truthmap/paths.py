"""Where bundled and user files live.

Sample profiles and themes sit at the top of a checkout (`profiles/`,
`themes/`) and are copied into the wheel as `truthmap/_bundled/...`, so they
are found both when running from a checkout and after `pip install .`.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
APP_NAME = "truthmap"
DEFAULT_SAMPLE = "messy-studio.toml"
HOME_VARIABLE = "TRUTHMAP_HOME"  # one folder for everything of the user's (tests, portable use)


def _home(part: str) -> Path | None:
    home = os.environ.get(HOME_VARIABLE)
    return Path(home) / part if home else None


def _bundled(folder: str) -> Path:
    installed = _PACKAGE / "_bundled" / folder
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / folder  # a source checkout: src/truthmap -> repo root


def samples_dir() -> Path:
    return _bundled("profiles")


def themes_dir() -> Path:
    return _bundled("themes")


def sample_profiles() -> list[Path]:
    return sorted(samples_dir().glob("*.toml"))


def default_sample() -> Path:
    return samples_dir() / DEFAULT_SAMPLE


def user_profiles_dir() -> Path:
    if home := _home("profiles"):
        return home
    from platformdirs import user_documents_path

    return user_documents_path() / APP_NAME


def user_config_dir() -> Path:
    if home := _home("config"):
        return home
    from platformdirs import user_config_path

    return user_config_path(APP_NAME)


def user_themes_dir() -> Path:
    return user_config_dir() / "themes"


def user_state_dir() -> Path:
    if home := _home("state"):
        return home
    from platformdirs import user_state_path

    return user_state_path(APP_NAME)


def recovery_dir() -> Path:
    return user_state_dir() / "recovery"


def home_problem() -> str | None:
    """What to set, in one line, when the user's folders have nowhere to be; None: they have.

    Without TRUTHMAP_HOME they live in the home folder, which a container may
    lack (HOME unset and no passwd entry): platformdirs then raises RuntimeError.
    """
    try:
        user_profiles_dir(), user_config_dir(), user_state_dir()
    except RuntimeError:
        return f"truthmap: no home folder; set HOME or {HOME_VARIABLE}"
    return None


def downloads_dir() -> Path:
    """Where the palette's Screenshot is saved: Downloads, as Textual does, or without a
    home folder to hold one TRUTHMAP_HOME (the workbench starts only with one of the two)."""
    from platformdirs import user_downloads_path

    try:
        return user_downloads_path()
    except RuntimeError:
        return Path(os.environ.get(HOME_VARIABLE) or ".")


def hide_folders(text: str, folders: dict[Path, str]) -> str:
    """`text` with each folder's files named alone and the folder itself by its label.

    A tab served with --public shows its notifications to a visitor, who
    knows the profiles by name; the serving machine's folders are not theirs
    to see ("Saved /srv/me/profiles/a.toml" becomes "Saved a.toml").
    """
    for folder, label in folders.items():
        for spelled in dict.fromkeys((str(folder), os.path.realpath(folder))):
            text = text.replace(spelled.rstrip(os.sep) + os.sep, "").replace(spelled, label)
    return text
