"""A profile and its target: where the target goes, what it holds, how a report finds the pair,
and what the report's section "From today to the target" says (pure; the command line at the end).

At the end, one real `truthmap report --target` process (the text format) holds the
option's contract through the installed command; the other formats, the target
found by name and the bad targets vary only the input of the same command and run
through `truthmap.cli.main(argv)` in the test's own process (conftest's `cli`)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from installed import truthmap_command
from test_client_report import APPENDIX, FIELD_PATH, HOSTILE_NAME, body_of, external_references, rule_ids, shown_text
from truthmap.analysis import analyze
from truthmap.model import Copy, Handoff, Profile, Record, StageMap, System
from truthmap.reports import render_report
from truthmap.reports.target import NO_TOOL, NOT_DECLARED, NOT_USED, TITLE, target_changes
from truthmap.storage import load_profile, save_profile
from truthmap.targets import (TARGET, TODAY, Pair, base_path, find_target, pair_of, target_name, target_path,
                              target_profile)
from truthmap.vocabulary import MAX_TEXT_LENGTH

ROOT = Path(__file__).resolve().parents[1]
MESSY = ROOT / "profiles" / "messy-studio.toml"


def today() -> Profile:
    return Profile(
        name="Studio — today",
        systems=[System(id="hub", name="HubSpot", kind="crm"), System(id="trello", name="Trello", kind="pm"),
                 System(id="slack", name="Slack", kind="chat")],
        records=[Record(entity="client", owner="hub", copies=[Copy(system="trello", sync="manual")]),
                 Record(entity="sales_notes", owner="slack"),
                 Record(entity="tasks", owner="trello", steward="Ola")],
        stages=[StageMap(stage="proposal", system="hub"), StageMap(stage="kickoff", system="trello")],
    )


def planned() -> Profile:
    """Today's studio with its duplication and chat-held notes fixed, and a new problem: tasks lose their steward."""
    base = today()
    return base.model_copy(update={
        "name": "Studio — target",
        "target_of": "studio.toml",
        "systems": [*base.systems[:2], System(id="xero", name="Xero", kind="billing")],
        "records": [Record(entity="client", owner="hub", steward="Dana", copies=[Copy(system="trello", sync="one-way")]),
                    Record(entity="sales_notes", owner="hub", steward="Dana"),
                    Record(entity="tasks", owner="trello"),
                    Record(entity="invoices", owner="xero", steward="Dana")],
        "stages": [StageMap(stage="proposal", system="hub"), StageMap(stage="kickoff", system="trello"),
                   StageMap(stage="invoicing", system="xero")],
        "handoffs": [Handoff(from_stage="proposal", to_stage="kickoff", trigger="Deal won", owner="Dana")],
    })


def pair(side: str = TODAY) -> Pair:
    base, target = today(), planned()
    return Pair(("studio.toml", base, analyze(base)), ("studio-target.toml", target, analyze(target)), side)


# ------------------------------------------------------------------ the target file


@pytest.mark.parametrize(("base", "target"), [
    ("studio.toml", "studio-target.toml"),
    ("a.b.toml", "a.b-target.toml"),
    ("plain", "plain-target.toml"),
])
def test_the_target_goes_beside_its_base_with_one_toml(base, target, tmp_path):
    assert target_path(tmp_path / base) == tmp_path / target


def test_the_target_is_named_after_its_base_within_a_names_length():
    assert target_name("Studio Nord") == "Studio Nord — target"
    assert target_name("Studio Nord — today") == "Studio Nord — target"
    long = target_name("x" * MAX_TEXT_LENGTH)
    assert len(long) == MAX_TEXT_LENGTH and long.endswith(" — target")


def test_a_target_names_its_base_from_its_own_folder_and_saves_as_schema_2(tmp_path):
    base = load_profile(MESSY).profile
    beside = target_profile(base, tmp_path / "studio.toml", tmp_path / "studio-target.toml")
    assert beside.target_of == "studio.toml" and beside.name == "Studio Nord — target"
    assert beside.records == base.records and beside.answers == base.answers and beside.evidence == []
    elsewhere = target_profile(base, tmp_path / "studio.toml", tmp_path / "plans" / "studio-target.toml")
    assert elsewhere.target_of == "../studio.toml"
    (tmp_path / "plans").mkdir()
    save_profile(elsewhere, tmp_path / "plans" / "studio-target.toml")
    loaded = load_profile(tmp_path / "plans" / "studio-target.toml")
    assert loaded.text.startswith("schema = 2\n") and loaded.profile.target_of == "../studio.toml"
    assert base_path(loaded.path, loaded.profile).resolve() == (tmp_path / "studio.toml").resolve()


