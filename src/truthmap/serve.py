"""`truthmap serve`: the workbench in a browser, one app process per tab.

A shell over the command line, like the workbench: textual-serve runs the
same workbench command (`python -m truthmap PROFILE`) for every browser tab
that connects, and relays the screen and the keys over a websocket.

Why an extra (`pip install 'truthmap[web]'`): textual-serve brings aiohttp,
jinja2 and their compiled parts (multidict, yarl, frozenlist, propcache...),
which the terminal workbench and the report commands never use.  The base
install stays lean; `truthmap serve` without the extra says which one to
install, in one line (exit 2).  Nothing else in truthmap imports this
module's web parts: textual-serve and aiohttp are imported by `serve` alone.

Who gets in:

- Bound to 127.0.0.1 by default.  There, a request must name a loopback host
  (a web page elsewhere cannot reach the server through a name of its own
  that resolves to 127.0.0.1), and the websocket must come from the page
  itself (its Origin is the server).
- Any other host needs `--public`.  Then every request needs the random
  token printed with the URL: in the query (`?token=...`, the link) or in
  the cookie the page gets with it (which is how the page's own static
  files, websocket and downloads carry it; the page's script builds the
  websocket address itself, so the token cannot ride in its query).  No
  token, no page, no files, no websocket: 403.  The access log writes the
  path with the token blanked, and no Referer.
- Under `--public` the app process is told (`TRUTHMAP_SERVED=public`): the
  workbench then opens and saves files only in the profiles folder.

Keys a browser keeps: xterm.js, which draws the terminal in textual-serve's
page, turns every key it can into terminal input and cancels the browser's
own use of it (preventDefault), so F5 and ctrl+r reach the workbench instead
of reloading the page.  Chromium keeps ctrl+n, ctrl+t, ctrl+w, ctrl+tab (and
their shift forms) for itself whatever a page does; no truthmap action is
bound to one of them, so none needs a second key.  Textual's own text field
deletes a word with ctrl+w: in a browser that closes the tab, and the work
stays in its recovery copy.

Stopping: ctrl+c (or SIGTERM) asks each app process to quit, as closing its
tab does (its recovery copy stays), waits for them, then stops the server.
"""

from __future__ import annotations

import asyncio
import hmac
import importlib.util
import ipaddress
import logging
import os
import secrets
import shlex
import signal
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

SERVED_VARIABLE = "TRUTHMAP_SERVED"  # set for the app processes: "local" or "public"
LOCAL, PUBLIC = "local", "public"
TOKEN_PARAMETER = "token"
EXTRA = "web"
LOOPBACK_NAMES = ("localhost",)
QUIT_WAIT = 10.0  # seconds the app processes get to quit once the server is asked to stop

log = logging.getLogger("truthmap.serve")


def served() -> str | None:
    """In an app process started by `truthmap serve`: LOCAL or PUBLIC; else None."""
    value = os.environ.get(SERVED_VARIABLE)
    return value if value in (LOCAL, PUBLIC) else None


def missing_extra() -> str | None:
    """One line naming the extra to install when textual-serve is missing; None: it is there."""
    if importlib.util.find_spec("textual_serve") is None:
        return (f"truthmap serve: needs the optional web part; install it with "
                f"pip install 'truthmap[{EXTRA}]'")
    return None


def is_loopback(host: str) -> bool:
    """True for names and addresses of this machine alone (127.0.0.0/8, ::1, localhost)."""
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command(profile: Path | None) -> str:
    """The shell command each tab runs: this Python's workbench, on `profile` when given."""
    words = [sys.executable, "-m", "truthmap"] + ([str(profile)] if profile else [])
    return "exec " + shlex.join(words)  # exec: the app is the shell's process, not its child


def shown_url(host: str, port: int, token: str | None) -> str:
    """The address to print: a wildcard host shows as this machine's name."""
    if host in ("", "0.0.0.0", "::"):
        host = socket.gethostname()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/" + (f"?{TOKEN_PARAMETER}={token}" if token else "")


def serve(profile: Path | None, host: str, port: int, public: bool, *, title: str = "truthmap") -> int:
    """Serve the workbench until ctrl+c; returns the exit code.  OSError: cannot listen."""
    configure_logging()
    os.environ[SERVED_VARIABLE] = PUBLIC if public else LOCAL  # inherited by every app process
    server = _make_server(app_command(profile), host, port, secrets.token_urlsafe(24) if public else None, title)
    return asyncio.run(server.run())


def content_policy(host: str) -> str:
    """A page of this server loads and connects to this server only (its websocket included)."""
    return ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws://{host} wss://{host}; "
            "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


