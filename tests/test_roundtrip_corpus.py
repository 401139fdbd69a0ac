"""Every value a person writes survives save and reload unchanged.

The proof uses text nobody on this project wrote: every string value and
every key of the TOML 1.0.0 valid files of the public toml-test suite,
placed in the profile's free-text fields.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profile_strategies import free_text, profiles, typed

from truthmap.model import Answers, Copy, Handoff, Profile, Record, StageMap, System
from truthmap.vocabulary import MAX_NOTES_LENGTH, MAX_TEXT_LENGTH, COMPLEXITY_VALUES, RULES_VALUES, STAGES, SYNC_MODES, SYSTEM_KINDS, WHERE_VALUES
from truthmap.storage import dump_profile, load_profile, parse_profile, save_profile

REPO = Path(__file__).resolve().parents[1]


def _corpus_folder() -> Path | None:
    """toml-test sits in `shared/` beside the checkout (CI copies it there too)."""
    candidates = [REPO.parent / "shared" / "corpora" / "toml-test"]
    if os.environ.get("TOML_TEST_CORPUS"):
        candidates.insert(0, Path(os.environ["TOML_TEST_CORPUS"]))
    return next((folder for folder in candidates if folder.is_dir()), None)


CORPUS = _corpus_folder()
needs_corpus = pytest.mark.skipif(
    CORPUS is None, reason=f"toml-test corpus not found at {REPO.parent / 'shared/corpora/toml-test'}"
)


def corpus_files() -> list[Path]:
    """The valid files that belong to TOML 1.0.0 (what Python 3.11's tomllib reads)."""
    if CORPUS is None:
        return []
    listing = (CORPUS / "tests" / "files-toml-1.0.0").read_text(encoding="utf-8").split()
    return [CORPUS / "tests" / name for name in listing if name.startswith("valid/") and name.endswith(".toml")]


def decode(path: Path) -> dict:
    data = path.read_bytes()
    return tomllib.loads(data.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))


def strings_of(value: object, found: list[str]) -> list[str]:
    """Every key and every string value, depth first, in document order."""
    if isinstance(value, dict):
        for key, item in value.items():
            found.append(key)
            strings_of(item, found)
    elif isinstance(value, list):
        for item in value:
            strings_of(item, found)
    elif isinstance(value, str):
        found.append(value)
    return found


# Hand-picked awkward text on top of the corpus.
AWKWARD = [
    "Roses\r\nare red", "\r", "\n", "\r\n\r\n", "tab\there", "\t", '"quoted"', "'single'", "'''", '"""',
    "back\\slash", "\\", "\\n is not a newline", "\x00", "\x1b[31mred\x1b[0m", "\x7f", "\x85\u2028\u2029",
    "\U0001f600 emoji", "\U0010ffff", "Studio Nord — today", "[bold]x[/]", "", " ", "  leading and trailing  ",
    "\ufeffbom inside", "x = 1\n[table]\n", "# not a comment",
]


def profile_holding(texts: list[str]) -> Profile:
    """One profile with every text in the repeatable free-text fields, and the
    first few also in name, notes and the stage owners."""
    return Profile(
        name=texts[0],
        notes=texts[-1],
        systems=[System(id=f"s{index}", name=text, kind="other") for index, text in enumerate(texts)],
        records=[Record(entity=f"custom-entity_{index}", owner=f"s{index}", steward=text)
                 for index, text in enumerate(texts)],
        stages=[StageMap(stage=stage, system=f"s{index}", owner=text)
                for index, (stage, text) in enumerate(zip(STAGES, texts))],
        handoffs=[Handoff(from_stage="contract", to_stage="kickoff", trigger=text, owner=text[::-1])
                  for text in texts],
    )


def assert_round_trip(profile: Profile, path: Path) -> None:
    save_profile(profile, path, overwrite=True)
    reloaded = load_profile(path).profile
    assert typed(reloaded.model_dump()) == typed(profile.model_dump())


def assert_text_survives(texts: list[str], reloaded: Profile) -> None:
    assert [s.name for s in reloaded.systems] == texts
    assert [r.steward for r in reloaded.records] == texts
    assert [h.trigger for h in reloaded.handoffs] == texts
    assert [h.owner for h in reloaded.handoffs] == [text[::-1] for text in texts]
    assert [s.owner for s in reloaded.stages] == texts[: len(STAGES)]
    assert (reloaded.name, reloaded.notes) == (texts[0], texts[-1])


# ------------------------------------------------------------ the corpus


@needs_corpus
def test_corpus_is_the_expected_one():
    files = corpus_files()
    assert len(files) > 150, "the TOML 1.0.0 listing should name some two hundred valid files"
    missing = [str(path) for path in files if not path.is_file()]
    assert not missing


def files_with_text() -> list[Path]:
    return [path for path in corpus_files() if strings_of(decode(path), [])]


@needs_corpus
@pytest.mark.parametrize("path", files_with_text(), ids=lambda p: str(p.relative_to(CORPUS / "tests" / "valid")))
def test_every_corpus_string_and_key_survives_save_and_reload(tmp_path, path):
    texts = strings_of(decode(path), [])
    target = tmp_path / "corpus.toml"
    save_profile(profile_holding(texts), target)
    assert_text_survives(texts, load_profile(target).profile)


