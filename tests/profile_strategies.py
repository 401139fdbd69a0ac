"""Hypothesis strategies for valid profiles (shared by the round-trip and fuzz tests)."""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from truthmap.model import Answers, Copy, Evidence, Handoff, Profile, Record, StageMap, System
from truthmap.vocabulary import COMPLEXITY_VALUES, STAGES, SYNC_MODES, SYSTEM_KINDS, TOML_INT_MAX, WHERE_VALUES

# Any Unicode text a person could type, controls and non-BMP included
# (Hypothesis never generates lone surrogates, which UTF-8 cannot hold).
free_text = st.text(max_size=30)
_LOWER = "abcdefghijklmnopqrstuvwxyz"
ids = st.builds(lambda first, rest: first + rest, st.sampled_from(_LOWER),
                st.text(alphabet=_LOWER + "0123456789_-", max_size=12))
counts = st.integers(min_value=0, max_value=TOML_INT_MAX)
amounts = st.one_of(counts, st.floats(min_value=0, allow_nan=False, allow_infinity=False))


def _maybe(strategy):
    return st.none() | strategy


answers = st.builds(
    Answers,
    inquiries_per_month=_maybe(counts),
    open_opportunities=_maybe(counts),
    sales_cycle_weeks=_maybe(amounts),
    active_projects=_maybe(counts),
    delivery_complexity=_maybe(st.sampled_from(COMPLEXITY_VALUES)),
    repeatable_services=_maybe(st.booleans()),
    revenue_lost=_maybe(st.sampled_from(WHERE_VALUES)),
    friction=_maybe(st.sampled_from(WHERE_VALUES)),
    problems_persistent=_maybe(st.booleans()),
    lost_deals_to_follow_up=_maybe(st.booleans()),
    delivery_quality_bottleneck=_maybe(st.booleans()),
    process_documented=_maybe(st.booleans()),
    ownership_rules=_maybe(st.sampled_from(("yes", "no", "unsure"))),
    early_stage=_maybe(st.booleans()),
    team_size=_maybe(st.integers(min_value=1, max_value=TOML_INT_MAX)),
    admin_hours_per_week=_maybe(amounts),
)


@st.composite
def profiles(draw) -> Profile:
    """A valid profile: every reference points at a declared system."""
    system_ids = draw(st.lists(ids, unique=True, max_size=5))
    systems = [System(id=i, name=draw(free_text), kind=draw(st.sampled_from(SYSTEM_KINDS))) for i in system_ids]
    declared = st.sampled_from(system_ids) if system_ids else st.nothing()
    copies = st.builds(Copy, system=declared, sync=st.sampled_from(SYNC_MODES))
    records = draw(st.lists(st.builds(
        Record,
        entity=ids,
        owner=_maybe(declared),
        steward=_maybe(free_text),
        copies=st.lists(copies, max_size=3) if system_ids else st.just([]),
    ), max_size=5))
    stage_ids = draw(st.lists(st.sampled_from(STAGES), unique=True, max_size=4))
    stages = [StageMap(stage=s, system=draw(_maybe(declared)), owner=draw(_maybe(free_text))) for s in stage_ids]
    handoffs = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(STAGES) - 2))
        end = draw(st.integers(start + 1, len(STAGES) - 1))
        handoffs.append(Handoff(from_stage=STAGES[start], to_stage=STAGES[end],
                                trigger=draw(_maybe(free_text)), owner=draw(_maybe(free_text))))
    evidence = draw(st.lists(st.builds(
        Evidence, system=declared, file=free_text, sha256=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
        rows=counts, date=st.dates(min_value=datetime.date(1, 1, 1)),
        counts=st.dictionaries(ids, counts, max_size=4),
    ), max_size=2)) if system_ids else []
    target_of = draw(_maybe(free_text))
    return Profile(
        schema_=2 if evidence or target_of is not None else 1,
        target_of=target_of,
        evidence=evidence,
        name=draw(free_text),
        notes=draw(_maybe(free_text)),
        answers=draw(answers),
        systems=systems,
        records=records,
        stages=stages,
        handoffs=handoffs,
    )


def typed(value: object) -> object:
    """A dumped profile with every leaf tagged by its type, so 6 and 6.0 differ."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, value)
