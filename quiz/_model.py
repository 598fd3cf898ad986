"""The quiz as typed, immutable objects, built from quiz.toml by _load.py."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from quiz._arith import effect
from quiz._conditions import Condition

CONSTRUCTS = ("preference", "pressure", "permission", "behavior", "control", "identity", "strain")
# Constructs measured once per direction; the fit compares the first three point for point.
DIRECTIONAL = ("preference", "pressure", "permission", "behavior")
DIRECTIONS = ("work-to-life", "life-to-work")
TACTIC_IDS = ("temporal", "physical", "communicative", "behavioral")
FIT_IDS = ("good-fit", "intrusion", "restriction")
# Outcome kinds a condition may test, all decided before the flags.
CLASSIFICATIONS = ("style", "days", "control", "identity")
OUTCOME_KINDS = (*CLASSIFICATIONS, "cycling", "fit-wl", "fit-lw")


@dataclass(frozen=True)
class Option:
    id: str
    code: int
    text: str
    # Points already include `reverse`; None for context questions that feed no scale.
    points: int | None


@dataclass(frozen=True)
class Question:
    id: str
    code: int
    number: int
    section: str
    text: str
    options: tuple[Option, ...]
    scale: str | None
    required: bool

    def option(self, option_id: str) -> Option | None:
        return self._options.get(option_id)

    @cached_property
    def _options(self) -> dict[str, Option]:
        return {o.id: o for o in self.options}

    @cached_property
    def max_points(self) -> int:
        return max((o.points or 0) for o in self.options)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Direction:
    id: str
    key: str
    label: str


@dataclass(frozen=True)
class Band:
    max: int
    summary: str


@dataclass(frozen=True)
class Scale:
    id: str
    construct: str
    direction: str | None
    label: str
    description: str
    low: str
    high: str
    sources: tuple[str, ...]
    bands: tuple[Band, ...]
    questions: tuple[Question, ...]

    @cached_property
    def max_total(self) -> int:
        return sum(q.max_points for q in self.questions)

    @cached_property
    def table(self) -> tuple[tuple[str, dict[str, tuple[int, int | float]]], ...]:
        """Per question, per option: (points, effect), worked out once."""
        return tuple(
            (
                q.id,
                {
                    o.id: (o.points or 0, effect(1, o.points or 0, q.max_points, self.max_total))
                    for o in q.options
                },
            )
            for q in self.questions
        )

    def summary(self, score: int) -> str:
        return next((b.summary for b in self.bands if score <= b.max), self.bands[-1].summary)


@dataclass(frozen=True)
class Outcome:
    id: str
    label: str
    text: str
    when: Condition | None


@dataclass(frozen=True)
class Classification:
    """Style, days, control or identity: ordered outcomes, the first whose condition holds wins."""

    kind: str
    label: str
    sources: tuple[str, ...]
    outcomes: tuple[Outcome, ...]

    def outcome(self, outcome_id: str) -> Outcome:
        return next(o for o in self.outcomes if o.id == outcome_id)


@dataclass(frozen=True)
class Cycling:
    """The cycler outcome: only ever from the answer to its own question."""

    question: str
    options: tuple[str, ...]
    outcome: Outcome
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FitSpec:
    label: str
    intrusion: int
    restriction: int
    sources: tuple[str, ...]
    # direction id -> fit id -> outcome
    outcomes: Mapping[str, Mapping[str, Outcome]]
    summary_good: str
    summary_misfit: str


@dataclass(frozen=True)
class Support:
    min_strain: int
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Flag:
    id: str
    label: str
    reason: str
    when: Condition
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Tactic:
    id: str
    label: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class CatalogEntry:
    slug: str
    tactic: str
    unless: Condition | None


@dataclass(frozen=True)
class RuleItem:
    slug: str
    reason: str
    unless: Condition | None


@dataclass(frozen=True)
class Rule:
    id: str
    relevance: int
    when: Condition | None
    unless: Condition | None
    note: str | None
    sources: tuple[str, ...]
    items: tuple[RuleItem, ...]


def gap_metrics(direction: Direction) -> tuple[str, str]:
    """The two gap metrics of a direction: intrusion-wl and restriction-wl, say."""
    return f"intrusion-{direction.key}", f"restriction-{direction.key}"


def scale_id(construct: str, direction: Direction) -> str:
    return f"{construct}-{direction.key}"


@dataclass(frozen=True)
class Quiz:
    """The whole quiz: questions, scales, rules and texts. Returned by load_quiz()."""

    version: int
    title: str
    disclaimer: str
    texts: Mapping[str, str]
    directions: tuple[Direction, ...]
    sections: tuple[Section, ...]
    scales: tuple[Scale, ...]
    style: Classification
    days: Classification
    control: Classification
    identity: Classification
    cycling: Cycling
    fit: FitSpec
    support: Support
    flags: tuple[Flag, ...]
    tactics: tuple[Tactic, ...]
    catalog: Mapping[str, CatalogEntry]
    rules: tuple[Rule, ...]
    max_recommendations: int
    retired_question_codes: frozenset[int]
    retired_question_ids: frozenset[str]

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    @cached_property
    def choices(self) -> dict[str, dict[str, Option]]:
        """question id -> option id -> option, for checking answers quickly."""
        return {q.id: {o.id: o for o in q.options} for q in self.questions}

    def scale(self, scale_id: str) -> Scale:
        return next(s for s in self.scales if s.id == scale_id)

    def direction(self, direction_id: str) -> Direction:
        return next(d for d in self.directions if d.id == direction_id)

    def classification(self, kind: str) -> Classification:
        return {
            "style": self.style,
            "days": self.days,
            "control": self.control,
            "identity": self.identity,
        }[kind]

    def metrics(self) -> tuple[str, ...]:
        """Every score a condition or a text may use, in a stable order."""
        names = [s.id for s in self.scales]
        for direction in self.directions:
            names.extend(gap_metrics(direction))
        return tuple(names)

    # Names, for describing conditions in plain English.
    def metric_label(self, metric: str) -> str:
        for scale in self.scales:
            if metric == scale.id:
                if scale.direction is None:
                    return f"“{scale.label}”"
                return f"“{scale.label}” ({self.direction(scale.direction).label})"
        for direction in self.directions:
            intrusion, restriction = gap_metrics(direction)
            if metric == intrusion:
                return f"the intrusion gap ({direction.label})"
            if metric == restriction:
                return f"the restriction gap ({direction.label})"
        raise KeyError(metric)

    def question_number(self, question: str) -> int:
        found = self.question(question)
        if found is None:
            raise KeyError(question)
        return found.number

    def question_text(self, question: str) -> str:
        """The text of a question."""
        found = self.question(question)
        if found is None:
            raise KeyError(question)
        return found.text

    def option_text(self, question: str, option: str) -> str:
        found = self.question(question)
        chosen = found.option(option) if found else None
        if chosen is None:
            raise KeyError(f"{question}/{option}")
        return chosen.text

    def outcome_label(self, kind: str, outcome: str) -> str:
        if kind == "cycling":
            return self.cycling.outcome.label
        if kind.startswith("fit-"):
            direction = next(d for d in self.directions if f"fit-{d.key}" == kind)
            return self.fit.outcomes[direction.id][outcome].label
        return self.classification(kind).outcome(outcome).label

    def outcome_kind_label(self, kind: str) -> str:
        if kind.startswith("fit-"):
            direction = next(d for d in self.directions if f"fit-{d.key}" == kind)
            return self.texts["kind_fit"].format(direction=direction.label)
        return self.texts[f"kind_{kind}"]

    def flag_label(self, flag: str) -> str:
        return next(f.label for f in self.flags if f.id == flag)
