"""Conditions in the data file's rules: parsed once, evaluated against a result's facts.

Each condition can also describe itself in plain English, so the scoring page and the worksheet
state the very rules the code runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Facts:
    """Everything a condition can look at."""

    scores: Mapping[str, int]
    answers: Mapping[str, str]
    outcomes: Mapping[str, str]
    flags: frozenset[str]


class Names(Protocol):
    """Turns ids into the words a reader sees (implemented by Quiz)."""

    def metric_label(self, metric: str) -> str: ...
    def question_number(self, question: str) -> int: ...
    def option_text(self, question: str, option: str) -> str: ...
    def outcome_label(self, kind: str, outcome: str) -> str: ...
    def outcome_kind_label(self, kind: str) -> str: ...
    def flag_label(self, flag: str) -> str: ...


@dataclass(frozen=True)
class ScoreWithin:
    metric: str
    min: int | None
    max: int | None

    def evaluate(self, facts: Facts) -> bool:
        value = facts.scores[self.metric]
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def describe(self, names: Names) -> str:
        label = names.metric_label(self.metric)
        if self.min is not None and self.max is not None:
            return f"{label} is between {self.min} and {self.max}"
        if self.min is not None:
            return f"{label} is {self.min} or more"
        return f"{label} is {self.max} or less"


@dataclass(frozen=True)
class AnswerOneOf:
    question: str
    options: tuple[str, ...]

    def evaluate(self, facts: Facts) -> bool:
        return facts.answers.get(self.question) in self.options

    def describe(self, names: Names) -> str:
        texts = " or ".join(f"“{names.option_text(self.question, o)}”" for o in self.options)
        return f"the answer to question {names.question_number(self.question)} is {texts}"


@dataclass(frozen=True)
class OutcomeIs:
    kind: str
    outcome: str

    def evaluate(self, facts: Facts) -> bool:
        return facts.outcomes.get(self.kind) == self.outcome

    def describe(self, names: Names) -> str:
        kind = names.outcome_kind_label(self.kind)
        return f"{kind} is “{names.outcome_label(self.kind, self.outcome)}”"


@dataclass(frozen=True)
class FlagRaised:
    flag: str

    def evaluate(self, facts: Facts) -> bool:
        return self.flag in facts.flags

    def describe(self, names: Names) -> str:
        return f"the flag “{names.flag_label(self.flag)}” is raised"


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]

    def evaluate(self, facts: Facts) -> bool:
        return all(item.evaluate(facts) for item in self.items)

    def describe(self, names: Names) -> str:
        return " and ".join(_nested(item, names) for item in self.items)


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]

    def evaluate(self, facts: Facts) -> bool:
        return any(item.evaluate(facts) for item in self.items)

    def describe(self, names: Names) -> str:
        return "either " + " or ".join(_nested(item, names) for item in self.items)


@dataclass(frozen=True)
class Not:
    item: Condition

    def evaluate(self, facts: Facts) -> bool:
        return not self.item.evaluate(facts)

    def describe(self, names: Names) -> str:
        if isinstance(self.item, FlagRaised):
            return f"the flag “{names.flag_label(self.item.flag)}” is not raised"
        return f"it is not the case that {_nested(self.item, names)}"


Condition = ScoreWithin | AnswerOneOf | OutcomeIs | FlagRaised | AllOf | AnyOf | Not


def _nested(item: Condition, names: Names) -> str:
    text = item.describe(names)
    return f"({text})" if isinstance(item, AllOf | AnyOf) else text


def walk(condition: Condition) -> list[Condition]:
    """The condition and every condition inside it."""
    found: list[Condition] = [condition]
    if isinstance(condition, AllOf | AnyOf):
        for item in condition.items:
            found.extend(walk(item))
    elif isinstance(condition, Not):
        found.extend(walk(condition.item))
    return found


def describe(condition: Condition | None, names: Names) -> str:
    """Plain-English text of a condition; None (no condition) reads as "always"."""
    return "always" if condition is None else condition.describe(names)
