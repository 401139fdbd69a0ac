"""`truthmap serve` in headless Chromium: what the browser tests and the browser benchmark share.

Chromium is Debian's (`apt-get install chromium`), driven by Playwright for
Python with `executable_path` (Playwright's own browser download is not
reachable from here); `.ci/run` installs both.

The page draws the terminal on a canvas (xterm.js with WebGL), so its text
is not in the DOM.  `TerminalView` reads it the way the page's terminal
does: a pyte screen is fed the websocket's binary frames (the bytes the
page hands xterm.js) and sized as the page asks (its "resize" messages).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
URL = re.compile(r"http://\S+")


def chromium() -> str | None:
    """Debian's Chromium, if installed."""
    return shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)


def launch(playwright):
    """A headless Chromium (Debian's), as every browser test and benchmark starts it."""
    return playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)


def loopback(url: str) -> str:
    """The same address over 127.0.0.1: tests and benchmarks reach the server there alone."""
    parts = urlsplit(url)
    return parts._replace(netloc=f"127.0.0.1:{parts.port}").geturl()


class Served:
    """`truthmap serve` as a real process: its link, its output, the app processes it started."""

    def __init__(self, command: list[str], env: dict[str, str] | None = None) -> None:
        self.command = command
        self.env = env
        self.out: list[str] = []
        self.err: list[str] = []
        self.process: subprocess.Popen | None = None
        self.start_ms = float("nan")

    def start(self, timeout: float = 30) -> str:
        """Start the server; returns the link it printed (over 127.0.0.1)."""
        began = time.perf_counter()
        self.process = subprocess.Popen(self.command, env=self.env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for stream, lines in ((self.process.stdout, self.out), (self.process.stderr, self.err)):
            threading.Thread(target=_drain, args=(stream, lines), daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.out):
                if found := URL.search(line):
                    self.start_ms = (time.perf_counter() - began) * 1000
                    return loopback(found.group(0))
            if self.process.poll() is not None:
                break
            time.sleep(0.01)
        self.stop(signal.SIGKILL)
        raise RuntimeError(f"truthmap serve printed no link: {self.out} {self.err}")

    @property
    def pid(self) -> int:
        return self.process.pid

    def apps(self) -> list[int]:
        """The app processes it runs now (its children)."""
        return children(self.pid)

    def stop(self, how: int = signal.SIGINT, timeout: float = 30) -> int:
        """Send `how` and wait for the end; returns the exit code."""
        if self.process is None:
            return 0
        if self.process.poll() is None:
            self.process.send_signal(how)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            apps = self.apps()
            self.stop(signal.SIGINT, 15)
            for pid in apps:  # never leave a workbench behind, whatever went wrong
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def _drain(stream, lines: list[str]) -> None:
    for line in stream:
        lines.append(line)


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, ...
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class TerminalView:
    """The text a served page's terminal shows, read from what its websocket receives."""

    def __init__(self, page) -> None:
        import pyte

        self.page = page
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.sockets: list = []
        self.received = 0  # binary frames so far
        page.on("websocket", self._socket)

    def _socket(self, socket) -> None:
        if not urlsplit(socket.url).path.endswith("/ws"):
            return
        self.sockets.append(socket)
        query = parse_qs(urlsplit(socket.url).query)
        self.screen.resize(int(query.get("height", ["24"])[0]), int(query.get("width", ["80"])[0]))
        socket.on("framereceived", self._received)
        socket.on("framesent", self._sent)

    def _received(self, payload) -> None:
        if isinstance(payload, (bytes, bytearray)):
            self.received += 1
            self.stream.feed(bytes(payload))

    def _sent(self, payload) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self.screen.resize(size["height"], size["width"])

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.columns, self.screen.lines

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, done: Callable[[str], bool], timeout: float = 20, what: str = "") -> str:
        """Wait (letting the page's events in) until `done(text)`; returns the text."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.text()
            if done(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"the page never showed {what or done}; it shows:\n{text}")
            self.page.wait_for_timeout(15)

    def wait_for_all(self, *markers: str, timeout: float = 20) -> str:
        return self.wait_for(lambda text: all(marker in text for marker in markers), timeout,
                             " and ".join(repr(marker) for marker in markers))
