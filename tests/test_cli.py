"""The command line: exit codes, streams, files.

Real `truthmap` processes hold the contract a person meets, once each: every
command here (report, check, compare) in a process of its own; each exit code
the commands use here, 0 (report, check, compare), 1 (check with findings) and 2
(an invalid profile, a missing file, a usage error); the JSON on stdout; the
one line on stderr; the installed script; a name found in the profiles folder
from another folder; control characters and hidden characters through a real
pipe; and what a start imports.  (Exit 70, an internal error, is held by
test_packaging.)  The variants of those commands (other inputs, options and
formats through the same code) run through `truthmap.cli.main(argv)` in the
test's own process (the `cli` fixture of conftest.py): the same parser, handlers and error paths,
without paying a Python start for each.
"""

import json
import os
import re
import shutil
import subprocess
import stat
import sys
from pathlib import Path

import pytest
from installed import truthmap_command

PROFILES = Path(__file__).resolve().parents[1] / "profiles"
MESSY = PROFILES / "messy-studio.toml"
CHECK_LINE = re.compile(r"^(?P<path>.+?): (?P<severity>high|medium|low): (?P<kind>[a-z-]+): (?P<where>[a-z0-9_-]+): .+$")

CLEAN = 'schema = 1\nname = "Clean"\n'
LOW_ONLY = """schema = 1
name = "Low only"
[[systems]]
id = "hubspot"
name = "HubSpot"
kind = "crm"
[[records]]
entity = "client"
owner = "hubspot"
"""
MEDIUM_TOP = """schema = 1
name = "Medium at most"
[[systems]]
id = "hubspot"
name = "HubSpot"
kind = "crm"
[[systems]]
id = "trello"
name = "Trello"
kind = "pm"
[[records]]
entity = "client"
owner = "hubspot"
steward = "Dana"
copies = [{ system = "trello", sync = "manual" }]
"""


