"""From answers to a weighted criteria matrix, fit scores and a recommendation.

Each step is a small named function; each article rule is a named rule whose
id appears in the reasons it produces, so a person can trace any number on
screen back to the answers that caused it.
"""

from __future__ import annotations

from ..knowledge import knowledge
from ..model import Answers
from .types import Cause, Cell, Flip, MatrixRow, Reason, Recommendation, Signals


def _scoring() -> dict:
    return knowledge().scoring


def _threshold(name: str) -> float:
    return _scoring()["thresholds"][name]


def answer_cause(answers: Answers, question_id: str) -> Cause:
    question = knowledge().questions[question_id]
    value = getattr(answers, question_id)
    return Cause(f"answers.{question_id}", f"{_short(question_id)}: {question.label_of(value)}")


def _short(question_id: str) -> str:
    return question_id.replace("_", " ")


# ---------------------------------------------------------------- signals


def _pressure(answers: Answers, side: str) -> tuple[float, tuple[Cause, ...]]:
    """Mean of the answered signals for one side, each scaled to 0..1."""
    parts: list[float] = []
    causes: list[Cause] = []
    for question_id, scale in _scoring()["pressure"][side].items():
        value = getattr(answers, question_id)
        if value is None:
            continue
        if "full" in scale:
            part = min(value / scale["full"], 1.0)
        else:
            part = scale["values"][str(value).lower()]
        parts.append(part)
        if part > 0:
            causes.append(answer_cause(answers, question_id))
    return (sum(parts) / len(parts) if parts else 0.0), tuple(causes)


def derive_signals(answers: Answers) -> Signals:
    lead, lead_causes = _pressure(answers, "lead")
    delivery, delivery_causes = _pressure(answers, "delivery")
    heavy = _threshold("heavy")
    answered = len(answers.answered())
    return Signals(
        lead_pressure=round(lead, 3),
        delivery_pressure=round(delivery, 3),
        lead_heavy=lead >= heavy,
        delivery_heavy=delivery >= heavy,
        lead_causes=lead_causes,
        delivery_causes=delivery_causes,
        answered=answered,
        unsure=answered < _threshold("min_answers"),
    )


# ---------------------------------------------------------------- weights


def criterion_weights(answers: Answers, signals: Signals) -> dict[str, tuple[float, str]]:
    """How much each criterion matters to this person, with the why."""
    return {
        "pipeline_clarity": (
            round(1 + 2 * signals.lead_pressure, 2),
            f"lead pressure {signals.lead_pressure:.0%}",
        ),
        "delivery_execution": (
            round(1 + 2 * signals.delivery_pressure, 2),
            f"delivery pressure {signals.delivery_pressure:.0%}",
        ),
        "admin_overhead": _overhead_weight(answers),
        "setup_complexity": _setup_weight(answers),
        "early_stage_fit": (2.0, "early-stage business") if answers.early_stage else (0.0, "not early-stage"),
    }


def _overhead_weight(answers: Answers) -> tuple[float, str]:
    hours = answers.admin_hours_per_week
    weight, why = 1.0, "admin time not given"
    if hours is not None:
        if hours < _threshold("low_admin_hours"):
            weight, why = 2.0, f"only {hours:g} h/week for admin"
        elif hours < _threshold("tight_admin_hours"):
            weight, why = 1.5, f"{hours:g} h/week for admin"
        else:
            why = f"{hours:g} h/week for admin"
    if answers.team_size == 1:
        weight += 0.5
        why += "; solo"
    return weight, why


def _setup_weight(answers: Answers) -> tuple[float, str]:
    weight, why = 1.0, []
    if answers.process_documented is False:
        weight += 0.5
        why.append("process not written down")
    if answers.early_stage:
        weight += 0.5
        why.append("early-stage")
    if answers.team_size is not None and answers.team_size <= 2:
        weight += 0.5
        why.append(f"team of {answers.team_size}")
    return weight, "; ".join(why) or "no special constraints"


