"""F9 in a browser tab (`truthmap serve --public`, headless Chromium): the key reaches the
workbench, the exports of the profiles folder are picked and checked, and a path outside
that folder is refused, since a shared session must not read the serving machine's disk."""

from __future__ import annotations

import os
import signal

from evidence_workbench import studio
from installed import truthmap_command
from test_serve_browser import _session, browser  # noqa: F401 - the module's one browser
from benchmarks.served import Served


def test_f9_checks_the_exports_in_a_served_tab(browser, isolated_home):  # noqa: F811
    studio(isolated_home / "profiles")
    with Served([truthmap_command(), "serve", "studio", "--port", "0", "--public"], dict(os.environ)) as served:
        page, view = _session(browser, served.start())
        page.click("#terminal", position={"x": 120, "y": 120})
        page.keyboard.press("F9")
        view.wait_for_all("Check the map against", "enter picks one")
        page.keyboard.press("Enter")
        view.wait_for_all("Export of HubSpot", "hubspot-companies.csv")
        page.keyboard.press("End")
        page.keyboard.press("Control+u")
        # Typed once the field shows empty: under load, characters typed before it did
        # were once seen lost (the field read "sswd"), which this test is not about.
        view.wait_for(lambda text: _field(text) == "", what="the path field cleared")
        page.keyboard.type("/etc/passwd")
        view.wait_for(lambda text: _field(text) == "/etc/passwd", what="the path typed")
        page.keyboard.press("Enter")
        view.wait_for_all("This shared session reads exports from")
        page.keyboard.press("Escape")
        view.wait_for(lambda text: "Export of HubSpot" not in text, what="the dialog closed")
        page.keyboard.press("Enter")
        view.wait_for_all("Export of HubSpot")
        page.keyboard.press("Enter")  # the file proposed in the profiles folder's exports/
        view.wait_for_all("name = Company name")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        view.wait_for_all("Export of Trello")
        page.keyboard.press("Enter")
        view.wait_for_all("name = Client")
        page.keyboard.press("r")
        view.wait_for_all("Same client (", "To review (", "Only in one tool (")
        assert served.stop(signal.SIGINT) == 0
        page.close()


def _field(text: str) -> str:
    """What the open dialog's one-line input shows: the line under its top edge (▊▔…)."""
    lines = text.splitlines()
    top = max(index for index, line in enumerate(lines) if "\u258a\u2594" in line)
    return lines[top + 1].split("\u258a", 1)[1].split("\u258e", 1)[0].strip()
