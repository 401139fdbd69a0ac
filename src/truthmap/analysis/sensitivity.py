"""What would change the recommendation: every question tried on its own.

For a number, the recommendation is worked out across a grid of values (the
thresholds the rules use all fall inside it) and the edges between ranges are
found by bisection, so "from 6 inquiries" is where the advice really turns.
For a choice or yes/no, every other value is tried.  Unanswered questions are
tried too, 0 included: answering one can change the advice as much as
changing an answer.

The decision itself is passed in (`model_of`), so this module depends on no
particular rule set and the property tests can reuse it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..knowledge import Question, knowledge
from .types import Flip, Outcome, Sensitivity

if TYPE_CHECKING:  # the pydantic models; a truthmap.plain profile works the same
    from ..model import Answers

ModelOf = Callable[[Any], str]  # answers -> the model recommended

# Scan ranges: every threshold in scoring.toml lies well inside these.
_SCAN = {"count": (0, 30, 1), "size": (1, 12, 1), "number": (0, 20, 0.5)}
_PRECISION = 0.1  # decimal answers: edges found to a tenth


def _label(model: str) -> str:
    return knowledge().model_label(model)


def _with(answers: Answers, question_id: str, value: Any) -> Answers:
    # Values come from the question's own domain, so no validation is needed.
    return answers.model_copy(update={question_id: value})


def _grid(question: Question, current: Any) -> list[float]:
    low, high, step = _SCAN[question.type]
    values = [low + step * k for k in range(int((high - low) / step) + 1)]
    if isinstance(current, (int, float)) and current not in values:
        values = sorted({*values, current})
    return [int(v) if question.type != "number" else float(v) for v in values]


def _edge(answers: Answers, question_id: str, below: float, above: float, model_below: str,
          model_of: ModelOf) -> float:
    """The smallest value (to _PRECISION) between two grid points whose model differs from below's."""
    while above - below > _PRECISION:
        middle = (below + above) / 2
        if model_of(_with(answers, question_id, middle)) == model_below:
            below = middle
        else:
            above = middle
    return round(above, 1)


def _bands(answers: Answers, question: Question, model_of: ModelOf) -> list[tuple[float, float | None, str]]:
    """(low, high, model) ranges over the scan; the last range is open above."""
    values = _grid(question, getattr(answers, question.id))
    models = [model_of(_with(answers, question.id, v)) for v in values]
    bands: list[tuple[float, float | None, str]] = []
    start = values[0]
    for index in range(1, len(values)):
        if models[index] == models[index - 1]:
            continue
        edge = values[index]
        if question.type == "number":
            edge = _edge(answers, question.id, values[index - 1], values[index], models[index - 1], model_of)
        end = edge - (1 if question.type != "number" else _PRECISION)
        bands.append((start, round(end, 1) if question.type == "number" else end, models[index - 1]))
        start = edge
    bands.append((start, None, models[-1]))
    return bands


def _range_words(question: Question, low: float, high: float | None) -> str:
    unit = question.unit
    floor = _SCAN[question.type][0]
    if high is None:
        return f"{low:g} {unit} or more".strip() if low > floor else "any value"
    if low == high:
        return question.label_of(low)
    if low == floor:
        return f"up to {high:g} {unit}".strip()
    return f"{low:g} to {high:g} {unit}".strip()


def _numeric(answers: Answers, question: Question, model: str, model_of: ModelOf) -> Sensitivity:
    current = getattr(answers, question.id)
    outcomes = tuple(Outcome(low, high, band_model, _range_words(question, low, high))
                     for low, high, band_model in _bands(answers, question, model_of))
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


def _cost(question: Question, current: Any, outcome: Outcome) -> tuple[float, Any]:
    """(size of the change, the value to name) to reach an outcome.

    One step of a choice or yes/no, or answering an unanswered question, costs
    as much as halving or doubling a number.
    """
    if question.type not in _SCAN:
        return 0.5, outcome.low
    if current is None:
        floor = _SCAN[question.type][0]
        return 0.5 + (outcome.low - floor) / 4, outcome.low
    value = outcome.low if outcome.low > current else outcome.high
    return abs(value - current) / max(current, 4), value


def flip_from(sensitivity: tuple[Sensitivity, ...], answers: Answers) -> Flip | None:
    """The cheapest single answer change that changes the recommendation."""
    best: tuple[float, Flip] | None = None
    questions = knowledge().questions
    for item in sensitivity:
        question = questions[item.question]
        for outcome in item.changes:
            cost, value = _cost(question, item.current, outcome)
            if best is not None and cost >= best[0]:
                continue
            name = question.short.lower()
            text = (f"If {name} were {question.label_of(value)} "
                    f"(now {question.label_of(item.current)}), the recommendation would be {_label(outcome.model)}.")
            best = (cost, Flip(item.question, item.current, value, outcome.model, text))
    return best[1] if best else None