def _make_server(command: str, host: str, port: int, token: str | None, title: str):
    """The textual-serve Server, with the guard, the access log and the shutdown truthmap needs."""
    import aiohttp_jinja2
    from aiohttp import web
    from aiohttp.abc import AbstractAccessLogger
    from textual_serve.server import Server

    class AccessLog(AbstractAccessLogger):
        """Method, path with the token blanked, status: no Referer, no cookie."""

        def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
            url = request.rel_url
            if TOKEN_PARAMETER in url.query:
                url = url.update_query({TOKEN_PARAMETER: "(hidden)"})
            self.logger.info("%s %s %s %s", request.remote, request.method, url, response.status)

    class TruthmapServer(Server):
        def __init__(self) -> None:
            super().__init__(command, host=host, port=port, title=title)
            self.token = token
            self.cookie = f"truthmap-{port}"
            self.sessions: set[asyncio.Task] = set()
            self.stopping = asyncio.Event()

        # ------------------------------------------------------------ the guard

        def refusal(self, request: web.Request) -> str | None:
            """Why `request` may not pass; None: it may."""
            if self.token is None and not is_loopback(request.url.host or ""):
                return "this server answers on 127.0.0.1 only"
            origin = request.headers.get("Origin")
            if request.path == "/ws" and origin is not None and urlsplit(origin).netloc != request.host:
                return "the websocket is for the server's own page"
            if self.token is not None and not (self.has_token(request.query.get(TOKEN_PARAMETER))
                                               or self.has_token(request.cookies.get(self.cookie))):
                return "open the full link printed by truthmap serve (it holds the token)"
            return None

        def has_token(self, given: str | None) -> bool:
            return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

        @web.middleware
        async def guard(self, request: web.Request, handler):
            if reason := self.refusal(request):
                raise web.HTTPForbidden(text=f"403: {reason}\n")
            response = await handler(request)
            if not response.prepared:
                # The page (textual-serve's template) links a font on fonts.googleapis.com: a
                # client's browser would tell Google about the session.  The policy keeps every
                # request on this server; the terminal falls back to a local monospace font.
                response.headers["Content-Security-Policy"] = content_policy(request.host)
            if self.token is not None and self.has_token(request.query.get(TOKEN_PARAMETER)) \
                    and not response.prepared:
                response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict", path="/")
            return response

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(self.guard)
            return app

        async def on_startup(self, app: web.Application) -> None:
            """textual-serve prints a banner here; truthmap prints its link in `announce`."""

        # ------------------------------------------------------------ the page

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            """The page, addressed as the browser reached it (a wildcard bind has no address to give)."""
            base = f"{request.scheme}://{request.host}"
            context = {
                "font_size": _whole(request.query.get("fontsize"), 16),
                "app_websocket_url": f"{'wss' if request.scheme == 'https' else 'ws'}://{request.host}/ws",
                "config": {"static": {"url": f"{base}/static/"}},
                "application": {"name": self.title},
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
            """One tab, one app process; kept in `sessions` so that stopping can end each."""
            task = asyncio.current_task()
            self.sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(task)

        # ------------------------------------------------------------ running

        async def run(self) -> int:
            app = await self._make_app()
            runner = web.AppRunner(app, access_log_class=AccessLog, handle_signals=False, shutdown_timeout=2.0)
            await runner.setup()
            try:
                site = web.TCPSite(runner, self.host, self.port)
                await site.start()
            except BaseException:
                await runner.cleanup()
                raise
            loop = asyncio.get_running_loop()
            for number in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(number, self.stopping.set)
            bound_port = next((address[1] for address in runner.addresses if isinstance(address, tuple)), self.port)
            self.announce(bound_port)
            await self.stopping.wait()
            print("truthmap serve: stopping (each open workbench quits; unsaved work stays in its recovery copy)",
                  flush=True)
            await self.end_sessions()
            await runner.cleanup()
            return 0

        def announce(self, port: int) -> None:
            url = shown_url(self.host, port, self.token)
            if not is_loopback(self.host):
                print(f"Warning: the workbench is open to the network on {self.host}:{port}. Whoever has "
                      "this link can use it and the profiles folder; share it with your client alone.",
                      flush=True)
            print(f"truthmap serve: open {url} in a browser (ctrl+c stops the server)", flush=True)

        async def end_sessions(self) -> None:
            """Each app process is asked to quit (as when its tab closes) and awaited."""
            sessions = list(self.sessions)
            for task in sessions:
                task.cancel()  # textual-serve's handler then sends the app "quit" and waits for it
            if sessions:
                done, pending = await asyncio.wait(sessions, timeout=QUIT_WAIT)
                if pending:
                    log.warning("truthmap serve: %d workbench(es) did not quit in %.0f s", len(pending), QUIT_WAIT)

    return TruthmapServer()


def _whole(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def configure_logging() -> None:
    """Requests and the app processes' own errors to standard error, one line each."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in ("aiohttp.access", "textual-serve", "truthmap.serve"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
