"""`truthmap serve` as a real process, over HTTP: who gets in, what is refused, how it stops.

The server is only ever reached over 127.0.0.1, even when it listens more
widely.  The browser itself is in tests/test_serve_browser.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from benchmarks.served import Served
from installed import truthmap_command

pytest.importorskip("textual_serve", reason="truthmap serve needs the web extra (pip install -e '.[test]')")

UPGRADE = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
           "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}


def status(url: str, **headers: str) -> tuple[int, dict[str, str]]:
    """The status of a GET (and its headers); the server is 127.0.0.1 alone."""
    assert url.startswith("http://127.0.0.1:"), url
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([truthmap_command(), *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env})


def test_without_the_web_extra_one_line_names_it():
    hidden = ("import sys; sys.modules['textual_serve'] = None; from truthmap.cli import main; "
              "raise SystemExit(main(['serve']))")
    done = subprocess.run([sys.executable, "-c", hidden], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and not done.stdout
    assert done.stderr.count("\n") == 1 and "pip install 'truthmap[web]'" in done.stderr


@pytest.mark.parametrize("args, says", [
    (["--host", "0.0.0.0"], "add --public"),
    (["--host", "192.168.1.20", "--port", "0"], "add --public"),
    (["--port", "70000"], "port number"),
    (["no-such-profile"], "is not a profile file"),
])
def test_refused_before_listening(args, says):
    done = run("serve", *args)
    assert done.returncode == 2 and not done.stdout
    assert done.stderr.count("\n") == 1 and says in done.stderr, done.stderr


def test_a_broken_profile_is_named_before_serving(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('schema = 1\nname = "x"\n[answers]\nteam_size = "many"\n', encoding="utf-8")
    done = run("serve", str(broken), "--port", "0")
    assert done.returncode == 2 and not done.stdout
    assert str(broken) in done.stderr and "Traceback" not in done.stderr


def test_public_every_request_needs_the_token_and_no_log_holds_it():
    """Listening on every address: reached over 127.0.0.1 alone."""
    with Served([truthmap_command(), "serve", "--host", "0.0.0.0", "--port", "0", "--public"]) as served:
        link = served.start()
        root, token = link.split("?token=")
        assert any(line.startswith("Warning:") for line in served.out)

        for path in ("", "static/js/textual.js", "static/", "download/x"):
            assert status(root + path)[0] == 403, path
        assert status(root + "ws", **UPGRADE)[0] == 403  # the websocket upgrade too
        assert status(root + "?token=" + "x" * len(token))[0] == 403

        code, headers = status(link)
        assert code == 200
        cookie = headers["Set-Cookie"]
        assert token in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        jar = cookie.split(";", 1)[0]
        assert status(root + "static/js/textual.js", Cookie=jar)[0] == 200  # the page's own files
        assert status(root + "static/js/textual.js", Cookie=jar.replace(token, "x" * len(token)))[0] == 403
        assert status(root + "ws", Cookie=jar, Origin="http://elsewhere.example", **UPGRADE)[0] == 403
        assert served.stop(signal.SIGINT) == 0
    assert sum(line.count(token) for line in served.out) == 1  # the link, printed once
    assert not any(token in line for line in served.err)
    assert any("token=(hidden)" in line for line in served.err)  # the access log, redacted


def test_local_serving_answers_this_machine_alone_and_stops_on_ctrl_c():
    with Served([truthmap_command(), "serve", "--port", "0"]) as served:
        link = served.start()
        assert "?token=" not in link and not any(line.startswith("Warning:") for line in served.out)
        assert status(link)[0] == 200
        port = link.rsplit(":", 1)[1].strip("/")
        # A page elsewhere whose own name resolves here (DNS rebinding) gets nothing, nor does
        # a page elsewhere that opens the websocket.
        assert status(link, Host=f"rebound.example:{port}")[0] == 403
        assert status(link + "ws", Origin="http://elsewhere.example", **UPGRADE)[0] == 403

        taken = run("serve", "--port", port)
        assert taken.returncode == 2 and taken.stderr.count("\n") == 1 and "cannot listen" in taken.stderr

        assert served.stop(signal.SIGINT) == 0
    assert served.out[-1].startswith("truthmap serve: stopping")
