"""The results of an analysis: plain frozen data, shared by every interface.

Named tuples rather than frozen dataclasses: defining a dataclass costs far
more, paid at every start of the workbench and the command line
(benchmarks/README.md), and a finding is made by the tens of thousands.
Change one with `_replace`; each is frozen, equal and hashable by its values.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple


class Cause(NamedTuple):
    """One thing in the profile that led to a reason or finding.

    `path` points into the profile (`answers.friction`, `records[2].copies[0]`,
    `stages[4]`, `handoffs[1]`, `systems[0]`); `text` says it in words.
    """

    path: str
    text: str


class _Reason(NamedTuple):
    rule: str
    text: str
    model: str | None = None
    effect: float = 0
    causes: tuple[Cause, ...] = ()


class Reason(_Reason):
    """Why a model scored as it did: a named rule, its effect and its causes."""

    __slots__ = ()

    def __new__(cls, rule: str, text: str, model: str | None = None, effect: float = 0,  # noqa: PYI034
                causes: tuple[Cause, ...] = ()) -> Reason:
        # Rules combine several cause lists; a cause is listed once.
        return super().__new__(cls, rule, text, model, effect, tuple(dict.fromkeys(causes)))

    @classmethod
    def _make(cls, iterable) -> Reason:  # what _replace builds with: through __new__ too
        return cls(*iterable)


class Signals(NamedTuple):
    """What the answers say about the business, before any model is scored."""

    lead_pressure: float
    delivery_pressure: float
    lead_heavy: bool
    delivery_heavy: bool
    lead_causes: tuple[Cause, ...]
    delivery_causes: tuple[Cause, ...]
    meaningful_pipeline: bool  # lead volume plus sales cycle reach "a meaningful sales pipeline"


class Cell(NamedTuple):
    rating: str  # the article's word, resolved ("strong", "if lead-heavy: limited")
    points: float


class MatrixRow(NamedTuple):
    criterion: str
    label: str
    weight: float
    why: str
    cells: dict[str, Cell]
    setup: Cell | None
    setup_why: str = ""  # why today's setup rates as it does, in words


class Flip(NamedTuple):
    """The smallest single answer change that changes the recommendation."""

    question: str
    current: Any
    value: Any
    model: str
    text: str


class Outcome(NamedTuple):
    """What the recommendation is for one value, or a range of values, of a question.

    For a number `low`..`high` is the range (inclusive; `high` None: and above);
    both are values re-run to give `model`.  A decimal range runs on up to the
    next range's `low` (its `high` is the last tenth before it), so the ranges
    leave nothing between them.  For a choice or yes/no, `low` is the value and
    `high` is unused.
    """

    low: Any
    high: Any
    model: str
    label: str  # the value or range in words


class Sensitivity(NamedTuple):
    """How one question moves the recommendation, all its other answers held."""

    question: str
    current: Any  # None: not answered
    numeric: bool
    outcomes: tuple[Outcome, ...]  # every value or range tried, in order
    keeps: tuple[Outcome, ...]  # those that keep today's model
    changes: tuple[Outcome, ...]  # those that change it
    text: str  # one line a person reads

    @property
    def decisive(self) -> bool:
        return bool(self.changes)


FIRMNESS_WORDS = {"close": "a close call", "leaning": "leaning", "firm": "firm"}  # each level, as said


class Firmness(NamedTuple):
    """How little it takes to change the recommendation, from the cheapest flip.

    `level`: "close" (one step of a choice or yes/no, answering an unanswered
    question, or a number change of at most a quarter, at most 1 under 4),
    "leaning" (a number from halving to doubling) or "firm" (nothing within).
    """

    level: str
    flip: Flip | None
    text: str  # in plain words: "a close call: one more project (3 projects) would make it PM-first"


class Recommendation(NamedTuple):
    model: str
    rule: str
    margin: float
    reasons: tuple[Reason, ...]
    flip: Flip | None = None
    override: str | None = None  # one line when a rule overrides the fit ranking
    sensitivity: tuple[Sensitivity, ...] = ()
    case: Mapping[str, float] = MappingProxyType({})  # the article's case points per model
    runner_up: str | None = None  # the best eligible alternative, the one `margin` is measured against
    precondition: str | None = None  # what must come first (the article's first misstep), when it applies
    firmness: Firmness | None = None  # None when what would change it was not worked out


class Finding(NamedTuple):
    kind: str
    severity: str
    message: str
    fix: str
    rule: str
    entity: str | None = None
    stage: str | None = None
    systems: tuple[str, ...] = ()
    causes: tuple[Cause, ...] = ()

    @property
    def target(self) -> str | None:
        """The profile path a person would go to to fix this."""
        return self.causes[0].path if self.causes else None


class AreaHealth(NamedTuple):
    """One lifecycle area of the health check: 0 missing or broken, 1 fragile, 2 solid."""

    area: str
    label: str
    score: int
    mapped: bool
    findings: tuple[Finding, ...]  # the findings that fall in it (the worst one sets the score)

    @property
    def verdict(self) -> str:
        if not self.mapped:
            return "not mapped"
        return ("missing or broken", "works but fragile", "solid")[self.score]


class Health(NamedTuple):
    """Today's setup, area by area (analysis/health.py): the total is 0-100."""

    total: float
    areas: tuple[AreaHealth, ...]


class Move(NamedTuple):
    entity: str
    current: str | None  # system id today (None: no system of record)
    target: str | None  # system id under the model (None: a tool you lack)
    target_role: str
    why: str = ""  # the model's boundary that asks for it, in words


class Risk(NamedTuple):
    kind: str
    severity: str
    text: str
    entity: str | None = None
    stage: str | None = None
    systems: tuple[str, ...] = ()


class Projection(NamedTuple):
    """The profile's boundaries redrawn under one reference model."""

    model: str
    fit: float
    owners: dict[str, str | None]
    moves: tuple[Move, ...]
    risks: tuple[Risk, ...]
    missing: tuple[str, ...]
    failure_mode: str
    failure_applies: bool
    checklist: tuple[str, ...]
    failure_shown_by: tuple[str, ...] = ()  # what in today's map already shows the failure mode


class Analysis(NamedTuple):
    signals: Signals
    matrix: tuple[MatrixRow, ...]
    scores: dict[str, float]
    health: Health
    recommendation: Recommendation
    current_model: str
    current_why: str
    findings: tuple[Finding, ...]
    comparison: tuple[Projection, ...] = ()

    def findings_at(self, path_prefix: str) -> list[Finding]:
        """Findings caused by the profile item at this path (or inside it)."""
        return [f for f in self.findings if any(_under(c.path, path_prefix) for c in f.causes)]


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")
