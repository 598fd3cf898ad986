"""The persona table (personas.toml): full answer sets with the results they must and must not get.

Read by the tests (in CPython and in Pyodide) and by the "How the quiz scores" page, so the page
shows exactly the expectations the tests enforce.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from quiz._errors import QuizError
from quiz._model import OUTCOME_KINDS, Quiz
from quiz._scoring import Result, score_answers

DATA_FILE = "personas.toml"
_LISTS = ("flags", "not_flags", "slugs", "not_slugs", "notes")


@dataclass(frozen=True)
class Persona:
    id: str
    label: str
    description: str
    answers: Mapping[str, str]
    # outcome kind (style, days, fit-wl, ...) -> the outcome id it must get
    outcomes: Mapping[str, str]
    cycling: bool | None
    support: bool | None
    lists: Mapping[str, tuple[str, ...]]

    def problems(self, quiz: Quiz) -> list[str]:
        """Every way this persona's result differs from what it must (and must not) get."""
        result = score_answers(quiz, self.answers)
        got = outcomes_of(result)
        found = []
        for kind, expected in self.outcomes.items():
            if got.get(kind) != expected:
                found.append(f"{self.id}: {kind} is {got.get(kind)!r}, expected {expected!r}")
        if self.cycling is not None and ("cycling" in got) != self.cycling:
            found.append(f"{self.id}: cycling is {got.get('cycling')!r}, expected {self.cycling}")
        if self.support is not None and result.decision.support != self.support:
            found.append(f"{self.id}: support first is {result.decision.support}")
        flags, slugs = set(result.flag_ids), set(result.slugs)
        notes = {rule for rule, _ in result.notes}
        for name, have in (("flag", flags), ("slug", slugs), ("note", notes)):
            wanted = self.lists[f"{name}s"]
            unwanted = self.lists.get(f"not_{name}s", ())
            found += [f"{self.id}: {name} {x!r} is missing" for x in wanted if x not in have]
            found += [f"{self.id}: {name} {x!r} must not appear" for x in unwanted if x in have]
        return found


def outcomes_of(result: Result) -> dict[str, str]:
    """outcome kind -> id for one result, the same keys a condition tests."""
    d = result.decision
    got = {kind: o.id for kind, o in d.outcomes.items()}
    for fit in d.fits:
        got[f"fit-{fit.direction.key}"] = fit.outcome.id
    if d.cycling is not None:
        got["cycling"] = d.cycling.id
    return got


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise QuizError(f"{DATA_FILE}: {where} must be a list of text")
    return tuple(value)


def parse(data: Mapping[str, Any]) -> tuple[Persona, ...]:
    personas = []
    for index, entry in enumerate(data.get("personas", [])):
        where = f"personas[{index}]"
        expect = dict(entry.get("expect", {}))
        lists = {key: _strings(expect.pop(key, []), f"{where}.expect.{key}") for key in _LISTS}
        cycling = expect.pop("cycling", None)
        support = expect.pop("support", None)
        unknown = sorted(set(expect) - set(OUTCOME_KINDS))
        if unknown:
            raise QuizError(f"{DATA_FILE}: {where}.expect has unknown key '{unknown[0]}'")
        personas.append(
            Persona(
                str(entry["id"]),
                str(entry["label"]),
                str(entry["description"]),
                dict(entry["answers"]),
                {str(k): str(v) for k, v in expect.items()},
                cycling if isinstance(cycling, bool) else None,
                support if isinstance(support, bool) else None,
                lists,
            )
        )
    return tuple(personas)


@lru_cache(maxsize=1)
def load_default() -> tuple[Persona, ...]:
    text = resources.files("quiz").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return parse(tomllib.loads(text))
