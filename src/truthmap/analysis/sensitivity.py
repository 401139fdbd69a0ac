"""What would change the recommendation: every question tried on its own.

For a number, the recommendation is worked out across a grid of values (the
thresholds the rules use all fall inside it, and today's answer and the ends
of its firmness windows are in it too) and the edges between ranges are found
by bisection, so "from 6 inquiries" is where the advice really turns.  A
decimal edge is named to a tenth either side, each value re-run, and "about"
when the tenth is not exactly the edge: every value named gives the model
claimed, and today's answer lies in a range of its own, whatever its decimals.
For a choice or yes/no, every other value is tried.  Unanswered questions are
tried too, 0 included: answering one can change the advice as much as
changing an answer.

The decision itself is passed in (`model_of`), so this module depends on no
particular rule set and the property tests can reuse it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from ..knowledge import Question, knowledge
from .types import Firmness, Flip, Outcome, Sensitivity

if TYPE_CHECKING:
    from ..model import Answers

ModelOf = Callable[[Any], str]  # answers -> the model recommended

# Scan ranges: every threshold in scoring.toml lies well inside these.
_SCAN = {"count": (0, 30, 1), "size": (1, 12, 1), "number": (0, 20, 0.5)}
_TOLERANCE = 1e-6  # bisection brings a decimal edge this close (relative above 1)


def _label(model: str) -> str:
    return knowledge().model_label(model)


def _with(answers: Answers, question_id: str, value: Any) -> Answers:
    # Values come from the question's own domain, so no validation is needed.
    return answers.model_copy(update={question_id: value})


def change_windows(current: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """((close low, close high), (leaning low, leaning high)) around a number answer.

    Close: a change of at most a quarter of the value (at most 1 under 4, 0
    included); leaning: anything from halving to doubling.  Firmness and the
    flip measure every number change against these, and the scan tries their
    ends, so an edge is never named on the wrong side of one.
    """
    near = current / 4 if current >= 4 else 1
    return (current - near, current + near), (current / 2, current * 2)


class _Band(NamedTuple):
    low: Any
    high: Any  # None: open above
    model: str
    low_about: bool  # `low` is a rounded edge, not exactly where the advice turns
    next_low: Any  # where the next range starts (None: open above)
    next_about: bool


def _whole(question: Question) -> bool:
    return question.type != "number"


def _grid(question: Question, current: Any) -> list[Any]:
    """The scan, plus the answer itself and the ends of its firmness windows."""
    low, high, step = _SCAN[question.type]
    whole = _whole(question)
    values = {int(low + step * k) if whole else float(low + step * k) for k in range(int((high - low) / step) + 1)}
    if current is not None:
        values.add(current)
        (close_low, close_high), (lean_low, lean_high) = change_windows(current)
        for value, up in ((close_low, True), (close_high, False), (lean_low, True), (lean_high, False)):
            if math.isfinite(value):
                # A whole-number window holds the whole numbers inside its ends.
                value = (math.ceil(value) if up else math.floor(value)) if whole else value
                if value >= low:
                    values.add(value)
    return sorted(values)


def _between(low: Any, high: Any, whole: bool) -> Any:
    """A value strictly inside (low, high); across a wide span (an answer far beyond
    the scan) a geometric middle, so bisection takes tens of steps, not thousands."""
    if high > 4 * max(low, 1):
        middle = math.sqrt(max(low, 1)) * math.sqrt(high)
        return int(middle) if whole else middle
    return (low + high) // 2 if whole else (low + high) / 2


def _bracketed(low: Any, high: Any, whole: bool) -> bool:
    return high - low <= 1 if whole else high - low <= _TOLERANCE * max(1, high)


def _crossing(evaluate: Callable[[Any], str], low: Any, high: Any, whole: bool) -> tuple[Any, Any]:
    """(last value with low's model, first value with another) between low and high:
    adjacent for whole numbers, within _TOLERANCE for decimals."""
    model_low = evaluate(low)
    while not _bracketed(low, high, whole):
        middle = _between(low, high, whole)
        if evaluate(middle) == model_low:
            low = middle
        else:
            high = middle
    return low, high


def _tenth_up(value: float) -> float:
    """The smallest tenth above `value`."""
    tenth = (math.floor(value * 10) + 1) / 10
    return tenth if tenth > value else (math.floor(value * 10) + 2) / 10


def _tenth_down(value: float) -> float:
    """The largest tenth at or below `value`."""
    tenth = math.floor(value * 10) / 10
    return tenth if tenth <= value else (math.floor(value * 10) - 1) / 10


def _named(evaluate: Callable[[Any], str], low: Any, high: Any, start: Any, end: Any,
           whole: bool) -> tuple[Any, Any, bool]:
    """(value named below a crossing, value named above it, whether the above one is exact).

    Decimals are named to a tenth, never past the grid values either side
    (the answer itself and its windows' ends among them), and each is re-run:
    a rounded value that lands on the wrong side falls back to the bisected one.
    """
    if whole:
        return low, high, True
    below = max(_tenth_down(low), start)
    if evaluate(below) != evaluate(low):
        below = low
    above = min(_tenth_up(low), end)
    if evaluate(above) != evaluate(high):
        above = high
    return below, above, above - low <= _TOLERANCE * max(1, above)


def _bands(answers: Answers, question: Question, model_of: ModelOf) -> list[_Band]:
    """Ranges over the scan, in order, tiling it: each runs up to where the next starts."""
    whole = _whole(question)
    cache: dict[Any, str] = {}

    def evaluate(value: Any) -> str:
        if value not in cache:
            cache[value] = model_of(_with(answers, question.id, value))
        return cache[value]

    values = _grid(question, getattr(answers, question.id))
    bands: list[_Band] = []
    start, start_about = values[0], False
    for low, high in zip(values, values[1:]):
        # Usually one crossing between grid values; a second model inside is found in turn.
        while evaluate(low) != evaluate(high):
            last, first = _crossing(evaluate, low, high, whole)
            below, above, exact = _named(evaluate, last, first, low, high, whole)
            bands.append(_Band(start, below, evaluate(low), start_about, above, not exact))
            start, start_about, low = above, not exact, above
    bands.append(_Band(start, None, evaluate(values[-1]), start_about, None, False))
    return bands


def _about(question: Question, value: float, about: bool) -> str:
    return f"about {question.label_of(value)}" if about else question.label_of(value)


def _range_words(question: Question, band: _Band) -> str:
    floor = _SCAN[question.type][0]
    low = _about(question, band.low, band.low_about)
    if band.high is None:
        return f"{low} or more" if band.low > floor else "any value"
    if _whole(question):  # whole numbers: both ends included
        if band.low == band.high:
            return question.label_of(band.low)
        return f"up to {question.label_of(band.high)}" if band.low == floor else \
            f"{band.low:g} to {question.label_of(band.high)}"
    # Decimals: a range runs up to where the next starts, so nothing falls between them.
    upper = _about(question, band.next_low, band.next_about)
    if band.low == floor:
        return f"under {upper}"
    return f"{'about ' if band.low_about else ''}{band.low:g} to under {upper}"


def _numeric(answers: Answers, question: Question, model: str, model_of: ModelOf) -> Sensitivity:
    current = getattr(answers, question.id)
    outcomes = tuple(Outcome(band.low, band.high, band.model, _range_words(question, band))
                     for band in _bands(answers, question, model_of))
    if current is None:
        keeps = tuple(o for o in outcomes if o.model == model)
    else:
        keeps = tuple(o for o in outcomes if o.low <= current and (o.high is None or current <= o.high))
    changes = tuple(o for o in outcomes if o.model != model)
    return Sensitivity(question.id, current, True, outcomes, keeps, changes,
                       _text(question, current, model, keeps, changes))


def _options(question: Question) -> list[Any]:
    if question.type == "yes-no":
        return [True, False]
    return [value for value, _ in question.choices]


def _choice(answers: Answers, question: Question, model: str, model_of: ModelOf) -> Sensitivity:
    current = getattr(answers, question.id)
    outcomes = []
    for value in _options(question):
        result = model if value == current else model_of(_with(answers, question.id, value))
        outcomes.append(Outcome(value, None, result, question.label_of(value)))
    keeps = tuple(o for o in outcomes if o.model == model)
    changes = tuple(o for o in outcomes if o.model != model)
    return Sensitivity(question.id, current, False, tuple(outcomes), keeps, changes,
                       _text(question, current, model, keeps, changes))


def _text(question: Question, current: Any, model: str, keeps, changes) -> str:
    name = question.short
    if not changes:
        return f"{name}: no value changes it."
    moves = "; ".join(f"{o.label} \u2192 {_label(o.model)}" for o in changes)
    if current is None:
        return f"{name} (not answered): {moves}."
    return f"{name} ({question.label_of(current)}): {moves}."


def find_sensitivity(answers: Answers, model: str, model_of: ModelOf) -> tuple[Sensitivity, ...]:
    """Every question's effect on the recommendation, the others held as they are."""
    found = []
    for question in knowledge().questions.values():
        if question.type in _SCAN:
            found.append(_numeric(answers, question, model, model_of))
        else:
            found.append(_choice(answers, question, model, model_of))
    return tuple(found)


# ------------------------------------------------------------------- flip

CLOSE, LEANING, FIRM = "close", "leaning", "firm"
_TIERS = (CLOSE, LEANING, FIRM)


def change_cost(question: Question, current: Any, value: Any) -> tuple[int, float]:
    """How big a single change is: (tier, size), compared as a tuple.

    Tier 0 (a close call): one step of a choice or yes/no, answering an
    unanswered question, or a number inside its close window; tier 1
    (leaning): a number from halving to doubling; tier 2: anything further.
    `size` (the change over the value, or over 1 for a value under 1) orders
    changes in a tier; a step of a choice, or answering, counts 1, no less than
    any close number change.
    """
    if question.type not in _SCAN or current is None:
        return 0, 1.0
    (close_low, close_high), (lean_low, lean_high) = change_windows(current)
    size = abs(value - current) / max(current, 1)
    if close_low <= value <= close_high:
        return 0, size
    return (1 if lean_low <= value <= lean_high else 2), size


def _nearest(item: Sensitivity, outcome: Outcome) -> Any:
    """The value of an outcome closest to today's answer: a range's near end."""
    if not item.numeric or item.current is None or outcome.low > item.current:
        return outcome.low
    return outcome.high


def flip_from(sensitivity: tuple[Sensitivity, ...], answers: Answers) -> Flip | None:
    """The cheapest single answer change that changes the recommendation."""
    best: tuple[tuple[int, float], Flip] | None = None
    questions = knowledge().questions
    for item in sensitivity:
        question = questions[item.question]
        for outcome in item.changes:
            value = _nearest(item, outcome)
            cost = change_cost(question, item.current, value)
            if best is not None and cost >= best[0]:
                continue
            name = question.short.lower()
            text = (f"If {name} were {question.label_of(value)} "
                    f"(now {question.label_of(item.current)}), the recommendation would be {_label(outcome.model)}.")
            best = (cost, Flip(item.question, item.current, value, outcome.model, text))
    return best[1] if best else None


def firmness(sensitivity: tuple[Sensitivity, ...], answers: Answers) -> Firmness:
    """How firm the recommendation is, from the cheapest flip and the same cost."""
    flip = flip_from(sensitivity, answers)
    if flip is None:
        return Firmness(FIRM, None, "firm: no single answer changes it")
    question = knowledge().questions[flip.question]
    level = _TIERS[change_cost(question, flip.current, flip.value)[0]]
    if level == FIRM:
        return Firmness(FIRM, flip, "firm: no single answer within halving or doubling changes it")
    head = "a close call" if level == CLOSE else "leaning"
    return Firmness(level, flip, f"{head}: {_change_words(question, flip.current, flip.value)} "
                                 f"would make it {_label(flip.model)}")


def _lower(words: str) -> str:
    return words[:1].lower() + words[1:]


def _change_words(question: Question, current: Any, value: Any) -> str:
    """One change in words: "one more project (3 projects)", "delivery quality yes instead of no"."""
    name = question.short.lower()
    if current is None:
        return f"answering {name} with {_lower(question.label_of(value))}"
    if question.type not in _SCAN:
        return f"{name} {_lower(question.label_of(value))} instead of {_lower(question.label_of(current))}"
    if _whole(question) and abs(value - current) == 1 and question.unit_one:
        return f"one {'more' if value > current else 'fewer'} {question.unit_one} ({question.label_of(value)})"
    return f"{name} {'up' if value > current else 'down'} from {current:g} to {question.label_of(value)}"
