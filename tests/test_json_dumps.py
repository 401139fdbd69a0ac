"""The JSON report's writer: the text of json.dumps(indent=2), invisible characters escaped."""

import json
import math

from truthmap.reports.json_report import dumps


def _reference(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def test_same_text_as_the_json_module_for_every_kind_of_value():
    data = {
        "name": "Studio \"Nord\" \\ é — 東京",
        "numbers": [0, -3, 10**30, 2.5, -0.0, 1e-9, 6.0],
        "flags": [True, False, None],
        "empty": {"list": [], "table": {}},
        "nested": [{"a": [[], [1, [2, {"b": None}]]]}],
        "tuple": (1, "two"),
    }
    assert dumps(data) == _reference(data) + "\n"
    assert json.loads(dumps(data))["numbers"][2] == 10**30


def test_floats_are_the_same_numbers_with_json_text_for_the_usual_ones():
    usual = [2.5, -0.0, 6.0, 0.1 + 0.2, 123456789.123, 0.0001, 33.333333333333336]
    assert dumps({"n": usual}) == _reference({"n": usual}) + "\n"
    tiny_and_huge = [1e-9, 1e-5, 1e16, 1e22]  # orjson writes 1e-9 where json writes 1e-09: the same number
    assert json.loads(dumps(tiny_and_huge)) == tiny_and_huge


def test_what_orjson_refuses_is_written_by_json_in_the_same_layout():
    data = {"big": [10**30, -(2**64)], 1: "one", None: "none"}  # beyond 64 bits; non-string keys
    assert dumps(data) == _reference(data) + "\n"


def test_non_finite_numbers_are_written_as_null_which_json_can_read():
    text = dumps({"x": [math.nan, math.inf, -math.inf]})
    assert json.loads(text) == {"x": [None, None, None]}


def test_invisible_characters_are_escaped_and_newlines_in_text_stay_escaped():
    data = {"note": "a\u200bb\u202ec\x7fd\x85e\nf\tg"}
    text = dumps(data)
    for raw in ("\u200b", "\u202e", "\x7f", "\x85", "\t"):
        assert raw not in text
    assert "\\u200b" in text and "\\u202e" in text and "\\u007f" in text and "\\u0085" in text
    assert "\\n" in text
    assert json.loads(text) == data
