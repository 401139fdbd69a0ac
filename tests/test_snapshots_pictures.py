"""SVG snapshots of the swimlane map and the reference-model view on the messy sample."""

from __future__ import annotations

import pytest

from truthmap.workbench.app import TruthmapApp
from workbench_helpers import settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def opened_with(*keys: str):
    """A run_before that waits for the analysis, then presses `keys`, settling after each."""

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_swimlane_map(snap_compare, size):
    assert snap_compare(TruthmapApp(), terminal_size=size, run_before=opened_with("f2"))


@pytest.mark.parametrize("size", SIZES)
def test_swimlane_map_with_a_mark_selected(snap_compare, size):
    assert snap_compare(TruthmapApp(), terminal_size=size, run_before=opened_with("f2", "tab", "tab", "tab"))


@pytest.mark.parametrize("size", SIZES)
def test_reference_view_recommended_model(snap_compare, size):
    assert snap_compare(TruthmapApp(), terminal_size=size, run_before=opened_with("f3"))


@pytest.mark.parametrize("size", SIZES)
def test_reference_view_hybrid(snap_compare, size):
    assert snap_compare(TruthmapApp(), terminal_size=size, run_before=opened_with("f3", "3"))