# ----------------------------------------------------------------- matrix


def rating_cell(criterion_id: str, rating: str, signals: Signals) -> Cell:
    """A rating word turned into points; conditional ratings resolve here."""
    know = knowledge()
    criterion = know.criteria[criterion_id]
    condition = know.conditional.get(rating)
    if condition is not None:
        holds = getattr(signals, condition["when"])
        resolved = condition["then"] if holds else condition["otherwise"]
        return Cell(f"{rating}: {resolved}", know.points[resolved])
    table = know.cost_points if criterion.cost else know.points
    return Cell(rating, table[rating])


def criteria_matrix(
    answers: Answers, signals: Signals, setup: dict[str, str] | None
) -> tuple[MatrixRow, ...]:
    weights = criterion_weights(answers, signals)
    rows = []
    for criterion in knowledge().criteria.values():
        weight, why = weights[criterion.id]
        cells = {model: rating_cell(criterion.id, rating, signals) for model, rating in criterion.ratings.items()}
        setup_cell = rating_cell(criterion.id, setup[criterion.id], signals) if setup else None
        rows.append(MatrixRow(criterion.id, criterion.label, weight, why, cells, setup_cell))
    return tuple(rows)


def matrix_score(matrix: tuple[MatrixRow, ...], column: str | None) -> float:
    """0..100: weighted points of one column over the best possible."""
    total = sum(row.weight * 3 for row in matrix)
    if not total:
        return 0.0
    earned = 0.0
    for row in matrix:
        cell = row.setup if column is None else row.cells[column]
        earned += row.weight * (cell.points if cell else 0)
    return 100 * earned / total


# ------------------------------------------------------------------ rules
# Each rule returns the reasons it contributes (possibly none).


def rule_revenue_before_kickoff(answers: Answers, signals: Signals) -> list[Reason]:
    if answers.revenue_lost != "before-kickoff":
        return []
    bonus = _scoring()["adjustments"]["revenue_before_kickoff"]
    causes = (answer_cause(answers, "revenue_lost"), *signals.lead_causes)
    if signals.lead_heavy:
        text = "More revenue is lost before kickoff and selling is lead-heavy: default to CRM-first."
    else:
        text = "More revenue is lost before kickoff: that leans CRM-first."
        bonus /= 2
    return [Reason("revenue-before-kickoff", text, "crm-first", bonus, causes)]


def rule_friction_after_kickoff(answers: Answers, signals: Signals) -> list[Reason]:
    if answers.friction != "after-kickoff":
        return []
    bonus = _scoring()["adjustments"]["friction_after_kickoff"]
    causes = (answer_cause(answers, "friction"), *signals.delivery_causes)
    if signals.delivery_heavy:
        text = "More friction shows after kickoff and the work is delivery-heavy: default to PM-first."
    else:
        text = "More friction shows after kickoff: that leans PM-first."
        bonus /= 2
    return [Reason("friction-after-kickoff", text, "pm-first", bonus, causes)]


def rule_follow_up_losses(answers: Answers, signals: Signals) -> list[Reason]:
    if not (answers.lost_deals_to_follow_up and signals.lead_heavy):
        return []
    return [Reason(
        "follow-up-losses",
        "Deals were lost to weak follow-up and the pipeline is meaningful: CRM-first fixes exactly that.",
        "crm-first", _scoring()["adjustments"]["revenue_before_kickoff"] / 2,
        (answer_cause(answers, "lost_deals_to_follow_up"), *signals.lead_causes),
    )]


def rule_delivery_bottleneck(answers: Answers, signals: Signals) -> list[Reason]:
    if not answers.delivery_quality_bottleneck or signals.lead_heavy:
        return []
    return [Reason(
        "delivery-bottleneck",
        "Delivery quality is the bottleneck and lead flow is manageable: PM-first fits.",
        "pm-first", _scoring()["adjustments"]["friction_after_kickoff"] / 2,
        (answer_cause(answers, "delivery_quality_bottleneck"),),
    )]


