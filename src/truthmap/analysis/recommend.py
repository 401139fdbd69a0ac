"""From answers to a recommendation, the article's way.

The article's decision sentences decide: each is a small named rule that adds
*case points* to the side it names (CRM-first or PM-first) and cites the
answers that made it apply.  The Hybrid gate ("only if ...") is checked
condition by condition.  The weighted criteria matrix explains the models and
breaks a tie between equal cases; when even the matrix cannot tell them apart,
the article's "if still unsure, start PM-first" applies.

docs/how-it-decides.md quotes the article sentence behind every rule here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from functools import lru_cache

from ..knowledge import answer_at, knowledge
from .sensitivity import find_sensitivity, firmness, flip_from
from .types import Cause, Cell, Firmness, Flip, MatrixRow, Reason, Recommendation, Sensitivity, Signals

if TYPE_CHECKING:
    from ..model import Answers

CRM, PM, HYBRID = "crm-first", "pm-first", "hybrid"


def _scoring() -> dict:
    return knowledge().scoring


def _threshold(name: str) -> float:
    return _scoring()["thresholds"][name]


def _points(name: str) -> float:
    return _scoring()["points"][name]


def answer_cause(answers: Answers, question_id: str) -> Cause:
    value = getattr(answers, question_id)
    return _answer_cause(question_id, type(value), value)


@lru_cache(maxsize=4096)
def _answer_cause(question_id: str, kind: type, value: object) -> Cause:
    # Causes are frozen and sensitivity asks for the same few hundred times
    # per analysis; `kind` keeps 1, 1.0 and True apart.
    question = knowledge().questions[question_id]
    return Cause(f"answers.{question_id}", f"{_short(question_id)}: {question.label_of(value)}")


def _short(question_id: str) -> str:
    return question_id.replace("_", " ")


def model_label(model: str) -> str:
    return knowledge().model_label(model)


# ---------------------------------------------------------------- signals


def _scaled(value: object, scale: dict) -> float:
    """One answer as a 0..1 part: numbers reach 1 at `full`, choices map through `values`."""
    if "full" in scale:
        return min(value / scale["full"], 1.0)
    return scale["values"][str(value)]


def _pressure(answers: Answers, side: str) -> tuple[float, tuple[Cause, ...]]:
    """(pressure, causes) for one side.

    Volume leads (the largest answered volume signal); each secondary signal
    adds at most its weight, never subtracts.
    """
    spec = _scoring()["pressure"][side]
    causes: list[Cause] = []
    volume = added = 0.0
    for part_name in ("volume", "secondary"):
        for question_id, scale in spec[part_name].items():
            value = getattr(answers, question_id)
            if value is None:
                continue
            part = _scaled(value, scale) * scale.get("weight", 1.0)
            if part_name == "volume":
                volume = max(volume, part)
            else:
                added += part
            if part > 0:
                causes.append(answer_cause(answers, question_id))
    return min(volume + added, 1.0), tuple(causes)


def derive_signals(answers: Answers) -> Signals:
    lead, lead_causes = _pressure(answers, "lead")
    delivery, delivery_causes = _pressure(answers, "delivery")
    heavy = _threshold("heavy")
    return Signals(
        lead_pressure=round(lead, 3),
        delivery_pressure=round(delivery, 3),
        lead_heavy=lead >= heavy,
        delivery_heavy=delivery >= heavy,
        lead_causes=lead_causes,
        delivery_causes=delivery_causes,
        meaningful_pipeline=lead >= _threshold("meaningful_pipeline"),
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
    condition = knowledge().conditional.get(rating)
    holds = bool(getattr(signals, condition["when"])) if condition is not None else False
    return _rating_cell(criterion_id, rating, holds)


@lru_cache(maxsize=256)
def _rating_cell(criterion_id: str, rating: str, holds: bool) -> Cell:
    know = knowledge()
    criterion = know.criteria[criterion_id]
    condition = know.conditional.get(rating)
    if condition is not None:
        resolved = condition["then"] if holds else condition["otherwise"]
        return Cell(f"{rating}: {resolved}", know.points[resolved])
    table = know.cost_points if criterion.cost else know.points
    return Cell(rating, table[rating])


def criteria_matrix(
    answers: Answers, signals: Signals, setup: dict[str, tuple[str, str]] | None
) -> tuple[MatrixRow, ...]:
    weights = criterion_weights(answers, signals)
    rows = []
    for criterion in knowledge().criteria.values():
        weight, why = weights[criterion.id]
        cells = {model: rating_cell(criterion.id, rating, signals) for model, rating in criterion.ratings.items()}
        setup_cell = rating_cell(criterion.id, setup[criterion.id][0], signals) if setup else None
        setup_why = setup[criterion.id][1] if setup else ""
        rows.append(MatrixRow(criterion.id, criterion.label, weight, why, cells, setup_cell, setup_why))
    return tuple(rows)


def _matrix_points(matrix: tuple[MatrixRow, ...], column: str | None) -> float:
    earned = 0.0
    for row in matrix:
        cell = row.setup if column is None else row.cells[column]
        earned += row.weight * (cell.points if cell else 0)
    return earned


def _matrix_best(matrix: tuple[MatrixRow, ...]) -> float:
    return sum(row.weight * 3 for row in matrix)


def matrix_score(matrix: tuple[MatrixRow, ...], column: str | None) -> float:
    """0..100: weighted points of one column over the best possible."""
    best = _matrix_best(matrix)
    return 100 * _matrix_points(matrix, column) / best if best else 0.0


# ------------------------------------------------------------- case rules
# Each rule reads one of the article's sentences and returns the reasons it
# contributes: case points for the side it names, with the answers behind them.


def _reason(rule: str, text: str, model: str, points: str | float, causes) -> Reason:
    effect = _points(points) if isinstance(points, str) else points
    return Reason(rule, text, model, effect, tuple(causes))


def _by_answer(answers: Answers, question_id: str, reasons: dict[str, tuple[str, str, str, str]]) -> list[Reason]:
    """The reason (rule, text, model, points) the answer to `question_id` picks, if it picks one."""
    picked = reasons.get(getattr(answers, question_id))
    return [_reason(*picked, [answer_cause(answers, question_id)])] if picked else []


def rule_revenue_lost(answers: Answers, signals: Signals) -> list[Reason]:
    """Shortcut: more revenue lost before kickoff -> CRM-first; after -> the delivery side."""
    return _by_answer(answers, "revenue_lost", {
        "before-kickoff": ("revenue-before-kickoff", "More revenue is lost before kickoff than after: "
                           "the shortcut defaults to CRM-first.", CRM, "revenue_before_kickoff"),
        "after-kickoff": ("revenue-after-kickoff", "More revenue is lost after kickoff than before: "
                          "the loss is in delivery, which PM-first puts at the centre.", PM, "revenue_after_kickoff"),
    })


def rule_friction(answers: Answers, signals: Signals) -> list[Reason]:
    """Shortcut: more friction after kickoff -> PM-first; before -> the sales side."""
    return _by_answer(answers, "friction", {
        "after-kickoff": ("friction-after-kickoff", "More friction shows after kickoff than before: "
                          "the shortcut defaults to PM-first.", PM, "friction_after_kickoff"),
        "before-kickoff": ("friction-before-kickoff", "More friction shows before kickoff than after: "
                           "the sales side needs the structure, which CRM-first gives.", CRM,
                           "friction_before_kickoff"),
    })


def rule_follow_up_losses(answers: Answers, signals: Signals) -> list[Reason]:
    """Choose CRM-first if you lose deals to weak follow-up and have a meaningful pipeline."""
    if not (answers.lost_deals_to_follow_up and signals.meaningful_pipeline):
        return []
    return [_reason("follow-up-losses", "Deals were lost to weak follow-up and there is a real pipeline "
                    "to follow up: CRM-first fixes exactly that.", CRM, "follow_up_losses",
                    [answer_cause(answers, "lost_deals_to_follow_up"), *signals.lead_causes])]


def rule_lead_heavy(answers: Answers, signals: Signals) -> list[Reason]:
    """CRM-first is best for high lead volume, many opportunities, a long sales cycle."""
    if not signals.lead_heavy:
        return []
    return [_reason("lead-heavy", f"Selling is lead-heavy (lead pressure {signals.lead_pressure:.0%}): "
                    "the volume CRM-first is built for.", CRM, "lead_heavy", signals.lead_causes)]


def rule_delivery_heavy(answers: Answers, signals: Signals) -> list[Reason]:
    """PM-first is best for a delivery-heavy business."""
    if not signals.delivery_heavy:
        return []
    return [_reason("delivery-heavy", f"The business is delivery-heavy (delivery pressure "
                    f"{signals.delivery_pressure:.0%}): PM-first keeps that work on track.", PM,
                    "delivery_heavy", signals.delivery_causes)]


def rule_delivery_bottleneck(answers: Answers, signals: Signals) -> list[Reason]:
    """Choose PM-first if delivery quality is the bottleneck and lead flow is manageable."""
    if not answers.delivery_quality_bottleneck:
        return []
    cause = answer_cause(answers, "delivery_quality_bottleneck")
    if signals.lead_heavy:
        return [_reason("delivery-bottleneck", "Delivery quality is the bottleneck, but lead flow is heavy "
                        "too: it only partly points to PM-first.", PM, "bottleneck_busy",
                        [cause, *signals.lead_causes])]
    return [_reason("delivery-bottleneck", "Delivery quality is the bottleneck and lead flow is manageable: "
                    "PM-first fits.", PM, "delivery_bottleneck", [cause])]


def rule_repeatable_services(answers: Answers, signals: Signals) -> list[Reason]:
    """PM-first is best for repeatable scoped services."""
    if not answers.repeatable_services:
        return []
    return [_reason("repeatable-services", "Scoped, repeatable packages are what PM-first handles best.",
                    PM, "repeatable", [answer_cause(answers, "repeatable_services")])]


def rule_early_stage(answers: Answers, signals: Signals) -> list[Reason]:
    """Early-stage fit: CRM-first if lead-heavy, PM-first if delivery-heavy."""
    if not answers.early_stage:
        return []
    cause = answer_cause(answers, "early_stage")
    if signals.lead_heavy and not signals.delivery_heavy:
        return [_reason("early-stage-fit", "Early-stage and lead-heavy: CRM-first is the early-stage fit.",
                        CRM, "early_stage_lead", [cause, *signals.lead_causes])]
    if signals.delivery_heavy and not signals.lead_heavy:
        return [_reason("early-stage-fit", "Early-stage and delivery-heavy: PM-first is the early-stage fit.",
                        PM, "early_stage_delivery", [cause, *signals.delivery_causes])]
    return []


CASE_RULES = (
    rule_revenue_lost,
    rule_friction,
    rule_follow_up_losses,
    rule_lead_heavy,
    rule_delivery_bottleneck,
    rule_delivery_heavy,
    rule_repeatable_services,
    rule_early_stage,
)


# ------------------------------------------------------------ hybrid gate


class GateCondition(NamedTuple):
    """One condition of "Hybrid only if ...", with whether it holds and why."""

    id: str
    holds: bool
    text: str  # says what is missing when it does not hold
    causes: tuple[Cause, ...]


def _capacity(answers: Answers) -> GateCondition:
    """Time and people to "maintain both systems consistently".

    A team shares the upkeep; one person (or a team size not given) needs twice
    the admin time.  Admin time not given is not evidence of capacity.
    """
    hours, team = answers.admin_hours_per_week, answers.team_size
    causes = tuple(answer_cause(answers, q) for q in ("admin_hours_per_week", "team_size"))
    if hours is None:
        return GateCondition("capacity", False, "Admin time is not given, so keeping two systems "
                             "consistent is not shown to be possible.", causes)
    shared = team is not None and team > 1
    needed = _threshold("hybrid_admin_hours" if shared else "hybrid_solo_admin_hours")
    if hours < needed:
        who = f"a team of {team}" if shared else "a solo operator" if team == 1 else "a team of unknown size"
        return GateCondition("capacity", False, f"{hours:g} h/week of admin is too little for {who} to keep "
                             f"two systems consistent (at least {needed:g} h).", causes)
    return GateCondition("capacity", True, "There is time and people to keep two systems consistent.", causes)


def _side_causes_all(answers: Answers, side: str) -> tuple[Cause, ...]:
    """Every answer that feeds one side's pressure, answered or not."""
    spec = _scoring()["pressure"][side]
    return tuple(answer_cause(answers, q) for part in ("volume", "secondary") for q in spec[part])


