"""The core must never import Textual: the report commands start fast and
the analysis can run anywhere."""

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
        + "    for fmt in ('text', 'markdown', 'json', 'html'):\n"
        + "        render_report(profile, analysis, fmt)\n"
        + "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        + "print(bad)\n"
        + "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
