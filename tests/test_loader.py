"""Every class of bad profile input is refused with one clear line per problem.

Each line names the file, then either `line:column` (TOML syntax, invalid
UTF-8) or the field path (`records[2].copies[0].sync: ...`).  Nothing but
ProfileError ever leaves the loader.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import threading

import pytest

from truthmap.model import Profile
from truthmap.storage import ProfileError, load_profile, parse_profile
from truthmap.vocabulary import MAX_LIST_ITEMS, MAX_PROFILE_BYTES, SCHEMA_VERSION

HEAD = 'schema = 1\nname = "Studio"\n'

SYSTEMS = """
[[systems]]
id = "hubspot"
name = "HubSpot"
kind = "crm"

[[systems]]
id = "trello"
name = "Trello"
kind = "pm"
"""

# The example of SPEC section 3, verbatim in structure.
SPEC_EXAMPLE = """\
schema = 1
name = "Studio Nord — today"          # free text, any Unicode
notes = "Two designers, one PM"

[answers]
inquiries_per_month = 12
open_opportunities = 5
sales_cycle_weeks = 6
active_projects = 4
delivery_complexity = "high"
repeatable_services = false
revenue_lost = "before-kickoff"
friction = "after-kickoff"
problems_persistent = true
lost_deals_to_follow_up = true
delivery_quality_bottleneck = true
process_documented = false
ownership_rules = "unsure"
early_stage = false
team_size = 3
admin_hours_per_week = 4

[[systems]]
id = "hubspot"
name = "HubSpot"
kind = "crm"

[[systems]]
id = "trello"
name = "Trello"
kind = "pm"

[[systems]]
id = "slack"
name = "Slack"
kind = "chat"

[[records]]
entity = "client"
owner = "hubspot"
steward = "Dana (sales)"
copies = [
  { system = "trello", sync = "manual" },
]

[[records]]
entity = "sales_notes"
owner = "slack"

[[stages]]
stage = "proposal"
system = "hubspot"
owner = "Dana (sales)"

[[stages]]
stage = "kickoff"
system = "trello"

[[handoffs]]
from = "contract"
to = "kickoff"
trigger = "Deal marked won"
owner = "Dana (sales)"
"""


def write(tmp_path, content: str | bytes, name: str = "profile.toml"):
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def problems(path) -> list[str]:
    """The error lines for a file that must be refused (and the checks every line passes)."""
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    lines = caught.value.lines()
    assert lines, "a refused profile must say why"
    for line in lines:
        assert line.startswith(f"{path}: "), line
        assert "\n" not in line and "\r" not in line, line
    assert str(caught.value) == "\n".join(lines)
    return [_unplaced(line) for line in lines]


_PLACE = re.compile(r" \((?:line \d+(?:, )?)?(?:the \d+(?:st|nd|rd|th) [a-z ]+)?\)$")


def _unplaced(line: str) -> str:
    """A problem line without the place it ends with (its own tests check the place)."""
    return _PLACE.sub("", line)


def assert_refused(tmp_path, text: str, *expected: str) -> list[str]:
    lines = problems(write(tmp_path, text))
    joined = "\n".join(lines)
    for fragment in expected:
        assert fragment in joined, f"{fragment!r} not in:\n{joined}"
    return lines


# ------------------------------------------------------------ valid input


def test_brand_new_profile_is_valid(tmp_path):
    profile = load_profile(write(tmp_path, HEAD)).profile
    assert profile.name == "Studio"
    assert profile.systems == [] and profile.records == [] and profile.stages == [] and profile.handoffs == []
    assert profile.answers.answered() == {}


def test_spec_example_loads_with_every_value(tmp_path):
    loaded = load_profile(write(tmp_path, SPEC_EXAMPLE))
    profile = loaded.profile
    assert profile.name == "Studio Nord — today"
    assert profile.answers.sales_cycle_weeks == 6 and type(profile.answers.sales_cycle_weeks) is int
    assert profile.answers.team_size == 3
    assert [s.id for s in profile.systems] == ["hubspot", "trello", "slack"]
    assert profile.records[0].copies[0].sync == "manual"
    assert profile.handoffs[0].from_stage == "contract" and profile.handoffs[0].to_stage == "kickoff"
    assert loaded.path == tmp_path / "profile.toml"
    assert loaded.stamp is not None and loaded.stamp.size == len(SPEC_EXAMPLE.encode())


def test_same_entity_with_two_owners_is_valid_input(tmp_path):
    text = HEAD + SYSTEMS + """
[[records]]
entity = "client"
owner = "hubspot"

