"""What a person expects of an installed command: help that says how it is used, completion, the files."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from truthmap import cli

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "src" / "truthmap" / "completions"


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "truthmap", *args], capture_output=True, text=True, timeout=60,
                          **kwargs)


def test_help_shows_the_bare_form_the_environment_and_the_exit_codes():
    result = _run("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: truthmap [PROFILE]\n")
    for name in ("TRUTHMAP_HOME", "NO_COLOR", "SOURCE_DATE_EPOCH", "TRUTHMAP_DEBUG"):
        assert name in result.stdout
    for code in ("0 ", "1 ", "2 ", "70 ", "130 ", "141 "):
        assert re.search(rf"^  {code}", result.stdout, re.M), code


def test_every_environment_variable_the_code_reads_is_in_the_help():
    read = set()
    for path in (ROOT / "src" / "truthmap").rglob("*.py"):
        read |= set(re.findall(r"environ(?:\.get)?[\[(]\s*\"([A-Z_]+)\"", path.read_text(encoding="utf-8")))
    private = {"TRUTHMAP_SERVED", "PYDANTIC_DISABLE_PLUGINS", "COLUMNS"}  # set by truthmap itself, or the terminal's
    assert read - private <= set(re.findall(r"^  ([A-Z_]+) ", cli.MAIN_EPILOG, re.M))


@pytest.mark.parametrize("shell", sorted(cli.SHELLS))
def test_completion_prints_the_static_script(shell):
    result = _run("completion", shell)
    assert result.returncode == 0
    assert result.stdout == (SCRIPTS / cli.SHELLS[shell]).read_text(encoding="utf-8")


@pytest.mark.parametrize("shell", sorted(cli.SHELLS))
def test_each_completion_script_parses_in_its_shell(shell):
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed here")
    result = subprocess.run([shell, "-n", str(SCRIPTS / cli.SHELLS[shell])], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0, result.stderr


def _options() -> dict[str, set[str]]:
    """Every subcommand's long options, read from the parser itself."""
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    return {name: {o for action in sub._actions for o in action.option_strings if o.startswith("--")}  # noqa: SLF001
            for name, sub in commands.choices.items()}


@pytest.mark.parametrize("shell", sorted(cli.SHELLS))
def test_each_completion_script_knows_every_command_and_option(shell):
    """The scripts are static (completing never starts Python): this keeps them in step with the parser."""
    script = (SCRIPTS / cli.SHELLS[shell]).read_text(encoding="utf-8")
    words = set(re.findall(r"--[a-z-]+", script)) | set(re.findall(r"(?<=-l )[a-z-]+", script))
    words |= {f"--{word}" for word in re.findall(r"(?<=-l )[a-z-]+", script)}
    for command, options in _options().items():
        assert re.search(rf"\b{command}\b", script), command
        assert options - {"--help"} <= words, (command, options - words)


def test_bash_completes_commands_and_report_formats():
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed here")
    probe = f"""
source {SCRIPTS / 'truthmap.bash'}
COMP_WORDS=(truthmap rep); COMP_CWORD=1; _truthmap; echo "${{COMPREPLY[@]}}"
COMP_WORDS=(truthmap report x.toml --format h); COMP_CWORD=4; _truthmap; echo "${{COMPREPLY[@]}}"
COMP_WORDS=(truthmap check --fail-on m); COMP_CWORD=3; _truthmap; echo "${{COMPREPLY[@]}}"
"""
    result = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30, cwd="/")
    assert result.stdout.splitlines() == ["report", "html", "medium"], result.stderr


def test_an_internal_error_is_one_line_and_exit_70(tmp_path):
    """A bug is told apart from bad input (2): one line, a way to see more, its own status."""
    profile = tmp_path / "p.toml"
    profile.write_text('schema = 1\nname = "x"\n', encoding="utf-8")
    code = ("import sys, truthmap.reports as r\n"
            "def broken(*a, **k): raise RuntimeError('boom')\n"
            "r.render_report = broken\n"
            "from truthmap.cli import main\n"
            f"sys.exit(main(['report', {str(profile)!r}]))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 70
    assert result.stderr.count("\n") == 1 and "internal error (RuntimeError: boom)" in result.stderr


def test_the_package_says_what_it_is():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert any(c.startswith("Environment :: Console") for c in project["classifiers"])
    assert (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").startswith("# Changelog")
