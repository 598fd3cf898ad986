"""Scoring: answers in, a Result out. Pure and deterministic; integer arithmetic throughout."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, NoReturn

from quiz._arith import percent
from quiz._conditions import Facts
from quiz._errors import QuizError
from quiz._model import GAP_METRIC, Option, Outcome, Quiz, Subscale


def check_answers(quiz: Quiz, answers: object, *, complete: bool) -> dict[str, Option]:
    """The chosen option of each answered question, or QuizError naming what is wrong."""
    if not isinstance(answers, Mapping):
        raise QuizError(
            f"answers must map question ids to option ids, not {type(answers).__name__}"
        )
    chosen: dict[str, Option] = {}
    choices = quiz.choices
    for question_id, option_id in answers.items():
        options = choices.get(question_id) if isinstance(question_id, str) else None
        option = options.get(option_id) if options and isinstance(option_id, str) else None
        if option is None:
            # Report the first problem in a stable order, whatever order the mapping has.
            _first_problem(quiz, answers)
        chosen[question_id] = option
    if complete:
        missing = [q.id for q in quiz.questions if q.required and q.id not in chosen]
        if missing:
            plural = "question is" if len(missing) == 1 else f"{len(missing)} questions are"
            raise QuizError(f"{plural} not answered: {', '.join(missing)}")
    return chosen


def _first_problem(quiz: Quiz, answers: Mapping[Any, Any]) -> NoReturn:
    for question_id in sorted(answers, key=str):
        option_id = answers[question_id]
        if not isinstance(question_id, str):
            raise QuizError(f"question ids must be text, got {question_id!r}")
        question = quiz.question(question_id)
        if question is None:
            raise QuizError(f"unknown question {question_id!r}")
        if not isinstance(option_id, str):
            raise QuizError(
                f"question {question_id!r}: the answer must be an option id, got {option_id!r}"
            )
        if question.option(option_id) is None:
            known = ", ".join(o.id for o in question.options)
            raise QuizError(
                f"question {question_id!r} has no option {option_id!r} (options: {known})"
            )
    raise AssertionError("called without a problem to report")


class Why(NamedTuple):
    question: str
    option: str
    effect: int | float

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "option": self.option, "effect": self.effect}


@dataclass(frozen=True)
class SubscaleResult:
    id: str
    label: str
    score: int
    summary: str
    why: tuple[Why, ...]
    directions: tuple[tuple[str, int], ...]
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "score": self.score,
            "summary": self.summary,
            "why": [w.to_dict() for w in self.why],
            "directions": dict(self.directions),
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Labeled:
    id: str
    label: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "text": self.text}


@dataclass(frozen=True)
class FlagResult:
    id: str
    label: str
    reason: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "reason": self.reason,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Recommendation:
    slug: str
    kind: str
    reason: str
    rule: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "kind": self.kind,
            "reason": self.reason,
            "rule": self.rule,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class TacticGroup:
    tactic: str
    label: str
    items: tuple[Recommendation, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "tactic": self.tactic,
            "label": self.label,
            "items": [i.to_dict() for i in self.items],
        }


@dataclass(frozen=True)
class Result:
    """A scored quiz. to_dict() gives the JSON-ready shape the browser renders."""

    version: int
    preference: int
    behavior: int
    supplies: int
    style: Labeled
    profile: Labeled
    fit: Labeled
    flags: tuple[FlagResult, ...]
    recommendations: tuple[TacticGroup, ...]
    subscales: tuple[SubscaleResult, ...]
    scores: tuple[tuple[str, int], ...]
    disclaimer: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "positions": {"preference": self.preference, "behavior": self.behavior},
            "style": self.style.to_dict(),
            "profile": self.profile.to_dict(),
            "fit": self.fit.to_dict(),
            "flags": [f.to_dict() for f in self.flags],
            "recommendations": [g.to_dict() for g in self.recommendations],
            "subscales": [s.to_dict() for s in self.subscales],
            "scores": dict(self.scores),
            "disclaimer": self.disclaimer,
        }


def _subscale(sub: Subscale, chosen: Mapping[str, Option]) -> tuple[int, list[Why]]:
    total = 0
    why: list[Why] = []
    for question_id, table in sub.table:
        option_id = chosen[question_id].id
        points, moved = table[option_id]
        total += points
        why.append(Why(question_id, option_id, moved))
    # Biggest movers first; ties keep the order in which the questions are asked.
    why.sort(key=_magnitude)
    return percent(total, sub.max_total), why


def _magnitude(why: Why) -> int | float:
    return -abs(why.effect)


def fit_of(gap: int, band: int) -> str:
    """Fit from the separation gap (separation wanted minus separation supplied)."""
    if gap >= band:
        return "under-supplied"
    if gap <= -band:
        return "over-supplied"
    return "fit"


@dataclass(frozen=True)
class Decision:
    """Everything decided before the recommendations: scores, outcomes, flags, and the facts."""

    scores: dict[str, int]
    subscales: tuple[SubscaleResult, ...]
    style: Outcome
    profile: Outcome
    fit: Outcome
    flags: tuple[FlagResult, ...]
    facts: Facts


def decide(quiz: Quiz, answers: object) -> Decision:
    chosen = check_answers(quiz, answers, complete=True)
    scores: dict[str, int] = {}
    subscales: list[SubscaleResult] = []
    for sub in quiz.subscales:
        value, why = _subscale(sub, chosen)
        scores[sub.id] = value
        directions: list[tuple[str, int]] = []
        for direction, metric, members, part_max in sub.direction_parts:
            part = sum(q.weighted(chosen[q.id]) for q in members)
            directions.append((direction, percent(part, part_max)))
            scores[metric] = directions[-1][1]
        subscales.append(
            SubscaleResult(
                sub.id,
                sub.label,
                value,
                sub.summary(value),
                tuple(why),
                tuple(directions),
                sub.sources,
            )
        )
    scores[GAP_METRIC] = (100 - scores["preference"]) - scores["supplies"]

    # Each stage sees only what earlier stages decided: outcomes, then flags, then rules.
    answer_ids = {qid: option.id for qid, option in chosen.items()}
    facts = Facts(scores=scores, answers=answer_ids, outcomes={}, flags=frozenset())
    style = next(o for o in quiz.style.outcomes if o.when is None or o.when.evaluate(facts))
    profile = next(o for o in quiz.profile.outcomes if o.when is None or o.when.evaluate(facts))
    fit_id = fit_of(scores[GAP_METRIC], quiz.fit.band)
    outcomes = {"style": style.id, "profile": profile.id, "fit": fit_id}
    facts = Facts(scores, answer_ids, outcomes, frozenset())
    flags = tuple(
        FlagResult(f.id, f.label, f.reason.format_map(scores), f.sources)
        for f in quiz.flags
        if f.when.evaluate(facts)
    )
    facts = Facts(scores, answer_ids, outcomes, frozenset(f.id for f in flags))
    return Decision(
        scores, tuple(subscales), style, profile, quiz.fit.outcomes[fit_id], flags, facts
    )


def recommend(quiz: Quiz, facts: Facts) -> tuple[TacticGroup, ...]:
    """Rules in order; the first max_recommendations distinct slugs, grouped by tactic."""
    picked: list[Recommendation] = []
    seen: set[str] = set()
    for rule in quiz.rules:
        if rule.when is not None and not rule.when.evaluate(facts):
            continue
        for item in rule.items:
            if item.slug in seen or len(picked) >= quiz.max_recommendations:
                continue
            seen.add(item.slug)
            entry = quiz.catalog[item.slug]
            picked.append(Recommendation(item.slug, entry.kind, item.reason, rule.id, rule.sources))
    groups = []
    for tactic in quiz.tactics:
        items = tuple(r for r in picked if quiz.catalog[r.slug].tactic == tactic.id)
        if items:
            groups.append(TacticGroup(tactic.id, tactic.label, items))
    return tuple(groups)


def score_answers(quiz: Quiz, answers: object) -> Result:
    d = decide(quiz, answers)
    return Result(
        version=quiz.version,
        preference=d.scores["preference"],
        behavior=d.scores["behavior"],
        supplies=d.scores["supplies"],
        style=Labeled(d.style.id, d.style.label, d.style.text),
        profile=Labeled(d.profile.id, d.profile.label, d.profile.text),
        fit=Labeled(d.fit.id, d.fit.label, d.fit.text),
        flags=d.flags,
        recommendations=recommend(quiz, d.facts),
        subscales=d.subscales,
        scores=tuple(d.scores.items()),
        disclaimer=quiz.disclaimer,
    )
