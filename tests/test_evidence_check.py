"""What the workbench's evidence screen runs: picks read, matched and judged with a
progress callback, the file proposed for a system, the columns of a file no
preset knows, and a pair's rows read back whole."""

from __future__ import annotations

import pytest

from evidence_profiles import profile_text
from truthmap.evidence.check import Pick, check, export_files, proposed_export, tool_of
from truthmap.evidence.reading import ColumnsUnknown, EvidenceError, read_export, row_cells
from truthmap.storage import parse_profile


def _profile(copies: str = '{ system = "trello", sync = "manual" }'):
    return parse_profile(profile_text(copies))


def test_check_reads_matches_and_judges_telling_its_progress(tmp_path):
    (tmp_path / "h.csv").write_text("Company name,Email\nNord Design GmbH,info@nord.de\nAcme Ltd,\n", encoding="utf-8")
    (tmp_path / "t.csv").write_text("Client\nNORD DESIGN\nSide Project X\n", encoding="utf-8")
    seen: list[tuple[str, int, int]] = []
    result = check(_profile(), [Pick("hubspot", tmp_path / "h.csv"), Pick("trello", tmp_path / "t.csv")],
                   progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert [f.finding.kind for f in result.findings] == ["drift"]
    assert seen[:2] == [("reading", 0, 2), ("reading", 1, 2)]
    assert seen[-1][0] == "matching" and seen[-1][1] == seen[-1][2] > 0
    assert result.exports[0].header == ("Company name", "Email")


def test_a_file_whose_headers_no_preset_knows_says_its_columns_and_reads_once_they_are_named(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Kunde;Kontakt-Adresse;Umsatz\nNord Design;info@nord.de;100\n", encoding="utf-8")
    with pytest.raises(ColumnsUnknown) as unknown:
        read_export(0, "sheet", path)
    assert unknown.value.header == ("Kunde", "Kontakt-Adresse", "Umsatz")
    assert isinstance(unknown.value, EvidenceError)  # the command line still says it in one line
    result = check(_profile(), [Pick("sheet", path, {"name": "Kunde", "email": "Kontakt-Adresse"})])
    (client,) = result.exports[0].clients
    assert client.name == "Nord Design" and client.emails == ("info@nord.de",)


def test_the_proposed_file_is_one_named_after_the_system_not_picked_yet(tmp_path):
    folder = tmp_path / "exports"
    assert proposed_export(folder, "hubspot", "HubSpot") == folder / "hubspot.csv"  # no folder yet
    folder.mkdir()
    for name in ("HubSpot-companies.csv", "hubspot_contacts.csv", "notes.md", "old-sheet.csv", "trello.json"):
        (folder / name).write_text("x", encoding="utf-8")
    assert [p.name for p in export_files(folder)] == ["HubSpot-companies.csv", "hubspot_contacts.csv",
                                                      "old-sheet.csv", "trello.json"]
    assert proposed_export(folder, "hubspot", "HubSpot").name == "HubSpot-companies.csv"
    assert proposed_export(folder, "hubspot", "HubSpot", [folder / "HubSpot-companies.csv"]).name == \
        "hubspot_contacts.csv"
    assert proposed_export(folder, "sheet", "Old sheet").name == "old-sheet.csv"
    assert proposed_export(folder, "xero", "Xero") == folder / "xero.csv"


def test_tool_of_finds_the_catalog_tool_by_name_then_id():
    profile = _profile()
    assert tool_of(profile, "hubspot") == "hubspot" and tool_of(profile, "sheet") is None


def test_rows_are_read_back_whole_as_numbered_by_the_reading(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("Company name,Email\n\nNord Design,info@nord.de\n\n=HYPERLINK(\"x\"),\n", encoding="utf-8")
    assert row_cells(path, [2, 1]) == {1: [("Company name", "Nord Design"), ("Email", "info@nord.de")],
                                      2: [("Company name", '=HYPERLINK("x")'), ("Email", "")]}
    board = tmp_path / "b.json"
    board.write_text('{"cards": [{"name": "Acme", "id": "c1", "closed": false, "labels": []}]}', encoding="utf-8")
    assert row_cells(board, [1]) == {1: [("name", "Acme"), ("id", "c1"), ("closed", "False")]}
