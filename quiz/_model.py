"""The quiz as typed, immutable objects, built from quiz.toml by _load.py."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from quiz._arith import effect
from quiz._conditions import Condition

SUBSCALE_IDS = ("preference", "supplies", "behavior", "control", "centrality", "strain")
DIRECTIONS = ("work-to-home", "home-to-work")
TACTIC_IDS = ("temporal", "physical", "communicative", "behavioral")
FIT_IDS = ("fit", "under-supplied", "over-supplied")
KINDS = ("practice", "policy")
GAP_METRIC = "separation_gap"

_DIRECTION_WORDS = {
    "work-to-home": "work into personal time",
    "home-to-work": "personal matters into work time",
}


def direction_metric(subscale: str, direction: str) -> str:
    """The metric name of one direction of a sub-scale, e.g. behavior_work_to_home."""
    return f"{subscale}_{direction.replace('-', '_')}"


@dataclass(frozen=True)
class Option:
    id: str
    code: int
    text: str
    # Points already include `reverse`; None for context questions that feed no sub-scale.
    points: int | None


@dataclass(frozen=True)
class Question:
    id: str
    code: int
    number: int
    section: str
    text: str
    options: tuple[Option, ...]
    subscale: str | None
    direction: str | None
    weight: int
    required: bool

    def option(self, option_id: str) -> Option | None:
        return self._options.get(option_id)

    @cached_property
    def _options(self) -> dict[str, Option]:
        return {o.id: o for o in self.options}

    @cached_property
    def max_points(self) -> int:
        return max((o.points or 0) for o in self.options)

    def weighted(self, option: Option) -> int:
        return self.weight * (option.points or 0)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Band:
    max: int
    summary: str


@dataclass(frozen=True)
class Subscale:
    id: str
    label: str
    description: str
    low: str
    high: str
    sources: tuple[str, ...]
    bands: tuple[Band, ...]
    questions: tuple[Question, ...]

    @cached_property
    def max_total(self) -> int:
        return sum(q.weight * q.max_points for q in self.questions)

    @cached_property
    def directions(self) -> tuple[str, ...]:
        """The directions with questions of their own, when both are present."""
        present = {q.direction for q in self.questions}
        return DIRECTIONS if all(d in present for d in DIRECTIONS) else ()

    def direction_questions(self, direction: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.direction == direction)

    @cached_property
    def direction_parts(self) -> tuple[tuple[str, str, tuple[Question, ...], int], ...]:
        """(direction, metric, its questions, their most points) for each direction."""
        parts = []
        for direction in self.directions:
            members = self.direction_questions(direction)
            maximum = sum(q.weight * q.max_points for q in members)
            parts.append((direction, direction_metric(self.id, direction), members, maximum))
        return tuple(parts)

    @cached_property
    def table(self) -> tuple[tuple[str, dict[str, tuple[int, int | float]]], ...]:
        """Per question, per option: (weighted points, effect), worked out once."""
        return tuple(
            (
                q.id,
                {
                    o.id: (
                        q.weighted(o),
                        effect(q.weight, o.points or 0, q.max_points, self.max_total),
                    )
                    for o in q.options
                },
            )
            for q in self.questions
        )

    def summary(self, score: int) -> str:
        for band in self.bands:
            if score <= band.max:
                return band.summary
        return self.bands[-1].summary


@dataclass(frozen=True)
class Outcome:
    id: str
    label: str
    text: str
    when: Condition | None


@dataclass(frozen=True)
class Classification:
    """Style or profile: ordered outcomes, the first whose condition holds wins."""

    kind: str
    label: str
    sources: tuple[str, ...]
    outcomes: tuple[Outcome, ...]

    def outcome(self, outcome_id: str) -> Outcome:
        return next(o for o in self.outcomes if o.id == outcome_id)


@dataclass(frozen=True)
class FitSpec:
    label: str
    band: int
    sources: tuple[str, ...]
    outcomes: Mapping[str, Outcome]


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
    kind: str
    tactic: str


@dataclass(frozen=True)
class RuleItem:
    slug: str
    reason: str


@dataclass(frozen=True)
class Rule:
    id: str
    when: Condition | None
    note: str | None
    sources: tuple[str, ...]
    items: tuple[RuleItem, ...]


@dataclass(frozen=True)
class Quiz:
    """The whole quiz: questions, scales, rules and texts. Returned by load_quiz()."""

    version: int
    title: str
    disclaimer: str
    sections: tuple[Section, ...]
    subscales: tuple[Subscale, ...]
    style: Classification
    profile: Classification
    fit: FitSpec
    flags: tuple[Flag, ...]
    tactics: tuple[Tactic, ...]
    catalog: Mapping[str, CatalogEntry]
    rules: tuple[Rule, ...]
    max_recommendations: int
    retired_question_codes: frozenset[int]

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

    def subscale(self, subscale_id: str) -> Subscale:
        return next(s for s in self.subscales if s.id == subscale_id)

    def metrics(self) -> tuple[str, ...]:
        """Every score a condition or a flag reason may use, in a stable order."""
        names: list[str] = []
        for sub in self.subscales:
            names.append(sub.id)
            names.extend(direction_metric(sub.id, d) for d in sub.directions)
        names.append(GAP_METRIC)
        return tuple(names)

    # Names, for describing conditions in plain English.
    def metric_label(self, metric: str) -> str:
        if metric == GAP_METRIC:
            return "the separation gap"
        for sub in self.subscales:
            if metric == sub.id:
                return f"“{sub.label}”"
            for direction in sub.directions:
                if metric == direction_metric(sub.id, direction):
                    return f"“{sub.label}” ({_DIRECTION_WORDS[direction]})"
        raise KeyError(metric)

    def question_number(self, question: str) -> int:
        found = self.question(question)
        if found is None:
            raise KeyError(question)
        return found.number

    def option_text(self, question: str, option: str) -> str:
        found = self.question(question)
        chosen = found.option(option) if found else None
        if chosen is None:
            raise KeyError(f"{question}/{option}")
        return chosen.text

    def outcome_label(self, kind: str, outcome: str) -> str:
        if kind == "fit":
            return self.fit.outcomes[outcome].label
        return (self.style if kind == "style" else self.profile).outcome(outcome).label

    def flag_label(self, flag: str) -> str:
        return next(f.label for f in self.flags if f.id == flag)

    def to_dict(self) -> dict[str, Any]:
        """The questions as JSON-ready data, for a front end that asks them."""
        return {
            "version": self.version,
            "title": self.title,
            "disclaimer": self.disclaimer,
            "sections": [
                {
                    "id": s.id,
                    "title": s.title,
                    "intro": s.intro,
                    "questions": [
                        {
                            "id": q.id,
                            "number": q.number,
                            "text": q.text,
                            "required": q.required,
                            "options": [{"id": o.id, "text": o.text} for o in q.options],
                        }
                        for q in s.questions
                    ],
                }
                for s in self.sections
            ],
        }
