"""Shared helpers for the Pilot tests of profile files (not a test module)."""

from __future__ import annotations

import shutil
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "profiles"


async def settle(app, pilot) -> None:
    """Wait for analysis, loading and recovery workers, never for a flow waiting on a dialog."""
    for _ in range(3):
        busy = [w for w in app.workers if w.group != "files" and not w.is_finished]
        if busy:
            await app.workers.wait_for_complete(busy)
        await pilot.pause()


def copy_sample(folder: Path, name: str = "messy-studio.toml", as_name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (as_name or name)
    shutil.copyfile(SAMPLES / name, target)
    return target


async def press(app, pilot, *keys: str) -> None:
    """Press keys, then let whatever they started finish."""
    await pilot.press(*keys)
    await settle(app, pilot)


async def apply_edit(app, pilot, profile):
    """Make `profile` the app's profile the way a widget would, and wait for the results."""
    app.apply_profile(profile)
    await settle(app, pilot)
    return profile


def recovery_copies(original: Path | None) -> list[Path]:
    """Every recovery copy of `original` on disk, whichever window wrote it."""
    from truthmap.paths import recovery_dir
    from truthmap.recovery import recovery_file

    single = recovery_file(original)
    return sorted(p for p in recovery_dir().glob(f"{single.stem}*.toml")
                  if p.name == single.name or p.name.startswith(f"{single.stem}."))