def run(*args: str, script: bool = False) -> subprocess.CompletedProcess:
    """truthmap as a user runs it; never a traceback, whatever happens."""
    command = [truthmap_command()] if script else [sys.executable, "-m", "truthmap"]
    result = subprocess.run([*command, *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                            env={**os.environ, "NO_COLOR": "1"}, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------- check


@pytest.mark.parametrize(("content", "expected"), [
    (CLEAN, {"low": 0, "medium": 0, "high": 0}),
    (LOW_ONLY, {"low": 1, "medium": 0, "high": 0}),
    (MEDIUM_TOP, {"low": 1, "medium": 1, "high": 0}),
    (MESSY.read_text(encoding="utf-8"), {"low": 1, "medium": 1, "high": 1}),
])
def test_check_exit_code_follows_fail_on(tmp_path, content, expected, cli):
    path = write(tmp_path, "p.toml", content)
    for level, code in expected.items():
        result = cli("check", path, "--fail-on", level)
        assert result.returncode == code, (level, result.stdout)
        assert result.stderr == ""
    assert cli("check", path).returncode == expected["low"]  # the default is --fail-on low


def test_check_prints_one_parsable_line_per_finding(tmp_path):
    low = write(tmp_path, "low.toml", LOW_ONLY)
    result = run("check", MESSY, low)
    assert result.returncode == 1 and result.stderr == ""  # findings at or above low, in a real process
    lines = result.stdout.splitlines()
    matches = [CHECK_LINE.match(line) for line in lines]
    assert all(matches), lines
    assert {m["path"] for m in matches} == {str(MESSY), str(low)}
    assert [m["kind"] for m in matches if m["path"] == str(low)] == ["no-steward"]
    assert any(m["kind"] == "conflicting-owners" and m["where"] == "client" for m in matches)
    assert any(m["kind"] == "untracked-stage" and m["where"] == "kickoff" for m in matches)


def test_check_reports_invalid_files_and_still_checks_the_valid_ones(tmp_path):
    broken = write(tmp_path, "broken.toml", 'schema = 1\nname = "x\n')
    result = run("check", broken, MESSY)
    assert result.returncode == 2
    assert re.fullmatch(rf"{re.escape(str(broken))}: 2:\d+: TOML syntax: .+\n", result.stderr)
    assert result.stdout and all(line.startswith(f"{MESSY}: ") for line in result.stdout.splitlines())


# --------------------------------------------------------------- invalid input


@pytest.mark.parametrize(("content", "expected"), [
    ('schema = 1\nname = "x"\nnotes = \n', r": 3:\d+: TOML syntax: "),
    ('schema = 1\nname = "x"\n[[systems]]\nid = "a"\nname = "A"\nkind = "crm"\n'
     '[[records]]\nentity = "client"\ncopies = [{ system = "a", sync = "sometimes" }]\n',
     r": records\[0\]\.copies\[0\]\.sync: expected one of "),
    ('schema = 7\nname = "x"\n', r": schema: .*newer"),
    ('schema = 1\nname = "x"\ncolour = "red"\n', r": colour: unknown key"),
])
@pytest.mark.parametrize("command", ["report", "check"])
def test_invalid_profile_is_one_line_exit_2_and_untouched(tmp_path, content, expected, command, cli):
    path = write(tmp_path, "bad.toml", content)
    before = path.read_bytes()
    result = cli(command, path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(path)), lines
    assert re.search(expected, lines[0])
    assert path.read_bytes() == before


def test_every_problem_of_every_file_gets_a_line(tmp_path):
    one = write(tmp_path, "one.toml", 'schema = 1\nname = 3\ncolour = "red"\n')
    result = run("compare", one, tmp_path / "missing.toml")
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{one}: ") and lines[1].startswith(f"{one}: ")
    assert lines[2] == f"{tmp_path / 'missing.toml'}: no such file"


@pytest.mark.parametrize("args", [
    ["report"],
    ["report", str(MESSY), "--format", "pdf"],
    ["report", str(MESSY), "--format", "markdown", "--date", "2026-02-30"],
    ["report", str(MESSY), "--colour"],
    ["compare", str(MESSY), str(MESSY), "--format", "html"],
    ["check", "--fail-on", "critical", str(MESSY)],
    ["compare", str(MESSY)],
    ["--bogus"],
    ["reprot", str(MESSY)],
])
def test_usage_errors_are_one_line(args, cli):
    result = cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("truthmap")


def test_a_usage_error_in_a_real_process_is_one_line_and_exit_2():
    result = run("report", MESSY, "--format", "pdf")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("truthmap report:")


def test_help_works(cli):
    result = run("--help")
    assert result.returncode == 0
    assert all(word in result.stdout for word in ("report", "check", "compare"))
    assert "--fail-on" in cli("check", "--help").stdout


# --------------------------------------------------------------------- report


def test_report_json_keys_and_types():
    result = run("report", MESSY, "--format", "json")
    assert result.returncode == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["profile"] == "Studio Nord — today"
    assert data["recommendation"]["model"] in ("crm-first", "pm-first", "hybrid")
    assert isinstance(data["recommendation"]["reasons"], list)
    assert all(isinstance(r["rule"], str) and isinstance(r["causes"], list) for r in data["recommendation"]["reasons"])
    assert set(data["scores"]) == {"crm-first", "pm-first", "hybrid"}
    assert all(isinstance(v, (int, float)) for v in data["scores"].values())
    assert len(data["matrix"]) == 5
    assert all(isinstance(row["weight"], (int, float)) and len(row["ratings"]) == 3 for row in data["matrix"])
    assert data["current_model"] in ("crm-first", "pm-first", "hybrid", "ad-hoc")
    kinds = {f["kind"] for f in data["findings"]}
    assert {"duplication", "conflicting-owners", "handoff-gap"} <= kinds
    for finding in data["findings"]:
        assert finding["severity"] in ("high", "medium", "low")
        assert isinstance(finding["systems"], list) and isinstance(finding["message"], str)
        assert {"entity", "stage", "fix", "rule"} <= set(finding)
    assert [c["model"] for c in data["comparison"]] == ["crm-first", "pm-first", "hybrid"]
    for projection in data["comparison"]:
        assert isinstance(projection["fit"], (int, float))
        assert isinstance(projection["moves"], list) and isinstance(projection["risks"], list)


def test_report_text_through_the_installed_script():
    result = run("report", MESSY, script=True)
    assert result.returncode == 0
    assert "Recommended: PM-first" in result.stdout
    assert "Fix: Make the Xero copy of client a one-way sync from HubSpot" in result.stdout
    assert "\x1b" not in result.stdout  # a pipe gets no colour


def test_output_file_gets_the_report_and_stdout_nothing(tmp_path):
    target = tmp_path / "out" / "report.md"
    result = run("report", MESSY, "--format", "markdown", "-o", target, script=True)
    assert result.returncode == 0
    assert result.stdout == "" and result.stderr == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Studio Nord")
    assert "## Problems found" in text


def test_markdown_report_carries_the_mermaid_map(cli):
    pytest.importorskip("truthmap.reports.mermaid", reason="the Mermaid map is written by another helper")
    result = cli("report", MESSY, "--format", "markdown")
    assert re.search(r"\n```+mermaid\n", result.stdout)


def test_unwritable_output_is_one_line(tmp_path, cli):
    blocker = write(tmp_path, "file", "x")
    result = cli("report", MESSY, "-o", blocker / "report.txt")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "cannot write" in result.stderr
    result = cli("report", MESSY, "-o", tmp_path)
    assert result.returncode == 2 and "folder" in result.stderr


def test_report_never_overwrites_its_own_profile(tmp_path, cli):
    path = tmp_path / "p.toml"
    shutil.copy(MESSY, path)
    before = path.read_bytes()
    result = cli("report", path, "-o", path)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert path.read_bytes() == before


def test_text_width_option(cli):
    result = cli("report", MESSY, "--width", "80")
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


# ------------------------------------------------------------ hostile profiles


HOSTILE = """schema = 1
name = "Evil \\u001b[2J\\u001b]0;pwned\\u0007 [bold]x[/]"
notes = "line one\\nline \\u009b31m two"
[[systems]]
id = "crm"
name = "[red]Hub\\u001bSpot[/]"
kind = "crm"
[[records]]
entity = "client"
owner = "crm"
"""


@pytest.mark.parametrize("args", [
    ["report"], ["report", "--format", "markdown"], ["report", "--format", "json"], ["check"],
])
def test_control_characters_never_reach_stdout_raw(tmp_path, args, cli):
    path = write(tmp_path, "hostile.toml", HOSTILE)
    result = (run if args == ["report"] else cli)(args[0], path, *args[1:])  # the text report through a real pipe
    assert result.returncode in (0, 1)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\x9b" not in result.stdout
    if args[-1] == "json":
        assert json.loads(result.stdout)["profile"] == "Evil \x1b[2J\x1b]0;pwned\x07 [bold]x[/]"
    elif args[-1] == "markdown":
        assert "# Evil \u241b\\[2J" in result.stdout  # shown, escaped, not obeyed
    else:
        assert "[red]Hub\u241bSpot[/]" in result.stdout  # markup printed, escape shown, neither obeyed


# Characters that show nothing or reorder text (a bidi mark, tag characters
# spelling a hidden "hi", soft hyphen, grapheme joiner, Mongolian vowel
# separator, Hangul fillers, braille blank), and emoji that must stay whole: a
# subdivision flag made of tag characters, a regional-indicator flag, and
# both variation selectors.
HIDDEN = ["\u061c", "\U000e0068\U000e0069", "\u00ad", "\u034f", "\u180e", "\u3164", "\u115f", "\u2800"]
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
EMOJI = [ENGLAND, "\U0001f1ec\U0001f1e7", "\u2764\ufe0f", "\u263a\ufe0e"]
HIDDEN_NAME = "Hid" + "|".join(HIDDEN) + " " + " ".join(EMOJI)


def _toml_string(text: str) -> str:
    return '"' + "".join(c if c.isascii() and c.isprintable() else f"\\U{ord(c):08x}" for c in text) + '"'


@pytest.mark.parametrize("args", [
    ["report"], ["report", "--format", "markdown"], ["report", "--format", "json"], ["check"],
    ["compare", "--width", "300"], ["compare", "--format", "markdown"], ["compare", "--format", "json"],
])
def test_hidden_characters_never_reach_stdout_raw_and_emoji_stay_whole(tmp_path, args, cli):
    name = _toml_string(HIDDEN_NAME)
    path = write(tmp_path, "hidden.toml", LOW_ONLY.replace('"Low only"', name).replace('"HubSpot"', name))
    paths = [path, path] if args[0] == "compare" else [path]
    result = (run if args == ["report"] else cli)(args[0], *paths, *args[1:])  # the text report through a real pipe
    assert result.returncode in (0, 1), result.stderr
    out = result.stdout.replace(ENGLAND, "")
    assert not re.search("[\U000e0000-\U000e007f]|" + "|".join(HIDDEN), out), out
    if args[-1] == "json":
        data = json.loads(result.stdout)
        assert (data["profile"] if args[0] == "report" else data["profiles"][0]["name"]) == HIDDEN_NAME
    else:
        assert "Hid<U+061C>|<U+E0068><U+E0069>|<U+00AD>" in out.replace("\\", "")
    assert all(emoji in result.stdout for emoji in EMOJI)


def test_markup_is_printed_literally_in_text_and_check(tmp_path, cli):
    path = write(tmp_path, "markup.toml", LOW_ONLY.replace('name = "HubSpot"', 'name = "[bold]x[/]"'))
    report = cli("report", path)
    assert "[bold]x[/]" in report.stdout
    check = cli("check", path)
    assert "[bold]x[/]" in check.stdout


def test_control_characters_in_a_file_name_are_shown_safely(tmp_path, cli):
    result = cli("report", tmp_path / "evil\x1b[31m.toml")
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\u241b[31m.toml: no such file" in result.stderr


# -------------------------------------------------------------------- compare


def test_compare_marks_what_differs(tmp_path, cli):
    plan = write(tmp_path, "plan.toml", MESSY.read_text(encoding="utf-8").replace(
        'friction = "after-kickoff"', 'friction = "before-kickoff"'))
    result = run("compare", MESSY, plan, "--width", "120")
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert next(line for line in lines if " Friction " in line).startswith("\u2260")
    assert not next(line for line in lines if "Team size" in line).startswith("\u2260")

    data = json.loads(cli("compare", MESSY, plan, "--format", "json").stdout)
    rows = {r["key"]: r for s in data["sections"] for r in s["rows"]}
    assert rows["answers.friction"]["differs"] is True
    assert rows["answers.friction"]["values"] == ["after-kickoff", "before-kickoff"]
    assert rows["answers.team_size"]["differs"] is False
    assert rows["owner.client"]["differs"] is False


def test_compare_to_markdown_file(tmp_path, cli):
    target = tmp_path / "compare.md"
    result = cli("compare", MESSY, PROFILES / "hybrid-agency.toml", "--format", "markdown", "-o", target)
    assert result.returncode == 0 and result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# truthmap comparison") and "| \u2260 |" in text


# ------------------------------------------------------------ in-process forms


def test_check_says_so_on_stdout_when_there_is_no_finding(tmp_path, cli):
    clean = write(tmp_path, "clean.toml", CLEAN)
    result = run("check", clean, clean)  # exit 0 from check, in a real process
    assert result.returncode == 0
    assert result.stdout == "No findings in 2 profiles checked.\n" and result.stderr == ""
    low = cli("check", write(tmp_path, "low.toml", LOW_ONLY))
    assert low.returncode == 1
    assert "No findings" not in low.stdout  # only when there is none at all


def test_version_prints_the_program_and_its_version(capsys):
    from truthmap import __version__
    from truthmap.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"truthmap {__version__}\n"


def test_a_report_written_to_a_device_leaves_the_device_in_place(tmp_path, cli):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    result = cli("report", MESSY, "--format", "json", "-o", fifo)
    out, _ = reader.communicate(timeout=60)
    assert result.returncode == 0, result.stderr
    assert out.startswith(b"{")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a pipe, not replaced by a plain file


# ------------------------------------------------------------ what starts

def _imported(*args: str) -> set[str]:
    """The modules a real `truthmap ...` process imports (from `python -X importtime`)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "truthmap", *map(str, args)],
                            capture_output=True, text=True, encoding="utf-8", env={**os.environ, "NO_COLOR": "1"},
                            timeout=60)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines()
            if line.startswith("import time:") and line.count("|") == 2}


def _top(modules: set[str], *names: str) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in names)


@pytest.mark.parametrize("args", [("report", MESSY, "--format", "json"), ("check", MESSY)],
                         ids=["report-json", "check"])
def test_json_and_check_import_neither_rich_nor_textual(args):
    modules = _imported(*args)
    assert "truthmap.analysis" in modules  # the measurement saw the work
    assert not _top(modules, "rich", "textual")


def test_an_invalid_profile_is_one_line_naming_the_field_and_its_line(tmp_path, cli):
    bad = write(tmp_path, "bad.toml", 'schema = 1\nname = "x"\n[answers]\nteam_size = true\n')
    result = cli("report", bad, "--format", "json")
    assert result.returncode == 2
    assert result.stderr == f"{bad}: answers.team_size: expected an integer, got a boolean (line 4)\n"


def test_a_large_profile_reports_as_plain_lines_in_text_and_in_full_in_json(tmp_path, cli):
    from truthmap.model import Profile, Record, System
    from truthmap.storage import dump_profile

    profile = Profile(name="Large", systems=[System(id="a", name="A", kind="crm"), System(id="b", name="B", kind="pm")],
                      records=[Record(entity=f"c{n:04d}", owner="ab"[n % 2]) for n in range(600)])
    path = write(tmp_path, "large.toml", dump_profile(profile))
    text = cli("report", path)
    assert text.returncode == 0 and "One line per finding (601)" in text.stdout  # 600 without a steward
    assert max(len(line) for line in text.stdout.splitlines()) <= 100
    data = json.loads(cli("report", path, "--format", "json").stdout)
    assert len(data["findings"]) == 601 and all(f["fix"] for f in data["findings"])


def test_report_check_and_compare_find_a_profile_by_its_name_in_the_profiles_folder(tmp_path, cli, monkeypatch):
    home = tmp_path / "home"
    (home / "profiles").mkdir(parents=True)
    from truthmap.paths import samples_dir

    shutil.copyfile(samples_dir() / "messy-studio.toml", home / "profiles" / "lena-studio.toml")
    shutil.copyfile(samples_dir() / "hybrid-agency.toml", home / "profiles" / "plan.toml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "TRUTHMAP_HOME": str(home)}
    done = subprocess.run([truthmap_command(), "report", "lena-studio"], cwd=elsewhere, env=env, capture_output=True,
                          text=True)  # the installed command, from another folder
    assert done.returncode == 0 and "Studio Nord" in done.stdout, done.stderr
    monkeypatch.setenv("TRUTHMAP_HOME", str(home))
    monkeypatch.chdir(elsewhere)
    for args in (["check", "lena-studio.toml"], ["compare", "lena-studio", "plan"]):
        done = cli(*args)
        assert done.returncode in (0, 1) and "no such file" not in done.stderr, (args, done.stderr)
    (elsewhere / "plan.toml").write_text("schema = 1\nname = \"Here\"\n", encoding="utf-8")
    done = cli("report", "plan.toml", "--format", "json")
    assert json.loads(done.stdout)["profile"] == "Here"  # a file of that name in the current folder wins
