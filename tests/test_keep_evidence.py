"""Keeping the counts of an evidence check in the profile: `editing.keep_evidence`
over `evidence_entries()`, schema 2 on save, nothing of a client's in the file."""

from __future__ import annotations

from datetime import date

import pytest

from evidence_profiles import profile_text
from truthmap.editing import keep_evidence, remove_system
from truthmap.evidence.entry import evidence_entries
from truthmap.evidence.findings import assess
from truthmap.evidence.matching import match
from truthmap.evidence.reading import read_export
from truthmap.storage import load_profile, parse_profile, save_profile

OWNER = ["Nord Design GmbH", "Acme Ltd", "Blue River Media", "Kolibri Films", "Ostwind Partners", "Atlas Travel"]
COPY = ["NORD DESIGN", "acme limited", "Side Project X"]


def _run(folder, owner=OWNER, copy=COPY):
    profile_path = folder / "p.toml"
    profile_path.write_text(profile_text('{ system = "trello", sync = "manual" }'), encoding="utf-8")
    loaded = load_profile(profile_path)
    exports = []
    for index, (system, names) in enumerate((("hubspot", owner), ("trello", copy))):
        path = folder / f"{system}.csv"
        path.write_text("Name\n" + "".join(f'"{name}"\n' for name in names), encoding="utf-8")
        exports.append(read_export(index, system, path))
    return loaded, assess(loaded.profile, "client", exports, match(exports))


def test_the_counts_are_kept_and_saved_as_schema_2_without_a_client_name(tmp_path):
    loaded, result = _run(tmp_path)
    kept = keep_evidence(loaded.profile, evidence_entries(result, date(2026, 12, 6)))
    assert [(e.system, e.file, e.rows, e.counts) for e in kept.evidence] == [
        ("hubspot", "hubspot.csv", 6, {}), ("trello", "trello.csv", 3, {"drift": 1})]
    assert kept.evidence[1].date == date(2026, 12, 6) and kept.evidence[1].sha256 == result.exports[1].sha256
    assert loaded.profile.evidence == []  # the profile given is never changed
    path = tmp_path / "p.toml"
    save_profile(kept, path, expected=loaded.stamp, original=(loaded.text, loaded.profile))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("schema = 2\n")
    assert load_profile(path).profile.evidence == kept.evidence
    assert not any(name.casefold() in text.casefold() for name in [*OWNER, *COPY])


def test_a_later_check_of_the_same_file_replaces_its_entry_and_keeps_the_others(tmp_path):
    loaded, first = _run(tmp_path)
    once = keep_evidence(loaded.profile, evidence_entries(first, date(2026, 12, 6)))
    _, second = _run(tmp_path, copy=[*COPY, "Another One"])
    again = keep_evidence(once, evidence_entries(second, date(2026, 12, 7))[1:])  # trello's only
    assert [(e.system, e.rows, e.date.day) for e in again.evidence] == [("hubspot", 6, 6), ("trello", 4, 7)]
    assert keep_evidence(again, []) is again


def test_an_entry_of_a_system_the_profile_lacks_is_refused_in_words(tmp_path):
    loaded, result = _run(tmp_path)
    (entry, _) = evidence_entries(result)
    with pytest.raises(ValueError, match="no system with id 'pipedrive'"):
        keep_evidence(loaded.profile, [{**entry, "system": "pipedrive"}])
    with pytest.raises(ValueError, match=r"Evidence entry 1: sha256: expected 64 hexadecimal digits"):
        keep_evidence(loaded.profile, [{**entry, "sha256": "not a digest"}])


def test_removing_a_system_drops_its_kept_counts_so_the_profile_stays_valid(tmp_path):
    loaded, result = _run(tmp_path)
    kept = keep_evidence(loaded.profile, evidence_entries(result))
    removal = remove_system(kept, "trello")
    assert [e.system for e in removal.profile.evidence] == ["hubspot"]
    assert any("kept counts" in line for line in removal.affected)
    from truthmap.storage import dump_profile

    assert parse_profile(dump_profile(removal.profile)).evidence == removal.profile.evidence