def hybrid_gate(answers: Answers, signals: Signals) -> tuple[GateCondition, ...]:
    """The article's conditions for Hybrid, each checked on its own."""
    return (
        GateCondition("lead-heavy", signals.lead_heavy, "Selling is not heavy: Hybrid needs an active pipeline.",
                      _side_causes_all(answers, "lead")),
        GateCondition("delivery-heavy", signals.delivery_heavy,
                      "Delivery is not heavy: Hybrid needs multi-project delivery.",
                      _side_causes_all(answers, "delivery")),
        GateCondition("persistent", answers.problems_persistent is True,
                      "The problems are not confirmed as lasting; Hybrid is for pressure that persists.",
                      (answer_cause(answers, "problems_persistent"),)),
        GateCondition("ownership-rules", answers.ownership_rules == "yes",
                      "Strict ownership rules are not affirmed; without them Hybrid duplicates data.",
                      (answer_cause(answers, "ownership_rules"),)),
        _capacity(answers),
        GateCondition("not-early-stage", answers.early_stage is not True,
                      "Early-stage: Hybrid is rarely the right start.",
                      (answer_cause(answers, "early_stage"),)),
    )


def _both_shortcuts(answers: Answers) -> bool:
    return answers.revenue_lost == "before-kickoff" and answers.friction == "after-kickoff"


