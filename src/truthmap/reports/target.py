"""From today to the target: what changes between a profile and its target, in plain words.

Read from the comparison of the two (truthmap.comparing): health and today's
shape before and after, then what changes in owners, copies and their sync,
stewards, stages, handoffs and tools, then which problems the target fixes
and which it adds.  The client report (client.py, for Markdown and HTML) and
the terminal report (text.py) show the same rows; JSON carries the
comparison itself.

Strings are raw profile text; each renderer makes them safe for its medium.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..analysis import SEVERITIES
from ..comparing import Comparison, Row
from ..vocabulary import SYNC_WORDS
from . import common

if TYPE_CHECKING:
    from ..targets import Pair

TITLE = "From today to the target"
HEALTH = "Workflow health (0-100)"
# What an empty cell means, topic by topic.
NOT_MAPPED, NO_COPIES, NOBODY, NO_TOOL, NOT_DECLARED, NOT_USED = (
    "not mapped", "no copies", "nobody named", "no tool", "not declared", "not used")


@dataclass(frozen=True)
class Change:
    """One thing as it is today and as the target has it."""

    label: str
    today: str
    target: str


@dataclass(frozen=True)
class Topic:
    title: str
    changes: tuple[Change, ...]
    unchanged: str  # the sentence when nothing changes


@dataclass(frozen=True)
class Problem:
    title: str
    severity: str


@dataclass(frozen=True)
class TargetChanges:
    today_name: str
    today_file: str
    target_name: str
    target_file: str
    side: str  # "today" or "target": which of the two the report is of
    health: tuple[float, float]  # workflow health (0-100), today and in the target
    standing: tuple[Change, ...]  # health's areas, today's shape, the recommendation, problem counts
    topics: tuple[Topic, ...]
    fixed: tuple[Problem, ...]
    added: tuple[Problem, ...]

    @property
    def changed(self) -> int:
        """How many things the target changes (topics only)."""
        return sum(len(topic.changes) for topic in self.topics)


def target_changes(pair: Pair) -> TargetChanges:
    """The plain-words changes from `pair.today` to `pair.target`."""
    comparison = pair.comparison()
    (today_file, today, today_analysis), (target_file, target, target_analysis) = pair.today, pair.target
    fixed, added = _problems(comparison)
    return TargetChanges(
        today_name=today.name, today_file=today_file, target_name=target.name, target_file=target_file,
        side=pair.side,
        health=(today_analysis.health.total, target_analysis.health.total),
        standing=tuple(_standing(comparison, (today_analysis, target_analysis))),
        topics=(
            _topic(comparison, "owners", "Where each kind of client data is held", NOT_MAPPED,
                   "Every kind of client data stays where it is held today."),
            _copies(comparison),
            _topic(comparison, "stewards", "Who is accountable for it", NOBODY,
                   "The same people stay accountable."),
            _topic(comparison, "stages", "Which tool tracks each stage", NO_TOOL,
                   "Each stage stays in the tool that tracks it today."),
            _topic(comparison, "handoffs", "Handoffs between stages", NOT_DECLARED,
                   "The handoffs stay as they are."),
            _tools(comparison),
        ),
        fixed=fixed, added=added,
    )


def _pair(row: Row, empty: str) -> tuple[str, str]:
    today, target = (empty if value is None else cell for value, cell in zip(row.values, row.cells))
    return today, target


def _standing(comparison: Comparison, analyses) -> list[Change]:
    summary = {row.key: row for row in comparison.section("summary").rows}
    rows = []
    for area_today, area_target in zip(analyses[0].health.areas, analyses[1].health.areas):
        rows.append(Change(area_today.label, area_today.verdict, area_target.verdict))
    rows.append(Change("Works like", *(_shape(a.current_model) for a in analyses)))
    rows.append(Change("Recommended model", *_pair(summary["recommendation"], "-")))
    rows.append(Change("Problems", *(_problem_count(a.findings) for a in analyses)))
    return rows


def _shape(model: str) -> str:
    return "no clear centre" if model == "ad-hoc" else common.model_label(model)


def _problem_count(findings) -> str:
    return f"{len(findings)} ({common.severity_counts(findings)})" if findings else "none"


def _topic(comparison: Comparison, section: str, title: str, empty: str, unchanged: str) -> Topic:
    changes = tuple(Change(row.label, *_pair(row, empty)) for row in comparison.section(section).rows if row.differs)
    return Topic(title, changes, unchanged)


def _copies(comparison: Comparison) -> Topic:
    """The comparison's copies rows that differ, in words ("Trello, re-typed by hand")."""
    changes = tuple(Change(row.label, *(_copies_words(copies) for copies in row.parts))
                    for row in comparison.section("copies").rows if row.differs)
    return Topic("Copies and how they are kept current", changes, "Every copy stays as it is, kept the same way.")


def _copies_words(copies: tuple[tuple[str, str], ...]) -> str:
    return "; ".join(sorted(f"{name}, {SYNC_WORDS.get(sync, sync)}" for name, sync in copies)) or NO_COPIES


def _tools(comparison: Comparison) -> Topic:
    changes = []
    for row in comparison.section("systems").rows:
        if row.differs:
            today, target = (NOT_USED if value is None else _roles(value) for value in row.values)
            changes.append(Change(row.label, today, target))
    return Topic("Tools", tuple(changes), "The same tools stay in use.")


def _roles(kinds: str) -> str:
    return ", ".join(common.role_label(kind) for kind in kinds.split(", "))


def _problems(comparison: Comparison) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
    """(problems of today the target no longer has, problems only the target has), most serious first."""
    rank = {severity: n for n, severity in enumerate(SEVERITIES)}
    fixed, added = [], []
    for row in comparison.section("changes").rows:
        today, target = row.values
        if today is not None and target is None:
            fixed.append(Problem(row.label, today))
        elif target is not None and today is None:
            added.append(Problem(row.label, target))
    return (tuple(sorted(fixed, key=lambda p: rank.get(p.severity, len(rank)))),
            tuple(sorted(added, key=lambda p: rank.get(p.severity, len(rank)))))
