"""The browser section: `truthmap serve` started, then its first complete frame in headless Chromium.

Each round starts the server afresh (the time until it prints its link is
the server's start), opens the link in a new tab and waits until the page's
terminal shows the same markers as the tmux start-up figure.  The budget:
twice the terminal's first frame (measured here too, in tmux, in the same
rounds) plus the server's start.
"""

from __future__ import annotations

import importlib.util
import shutil
import statistics
import time
from pathlib import Path

from . import measures
from .report import Figure, Table
from .served import Served, TerminalView, chromium, launch

VIEWPORT = {"width": 1082, "height": 730}  # about 120x40 cells at the page's 16px font, as in tmux


def browser(table: Table, work: Path, *, quick: bool) -> None:
    table.section("browser: `truthmap serve` to the first complete frame in headless Chromium (median)")
    missing = [name for name in ("playwright", "pyte", "textual_serve") if importlib.util.find_spec(name) is None]
    if missing or chromium() is None:
        what = ", ".join(missing) if missing else "chromium"
        table.info(f"skipped: {what} not installed (pip install -e '.[test]'; apt-get install chromium)")
        return
    if not shutil.which("tmux"):
        table.info("skipped: tmux is not installed (the budget is set by the terminal's first frame)")
        return
    from playwright.sync_api import sync_playwright

    rounds = 1 if quick else 5
    command = [measures.PY, "-m", "truthmap", "serve", str(measures.HYBRID), "--port", "0"]
    starts, frames, terminal = [], [], []
    size = None
    with sync_playwright() as playwright:
        chromium_browser = launch(playwright)
        try:
            for _ in range(rounds):  # in turn with the terminal's: drifting load falls on both
                terminal.append(measures._median_frame("truthmap", [measures.PY, "-m", "truthmap",
                                                                    str(measures.HYBRID)],
                                                       measures.TRUTHMAP_MARKERS, 1)[0])
                with Served(command, measures._env()) as served:
                    url = served.start()
                    page = chromium_browser.new_page(viewport=VIEWPORT)
                    view = TerminalView(page)
                    began = time.perf_counter()
                    page.goto(url)
                    view.wait_for_all(*measures.TRUTHMAP_MARKERS, timeout=60)
                    frames.append((time.perf_counter() - began) * 1000)
                    starts.append(served.start_ms)
                    size = view.size
                    page.close()
        finally:
            chromium_browser.close()
    start, frame, term = statistics.median(starts), statistics.median(frames), statistics.median(terminal)
    table.info(f"server start (until its link is printed): {start:.0f} ms; page opened to first frame: "
               f"{frame:.0f} ms, at {size[0]}x{size[1]} cells; terminal's first frame (tmux, 120x40): {term:.0f} ms")
    table.add(Figure("serve started -> first frame in the browser", start + frame, "ms", 2 * term + start,
                     f"2 x {term:.0f} ms (terminal's first frame) + {start:.0f} ms (server start)"))
