"""`truthmap serve` in a real browser: headless Chromium (Debian's) driven by Playwright.

One browser for the module.  The page draws the terminal on a canvas, so
what it shows is read by `benchmarks.served.TerminalView` from what its
websocket receives.  The server is reached over 127.0.0.1 alone.

Keys a browser keeps for itself (ctrl+n, ctrl+t, ctrl+w, ctrl+tab) never
reach a page, and Playwright's keys are synthetic events, which never
trigger the browser's own shortcuts: what this test types is what a person
typing into the page sends.

"Export report…" in a served tab arrives as the browser's download (Textual's
deliver_text; the page opens the download in a new tab, whose download
Playwright catches), and the HTML report prints to PDF (page.pdf(), read back
with pypdf) with its summary on the first page.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit
import re
import signal
import time
import unicodedata

import pytest

from benchmarks.served import Served, TerminalView, chromium, launch, running
from installed import truthmap_command
from truthmap.recovery import read_recovery
from workbench_helpers import copy_sample, recovery_copies

SUMMARY_WORDS = ("Summary", "Recommendation: PM-first.", "Today:", "Workflow health", "Most pressing problems")

FIRST_FRAME = ("Fit (0-100)", "Boundaries F8", "^p palette")
# The narrow layout's tab strip (a notification may cover its right end for a few seconds).
ONE_PANE_TABS = re.compile(r"Questions\s+Matrix\s+Findings\s+Bo")


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
        import pypdf  # noqa: F401
        import pyte  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed (pip install -e '.[test]')"
    if chromium() is None:
        return "Chromium is not installed (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser():
    if problem := _missing():
        if os.environ.get("CI"):
            pytest.fail(f"the browser test must run in CI: {problem}")
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def _session(browser, url: str, width: int = 1400, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    view = TerminalView(page)
    # Requests to any other host (textual-serve's page links a Google font): each must be
    # stopped in the browser by the server's content policy, never sent.
    page.elsewhere, page.stopped = [], set()
    page.on("request", lambda request: urlsplit(request.url).hostname in ("127.0.0.1", None)
            or page.elsewhere.append(request.url))
    page.on("requestfailed", lambda request: request.failure == "csp" and page.stopped.add(request.url))
    page.goto(url)
    view.wait_for_all(*FIRST_FRAME, timeout=30)
    return page, view


def _until(page, done, what: str, timeout: float = 15.0):
    for _ in range(int(timeout * 1000 / 50)):
        if result := done():
            return result
        page.wait_for_timeout(50)
    raise AssertionError(f"never: {what}")


def test_a_whole_served_session_in_chromium(browser, isolated_home):
    """Under --public (the token rides in the page's cookie to its files and websocket):
    answer, save, palette, the one-pane layout, a closed tab's recovery copy, ctrl+c."""
    profile = copy_sample(isolated_home / "profiles", as_name="client.toml")
    with Served([truthmap_command(), "serve", "client", "--port", "0", "--public"], dict(os.environ)) as served:
        url = served.start()
        token = url.split("token=", 1)[1]
        page, view = _session(browser, url)
        assert "client.toml" in view.text()  # `serve PROFILE` opened that profile
        assert set(page.elsewhere) <= page.stopped, "the page sent a request to another host"
        (app,) = served.apps()

        # Click into the terminal, answer the first question, save.
        page.click("#terminal", position={"x": 120, "y": 120})
        page.keyboard.press("F5")
        page.keyboard.press("Delete")
        page.keyboard.type("42")
        view.wait_for_all("42▏")
        page.keyboard.press("Control+s")
        _until(page, lambda: "inquiries_per_month = 42\n" in profile.read_text(encoding="utf-8"),
               "the answer saved to the profile file")

        page.keyboard.press("Control+p")
        view.wait_for_all("Search for commands", "Maximize the focused widget")  # Textual's own words
        page.keyboard.press("Escape")
        view.wait_for(lambda text: "Search for commands" not in text, what="the palette closed")

        page.set_viewport_size({"width": 760, "height": 480})
        text = view.wait_for(lambda text: ONE_PANE_TABS.search(text) and "Matrix F6" not in text,
                             what="the one-pane layout (its tab strip, one pane)")
        assert view.size[0] < 110 and "Questions F5" in text, text

        # Unsaved work, then the tab closes: its app ends and the work stays as a recovery copy.
        page.keyboard.press("Delete")
        page.keyboard.type("7")
        view.wait_for_all("7▏")
        page.close()
        _wait_gone(app)
        copies = recovery_copies(profile.resolve())
        assert copies, "no recovery copy of the closed tab's unsaved work"
        kept = [read_recovery(copy).profile.answers.inquiries_per_month for copy in copies]
        assert 7 in kept, kept

        # A second tab, then ctrl+c on the server: it stops and so does the tab's app.
        page, view = _session(browser, url)
        (second,) = served.apps()
        assert served.stop(signal.SIGINT) == 0
        _wait_gone(second)
        page.close()
    assert sum(line.count(token) for line in served.out) == 1  # the link, printed once
    assert not any(token in line for line in served.err), "the token reached the access log"


def test_an_exported_report_arrives_as_a_download_and_prints_to_pdf(browser, isolated_home, tmp_path):
    """Ctrl+E, then H: the HTML report comes to the browser, never onto the server's disk;
    printed to PDF it reads as the report, its summary on the first page."""
    from pypdf import PdfReader

    profile = copy_sample(isolated_home / "profiles", as_name="client.toml")
    with Served([truthmap_command(), "serve", "client", "--port", "0", "--public"], dict(os.environ)) as served:
        page, view = _session(browser, served.start())
        page.click("#terminal", position={"x": 120, "y": 120})
        page.keyboard.press("Control+e")
        view.wait_for_all("Export report", "HTML")
        # The page opens the download's address in a new tab; Playwright reports it on this page.
        with page.expect_download(timeout=30_000) as caught:
            page.keyboard.press("h")
        download = caught.value
        assert download.suggested_filename == "client-report.html"
        report = tmp_path / download.suggested_filename
        download.save_as(report)
        view.wait_for_all("client-report.html")  # the tab says where it went
        page.close()
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Studio Nord — today" in html
    assert sorted(p.name for p in profile.parent.iterdir()) == ["client.toml"]  # nothing written on the server

    printer = browser.new_page()
    printer.set_content(html)
    pdf = tmp_path / "report.pdf"
    printer.pdf(path=str(pdf), format="A4", print_background=True)
    printer.close()
    # As read back: ligatures (the "fi" of "PM-first") made plain letters again, and spaces one.
    pages = [" ".join(unicodedata.normalize("NFKC", page.extract_text() or "").split())
             for page in PdfReader(pdf).pages]
    assert len(pages) > 2
    first = pages[0]
    assert "Studio Nord — today" in first
    for words in SUMMARY_WORDS:
        assert words in first, (words, first)


def _wait_gone(pid: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while running(pid):
        assert time.monotonic() < deadline, f"app process {pid} still runs"
        time.sleep(0.05)
