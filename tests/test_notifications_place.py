"""Issue 20 (10): notifications never cover the verdict line (nor the footer under it)."""

from __future__ import annotations

import pytest

from truthmap.workbench.app import TruthmapApp
from truthmap.workbench.panes.verdict_bar import verdict
from workbench_helpers import copy_sample, screen_text, settle


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_notifications_stack_above_the_verdict_line(tmp_path, size):
    app = TruthmapApp([copy_sample(tmp_path)])
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(app, pilot)
        width = size[0]
        line = verdict(app.analysis).truncate(width - 2, ellipsis=True).plain.strip()
        for number in range(3):
            app.notify(f"Notification {number}: " + "a long line that wraps " * 4, markup=False, timeout=30)
        await pilot.pause()
        await pilot.pause()
        rows = [row for row in screen_text(app).splitlines() if row.strip()]
        assert "Notification 2" in "".join(rows)  # they show...
        assert rows[-2].strip() == line, rows[-3:]  # ...and the verdict line stays whole under them
        assert "Notification" not in rows[-1]  # and the footer
