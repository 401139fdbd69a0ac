"""SVG snapshots of the evidence screen (F9) once a check has run: the files picked, the
summary and the pairs of the first band, at 120x40 and at 80x24 (where the pairs keep
their room)."""

from __future__ import annotations

import pytest

from evidence_workbench import check_studio, studio
from truthmap.workbench.app import TruthmapApp
from workbench_helpers import settle


@pytest.fixture
def evidence_app(tmp_path, disk_check_by_hand):
    profile, _ = studio(tmp_path)
    return lambda: TruthmapApp([profile])


async def _checked(pilot) -> None:
    await settle(pilot.app, pilot)
    await check_studio(pilot.app, pilot)


def test_evidence_screen_with_pairs(snap_compare, evidence_app):
    assert snap_compare(evidence_app(), terminal_size=(120, 40), run_before=_checked)


def test_evidence_screen_with_pairs_at_80x24(snap_compare, evidence_app):
    assert snap_compare(evidence_app(), terminal_size=(80, 24), run_before=_checked)