def test_the_target_of_a_base_is_the_first_file_beside_it_by_name_that_names_it(tmp_path):
    base = tmp_path / "studio.toml"
    save_profile(today(), base)
    assert find_target(base) is None
    (tmp_path / "a-broken.toml").write_text('schema = 2\nname = "x"\ntarget_of = 3\n', encoding="utf-8")
    save_profile(planned().model_copy(update={"target_of": "other.toml"}), tmp_path / "b-other.toml")
    save_profile(planned(), tmp_path / "d-plan.toml")
    save_profile(planned(), tmp_path / "c-plan.toml")
    assert find_target(base) == tmp_path / "c-plan.toml"


def test_a_report_pairs_a_base_with_its_target_and_a_target_with_its_base(tmp_path):
    base_file, target_file = tmp_path / "studio.toml", tmp_path / "studio-target.toml"
    save_profile(today(), base_file)
    base = today()
    assert pair_of(base, analyze(base), base_file) is None  # no target yet
    assert pair_of(base, analyze(base), None) is None  # an unsaved profile has no folder to look in
    save_profile(planned(), target_file)
    found = pair_of(base, analyze(base), base_file)
    assert found.side == TODAY and found.target[0] == "studio-target.toml" and found.target[1].name == "Studio — target"
    target = planned()
    back = pair_of(target, analyze(target), target_file)
    assert back.side == TARGET and back.today[0] == "studio.toml" and back.today[1].name == "Studio — today"


# ------------------------------------------------------------------ what changes


def test_the_changes_say_what_moves_in_every_part_and_which_problems_go_and_come():
    changes = target_changes(pair())
    topics = {topic.title: {change.label: (change.today, change.target) for change in topic.changes}
              for topic in changes.topics}
    assert topics["Where each kind of client data is held"] == {
        "Sales notes": ("Slack", "HubSpot"), "Invoices": ("not mapped", "Xero")}
    assert topics["Copies and how they are kept current"] == {
        "Client": ("Trello, re-typed by hand", "Trello, one-way sync")}
    assert topics["Who is accountable for it"]["Tasks"] == ("Ola", "nobody named")
    assert topics["Who is accountable for it"]["Client"] == ("nobody named", "Dana")
    assert topics["Which tool tracks each stage"] == {"Invoicing": (NO_TOOL, "Xero")}
    assert topics["Handoffs between stages"] == {"Proposal → Kickoff": (NOT_DECLARED, "when Deal won, by Dana")}
    assert topics["Tools"] == {"Slack": ("Chat", NOT_USED), "Xero": (NOT_USED, "Billing")}
    fixed = [problem.title for problem in changes.fixed]
    added = [problem.title for problem in changes.added]
    assert any(title.startswith("Duplicated copy") and "Client" in title for title in fixed), fixed
    assert any("Sales notes" in title for title in fixed), fixed
    assert any(title.startswith("Nobody accountable") and "Tasks" in title for title in added), added
    severities = [problem.severity for problem in changes.fixed]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)  # most serious first
    base, target = pair().today[2], pair().target[2]
    assert changes.health == (base.health.total, target.health.total)
    assert {change.label for change in changes.standing} >= {"Works like", "Recommended model", "Problems"}