# ----------------------------------------------------------------- scores


class Scored(NamedTuple):
    """Everything the decision is made from, for one set of answers."""

    signals: Signals
    matrix: tuple[MatrixRow, ...]
    reasons: tuple[Reason, ...]
    gate: tuple[GateCondition, ...]
    case: dict[str, float]  # case points per model
    scores: dict[str, float]  # fit 0..100 per model
    answers: Answers | None = None  # what it was scored from (to say why an answer did not decide)

    @property
    def gate_holds(self) -> bool:
        return all(condition.holds for condition in self.gate)


def _hybrid_reasons(answers: Answers, signals: Signals, gate, crm: float, pm: float,
                    side_reasons: list[Reason]) -> list[Reason]:
    """Hybrid serves both sides: as strong as the weaker side's case, plus the balance allowance,
    plus the both-sides shortcut; each missing gate condition counts against it, and so do
    constraints that do not require it (then it serves only the weaker side's case, less)."""
    missing = [c for c in gate if not c.holds]
    if missing:
        return [Reason(f"hybrid-needs-{c.id}", c.text, HYBRID, _points("hybrid_missing"), c.causes)
                for c in missing]
    causes = [cause for condition in gate for cause in condition.causes]
    reasons = [Reason(
        "hybrid-gate-holds",
        "Selling and delivery are both heavy and lasting, strict ownership rules are affirmed and there is "
        "capacity to keep two systems consistent: Hybrid is a candidate.",
        HYBRID, min(crm, pm) + _threshold("balanced"), tuple(causes),
    )]
    if _both_shortcuts(answers):
        reasons.append(_reason(
            "both-sides-persistent",
            "More revenue is lost before kickoff and more friction shows after it, and both persist: "
            "the shortcut says evaluate Hybrid.", HYBRID, "both_sides",
            [answer_cause(answers, "revenue_lost"), answer_cause(answers, "friction"),
             answer_cause(answers, "problems_persistent")]))
    elif not hybrid_required(side_reasons, crm, pm, both_shortcuts=False):
        stronger = CRM if crm > pm else PM
        reasons.append(_reason(
            "hybrid-not-required",
            f"Hybrid is possible but not required: the pain or the case sits on one side "
            f"({model_label(stronger)} {max(crm, pm):g} to {min(crm, pm):g}), and choosing Hybrid because it "
            "sounds advanced rather than because the constraints need it is a known misstep.", HYBRID,
            "hybrid_not_required", [cause for r in side_reasons if r.model == stronger for cause in r.causes]))
    return reasons


