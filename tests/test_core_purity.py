"""The core must never import Textual: the report commands start fast and
the analysis can run anywhere."""

import os
import subprocess
import sys

CORE_MODULES = [
    "truthmap.model",
    "truthmap.storage",
    "truthmap.knowledge",
    "truthmap.analysis",
    "truthmap.reports",
    "truthmap.text",
    "truthmap.paths",
    "truthmap.cli",
]


def test_core_imports_no_textual():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE_MODULES)
        + "from truthmap.analysis import analyze\n"
        + "from truthmap.storage import load_profile\n"
        + "from truthmap.paths import sample_profiles\n"
        + "from truthmap.reports import render_report\n"
        + "for path in sample_profiles():\n"
        + "    profile = load_profile(path).profile\n"
        + "    analysis = analyze(profile)\n"
        + "    for fmt in ('text', 'markdown', 'json'):\n"
        + "        render_report(profile, analysis, fmt)\n"
        + "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        + "print(bad)\n"
        + "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


WORKBENCH_SESSION = """
import asyncio, sys
from pathlib import Path
from truthmap.workbench.app import TruthmapApp

async def session(path):
    app = TruthmapApp(paths=[path])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("delete", "4", "2")  # the first question, answered anew
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        print(type(app.document.profile).__module__, app.document.dirty)

asyncio.run(session(Path(sys.argv[1])))
print(sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core") or m == "truthmap.model"))
"""


def test_the_workbench_opens_edits_and_saves_a_valid_profile_without_pydantic(tmp_path):
    """Building the pydantic models costs more than the first frame may: a file the
    plain reader vouches for is opened, edited and saved without them."""
    from truthmap.paths import default_sample

    path = tmp_path / "mine.toml"
    path.write_bytes(default_sample().read_bytes())
    env = {**os.environ, "TRUTHMAP_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-c", WORKBENCH_SESSION, str(path)], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["truthmap.plain False", "[]"]
    assert "inquiries_per_month = 42\n" in path.read_text(encoding="utf-8")