[[records]]
entity = "client"
owner = "trello"
"""
    profile = load_profile(write(tmp_path, text)).profile
    assert [(r.entity, r.owner) for r in profile.records] == [("client", "hubspot"), ("client", "trello")]


def test_custom_entities_and_omitted_optionals_are_valid(tmp_path):
    text = HEAD + SYSTEMS + """
[[records]]
entity = "mood-board_2"

[[stages]]
stage = "delivery"

[[handoffs]]
from = "inquiry"
to = "payment"
"""
    profile = load_profile(write(tmp_path, text)).profile
    assert profile.records[0].entity == "mood-board_2" and profile.records[0].owner is None
    assert profile.stages[0].system is None


def test_float_answers_accept_integers_and_decimals(tmp_path):
    text = HEAD + "[answers]\nsales_cycle_weeks = 6\nadmin_hours_per_week = 2.5\n"
    answers = load_profile(write(tmp_path, text)).profile.answers
    assert type(answers.sales_cycle_weeks) is int and answers.sales_cycle_weeks == 6
    assert answers.admin_hours_per_week == 2.5


def test_byte_order_mark_is_accepted(tmp_path):
    profile = load_profile(write(tmp_path, b"\xef\xbb\xbf" + HEAD.encode())).profile
    assert profile.name == "Studio"


def test_crlf_line_endings_are_accepted(tmp_path):
    profile = load_profile(write(tmp_path, HEAD.replace("\n", "\r\n"))).profile
    assert profile.name == "Studio"


def test_parse_profile_accepts_text_too():
    assert parse_profile(HEAD).name == "Studio"


# ------------------------------------------------------------ unknown keys

UNKNOWN_KEYS = {
    "top level": (HEAD + 'nmae = "typo"\n', "nmae: unknown key"),
    "answers": (HEAD + "[answers]\nteam_sise = 3\n", "answers.team_sise: unknown key"),
    "systems": (HEAD + '[[systems]]\nid = "a"\nname = "A"\nkind = "crm"\ncolour = "red"\n',
                "systems[0].colour: unknown key"),
    "records": (HEAD + SYSTEMS + '[[records]]\nentity = "client"\nownr = "hubspot"\n',
                "records[0].ownr: unknown key"),
    "copies": (HEAD + SYSTEMS + '[[records]]\nentity = "client"\ncopies = [{ system = "trello", sync = "manual", how = 1 }]\n',
               "records[0].copies[0].how: unknown key"),
    "stages": (HEAD + SYSTEMS + '[[stages]]\nstage = "delivery"\ntool = "trello"\n', "stages[0].tool: unknown key"),
    "handoffs": (HEAD + '[[handoffs]]\nfrom = "contract"\nto = "kickoff"\nwhen = "won"\n',
                 "handoffs[0].when: unknown key"),
    "nested table in answers": (HEAD + "[answers.extra]\nx = 1\n", "answers.extra: unknown key"),
    # The Python attribute names are not a second spelling of `from` / `to`.
    "handoff field name": (HEAD + '[[handoffs]]\nfrom_stage = "contract"\nto_stage = "kickoff"\n',
                           "handoffs[0].from_stage: unknown key"),
    "schema attribute name": (HEAD + "schema_ = 1\n", "schema_: unknown key"),
}


def test_unknown_key_with_control_characters_stays_on_one_line(tmp_path):
    lines = assert_refused(tmp_path, HEAD + '[answers]\n"bad\\nkey\\u001b" = 1\n', "unknown key")
    assert 'answers."bad\\nkey\\u001b": unknown key' in lines[0]


# ------------------------------------------------------------ wrong types

WRONG_TYPES = {
    "name integer": (HEAD.replace('"Studio"', "3"), "name: expected a string, got an integer"),
    "notes boolean": (HEAD + "notes = true\n", "notes: expected a string, got a boolean"),
    "notes array": (HEAD + "notes = ['a']\n", "notes: expected a string, got an array"),
    "name date": (HEAD.replace('"Studio"', "1979-05-27"), "name: expected a string, got a date or time"),
    "answers not a table": (HEAD + "answers = 3\n", "answers: expected a table, got an integer"),
    "systems not an array": (HEAD + "systems = {}\n", "systems: expected an array, got a table"),
    "records item not a table": (HEAD + "records = [1]\n", "records[0]: expected a table, got an integer"),
    "copies not an array": (HEAD + SYSTEMS + '[[records]]\nentity = "client"\ncopies = "trello"\n',
                            "records[0].copies: expected an array, got a string"),
    "count is text": (HEAD + '[answers]\ninquiries_per_month = "12"\n',
                      "answers.inquiries_per_month: expected an integer, got a string"),
    "count is decimal": (HEAD + "[answers]\nactive_projects = 1.5\n",
                         "answers.active_projects: expected an integer, got a decimal number"),
    "number is boolean": (HEAD + "[answers]\nsales_cycle_weeks = true\n",
                          "answers.sales_cycle_weeks: expected a number, got a boolean"),
    "yes-no is text": (HEAD + '[answers]\nrepeatable_services = "yes"\n',
                       "answers.repeatable_services: expected true or false, got a string"),
    "yes-no is integer": (HEAD + "[answers]\nearly_stage = 1\n",
                          "answers.early_stage: expected true or false, got an integer"),
    "choice is boolean": (HEAD + "[answers]\nownership_rules = true\n",
                          "answers.ownership_rules: expected one of 'yes', 'no', 'unsure', got a boolean"),
    "system id integer": (HEAD + '[[systems]]\nid = 1\nname = "A"\nkind = "crm"\n',
                          "systems[0].id: expected a string, got an integer"),
    "steward integer": (HEAD + '[[records]]\nentity = "client"\nsteward = 7\n',
                        "records[0].steward: expected a string, got an integer"),
    "stage owner table": (HEAD + '[[stages]]\nstage = "delivery"\nowner = { a = 1 }\n',
                          "stages[0].owner: expected a string, got a table"),
    "trigger array": (HEAD + '[[handoffs]]\nfrom = "contract"\nto = "kickoff"\ntrigger = []\n',
                      "handoffs[0].trigger: expected a string, got an array"),
    "schema text": ('schema = "1"\nname = "x"\n', "schema: expected an integer, got a string"),
    "schema decimal": ('schema = 1.0\nname = "x"\n', "schema: expected an integer, got a decimal number"),
    "schema boolean": ('schema = true\nname = "x"\n', "schema: expected an integer, got a boolean"),
}


# ------------------------------------------------------------ enum values

BAD_ENUMS = {
    "system kind": (HEAD + '[[systems]]\nid = "a"\nname = "A"\nkind = "CRM"\n',
                    "systems[0].kind: expected one of 'crm', 'pm', 'billing', 'all-in-one', 'docs', "
                    "'spreadsheet', 'email', 'chat', 'other', got 'CRM'"),
    "delivery complexity": (HEAD + '[answers]\ndelivery_complexity = "huge"\n',
                            "answers.delivery_complexity: expected one of 'low', 'medium', 'high', got 'huge'"),
    "revenue lost": (HEAD + '[answers]\nrevenue_lost = "before kickoff"\n',
                     "answers.revenue_lost: expected one of 'before-kickoff', 'after-kickoff', 'even', 'unknown'"),
    "friction": (HEAD + '[answers]\nfriction = "both"\n', "answers.friction: expected one of"),
    "ownership rules": (HEAD + '[answers]\nownership_rules = "maybe"\n', "answers.ownership_rules: expected one of"),
}


def test_bad_sync_mode_names_the_spec_field_path(tmp_path):
    text = HEAD + SYSTEMS + """
