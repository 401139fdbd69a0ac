"""What the exports tell: drift, duplicate-within, retyped, owner-incomplete with
their severities; the JSON report's shape; the profile's `[[evidence]]` entry."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

from evidence_profiles import profile_text
from installed import truthmap_command

from truthmap.analysis.types import Finding
from truthmap.evidence.entry import evidence_entries
from truthmap.evidence.facts import facts
from truthmap.evidence.findings import assess
from truthmap.evidence.matching import match
from truthmap.evidence.reading import read_export
from truthmap.storage import read_profile

OWNER = ["Nord Design GmbH", "Acme Ltd", "Blue River Media", "Kolibri Films", "Ostwind Partners", "Atlas Travel"]


def profile_file(folder: Path, copies: str) -> Path:
    path = folder / "p.toml"
    path.write_text(profile_text(copies), encoding="utf-8")
    return path


def csv_file(folder: Path, name: str, names: list[str], header: str = "Name") -> Path:
    path = folder / name
    path.write_text(header + "\n" + "".join(f'"{n}"\n' for n in names), encoding="utf-8")
    return path


def evaluate(folder: Path, copies: str, exports: dict[str, list[str]]):
    profile = read_profile(profile_file(folder, copies)).profile
    read = [read_export(n, system, csv_file(folder, f"{system}.csv", names)) for n, (system, names)
            in enumerate(exports.items())]
    return assess(profile, "client", read, match(read))


def kinds(result) -> list[tuple[str, str, str]]:
    for item in result.findings:  # every rule that fires is one the knowledge file names for its kind
        assert item.finding.rule in facts().finding_rules[item.finding.kind]
    return [(f.finding.kind, f.finding.severity, f.finding.rule) for f in result.findings]


def test_drift_from_a_manual_copy_is_medium(tmp_path):
    result = evaluate(tmp_path, '{ system = "trello", sync = "manual" }',
                      {"hubspot": OWNER, "trello": ["NORD DESIGN", "acme limited", "Side Project X"]})
    assert kinds(result) == [("drift", "medium", "copy-rows-in-the-owner")]
    (item,) = result.findings
    assert isinstance(item.finding, Finding)
    assert item.counts == {"rows": 3, "missing": 1, "to_review": 0}
    assert [c.name for c in item.examples] == ["Side Project X"]
    assert item.finding.systems == ("trello", "hubspot") and item.finding.entity == "client"
    assert item.finding.causes[0].path == "records[0].copies[0]"
    assert "Side Project X" not in item.finding.message  # names stay in the examples


def test_drift_of_a_synced_copy_is_high_both_ways(tmp_path):
    result = evaluate(tmp_path, '{ system = "trello", sync = "one-way" }',
                      {"hubspot": OWNER, "trello": ["Nord Design", "Acme", "Blue River Media", "Side Project X"]})
    assert kinds(result) == [("drift", "high", "copy-rows-in-the-owner"),
                             ("drift", "high", "synced-copy-holds-the-owner-rows")]
    lacking = result.findings[1]
    assert lacking.counts["missing"] == 3
    assert {c.name for c in lacking.flagged} == {"Kolibri Films", "Ostwind Partners", "Atlas Travel"}


def test_retyped_when_a_manual_copy_mostly_overlaps(tmp_path):
    result = evaluate(tmp_path, '{ system = "trello", sync = "manual" }',
                      {"hubspot": OWNER, "trello": [n.upper() for n in OWNER]})
    assert kinds(result) == [("retyped", "medium", "unsynced-copy-overlaps-the-owner")]
    assert result.findings[0].counts == {"rows": 6, "overlap": 6}


def test_not_retyped_when_the_copy_is_synced(tmp_path):
    result = evaluate(tmp_path, '{ system = "trello", sync = "one-way" }', {"hubspot": OWNER, "trello": OWNER})
    assert result.findings == ()


def test_duplicate_within_one_export(tmp_path):
    result = evaluate(tmp_path, "", {"hubspot": [*OWNER, "NORD DESIGN"]})
    assert kinds(result) == [("duplicate-within", "medium", "one-row-per-client")]
    assert [c.row for c in result.findings[0].flagged] == [1, 7]


def test_owner_incomplete_is_high_and_apart_from_drift(tmp_path):
    result = evaluate(tmp_path, '{ system = "trello", sync = "manual" }',
                      {"hubspot": OWNER, "trello": ["Nord Design", "Trello Only"], "sheet": ["Acme", "Sheet Only"]})
    assert kinds(result) == [("owner-incomplete", "high", "owner-holds-every-client"),
                             ("drift", "medium", "copy-rows-in-the-owner")]
    incomplete, drift = result.findings
    assert [c.name for c in incomplete.flagged] == ["Sheet Only"]
    assert [c.name for c in drift.flagged] == ["Trello Only"]
    assert incomplete.finding.causes[0].path == "systems[3]"


def test_no_owner_export_means_no_drift_judged(tmp_path):
    result = evaluate(tmp_path, '{ system = "trello", sync = "manual" }', {"trello": ["A client"]})
    assert result.findings == ()
    assert any("No export of HubSpot" in notice for notice in result.notices)


def test_examples_are_capped(tmp_path):
    names = ["Zephyr", "Quokka Labs", "Marmot Print", "Yellowfin", "Tundra Legal", "Vireo Foods", "Wombat Energy",
             "Xylo Health", "Umbra Events", "Saffron Brands", "Pelican Logistics", "Juniper Software"]
    result = evaluate(tmp_path, '{ system = "trello", sync = "manual" }', {"hubspot": OWNER, "trello": names})
    (item,) = result.findings
    assert len(item.examples) == facts().thresholds.examples == 5
    assert item.counts["missing"] == len(item.flagged) == 12


def test_the_evidence_entry_keeps_no_client_data(tmp_path):
    result = evaluate(tmp_path, '{ system = "trello", sync = "manual" }',
                      {"hubspot": [*OWNER, "NORD DESIGN"], "trello": ["Nord Design", "Side Project X"]})
    entries = evidence_entries(result, date(2026, 12, 6))
    assert entries == [
        {"system": "hubspot", "file": "hubspot.csv", "sha256": result.exports[0].sha256, "rows": 7,
         "date": date(2026, 12, 6), "counts": {"duplicate-within": 2}},
        {"system": "trello", "file": "trello.csv", "sha256": result.exports[1].sha256, "rows": 2,
         "date": date(2026, 12, 6), "counts": {"drift": 1}},
    ]
    import hashlib

    assert entries[1]["sha256"] == hashlib.sha256((tmp_path / "trello.csv").read_bytes()).hexdigest()
    text = json.dumps(entries, default=str)
    assert not any(name.casefold() in text.casefold() for name in [*OWNER, "Side Project X"])


def test_json_report_shape(tmp_path):
    profile = profile_file(tmp_path, '{ system = "trello", sync = "manual" }')
    (tmp_path / "companies.csv").write_text("Company name,Email\nNord Design GmbH,info@nord.de\nAcme Ltd,\n"
                                            "Nord Design,\n", encoding="utf-8")
    (tmp_path / "contacts.csv").write_text("First name,Last name,Email,Company name\nAnna,Berg,anna@acme.co,Acme\n",
                                           encoding="utf-8")
    (tmp_path / "trello.csv").write_text("Client,Email\nNord Design,hello@nord.de\nNordic Design,\n",
                                         encoding="utf-8")
    out = tmp_path / "evidence.json"
    result = subprocess.run(
        [truthmap_command(), "evidence", str(profile), "--export", f"hubspot={tmp_path / 'companies.csv'}",
         "--export", f"hubspot={tmp_path / 'contacts.csv'}", "--export", f"trello={tmp_path / 'trello.csv'}",
         "--format", "json", "-o", str(out)],
        capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=60)
    assert result.returncode == 0 and result.stdout == "" and "Traceback" not in result.stderr, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"entity", "exports", "pairs", "duplicates", "only_in", "findings"} <= set(data)
    assert data["entity"] == "client"
    assert [(e["system"], e["file"], e["rows"]) for e in data["exports"]] == [
        ("hubspot", str(tmp_path / "companies.csv"), 3), ("hubspot", str(tmp_path / "contacts.csv"), 1),
        ("trello", str(tmp_path / "trello.csv"), 2)]
    assert data["exports"][0]["columns"] == {"name": "Company name", "email": "Email"}
    assert data["exports"][1]["columns"] == {"name": "Company name", "email": "Email"}
    for link in data["pairs"]:
        assert set(link) == {"a", "b", "band", "score", "by"}
        for side in (link["a"], link["b"]):
            assert set(side) == {"system", "row", "export"}
            assert data["exports"][side["export"]]["system"] == side["system"] and side["row"] >= 1
        assert link["band"] in ("same", "review") and link["by"] in ("email", "domain", "name")
    pairs = {(l["a"]["export"], l["a"]["row"], l["b"]["export"], l["b"]["row"]): (l["band"], l["by"])
             for l in data["pairs"]}
    assert pairs[(0, 1, 2, 1)] == ("same", "domain")  # info@ and hello@ at nord.de
    assert pairs[(0, 3, 2, 1)] == ("same", "name")
    assert pairs[(0, 3, 2, 2)] == ("review", "name")  # Nord Design ~ Nordic Design
    assert data["duplicates"] == [
        {"system": "hubspot", "export": 0, "rows": [1, 3], "band": "same", "score": 100.0, "by": "name"},
        {"system": "trello", "export": 2, "rows": [1, 2], "band": "review", "score": 91.7, "by": "name"}]
    assert data["only_in"]["hubspot"] == [{"export": 0, "row": 2}, {"export": 1, "row": 1}]
    assert data["only_in"]["trello"] == []
    finding_keys = {"kind", "severity", "entity", "stage", "systems", "message", "fix", "rule", "counts", "examples"}
    assert data["findings"] and all(finding_keys <= set(f) for f in data["findings"])
    assert [(f["kind"], f["severity"]) for f in data["findings"]] == [("drift", "medium"),
                                                                      ("duplicate-within", "medium")]
    assert data["findings"][0]["examples"] == [{"system": "trello", "row": 2, "export": 2, "name": "Nordic Design"}]
    assert data["thresholds"] == {"same": 92, "review": 80}


def test_text_report_states_the_thresholds_and_settable(tmp_path):
    profile = profile_file(tmp_path, "")
    hub = csv_file(tmp_path, "hub.csv", ["Nord Design"])
    trello = csv_file(tmp_path, "trello.csv", ["Nordic Design"])
    run = [truthmap_command(), "evidence", str(profile), "--export", f"hubspot={hub}", "--export", f"trello={trello}"]
    plain = subprocess.run(run, capture_output=True, text=True, timeout=60)
    assert "same at a name score of 92 or more" in plain.stdout and "review from 80" in plain.stdout
    assert "Pairs to review (1)" in plain.stdout
    looser = subprocess.run([*run, "--same", "90", "--review", "70"], capture_output=True, text=True, timeout=60)
    assert "same at a name score of 90 or more" in looser.stdout and "Pairs to review" not in looser.stdout
    markdown = subprocess.run([*run, "--format", "markdown"], capture_output=True, text=True, timeout=60)
    assert markdown.stdout.startswith("# Evidence for client") and "token\\_sort\\_ratio" in markdown.stdout


def test_help_states_the_knowledge_defaults():
    result = subprocess.run([truthmap_command(), "evidence", "--help"], capture_output=True, text=True, timeout=60)
    limits = facts().thresholds
    assert f"(default: {limits.same:g})" in " ".join(result.stdout.split())
    assert f"(default: {limits.review:g})" in " ".join(result.stdout.split())


def test_progress_bar_only_when_stderr_is_a_terminal(tmp_path):
    import pty

    profile = profile_file(tmp_path, "")
    hub = csv_file(tmp_path, "hub.csv", OWNER)
    command = [truthmap_command(), "evidence", str(profile), "--export", f"hubspot={hub}"]
    piped = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert piped.returncode == 0 and piped.stderr == ""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=follower, text=True, timeout=60)
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    assert done.returncode == 0
    assert b"matching [" in shown and b"100%" in shown
    assert "matching" not in done.stdout