def rule_repeatable_services(answers: Answers, signals: Signals) -> list[Reason]:
    if not answers.repeatable_services:
        return []
    return [Reason(
        "repeatable-services",
        "Scoped, repeatable packages are what PM-first handles best.",
        "pm-first", _scoring()["adjustments"]["repeatable_services"],
        (answer_cause(answers, "repeatable_services"),),
    )]


def hybrid_eligible(answers: Answers, signals: Signals) -> bool:
    """The article's gate: both pressures high, persistent, rules affirmed."""
    return (
        signals.lead_heavy
        and signals.delivery_heavy
        and answers.problems_persistent is True
        and answers.ownership_rules == "yes"
    )


def rule_hybrid_gate(answers: Answers, signals: Signals) -> list[Reason]:
    adjust = _scoring()["adjustments"]
    pressures = (*signals.lead_causes, *signals.delivery_causes)
    if hybrid_eligible(answers, signals):
        return [Reason(
            "hybrid-when-both-high",
            "Selling and delivery are both heavy, the problems are lasting and you can keep strict "
            "ownership rules: Hybrid is worth evaluating.",
            "hybrid", adjust["hybrid_both_high"],
            (*pressures, answer_cause(answers, "problems_persistent"), answer_cause(answers, "ownership_rules")),
        )]
    reasons = []
    if not (signals.lead_heavy and signals.delivery_heavy):
        side = "selling" if not signals.lead_heavy else "delivery"
        reasons.append(Reason(
            "hybrid-needs-both-pressures",
            f"Hybrid needs heavy selling and heavy delivery; {side} is not heavy, so its overhead buys little.",
            "hybrid", adjust["hybrid_not_persistent"], pressures,
        ))
    if answers.problems_persistent is not True:
        reasons.append(Reason(
            "hybrid-needs-persistence",
            "The problems are not confirmed as lasting; Hybrid is for pressure that persists.",
            "hybrid", adjust["hybrid_not_persistent"], (answer_cause(answers, "problems_persistent"),),
        ))
    if answers.ownership_rules != "yes":
        reasons.append(Reason(
            "hybrid-needs-rules",
            "Strict ownership rules are not affirmed; without them Hybrid duplicates data.",
            "hybrid", adjust["hybrid_rules_not_affirmed"], (answer_cause(answers, "ownership_rules"),),
        ))
    return reasons


def rule_early_stage(answers: Answers, signals: Signals) -> list[Reason]:
    if not answers.early_stage:
        return []
    if signals.lead_heavy and not signals.delivery_heavy:
        text, model = "Early-stage and lead-heavy: CRM-first is the early-stage fit.", "crm-first"
    elif signals.delivery_heavy and not signals.lead_heavy:
        text, model = "Early-stage and delivery-heavy: PM-first is the early-stage fit.", "pm-first"
    else:
        text, model = "Early-stage: Hybrid is rarely the right start; the early-stage weight favours the simpler models.", "hybrid"
    return [Reason("early-stage-fit", text, model, 0, (answer_cause(answers, "early_stage"),))]


RULES = (
    rule_revenue_before_kickoff,
    rule_follow_up_losses,
    rule_friction_after_kickoff,
    rule_delivery_bottleneck,
    rule_repeatable_services,
    rule_hybrid_gate,
    rule_early_stage,
)


def fit_scores(matrix: tuple[MatrixRow, ...], reasons: list[Reason]) -> dict[str, float]:
    scores = {}
    for model in knowledge().models:
        raw = matrix_score(matrix, model) + sum(r.effect for r in reasons if r.model == model)
        scores[model] = round(min(max(raw, 0.0), 100.0), 1)
    return scores


# --------------------------------------------------------- recommendation