[[records]]
entity = "lead"
owner = "hubspot"

[[records]]
entity = "client"
owner = "hubspot"

[[records]]
entity = "scope"
owner = "hubspot"
copies = [{ system = "trello", sync = "sometimes" }]
"""
    assert_refused(
        tmp_path, text,
        "records[2].copies[0].sync: expected one of 'one-way', 'two-way', 'manual', 'none', got 'sometimes'",
    )


def test_long_wrong_value_is_shortened(tmp_path):
    lines = assert_refused(tmp_path, HEAD + f'[answers]\nfriction = "{"x" * 5000}"\n', "answers.friction")
    assert len(lines[0]) < 300


# ------------------------------------------------------------ references


def test_undeclared_record_owner(tmp_path):
    text = HEAD + SYSTEMS + '[[records]]\nentity = "client"\nowner = "pipedrive"\n'
    assert_refused(tmp_path, text, "records[0].owner: unknown system 'pipedrive' (declared systems: hubspot, trello)")


def test_undeclared_copy_system(tmp_path):
    text = HEAD + SYSTEMS + '[[records]]\nentity = "client"\nowner = "hubspot"\ncopies = [{ system = "notion", sync = "none" }]\n'
    assert_refused(tmp_path, text, "records[0].copies[0].system: unknown system 'notion'")


def test_undeclared_stage_system(tmp_path):
    text = HEAD + '[[stages]]\nstage = "delivery"\nsystem = "asana"\n'
    assert_refused(tmp_path, text, "stages[0].system: unknown system 'asana' (declared systems: none declared)")


def test_duplicate_system_ids(tmp_path):
    text = HEAD + SYSTEMS + '[[systems]]\nid = "hubspot"\nname = "HubSpot again"\nkind = "crm"\n'
    assert_refused(tmp_path, text, "systems[2].id: duplicate system id 'hubspot' (first declared at systems[0])")


def test_unknown_stage_in_stages(tmp_path):
    assert_refused(tmp_path, HEAD + '[[stages]]\nstage = "design"\n', "stages[0].stage: expected one of 'inquiry'")


@pytest.mark.parametrize("side", ["from", "to"])
def test_unknown_stage_in_handoffs(tmp_path, side):
    ends = {"from": "contract", "to": "kickoff"}
    ends[side] = "done"
    text = HEAD + f'[[handoffs]]\nfrom = "{ends["from"]}"\nto = "{ends["to"]}"\n'
    assert_refused(tmp_path, text, f"handoffs[0].{side}: expected one of", "got 'done'")


def test_duplicate_stage_entries(tmp_path):
    text = HEAD + '[[stages]]\nstage = "delivery"\n\n[[stages]]\nstage = "review"\n\n[[stages]]\nstage = "delivery"\n'
    assert_refused(tmp_path, text, "stages[2].stage: stage 'delivery' is already mapped at stages[0]")


@pytest.mark.parametrize("start, end", [("kickoff", "contract"), ("delivery", "delivery")])
def test_handoff_must_go_forward(tmp_path, start, end):
    text = HEAD + f'[[handoffs]]\nfrom = "{start}"\nto = "{end}"\n'
    assert_refused(tmp_path, text, f"handoffs[0].to: '{end}' must come after '{start}'")


def test_every_reference_problem_is_reported_at_once(tmp_path):
    text = HEAD + SYSTEMS + """