@needs_corpus
def test_every_corpus_text_survives_in_every_free_text_field():
    texts = sorted({text for path in corpus_files() for text in strings_of(decode(path), [])})
    assert any("\r\n" in text for text in texts) and any("\x00" in text for text in texts)
    for text in texts:
        profile = profile_holding([text, text])
        reloaded = parse_profile(dump_profile(profile).encode("utf-8"), "memory")
        assert reloaded == profile, repr(text)


def test_awkward_text_survives_save_and_reload(tmp_path):
    target = tmp_path / "awkward.toml"
    save_profile(profile_holding(AWKWARD), target)
    assert_text_survives(AWKWARD, load_profile(target).profile)
    assert "\r\n" not in target.read_text(encoding="utf-8", errors="strict").replace("\\r\\n", "")


def test_every_unicode_character_survives(tmp_path):
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    chunks = [everything[start:start + MAX_TEXT_LENGTH] for start in range(0, len(everything), MAX_TEXT_LENGTH)]
    target = tmp_path / "unicode.toml"
    save_profile(profile_holding(chunks[:12]), target)
    assert_text_survives(chunks[:12], load_profile(target).profile)
    # All of it through name and notes too, in pieces as long as each field allows.
    step = MAX_TEXT_LENGTH + MAX_NOTES_LENGTH
    for start in range(0, len(everything), step):
        piece = everything[start:start + step]
        profile = Profile(name=piece[:MAX_TEXT_LENGTH], notes=piece[MAX_TEXT_LENGTH:])
        assert typed(parse_profile(dump_profile(profile), "memory").model_dump()) == typed(profile.model_dump())


def test_saved_file_is_one_line_per_value(tmp_path):
    """No multi-line strings: a `\\r\\n` inside a value is escaped, never raw."""
    target = tmp_path / "lines.toml"
    save_profile(profile_holding(["a\r\nb", "c\nd"]), target)
    raw = target.read_bytes()
    assert b"\r" not in raw and b'"""' not in raw
    assert b'"a\\r\\nb"' in raw


# ------------------------------------------------------------ generated profiles


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(profiles())
def test_generated_profiles_round_trip_with_types(tmp_path, profile):
    target = tmp_path / "generated.toml"
    assert_round_trip(profile, target)
    first = target.read_bytes()
    loaded = load_profile(target)
    save_profile(loaded.profile, target, loaded.stamp)
    assert target.read_bytes() == first


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=2**63 - 1),
       st.floats(min_value=0, allow_nan=False, allow_infinity=False))
def test_ints_stay_ints_and_floats_stay_floats(whole, decimal):
    profile = Profile(name="n", answers=Answers(sales_cycle_weeks=whole, admin_hours_per_week=decimal))
    text = dump_profile(profile)
    assert f"sales_cycle_weeks = {whole}\n" in text
    reloaded = parse_profile(text, "memory").answers
    assert type(reloaded.sales_cycle_weeks) is int and reloaded.sales_cycle_weeks == whole
    assert type(reloaded.admin_hours_per_week) is float and reloaded.admin_hours_per_week == decimal


def test_sales_cycle_weeks_six_saves_as_six(tmp_path):
    target = tmp_path / "six.toml"
    save_profile(Profile(name="n", answers=Answers(sales_cycle_weeks=6)), target)
    assert "sales_cycle_weeks = 6\n" in target.read_text(encoding="utf-8")


@settings(max_examples=100, deadline=None)
@given(free_text, free_text)
def test_any_text_in_name_and_notes_round_trips(name, notes):
    profile = Profile(name=name, notes=notes)
    assert parse_profile(dump_profile(profile), "memory") == profile


def test_every_enum_value_round_trips(tmp_path):
    systems = [System(id=f"k-{kind}", name=kind, kind=kind) for kind in SYSTEM_KINDS]
    records = [Record(entity="client", owner="k-crm",
                      copies=[Copy(system=f"k-{kind}", sync=mode) for kind in SYSTEM_KINDS for mode in SYNC_MODES])]
    stages = [StageMap(stage=stage, system=systems[index].id) for index, stage in enumerate(STAGES)]
    handoffs = [Handoff(from_stage=a, to_stage=b) for i, a in enumerate(STAGES) for b in STAGES[i + 1:]]
    target = tmp_path / "enums.toml"
    answer_sets = zip(COMPLEXITY_VALUES * 2, WHERE_VALUES, reversed(WHERE_VALUES), RULES_VALUES * 2)
    for complexity, lost, friction, rules in answer_sets:
        answers = Answers(delivery_complexity=complexity, revenue_lost=lost, friction=friction, ownership_rules=rules,
                          repeatable_services=rules == "yes", early_stage=False, team_size=1, sales_cycle_weeks=0.25)
        profile = Profile(name="enums", answers=answers, systems=systems, records=records, stages=stages,
                          handoffs=handoffs)
        assert_round_trip(profile, target)
