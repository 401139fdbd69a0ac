"""Issue 18: a refused profile's problems are values made once by the reader (field path,
message, place), turned into their one line of text only where they are shown."""

from __future__ import annotations

import pytest

from truthmap.document import Document
from truthmap.positions import Problem
from truthmap.storage import ProfileError, load_profile, parse_profile, save_profile
from truthmap.vocabulary import MAX_PROBLEM_LINES

HEAD = 'schema = 1\nname = "x"\n'


def refused(text: str) -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "x.toml")
    return caught.value


def test_a_field_problem_has_its_path_counted_from_zero_and_its_place_counted_from_one():
    error = refused(HEAD + '\n[[stages]]\nstage = "kickoff"\n\n[[stages]]\nstage = "delivery"\ncolour = 3\n')
    (problem,) = error.problems
    assert problem == Problem("unknown key (check the spelling)", "stages[1].colour", line=9, entry="the 2nd stage")
    assert error.lines() == ["x.toml: stages[1].colour: unknown key (check the spelling) (line 9, the 2nd stage)"]


def test_a_syntax_problem_has_its_line_and_column_and_no_path():
    (problem,) = refused(HEAD + "owner = = 3\n").problems
    assert (problem.path, problem.line, problem.column) == (None, 3, 9)
    assert str(problem) == "3:9: TOML syntax: Invalid value"


def test_a_problem_of_the_whole_file_is_its_message(tmp_path):
    with pytest.raises(ProfileError) as caught:
        load_profile(tmp_path / "gone.toml")
    assert caught.value.problems == [Problem("no such file")]
    assert caught.value.lines() == [f"{tmp_path / 'gone.toml'}: no such file"]


def test_a_quoted_key_with_a_colon_is_still_placed():
    # Placing used to cut the line's text at its first ": ", inside the key itself.
    (problem,) = refused(HEAD + '"a: b" = 1\n').problems
    assert (problem.path, problem.line) == ('"a: b"', 3)
    assert str(problem) == '"a: b": unknown key (check the spelling) (line 3)'


def test_only_the_shown_problems_are_placed_and_the_rest_are_counted():
    records = "".join(f'[[records]]\nentity = "e{index}"\nowner = "nope"\n' for index in range(MAX_PROBLEM_LINES + 3))
    error = refused(HEAD + records)
    assert len(error.problems) == MAX_PROBLEM_LINES + 3
    assert error.problems[MAX_PROBLEM_LINES - 1].entry == f"the {MAX_PROBLEM_LINES}th record"
    assert error.problems[MAX_PROBLEM_LINES].line is None and error.problems[MAX_PROBLEM_LINES].entry is None
    assert error.shown()[-1] == "... and 3 more problems" and len(error.lines()) == MAX_PROBLEM_LINES + 1


def test_a_profile_that_would_not_read_back_is_not_saved_in_the_same_words(tmp_path):
    from truthmap.model import Record

    profile = parse_profile(HEAD)
    broken = profile.model_copy(update={"records": [Record.model_construct(entity="client", owner="zz")]})
    with pytest.raises(ProfileError) as caught:
        save_profile(broken, tmp_path / "out.toml")
    assert caught.value.problems[0].path == "records[0].owner"
    assert caught.value.lines() == [
        f"{tmp_path / 'out.toml'}: not saved: records[0].owner: unknown system 'zz' (declared systems: none declared)"]
    assert not (tmp_path / "out.toml").exists()


def test_the_read_only_document_keeps_each_problem_with_its_line_as_written(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(HEAD + "owner = = 3\n", encoding="utf-8")
    (problem,) = Document.open_or_problems(path).problems
    assert (problem.line, problem.source) == (3, "owner = = 3")
