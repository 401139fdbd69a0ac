"""What truthmap knows, read once from the TOML files beside this module.

Nothing here decides anything: the files hold the facts (stages, entities,
criteria ratings, questions, reference boundaries, tools, scoring numbers)
and the analysis rules read them through :func:`knowledge`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

import tomli

# The facts are named tuples, not frozen dataclasses, for the same reason as the
# analysis's results (truthmap.analysis.types): each start defines them all.


class Stage(NamedTuple):
    id: str
    label: str
    phase: str
    needs: tuple[str, ...]
    about: str


class Entity(NamedTuple):
    id: str
    label: str
    phase: str
    about: str
    plural: bool = False


class Kind(NamedTuple):
    id: str
    label: str
    counts_as: tuple[str, ...]
    informal: bool = False
    conversation: bool = False
    noun: str = ""


class Sync(NamedTuple):
    """A way a copy is kept current (syncs.toml)."""

    id: str
    label: str
    short: str
    words: str  # after a copy's name: "Trello, re-typed by hand"
    kept: str  # after "the copy is": "re-typed by hand", "kept by a one-way sync"
    copy: str  # the copy itself, in a finding: "a copy re-typed by hand"
    brief: str  # a duplication finding in brief, after "Client is": "re-typed by hand in {copy}"
    means: str
    duplication: str  # the duplication finding's severity for a copy of an owned record; "" for none


class Criterion(NamedTuple):
    id: str
    label: str
    about: str
    ratings: dict[str, str]
    cost: bool = False


class Question(NamedTuple):
    id: str
    group: str
    type: str
    prompt: str
    help: str
    unit: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    unit_one: str = ""
    short: str = ""

    def label_of(self, value: object) -> str:
        """The words a person reads for a stored answer value."""
        if value is None:
            return "not answered"
        if self.type == "yes-no":
            return "yes" if value else "no"
        for stored, words in self.choices:
            if stored == value:
                return words
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        unit = self.unit_one if value == 1 and self.unit_one else self.unit
        return f"{value} {unit}".strip()


class FailureSigns(NamedTuple):
    """What in today's map already shows a model's failure mode (models.toml)."""

    findings: tuple[str, ...] = ()  # today's findings of these kinds
    untracked: tuple[str, ...] = ()  # these stages tracked by no tool ...
    while_tracked: tuple[str, ...] = ()  # ... while one of these is


class ReferenceModel(NamedTuple):
    id: str
    label: str
    centre: str
    best_for: tuple[str, ...]
    strengths: str
    tradeoffs: str
    failure_mode: str
    failure_signal: str
    needs: tuple[str, ...]
    handoff: tuple[str, str]
    owners: dict[str, tuple[str, ...]]
    copies: tuple[tuple[str, str], ...]
    failure_shown_by: FailureSigns = FailureSigns()


class Tool(NamedTuple):
    id: str
    name: str
    kind: str


class Area(NamedTuple):
    """One area of the lifecycle health check (areas.toml)."""

    id: str
    label: str
    stages: tuple[str, ...]
    entities: tuple[str, ...]


@dataclass(frozen=True)
class Knowledge:
    stages: dict[str, Stage]
    entities: dict[str, Entity]
    kinds: dict[str, Kind]
    criteria: dict[str, Criterion]
    points: dict[str, int]
    cost_points: dict[str, int]
    conditional: dict[str, dict[str, str]]
    questions: dict[str, Question]
    models: dict[str, ReferenceModel]
    tools: tuple[Tool, ...]
    scoring: dict[str, Any] = field(repr=False)
    areas: dict[str, Area] = field(default_factory=dict)
    area_rules: dict[str, Any] = field(default_factory=dict, repr=False)  # [whole_setup] and [score]
    syncs: dict[str, Sync] = field(default_factory=dict)
    unowned_duplication: str = "medium"  # a copy's finding when its record has no system of record

    def stage_index(self, stage_id: str) -> int:
        return list(self.stages).index(stage_id)

    def model_label(self, model_id: str) -> str:
        """ "CRM-first", "Hybrid"; the current setup may also be "Ad hoc"."""
        model = self.models.get(model_id)
        if model:
            return model.label
        return "Ad hoc" if model_id == "ad-hoc" else model_id

    def entity_label(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.label if entity else entity_id.replace("_", " ")

    def stage_label(self, stage_id: str) -> str:
        stage = self.stages.get(stage_id)
        return stage.label if stage else stage_id

    def entity_is(self, entity_id: str) -> str:
        """ "Client is" / "Sales notes are": the label with its verb."""
        entity = self.entities.get(entity_id)
        verb = "are" if entity and entity.plural else "is"
        return f"{self.entity_label(entity_id)} {verb}"

    def entity_phase(self, entity_id: str) -> str:
        """Custom entities have no known phase: they count as bridge data."""
        entity = self.entities.get(entity_id)
        return entity.phase if entity else "custom"

    def roles_of(self, kind_id: str) -> tuple[str, ...]:
        return self.kinds[kind_id].counts_as

    def tool_named(self, text: str) -> Tool | None:
        """A catalog tool by id or name, case-insensitively."""
        wanted = text.strip().casefold()
        for tool in self.tools:
            if wanted in (tool.id, tool.name.casefold()):
                return tool
        return None


def _read(name: str) -> dict[str, Any]:
    return tomli.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))


def answer_at(scoring: dict[str, Any], question_id: str, threshold: str) -> int:
    """The smallest whole answer to a volume question whose pressure alone reaches a
    threshold of scoring.toml ("heavy": 6 inquiries a month): what the help texts and
    reasons quote, worked out so that they and the rules cannot disagree."""
    for side in scoring["pressure"].values():
        scale = side["volume"].get(question_id)
        if scale is not None:
            return math.ceil(round(scoring["thresholds"][threshold] * scale["full"], 6))
    raise KeyError(f"{question_id} is not a volume question")


def _help_text(question: dict[str, Any], scoring: dict[str, Any]) -> str:
    """A question's help with its numbers filled in from scoring.toml: {heavy} is the answer
    at which a volume question alone makes its side heavy, {full} where its pressure (or a
    secondary signal's part) stops growing."""
    for side in scoring["pressure"].values():
        for part in side.values():
            scale = part.get(question["id"])
            if scale is not None and "full" in scale:
                heavy = answer_at(scoring, question["id"], "heavy") if question["id"] in side["volume"] else None
                return question["help"].format(full=f"{scale['full']:g}", heavy=heavy)
    return question["help"]


@cache
def evidence_facts() -> dict[str, Any]:
    """The facts `truthmap evidence` reads exports and matches clients with
    (evidence.toml), read once; truthmap.evidence.facts gives them their shape."""
    return _read("evidence.toml")


@cache
def client_words() -> dict[str, Any]:
    """The client report's sentences (client.toml), read once."""
    return _read("client.toml")


@cache
def knowledge() -> Knowledge:
    """The knowledge base, read from the package's data files once."""
    criteria = _read("criteria.toml")
    models = _read("models.toml")
    areas = _read("areas.toml")
    syncs = _read("syncs.toml")
    scoring = _read("scoring.toml")
    return Knowledge(
        stages={s["id"]: Stage(s["id"], s["label"], s["phase"], tuple(s["needs"]), s["about"])
                for s in _read("stages.toml")["stage"]},
        entities={e["id"]: Entity(e["id"], e["label"], e["phase"], e["about"], e.get("plural", False))
                  for e in _read("entities.toml")["entity"]},
        kinds={k["id"]: Kind(k["id"], k["label"], tuple(k["counts_as"]), k.get("informal", False),
                             k.get("conversation", False), k.get("noun", k["label"]))
               for k in _read("kinds.toml")["kind"]},
        criteria={c["id"]: Criterion(c["id"], c["label"], c["about"], dict(c["ratings"]), c.get("cost", False))
                  for c in criteria["criterion"]},
        points=criteria["points"],
        cost_points=criteria["cost_points"],
        conditional=criteria["conditional"],
        questions={q["id"]: Question(q["id"], q["group"], q["type"], q["prompt"], _help_text(q, scoring),
                                     q.get("unit", ""), tuple(tuple(c) for c in q.get("choices", ())),
                                     q.get("unit_one", ""),
                                     q.get("short", q["id"].replace("_", " ")))
                   for q in _read("questions.toml")["question"]},
        models={m["id"]: ReferenceModel(
                    m["id"], m["label"], m["centre"], tuple(m["best_for"]), m["strengths"], m["tradeoffs"],
                    m["failure_mode"], m["failure_signal"], tuple(m["needs"]), tuple(m["handoff"]),
                    {entity: tuple(roles) for entity, roles in m["owners"].items()},
                    tuple((c["entity"], c["role"]) for c in m["copies"]),
                    FailureSigns(**{key: tuple(value) for key, value in m.get("failure_shown_by", {}).items()}))
                for m in models["model"]},
        tools=tuple(Tool(t["id"], t["name"], t["kind"]) for t in _read("tools.toml")["tools"]),
        scoring=scoring,
        areas={a["id"]: Area(a["id"], a["label"], tuple(a["stages"]), tuple(a["entities"]))
               for a in areas["area"]},
        area_rules={key: value for key, value in areas.items() if key != "area"},
        syncs={s["id"]: Sync(**s) for s in syncs["sync"]},
        unowned_duplication=syncs["unowned_duplication"],
    )