def score_answers(answers: Answers, setup: dict[str, str] | None = None) -> Scored:
    """Signals, matrix, reasons, case points and fit scores for one set of answers."""
    signals = derive_signals(answers)
    matrix = criteria_matrix(answers, signals, setup)
    reasons = [reason for rule in CASE_RULES for reason in rule(answers, signals)]
    case = {model: sum(r.effect for r in reasons if r.model == model) for model in (CRM, PM)}
    gate = hybrid_gate(answers, signals)
    reasons += _hybrid_reasons(answers, signals, gate, case[CRM], case[PM], reasons)
    case[HYBRID] = sum(r.effect for r in reasons if r.model == HYBRID)
    return Scored(signals, matrix, tuple(reasons), gate, case, _fit(matrix, case), answers)


def _fit(matrix: tuple[MatrixRow, ...], case: dict[str, float]) -> dict[str, float]:
    """0..100 per model, each from its own column and case alone: its weighted matrix points
    plus its case points, over one scale for all (a full column plus `case_scale` points).

    Dividing by the best any model reached made one model's fit move for
    another's reasons (Hybrid losing its gate raised CRM-first's fit); dividing
    by each model's own best made case points count for little.
    """
    fit = _scoring()["fit"]
    most = _matrix_best(matrix) + fit["point_value"] * fit["case_scale"]
    return {model: round(max(0.0, 100 * (_matrix_points(matrix, model) + fit["point_value"] * case[model]) / most), 1)
            for model in knowledge().models}