def decide(answers: Answers, signals: Signals, scores: dict[str, float]) -> tuple[str, str, str]:
    """(model, rule id, sentence): the ranking, then the article's tie-breaks."""
    candidates = dict(scores)
    if not hybrid_eligible(answers, signals):
        candidates.pop("hybrid")
    ranked = sorted(candidates, key=lambda m: (-candidates[m], m != "pm-first"))
    best = ranked[0]
    if signals.unsure:
        return "pm-first", "unsure-defaults-pm", (
            f"Only {signals.answered} questions answered: when unsure, start PM-first and add CRM depth "
            "when the pipeline demands it."
        )
    close = _threshold("close_margin")
    near = [m for m in ranked if scores[best] - candidates[m] < close]
    if len(near) > 1:
        if "pm-first" in near:
            return "pm-first", "close-call-defaults-pm", (
                f"{_label(near[0])} and {_label(near[1])} are within {close:g} points: a close call "
                "defaults to PM-first, the simpler start."
            )
        simpler = "crm-first" if "crm-first" in near else best
        return simpler, "close-call-prefers-simpler", (
            f"{_label(near[0])} and {_label(near[1])} are within {close:g} points: the simpler model wins a close call."
        )
    return best, "highest-fit", f"{_label(best)} has the highest fit ({scores[best]:g})."


def _label(model: str) -> str:
    return knowledge().models[model].label


def margin_of(scores: dict[str, float], model: str) -> float:
    others = [score for other, score in scores.items() if other != model]
    return round(scores[model] - max(others), 1)


def score_answers(answers: Answers, setup: dict[str, str] | None = None):
    """Signals, matrix, reasons, scores and the decision for one set of answers."""
    signals = derive_signals(answers)
    matrix = criteria_matrix(answers, signals, setup)
    reasons = [reason for rule in RULES for reason in rule(answers, signals)]
    scores = fit_scores(matrix, reasons)
    model, rule, sentence = decide(answers, signals, scores)
    return signals, matrix, reasons, scores, (model, rule, sentence)


def recommend(answers: Answers, setup: dict[str, str] | None = None, with_flip: bool = True):
    signals, matrix, reasons, scores, (model, rule, sentence) = score_answers(answers, setup)
    decision = Reason(rule, sentence, model, 0, ())
    ordered = (decision, *sorted(reasons, key=lambda r: -abs(r.effect)))
    flip = find_flip(answers, model) if with_flip else None
    recommendation = Recommendation(model, rule, margin_of(scores, model), ordered, flip)
    return signals, matrix, scores, recommendation


# ------------------------------------------------------------------- flip


def _alternatives(question_id: str, current: object) -> list[tuple[float, object]]:
    """(cost, value) for every other value of a question; cost = size of change."""
    question = knowledge().questions[question_id]
    if question.type == "yes-no":
        options = [True, False]
    elif question.type == "choice":
        options = [value for value, _ in question.choices]
    else:
        base = current if isinstance(current, (int, float)) else 0
        step = 0.5 if question.type == "number" else 1
        floor = 1 if question.type == "size" else 0
        options = sorted({max(floor, base + step * k) for k in range(-20, 21)} - {base})
        return [(abs(v - base) / max(base, 4), v if question.type == "number" else int(v)) for v in options]
    # One step of a choice counts like halving or doubling a number.
    return [(0.5, value) for value in options if value != current]


def find_flip(answers: Answers, model: str) -> Flip | None:
    """The cheapest single-answer change that changes the recommended model."""
    best: tuple[float, Flip] | None = None
    for question_id in knowledge().questions:
        current = getattr(answers, question_id)
        for cost, value in _alternatives(question_id, current):
            if best is not None and cost >= best[0]:
                continue
            changed = answers.model_copy(update={question_id: value})
            signals, matrix, reasons, scores, (other, _, _) = score_answers(changed)
            if other != model:
                question = knowledge().questions[question_id]
                text = (f"If {_short(question_id)} were {question.label_of(value)} "
                        f"(now {question.label_of(current)}), the recommendation would be {_label(other)}.")
                best = (cost, Flip(question_id, current, value, other, text))
    return best[1] if best else None
