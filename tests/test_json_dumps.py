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
    assert dumps(data, frozenset({"absent"})) == _reference(data) + "\n"  # laid out with one-line lists in mind
    assert json.loads(dumps(data))["numbers"][2] == 10**30


def test_non_finite_numbers_and_non_string_keys_still_match():
    data = {"x": [math.nan, math.inf, -math.inf], 1: "one", None: "none"}
    assert dumps(data) == _reference(data) + "\n"


def test_invisible_characters_are_escaped_and_newlines_in_text_stay_escaped():
    data = {"note": "a\u200bb\u202ec\x7fd\x85e\nf\tg"}
    text = dumps(data)
    for raw in ("\u200b", "\u202e", "\x7f", "\x85", "\t"):
        assert raw not in text
    assert "\\u200b" in text and "\\u202e" in text and "\\u007f" in text and "\\u0085" in text
    assert "\\n" in text
    assert json.loads(text) == data