[[systems]]
id = "trello"
name = "Trello 2"
kind = "pm"

[[records]]
entity = "client"
owner = "ghost"

[[stages]]
stage = "delivery"
system = "phantom"
"""
    lines = assert_refused(tmp_path, text, "systems[2].id", "records[0].owner", "stages[0].system")
    assert len(lines) == 3



def test_type_errors_and_reference_problems_come_in_one_pass(tmp_path):
    """A hand-edited file with several kinds of mistakes is told all of them at once."""
    text = 'name = "Studio"\ncolour = "red"\n[answers]\nteam_size = "three"\n' + SYSTEMS + """
[[systems]]
id = "Bad Id"
name = "Odd"
kind = "crm"

[[records]]
entity = "client"
owner = "ghost"
copies = [{ system = "phantom", sync = "sometimes" }, { system = "Bad Id", sync = "manual" }]

[[stages]]
stage = "delivery"
system = 7

[[stages]]
stage = "delivery"
system = "trello"

[[handoffs]]
from = "kickoff"
to = "contract"
"""
    lines = [line.split(": ", 1)[1] for line in assert_refused(tmp_path, text)]
    fields = [line.split(":")[0] for line in lines]
    assert fields == ["schema", "answers.team_size", "systems[2].id", "records[0].copies[0].sync",
                      "records[0].copies[1].system", "records[0].owner", "records[0].copies[0].system",
                      "stages[0].system", "stages[1].stage", "handoffs[0].to", "colour"]
    assert "unknown system 'ghost'" in lines[5] and "unknown system 'phantom'" in lines[6]
    assert not any("'Bad Id' (declared" in line for line in lines)  # its own line, no knock-on error



# ------------------------------------------------------------ numbers

OUT_OF_RANGE = {
    "negative inquiries": ("inquiries_per_month = -1", "answers.inquiries_per_month: must be at least 0"),
    "negative opportunities": ("open_opportunities = -3", "answers.open_opportunities: must be at least 0"),
    "negative projects": ("active_projects = -1", "answers.active_projects: must be at least 0"),
    "negative weeks": ("sales_cycle_weeks = -0.5", "answers.sales_cycle_weeks: must be at least 0"),
    "negative hours": ("admin_hours_per_week = -1", "answers.admin_hours_per_week: must be at least 0"),
    "team of zero": ("team_size = 0", "answers.team_size: must be at least 1"),
    "negative team": ("team_size = -2", "answers.team_size: must be at least 1"),
    "nan weeks": ("sales_cycle_weeks = nan", "answers.sales_cycle_weeks: expected a finite number"),
    "negative nan hours": ("admin_hours_per_week = -nan", "answers.admin_hours_per_week: expected a finite number"),
    "inf weeks": ("sales_cycle_weeks = inf", "answers.sales_cycle_weeks: expected a finite number"),
    "minus inf hours": ("admin_hours_per_week = -inf", "answers.admin_hours_per_week: expected a finite number"),
    "nan team": ("team_size = nan", "answers.team_size: expected an integer, got a decimal number"),
    # tomllib reads integers of any size; TOML (and the analysis) stop at 64 bits.
    "count over 64 bits": ("inquiries_per_month = 9223372036854775808", "answers.inquiries_per_month: too large"),
    "weeks over 64 bits": ("sales_cycle_weeks = 99999999999999999999999999999", "answers.sales_cycle_weeks: too large"),
}


@pytest.mark.parametrize("answer, expected", OUT_OF_RANGE.values(), ids=OUT_OF_RANGE.keys())
def test_out_of_range_numbers_are_refused(tmp_path, answer, expected):
    assert_refused(tmp_path, HEAD + f"[answers]\n{answer}\n", expected)


def test_largest_toml_integer_is_accepted(tmp_path):
    text = HEAD + "[answers]\ninquiries_per_month = 9223372036854775807\n"
    assert load_profile(write(tmp_path, text)).profile.answers.inquiries_per_month == 2**63 - 1


# ------------------------------------------------------------ ids

BAD_IDS = {
    "system id with space": ('[[systems]]\nid = "hub spot"\nname = "A"\nkind = "crm"\n', "systems[0].id: 'hub spot' is not a valid id"),
    "system id capital": ('[[systems]]\nid = "HubSpot"\nname = "A"\nkind = "crm"\n', "systems[0].id: 'HubSpot' is not a valid id"),
    "system id digit first": ('[[systems]]\nid = "1crm"\nname = "A"\nkind = "crm"\n', "systems[0].id: '1crm' is not a valid id"),
    "system id empty": ('[[systems]]\nid = ""\nname = "A"\nkind = "crm"\n', "systems[0].id: '' is not a valid id"),
    "system id trailing newline": ('[[systems]]\nid = "crm\\n"\nname = "A"\nkind = "crm"\n', "systems[0].id: 'crm\\n' is not a valid id"),
    "entity capital": ('[[records]]\nentity = "Client"\n', "records[0].entity: 'Client' is not a valid id"),
    "entity punctuation": ('[[records]]\nentity = "client!"\n', "records[0].entity: 'client!' is not a valid id"),
    "owner not an id": ('[[records]]\nentity = "client"\nowner = "Hub Spot"\n', "records[0].owner: 'Hub Spot' is not a valid id"),
    "copy system not an id": ('[[records]]\nentity = "client"\ncopies = [{ system = "Trello", sync = "none" }]\n',
                              "records[0].copies[0].system: 'Trello' is not a valid id"),
}


# ------------------------------------------------------------ required keys

MISSING = {
    "name": ("schema = 1\n", "name: missing (required)"),
    "system kind": (HEAD + '[[systems]]\nid = "a"\nname = "A"\n', "systems[0].kind: missing (required)"),
    "system name": (HEAD + '[[systems]]\nid = "a"\nkind = "pm"\n', "systems[0].name: missing (required)"),
    "record entity": (HEAD + '[[records]]\nsteward = "Dana"\n', "records[0].entity: missing (required)"),
    "copy sync": (HEAD + SYSTEMS + '[[records]]\nentity = "client"\ncopies = [{ system = "trello" }]\n',
                  "records[0].copies[0].sync: missing (required)"),
    "stage id": (HEAD + '[[stages]]\nowner = "Dana"\n', "stages[0].stage: missing (required)"),
    "handoff to": (HEAD + '[[handoffs]]\nfrom = "contract"\n', "handoffs[0].to: missing (required)"),
}


BAD_STRUCTURE = {
    f"{label}: {case}": (HEAD + text if table is BAD_IDS else text, expected)
    for label, table in [("unknown key", UNKNOWN_KEYS), ("wrong type", WRONG_TYPES), ("bad enum", BAD_ENUMS),
                         ("bad id", BAD_IDS), ("missing", MISSING)]
    for case, (text, expected) in table.items()
}


@pytest.mark.parametrize("text, expected", BAD_STRUCTURE.values(), ids=BAD_STRUCTURE.keys())
def test_bad_structure_is_refused_with_its_field_path(tmp_path, text, expected):
    assert_refused(tmp_path, text, expected)


# ------------------------------------------------------------ schema


def test_missing_schema(tmp_path):
    assert_refused(tmp_path, 'name = "x"\n', "schema: missing")


@pytest.mark.parametrize("schema", [0, -1])
def test_schema_below_one_is_refused(tmp_path, schema):
    assert_refused(tmp_path, f'schema = {schema}\nname = "x"\n', f"schema: {schema} is not a valid schema version (expected 1 or 2)")


@pytest.mark.parametrize("extra", ["", 'future_key = { anything = [1, "x"] }\n'])
def test_newer_schema_is_refused_as_newer_and_file_untouched(tmp_path, extra):
    path = write(tmp_path, f'schema = {SCHEMA_VERSION + 1}\nname = "From the future"\n' + extra)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    lines = problems(path)
    assert len(lines) == 1, "a newer file is refused for its schema alone, not for keys it may legally have"
    assert f"schema {SCHEMA_VERSION + 1}" in lines[0] and "newer" in lines[0]
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


# ------------------------------------------------------------ files and bytes


def test_directory(tmp_path):
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    assert problems(folder) == [f"{folder}: is a folder, not a profile file"]


def test_missing_file(tmp_path):
    path = tmp_path / "nope.toml"
    assert problems(path) == [f"{path}: no such file"]


def test_missing_folder_in_path(tmp_path):
    path = tmp_path / "no-folder" / "nope.toml"
    assert problems(path) == [f"{path}: no such file"]


def test_file_used_as_folder(tmp_path):
    file = write(tmp_path, HEAD)
    assert "cannot read" in problems(file / "inner.toml")[0]


def test_nul_byte_in_file_name(tmp_path):
    path = str(tmp_path / "a\0b.toml")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    (line,) = caught.value.lines()
    assert "cannot read" in line and "\0" not in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_named_pipe_is_refused_without_blocking(tmp_path):
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    outcome: list[object] = []

    def load():
        try:
            load_profile(pipe)
        except ProfileError as error:
            outcome.append(error.lines())

    reader = threading.Thread(target=load, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # opening the pipe blocked: release it so the test can fail cleanly
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=10)
        pytest.fail("loading a named pipe blocked waiting for a writer")
    assert outcome == [[f"{pipe}: not a regular file"]]


def test_unreadable_file(tmp_path):
    path = write(tmp_path, HEAD)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: a chmod 000 file is still readable (see the simulated test below)")
        assert "cannot read: Permission denied" in problems(path)[0]
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_read_permission_error_is_a_profile_error(tmp_path, monkeypatch):
    """What chmod 000 does for a normal user, simulated so it is tested as root too."""
    path = write(tmp_path, HEAD)

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(type(path), "open", denied)
    assert problems(path) == [f"{path}: cannot read: Permission denied"]


def test_read_failure_midway_is_a_profile_error(tmp_path, monkeypatch):
    path = write(tmp_path, HEAD)
    real_open = type(path).open

    class Failing:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def read(self, size=-1):
            raise OSError(5, "Input/output error")

        def fileno(self):
            return self.handle.fileno()

    monkeypatch.setattr(type(path), "open", lambda self, *a, **k: Failing(real_open(self, *a, **k)))
    assert problems(path) == [f"{path}: cannot read: Input/output error"]


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"],
                         ids=["empty", "whitespace", "bom only", "bom and space"])
def test_empty_files(tmp_path, content):
    (line,) = problems(write(tmp_path, content))
    assert "empty file" in line


def test_comment_only_file_asks_for_schema_and_name(tmp_path):
    schema, name = problems(write(tmp_path, "# nothing yet\n"))
    assert "schema: missing" in schema and "name: missing" in name


@pytest.mark.parametrize("garbage", [
    bytes(range(256)),
    b"\x00\x01\x02\x03",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 40,
    b"PK\x03\x04\x14\x00\x00\x00",
], ids=["all bytes", "low controls", "png", "elf", "zip"])
def test_binary_garbage(tmp_path, garbage):
    problems(write(tmp_path, garbage))


def test_invalid_utf8_gives_line_and_character_column(tmp_path):
    # Two 2-byte characters precede the bad byte on line 3: column 12 in
    # characters (counting bytes would say 14).
    path = write(tmp_path, HEAD.encode() + b'notes = "\xc3\xa9\xc3\xa9\xff"\n')
    assert problems(path) == [f"{path}: 3:12: not valid UTF-8 text"]


def test_invalid_utf8_on_first_line(tmp_path):
    path = write(tmp_path, b"\xfe\xff schema = 1")
    assert problems(path) == [f"{path}: 1:1: not valid UTF-8 text"]


def test_truncated_utf8_sequence_at_end(tmp_path):
    path = write(tmp_path, HEAD.encode() + b'notes = "ab\xe2\x82')
    assert problems(path) == [f"{path}: 3:12: not valid UTF-8 text"]


def test_invalid_utf8_after_bom_counts_from_the_text(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + b"na\x80me")
    assert problems(path) == [f"{path}: 1:3: not valid UTF-8 text"]


def test_surrogate_in_text_is_a_positioned_error():
    with pytest.raises(ProfileError) as caught:
        parse_profile(HEAD + 'notes = "\ud800"\n', "mem")
    assert caught.value.lines() == ["mem: 3:10: not valid UTF-8 text"]


SYNTAX = {
    "missing equals": (HEAD + "answers\n", "3:8: TOML syntax:"),
    "bad value": (HEAD + "notes = nope\n", "3:9: TOML syntax:"),
    "duplicate key": (HEAD + 'name = "again"\n', "3:15: TOML syntax:"),
    "raw control character": (HEAD + 'notes = "a\x01b"\n', "3:11: TOML syntax:"),
    "unclosed table header": (HEAD + "[answers\n", "3:9: TOML syntax:"),
}


@pytest.mark.parametrize("text, expected", SYNTAX.values(), ids=SYNTAX.keys())
def test_toml_syntax_errors_give_line_and_column(tmp_path, text, expected):
    path = write(tmp_path, text)
    (line,) = problems(path)
    assert line.startswith(f"{path}: {expected}"), line


def test_syntax_error_at_end_of_file_has_a_position(tmp_path):
    path = write(tmp_path, HEAD + 'notes = "unterminated')
    (line,) = problems(path)
    assert line.startswith(f"{path}: 3:22: TOML syntax:") and "end of file" in line


def test_size_cap_has_its_own_message(tmp_path):
    path = write(tmp_path, HEAD.encode() + b"#" * MAX_PROFILE_BYTES)
    (line,) = problems(path)
    assert "too large for a profile" in line and "KiB" in line


def test_just_under_the_size_cap_loads(tmp_path):
    body = HEAD.encode()
    path = write(tmp_path, body + b"#" * (MAX_PROFILE_BYTES - len(body)))
    assert load_profile(path).profile.name == "Studio"


def test_parse_profile_enforces_the_cap_too():
    with pytest.raises(ProfileError, match="too large"):
        parse_profile(b" " * (MAX_PROFILE_BYTES + 1), "mem")


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a=", "}")], ids=["arrays", "inline tables"])
@pytest.mark.parametrize("depth", [400, 50_000])
def test_deep_nesting_becomes_a_profile_error(tmp_path, opening, closing, depth):
    limit = sys.getrecursionlimit()
    path = write(tmp_path, HEAD + "notes = " + opening * depth + "1" + closing * depth + "\n")  # valid TOML
    lines = problems(path)
    assert sys.getrecursionlimit() == limit
    assert "nested too deeply" in lines[0] or "notes: expected a string" in lines[0]


def test_problem_lines_are_capped(tmp_path):
    records = "".join(f'[[records]]\nentity = "client"\nowner = "ghost{i}"\n' for i in range(100))
    lines = problems(write(tmp_path, HEAD + records))
    assert len(lines) == 26
    assert lines[-1].endswith("... and 75 more problems")


def test_file_name_with_control_characters_stays_on_one_line(tmp_path):
    path = write(tmp_path, "schema = 1\n", name="odd\nname\x1b.toml")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    (line,) = caught.value.lines()
    assert "\n" not in line and "\x1b" not in line and "name: missing" in line


def test_loaded_profile_is_a_profile(tmp_path):
    assert isinstance(load_profile(write(tmp_path, SPEC_EXAMPLE)).profile, Profile)


# ------------------------------------------------------------ bounds (issue #8)


def test_a_long_dotted_key_is_refused_at_its_line(tmp_path):
    path = write(tmp_path, HEAD + "a" + ".a" * 40_000 + " = 1\n")
    assert problems(path) == [
        f"{path}: 3:1: a dotted key or table header of more than 16 parts (a profile needs two at most)"]


@pytest.mark.parametrize("text, where", [
    ("[" + ".".join(["a"] * 17) + "]\nb = 1\n", "3:2"),
    ("[[" + ".".join(['"a"'] * 17) + "]]\n", "3:3"),
    ("x = { " + " . ".join(["'a'"] * 17) + " = 1 }\n", "3:7"),
])
def test_deep_headers_and_quoted_dotted_keys_are_refused_too(tmp_path, text, where):
    (line,) = problems(write(tmp_path, HEAD + text))
    assert f": {where}: a dotted key or table header of more than 16 parts" in line


def test_sixteen_parts_and_dots_inside_strings_are_fine(tmp_path):
    text = HEAD + 'notes = "' + ".a" * 500 + '"\n' + "# " + "a." * 500 + "\n"
    assert load_profile(write(tmp_path, text)).profile.notes == ".a" * 500
    (line,) = problems(write(tmp_path, HEAD + ".".join(["a"] * 16) + " = 1\n"))
    assert "unknown key" in line  # read by TOML, refused by the schema


def test_a_5000_digit_integer_names_its_place(tmp_path):
    path = write(tmp_path, HEAD + "[answers]\nteam_size = " + "9" * 5000 + "\n")
    assert problems(path) == [f"{path}: 4:13: a bare word of 5,000 characters (keys and numbers are at most 100)"]


@pytest.mark.parametrize("field, text", [
    ("name", 'name = "{}"\n'),
    ("systems[0].name", '[[systems]]\nid = "a"\nname = "{}"\nkind = "pm"\n'),
    ("records[0].steward", '[[records]]\nentity = "client"\nsteward = "{}"\n'),
    ("stages[0].owner", '[[stages]]\nstage = "kickoff"\nowner = "{}"\n'),
    ("handoffs[0].trigger", '[[handoffs]]\nfrom = "contract"\nto = "kickoff"\ntrigger = "{}"\n'),
    ("handoffs[0].owner", '[[handoffs]]\nfrom = "contract"\nto = "kickoff"\nowner = "{}"\n'),
])
def test_free_text_over_its_limit_names_the_field(tmp_path, field, text):
    head = "schema = 1\n" if field == "name" else HEAD
    (line,) = problems(write(tmp_path, head + text.format("x" * 100_000)))
    assert line.endswith(f": {field}: too long: 100,000 characters (at most 200)")


def test_notes_may_be_longer_but_not_without_end(tmp_path):
    assert load_profile(write(tmp_path, HEAD + f'notes = "{"n" * 4000}"\n')).profile.notes == "n" * 4000
    (line,) = problems(write(tmp_path, HEAD + f'notes = "{"n" * 4001}"\n'))
    assert line.endswith(": notes: too long: 4,001 characters (at most 4,000)")


def test_an_overlong_id_names_the_field(tmp_path):
    (line,) = problems(write(tmp_path, HEAD + f'[[records]]\nentity = "{"e" * 65}"\n'))
    assert line.endswith(": records[0].entity: too long for an id: 65 characters (at most 64)")


def test_an_overlong_array_names_its_path(tmp_path):
    over = MAX_LIST_ITEMS + 1
    records = "".join(f'[[records]]\nentity = "e{index}"\n' for index in range(over))
    path = write(tmp_path, HEAD + records)
    assert problems(path) == [f"{path}: records: {over:,} entries (at most {MAX_LIST_ITEMS:,})"]
    copies = ", ".join(["{}"] * over)
    (line,) = problems(write(tmp_path, HEAD + f'[[records]]\nentity = "x"\ncopies = [{copies}]\n'))
    assert line.endswith(f": records[0].copies: {over:,} entries (at most {MAX_LIST_ITEMS:,})")


def test_unknown_system_lines_list_a_few_declared_ids_and_count_the_rest(tmp_path):
    systems = "".join(f'[[systems]]\nid = "s{index}"\nname = "S"\nkind = "pm"\n' for index in range(400))
    path = write(tmp_path, HEAD + systems + '[[records]]\nentity = "client"\nowner = "ghost"\n')
    assert problems(path) == [
        f"{path}: records[0].owner: unknown system 'ghost' "
        "(declared systems: s0, s1, s2, s3, s4, s5, s6, s7 … and 392 more)"]


# ------------------------------------------------------------ places


def test_a_field_problem_names_its_line_and_counts_entries_from_one(tmp_path):
    path = write(tmp_path, 'schema = 1\nname = "x"\n\n[answers]\nteam_size = 0\n\n[[systems]]\nid = "h"\n'
                           'name = "H"\nkind = "crm"\n\n[[records]]\nentity = "a"\n\n[[records]]\nentity = "b"\n'
                           'copies = [{ system = "h", sync = "sometimes" }]\n')
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert [str(problem) for problem in caught.value.problems] == [
        "answers.team_size: must be at least 1 (line 5)",
        "records[1].copies[0].sync: expected one of 'one-way', 'two-way', 'manual', 'none', got 'sometimes' "
        "(line 17, the 2nd record)",
    ]


def test_a_section_written_inline_still_says_which_entry(tmp_path):
    path = write(tmp_path, 'schema = 1\nname = "x"\nstages = [{ stage = "kickoff" }, { stage = "nowhere" }]\n')
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert str(caught.value.problems[0]).endswith("(line 3, the 2nd stage)")


def test_a_wrong_value_is_quoted_short_even_when_its_characters_take_no_cell():
    """The quote of a wrong value is cut by characters as well as by cells: 20,000
    zero-width spaces take no cell, and must not make a 20,000-character line."""
    text = 'schema = 1\nname = "x"\n\n[[systems]]\nid = "a"\nname = "A"\nkind = "' + "\\u200b" * 20_000 + '"\n'
    with pytest.raises(ProfileError) as caught:
        parse_profile(text)
    line = str(caught.value.problems[0])
    assert "systems[0].kind: expected one of" in line and len(line) < 400