def test_nothing_changed_is_said_in_a_sentence_per_part():
    base = today()
    same = Pair(("a.toml", base, analyze(base)), ("b.toml", base, analyze(base)))
    changes = target_changes(same)
    assert all(not topic.changes and topic.unchanged for topic in changes.topics)
    assert changes.fixed == () and changes.added == () and changes.changed == 0


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("side", [TODAY, TARGET])
def test_the_client_report_gets_the_section_in_plain_words_and_no_id(fmt, side):
    together = pair(side)
    profile, analysis = (together.today if side == TODAY else together.target)[1:]
    document = render_report(profile, analysis, fmt, target=together)
    body = body_of(fmt, document)
    assert TITLE in body and "Problems the target fixes" in body and "Problems the target adds" in body
    assert "The target:" in body[body.index("Recommendation:"):].split("The three models")[0]  # in the summary
    assert ("This report is of today" in body) == (side == TODAY)
    assert ("Studio — target" if side == TODAY else "Studio — today") in body
    section = body[body.index(TITLE):]
    assert "re-typed by hand" in section and "one-way sync" in section and "Xero" in section
    for rule in rule_ids([together.today[2], together.target[2]]):
        assert not re.search(rf"(?<![\w-]){re.escape(rule)}(?![\w-])", section), rule
    assert not FIELD_PATH.search(body)
    assert "studio-target.toml" not in body and "studio.toml" not in body  # the client sees names, never files
    assert shown_text(fmt, document)[len(body):].startswith(APPENDIX)
    if fmt == "html":
        assert external_references(document) == [] and 'id="target"' in document


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_hostile_names_in_the_target_stay_text(fmt):
    base = today()
    target = planned().model_copy(update={"name": HOSTILE_NAME, "systems": [
        *planned().systems[:2], System(id="xero", name="<b>Xe|ro</b> \x1b[31m", kind="billing")]})
    together = Pair(("a.toml", base, analyze(base)), ("b.toml", target, analyze(target)))
    document = render_report(base, analyze(base), fmt, target=together)
    assert "\x1b" not in document and "\x07" not in document
    if fmt == "html":
        assert "<script>" not in document and "<b>Xe" not in document and "&lt;b&gt;Xe" in document
    if fmt == "markdown":
        assert "<b>Xe" not in document and r"\<b\>Xe\|ro\</b\>" in document


def test_the_text_report_lists_the_changes_and_json_carries_the_comparison():
    together = pair()
    base, analysis = together.today[1:]
    text = render_report(base, analysis, "text", target=together)
    section = text[text.index(TITLE):]
    assert "studio-target.toml" in section and "Slack" in section and "Problems the target fixes" in section
    data = json.loads(render_report(base, analysis, "json", target=together))
    assert data["target"]["report_is"] == "today"
    assert [p["label"] for p in data["target"]["profiles"]] == ["studio.toml", "studio-target.toml"]
    owners = {row["key"]: row for section in data["target"]["sections"] for row in section["rows"]}
    assert owners["owner.sales_notes"]["values"] == ["Slack", "HubSpot"] and owners["owner.sales_notes"]["differs"]
    assert json.loads(render_report(base, analysis, "json"))["target"] is None


# ------------------------------------------------------------------ the command line


def _run(*args, cwd=None):
    return subprocess.run([truthmap_command(), *map(str, args)], capture_output=True, text=True, timeout=120, cwd=cwd)


@pytest.fixture
def files(tmp_path):
    save_profile(today(), tmp_path / "studio.toml")
    save_profile(planned(), tmp_path / "studio-target.toml")
    return tmp_path / "studio.toml", tmp_path / "studio-target.toml"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_report_with_a_target_through_the_command(fmt, files, cli):
    base, target = files
    result = (_run if fmt == "text" else cli)("report", base, "--target", target, "--format", fmt, "--date", "2026-01-01")
    assert result.returncode == 0 and result.stderr == ""
    if fmt == "json":
        assert json.loads(result.stdout)["target"]["profiles"][1]["name"] == "Studio — target"
    else:
        assert TITLE in result.stdout
    alone = cli("report", base, "--format", fmt, "--date", "2026-01-01")
    assert alone.returncode == 0 and TITLE not in alone.stdout  # a target only when asked for


def test_report_takes_a_target_by_its_name_in_the_profiles_folder(files, isolated_home, cli):
    base, target = files
    folder = isolated_home / "profiles"
    folder.mkdir(parents=True)
    (folder / "plan.toml").write_bytes(target.read_bytes())
    result = cli("report", base, "--target", "plan", "--format", "markdown", cwd=base.parent)
    assert result.returncode == 0, result.stderr
    assert TITLE in result.stdout


def test_a_bad_target_is_one_line_and_exit_2(files, tmp_path, cli):
    base, _ = files
    broken = tmp_path / "broken.toml"
    broken.write_text('schema = 2\nname = "x"\nrecords = 3\n', encoding="utf-8")
    for target in (broken, tmp_path / "missing.toml"):
        result = cli("report", base, "--target", target)
        assert result.returncode == 2 and result.stdout == ""
        assert len(result.stderr.splitlines()) >= 1 and "Traceback" not in result.stderr
        assert target.name in result.stderr
    over = cli("report", base, "--target", files[1], "-o", files[1])
    assert over.returncode == 2 and "is the profile being read" in over.stderr