# --------------------------------------------------------------- decision


class Decision(NamedTuple):
    model: str
    rule: str
    text: str
    causes: tuple[Cause, ...]


def _side_causes(scored: Scored, model: str) -> tuple[Cause, ...]:
    return tuple(cause for reason in scored.reasons if reason.model == model and reason.effect > 0
                 for cause in reason.causes)


# Rules that say where it hurts (the shortcut answers and the two "choose this if"
# bottlenecks), as opposed to how heavy a side is.
PAIN = {
    CRM: {"revenue-before-kickoff", "friction-before-kickoff", "follow-up-losses"},
    PM: {"friction-after-kickoff", "revenue-after-kickoff", "delivery-bottleneck"},
}


# The two shortcut answers, by the side of kickoff they name.
SHORTCUTS = {
    CRM: {"revenue-before-kickoff", "friction-before-kickoff"},
    PM: {"friction-after-kickoff", "revenue-after-kickoff"},
}


def pain_sides(reasons) -> set[str]:
    """The sides where it hurts.  When both shortcut answers name the same side (more revenue
    lost and more friction after kickoff, say), the person has weighed before against after
    and the pain is on that side alone, whatever else hurts less: a follow-up slipping does
    not make "after kickoff" a two-sided case."""
    rules = {reason.rule for reason in reasons}
    for model, shortcuts in SHORTCUTS.items():
        if shortcuts <= rules:
            return {model}
    return {model for model, pain in PAIN.items() if rules & pain}


def _one_sided(reasons) -> bool:
    """All the pain is on one side of kickoff: one model fixes it, Hybrid is not required."""
    return len(pain_sides(reasons)) == 1


def hybrid_required(reasons, crm: float, pm: float, both_shortcuts: bool) -> bool:
    """With its gate holding, whether the constraints require Hybrid (the article's misstep 3 is
    choosing it when they do not): both shortcuts hold, or the sides are about equally heavy and
    neither alone holds the pain."""
    return both_shortcuts or (not _one_sided(reasons) and abs(crm - pm) <= _threshold("balanced"))


def decide(scored: Scored) -> Decision:
    """The article's order: Hybrid when its gate holds and the case for it; else the stronger
    case; a tie goes to the matrix; a tie the matrix cannot break starts PM-first."""
    crm, pm = scored.case[CRM], scored.case[PM]
    if scored.gate_holds:
        both = any(r.rule == "both-sides-persistent" for r in scored.reasons)
        if both:
            return Decision(HYBRID, "both-sides-persistent", "Revenue is lost before kickoff and friction shows "
                            "after it, both persist, and every Hybrid condition holds: Hybrid.",
                            _side_causes(scored, HYBRID))
        if hybrid_required(scored.reasons, crm, pm, both_shortcuts=False):
            return Decision(HYBRID, "equally-complex", f"Selling and delivery are about equally heavy (case "
                            f"{crm:g} to {pm:g}), neither side alone holds the pain, and every Hybrid "
                            "condition holds: Hybrid.", _side_causes(scored, HYBRID))
    if crm != pm:
        winner, loser = (CRM, PM) if crm > pm else (PM, CRM)
        return Decision(winner, "stronger-case", f"The article's rules make the stronger case for "
                        f"{model_label(winner)} ({max(crm, pm):g} points to {min(crm, pm):g} for "
                        f"{model_label(loser)}).", _side_causes(scored, winner))
    # The matrix alone (0-100 of its best), so the tie-break does not shrink as the fit's scale grows.
    gap = matrix_score(scored.matrix, CRM) - matrix_score(scored.matrix, PM)
    weights = tuple(cause for reason in scored.reasons for cause in reason.causes if reason.model != HYBRID)
    if crm and abs(gap) >= _threshold("close_margin"):
        winner = CRM if gap > 0 else PM
        return Decision(winner, "matrix-breaks-tie", f"The rules are even ({crm:g} to {pm:g}); the weighted "
                        f"matrix favours {model_label(winner)} by {abs(gap):.1f} of 100 points.", weights)
    weighed, causes = _weighed_without_deciding(scored)
    if crm:
        weighed.insert(0, f"the rules are even ({crm:g} to {pm:g}) and the matrix is within "
                          f"{_threshold('close_margin'):g} of 100 points")
    text = "; ".join(weighed) if weighed else "no answer points to either side yet"
    return Decision(PM, "still-unsure", f"Still unsure: {text}. When unsure, start PM-first and add CRM depth "
                    "when the pipeline demands it.", (*weights, *causes) or (Cause("answers", "no decisive answer"),))


