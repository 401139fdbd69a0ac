"""Schema 2: a target's base and kept evidence, with schema-1 files read and saved as 1."""

from __future__ import annotations

import datetime

import pytest

from truthmap.merging import merge
from truthmap.model import Evidence
from truthmap.paths import sample_profiles
from truthmap.storage import ProfileError, dump_profile, load_profile, parse_profile, save_profile

SCHEMA_1 = 'schema = 1\nname = "Studio"  # ours\n\n[[systems]]\nid = "h"\nname = "HubSpot"\nkind = "crm"\n'


def _evidence(**change) -> Evidence:
    values = dict(system="h", file="companies.csv", sha256="ab" * 32, rows=120,
                  date=datetime.date(2026, 12, 6), counts={"drift": 3, "duplicate-within": 1})
    return Evidence(**{**values, **change})


@pytest.mark.parametrize("path", sample_profiles(), ids=lambda p: p.name)
def test_schema_1_files_stay_schema_1_when_saved_without_new_keys(path, tmp_path):
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    loaded = load_profile(copy)
    save_profile(loaded.profile.model_copy(update={"name": "renamed"}), copy, expected=loaded.stamp)
    assert copy.read_text(encoding="utf-8").startswith("schema = 1\n")


def test_a_new_key_moves_the_file_to_schema_2_and_keeps_the_comment(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(SCHEMA_1, encoding="utf-8")
    loaded = load_profile(path)
    target = loaded.profile.model_copy(update={"target_of": "studio.toml", "evidence": [_evidence()]})
    save_profile(target, path, expected=loaded.stamp, original=(loaded.text, loaded.profile))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("schema = 2\n") and "# ours" in text
    assert 'target_of = "studio.toml"' in text and "counts = {" in text
    again = load_profile(path).profile
    assert again.target_of == "studio.toml" and again.evidence == [_evidence()]


def test_new_keys_in_a_schema_1_file_are_refused_with_the_schema_they_need():
    text = 'schema = 1\nname = "x"\ntarget_of = "base.toml"\n'
    with pytest.raises(ProfileError) as refused:
        parse_profile(text, "x.toml")
    assert list(map(str, refused.value.problems)) == [
        "target_of: needs `schema = 2` at the top (this file says schema = 1) (line 3)"]


def test_evidence_is_checked_like_every_other_part():
    text = ('schema = 2\nname = "x"\n[[evidence]]\nsystem = "nowhere"\nfile = "a.csv"\nsha256 = "xyz"\n'
            'rows = -1\ndate = 2026-12-06\ncounts = { drift = "3" }\n')
    with pytest.raises(ProfileError) as refused:
        parse_profile(text, "x.toml")
    lines = list(map(str, refused.value.problems))
    assert any(line.startswith("evidence[0].sha256: expected 64 hexadecimal digits") for line in lines)
    assert any(line.startswith("evidence[0].rows: must be at least 0") for line in lines)
    assert any(line.startswith("evidence[0].counts.drift: expected an integer") for line in lines)
    assert any(line.startswith("evidence[0].system: unknown system 'nowhere'") for line in lines)


def test_a_newer_schema_is_still_refused():
    with pytest.raises(ProfileError, match="schema 3, newer than this truthmap understands"):
        parse_profile('schema = 3\nname = "x"\n')


def test_the_compact_layout_holds_evidence_too():
    profile = parse_profile(SCHEMA_1).model_copy(update={"evidence": [_evidence()]})
    assert parse_profile(dump_profile(profile, compact=True)).evidence == [_evidence()]


def test_evidence_merges_by_system_and_file():
    base = parse_profile(SCHEMA_1)
    mine = base.model_copy(update={"evidence": [_evidence()]})
    theirs = base.model_copy(update={"target_of": "studio.toml"})
    merged = merge(base, mine, theirs, prefer_mine=True)
    assert merged.collisions == [] and merged.profile is not None
    assert merged.profile.evidence == [_evidence()] and merged.profile.target_of == "studio.toml"


@pytest.mark.parametrize("tail", ["", "\n"], ids=["file ends at the entry", "file ends with a blank line"])
def test_a_kept_layout_puts_one_blank_line_before_each_added_entry(tmp_path, tail):
    text = SCHEMA_1.replace("schema = 1", "schema = 2") + (
        '\n[[evidence]]\nsystem = "h"\nfile = "a.csv"\nsha256 = "' + "cd" * 32 + '"\nrows = 1\n'
        'date = 2026-01-01\n' + tail)
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_profile(path)
    more = loaded.profile.model_copy(update={"evidence": [*loaded.profile.evidence, _evidence(), _evidence(file="b.csv")]})
    save_profile(more, path, expected=loaded.stamp, original=(loaded.text, loaded.profile))
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith(text.rstrip("\n") + "\n\n[[evidence]]\n")  # what was there stays, then one blank line
    assert saved.count("\n\n[[evidence]]\n") == 3 and "\n\n\n" not in saved