def _from_about(threshold: str, side: str) -> str:
    """"about 6 inquiries a month or 4 open deals": the volume answers that alone reach a threshold."""
    words = {"inquiries_per_month": "inquiries a month", "open_opportunities": "open deals",
             "active_projects": "projects at once"}
    volume = _scoring()["pressure"][side]["volume"]
    return "about " + " or ".join(f"{answer_at(_scoring(), q, threshold)} "
                                  f"{words.get(q) or knowledge().questions[q].unit}" for q in volume)


def _weighed_without_deciding(scored: Scored) -> tuple[list[str], list[Cause]]:
    """The answers that were weighed yet point to neither side, each with why it did not decide."""
    answers, signals = scored.answers, scored.signals
    if answers is None:
        return [], []
    said: list[tuple[tuple[str, ...], str]] = []
    if answers.lost_deals_to_follow_up and not signals.meaningful_pipeline:
        said.append((("lost_deals_to_follow_up",), "deals were lost to follow-up, but with so few leads there is "
                     "no meaningful pipeline for CRM-first to manage "
                     f"(from {_from_about('meaningful_pipeline', 'lead')})"))
    shortcuts = ("revenue_lost", "friction")
    even = tuple(q for q in shortcuts if getattr(answers, q) == "even")
    if even:
        said.append((even, f"{' and '.join(_short(q) for q in even)} {'are' if len(even) > 1 else 'is'} about even "
                     "before and after kickoff, which points to both sides equally"))
    said.extend(((q,), f"{_short(q)} is not known, which is no evidence either way")
                for q in shortcuts if getattr(answers, q) == "unknown")
    for side, heavy, causes in (("lead", signals.lead_heavy, signals.lead_causes),
                                ("delivery", signals.delivery_heavy, signals.delivery_causes)):
        if causes and not heavy:
            name, heavy_from = ("selling" if side == "lead" else side), _from_about("heavy", side)
            what = "; ".join(cause.text for cause in causes)
            said.append((tuple(c.path.removeprefix("answers.") for c in causes),
                         f"{name} ({what}) is not heavy: it is from {heavy_from}"))
    return [words for _, words in said], [answer_cause(answers, q) for questions, _ in said for q in questions]


def _eligible(scored: Scored) -> list[str]:
    return [m for m in knowledge().models if m != HYBRID or scored.gate_holds]


def runner_up_of(scored: Scored, model: str) -> str:
    """The best eligible alternative (CRM-first and PM-first always are; Hybrid when its gate holds)."""
    return max((m for m in _eligible(scored) if m != model), key=lambda m: scored.scores[m])


def margin_of(scored: Scored, model: str) -> float:
    """Fit points ahead of the best eligible alternative; 0 when a rule overrides the scores."""
    return round(max(0.0, scored.scores[model] - scored.scores[runner_up_of(scored, model)]), 1)


def override_of(scored: Scored, decision: Decision) -> str | None:
    """One line when the recommended model does not have the highest fit, saying what decides."""
    top = max(knowledge().models, key=lambda m: scored.scores[m])
    chosen, best = scored.scores[decision.model], scored.scores[top]
    if chosen >= best:
        return None
    ahead = f"{model_label(top)} scores higher ({best:g} to {chosen:g})"
    if top == HYBRID and not scored.gate_holds:
        missing = next(c for c in scored.gate if not c.holds)
        return f"{ahead}, but Hybrid's conditions do not hold: {missing.text}"
    if decision.rule == "still-unsure":
        return (f"{ahead}, but the article's rules are even and the matrix alone is within "
                f"{_threshold('close_margin'):g} of 100 points: when unsure, {model_label(decision.model)}.")
    return f"{ahead}, but the article's rules decide: {decision.text}"


def recommend(answers: Answers, setup: dict[str, str] | None = None, with_flip: bool = True):
    scored = score_answers(answers, setup)
    decision = decide(scored)
    ordered = ordered_reasons(scored, decision, runner_up_of(scored, decision.model))
    sensitivity, flip, firm = what_would_change_it(answers, decision.model) if with_flip else ((), None, None)
    recommendation = Recommendation(
        model=decision.model,
        rule=decision.rule,
        margin=margin_of(scored, decision.model),
        reasons=ordered,
        flip=flip,
        override=override_of(scored, decision),
        sensitivity=sensitivity,
        case=dict(scored.case),
        runner_up=runner_up_of(scored, decision.model),
        firmness=firm,
        precondition=precondition_of(answers, decision.model),
    )
    return scored.signals, scored.matrix, scored.scores, recommendation


def precondition_of(answers: Answers, model: str) -> str | None:
    """Hybrid on a process nobody wrote down is the article's first misstep (both tools before
    the process): the one thing to do before anything else."""
    if model != HYBRID or answers.process_documented is True:
        return None
    state = "is not written down" if answers.process_documented is False else "is not confirmed as written down"
    return (f"First write the process down: the inquiry-to-payment process {state}, and buying or splitting "
            "work across a CRM and a project tool before it is means each tool holds its own version of it.")


def ordered_reasons(scored: Scored, decision: Decision, runner_up: str) -> tuple[Reason, ...]:
    """What decided first, then what spoke for the recommended model, then for the runner-up,
    then the rest (Hybrid's missing conditions last, in one line when Hybrid was never in question)."""
    head = Reason(decision.rule, decision.text, decision.model, 0, decision.causes)
    order = {decision.model: 0, runner_up: 1}
    reasons = sorted(_hybrid_out_in_one(scored, scored.reasons),
                     key=lambda r: (order.get(r.model, 2), r.effect <= 0, -abs(r.effect)))
    return (head, *reasons)


# The questions by which a person asks for Hybrid: a yes to either keeps each of its
# missing conditions on a line of its own, since that person is weighing it.
HYBRID_QUESTIONS = {"problems_persistent": True, "ownership_rules": "yes"}


def _hybrid_out_in_one(scored: Scored, reasons: tuple[Reason, ...]) -> list[Reason]:
    """Hybrid's missing conditions as one reason when two or more fail and nothing asked for it."""
    missing = [r for r in reasons if r.rule.startswith("hybrid-needs-")]
    answers = scored.answers
    asked = answers is not None and any(getattr(answers, q) == yes for q, yes in HYBRID_QUESTIONS.items())
    if len(missing) < 2 or asked:
        return list(reasons)
    words = "; ".join(r.text.rstrip(".") for r in missing[:3]) + ("; and more" if len(missing) > 3 else "")
    one = Reason("hybrid-not-in-question", f"Hybrid is not in question: {len(missing)} of its conditions fail "
                 f"({words}).", HYBRID, sum(r.effect for r in missing),
                 tuple(cause for r in missing for cause in r.causes))
    return [r for r in reasons if r not in missing] + [one]


def what_would_change_it(answers: Answers, model: str) -> tuple[tuple[Sensitivity, ...], Flip | None, Firmness]:
    """Every question's sensitivity, the cheapest flip and the firmness it gives: the slow part
    (a few hundred decisions)."""
    sensitivity = find_sensitivity(answers, model, recommended_model)
    return sensitivity, flip_from(sensitivity, answers), firmness(sensitivity, answers)


def what_would_change_it_kept(answers: Answers, model: str) -> tuple[tuple[Sensitivity, ...], Flip | None, Firmness]:
    """`what_would_change_it`, kept for the last few answer sets: the workbench comes back to
    answers it analysed a moment ago (erase and retype, undo), and the search is most of its
    analysis (benchmarks/README.md)."""
    return _kept(tuple(vars(answers).items()), model)


@lru_cache(maxsize=8)
def _kept(answer_items: tuple[tuple[str, object], ...], model: str) -> tuple[tuple[Sensitivity, ...], Flip | None, Firmness]:
    from ..model import Answers

    return what_would_change_it(Answers.model_construct(**dict(answer_items)), model)


def recommended_model(answers: Answers) -> str:
    """Only the model: what sensitivity and property tests ask for."""
    return decide(score_answers(answers)).model

