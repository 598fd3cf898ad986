"""Scoring: answers in, a Result out. Pure and deterministic; integer arithmetic throughout."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, NoReturn

from quiz._arith import percent
from quiz._conditions import Condition, Facts
from quiz._errors import QuizError
from quiz._model import (
    CLASSIFICATIONS,
    Direction,
    Option,
    Outcome,
    Quiz,
    Rule,
    RuleItem,
    Scale,
    gap_metrics,
    scale_id,
)


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
        missing = unanswered(quiz, chosen)
        if missing:
            plural = "question is" if len(missing) == 1 else f"{len(missing)} questions are"
            raise QuizError(f"{plural} not answered: {', '.join(missing)}")
    return chosen


def unanswered(quiz: Quiz, answers: Mapping[str, object]) -> list[str]:
    """The required questions not in answers, in the order they are asked."""
    return [q.id for q in quiz.questions if q.required and q.id not in answers]


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
    points: int
    effect: int | float


def _effect_text(quiz: Quiz, scale: Scale, effect: int | float) -> str:
    if effect == 0:
        return quiz.texts["points_none"]
    key = "points_up" if effect > 0 else "points_down"
    return quiz.texts[key].format(effect=abs(effect), high=scale.high, low=scale.low)


@dataclass(frozen=True)
class ScaleResult:
    scale: Scale
    score: int
    why: tuple[Why, ...]

    def to_dict(self, quiz: Quiz) -> dict[str, Any]:
        s = self.scale
        direction = quiz.direction(s.direction) if s.direction else None
        return {
            "id": s.id,
            "construct": s.construct,
            "label": s.label,
            "direction": s.direction,
            "direction_label": direction.label if direction else None,
            "score": self.score,
            "points": sum(w.points for w in self.why),
            "max_points": s.max_total,
            "summary": s.summary(self.score),
            "low": s.low,
            "high": s.high,
            "sources": list(s.sources),
            "why": [
                {
                    "question": w.question,
                    "question_text": quiz.question_text(w.question),
                    "option": w.option,
                    "option_text": quiz.option_text(w.question, w.option),
                    "points": w.points,
                    "effect": w.effect,
                    "effect_text": _effect_text(quiz, s, w.effect),
                }
                for w in self.why
            ],
        }


@dataclass(frozen=True)
class DirectionFit:
    direction: Direction
    outcome: Outcome
    want: int
    pressure: int
    permission: int
    gap: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "direction": self.direction.id,
            "direction_label": self.direction.label,
            "outcome": self.outcome.id,
            "label": self.outcome.label,
            "text": self.outcome.text,
            "want": self.want,
            "pressure": self.pressure,
            "permission": self.permission,
            "gap": self.gap,
        }


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
    tactic: str
    reason: str
    rule: str
    rank: int
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "reason": self.reason,
            "rule": self.rule,
            "rank": self.rank,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Decision:
    """Everything decided before the recommendations: scores, outcomes, flags and the facts."""

    scores: dict[str, int]
    scales: tuple[ScaleResult, ...]
    outcomes: dict[str, Outcome]
    cycling: Outcome | None
    fits: tuple[DirectionFit, ...]
    flags: tuple[FlagResult, ...]
    support: bool
    facts: Facts


def _scale(scale: Scale, chosen: Mapping[str, Option]) -> ScaleResult:
    total = 0
    why: list[Why] = []
    for question_id, table in scale.table:
        option_id = chosen[question_id].id
        points, moved = table[option_id]
        total += points
        why.append(Why(question_id, option_id, points, moved))
    # Biggest movers first; ties keep the order in which the questions are asked.
    why.sort(key=lambda w: -abs(w.effect))
    return ScaleResult(scale, percent(total, scale.max_total), tuple(why))


def fit_of(intrusion: int, restriction: int, quiz: Quiz) -> tuple[str, int]:
    """The fit in one direction from its two gaps, and the gap that decided it.

    A gap counts at its threshold or above; if both count, the larger wins (intrusion on a tie).
    """
    misfits = []
    if intrusion >= quiz.fit.intrusion:
        misfits.append(("intrusion", intrusion))
    if restriction >= quiz.fit.restriction:
        misfits.append(("restriction", restriction))
    if not misfits:
        return "good-fit", max(intrusion, restriction, 0)
    return max(misfits, key=lambda m: m[1])


def decide(quiz: Quiz, answers: object) -> Decision:
    chosen = check_answers(quiz, answers, complete=True)
    scales = tuple(_scale(s, chosen) for s in quiz.scales)
    scores = {r.scale.id: r.score for r in scales}
    fits: list[DirectionFit] = []
    for direction in quiz.directions:
        want = scores[scale_id("preference", direction)]
        pressure = scores[scale_id("pressure", direction)]
        permission = scores[scale_id("permission", direction)]
        intrusion, restriction = gap_metrics(direction)
        scores[intrusion] = pressure - want
        scores[restriction] = want - permission
        fit_id, gap = fit_of(scores[intrusion], scores[restriction], quiz)
        outcome = quiz.fit.outcomes[direction.id][fit_id]
        fits.append(DirectionFit(direction, outcome, want, pressure, permission, gap))

    # Each stage sees only what earlier stages decided: outcomes, then flags, then rules.
    answer_ids = {qid: option.id for qid, option in chosen.items()}
    facts = Facts(scores=scores, answers=answer_ids, outcomes={}, flags=frozenset())
    outcomes: dict[str, Outcome] = {}
    for kind in CLASSIFICATIONS:
        outcomes[kind] = next(
            o
            for o in quiz.classification(kind).outcomes
            if o.when is None or o.when.evaluate(facts)
        )
    cycling = (
        quiz.cycling.outcome
        if answer_ids.get(quiz.cycling.question) in quiz.cycling.options
        else None
    )
    ids = {kind: o.id for kind, o in outcomes.items()}
    if cycling is not None:
        ids["cycling"] = cycling.id
    for fit in fits:
        ids[f"fit-{fit.direction.key}"] = fit.outcome.id
    facts = Facts(scores, answer_ids, ids, frozenset())
    flags = tuple(
        FlagResult(f.id, f.label, f.reason.format_map(scores), f.sources)
        for f in quiz.flags
        if f.when.evaluate(facts)
    )
    facts = Facts(scores, answer_ids, ids, frozenset(f.id for f in flags))
    # Misfits first, largest gap first; good fits after, in the quiz's order of directions.
    order = sorted(fits, key=_misfit_first)
    return Decision(
        scores,
        scales,
        outcomes,
        cycling,
        tuple(order),
        flags,
        scores["strain"] >= quiz.support.min_strain,
        facts,
    )


def _misfit_first(fit: DirectionFit) -> tuple[bool, int]:
    good = fit.outcome.id == "good-fit"
    return (good, 0 if good else -fit.gap)


def _holds(condition: Condition | None, facts: Facts) -> bool:
    return condition is not None and condition.evaluate(facts)


def excluded(quiz: Quiz, rule: Rule, item: RuleItem, facts: Facts) -> bool:
    """Whether an item must not be shown for these answers (its rule's, own or slug's unless)."""
    entry = quiz.catalog[item.slug]
    return any(_holds(c, facts) for c in (rule.unless, item.unless, entry.unless))


def applies(rule: Rule, facts: Facts) -> bool:
    return (rule.when is None or rule.when.evaluate(facts)) and not _holds(rule.unless, facts)


def recommend(quiz: Quiz, facts: Facts) -> tuple[list[Recommendation], list[tuple[str, str]]]:
    """The most relevant items (rules by relevance, ties in file order), and applicable notes."""
    ranked = sorted(
        (r for r in quiz.rules if applies(r, facts)),
        key=lambda r: -r.relevance,
    )
    picked: list[Recommendation] = []
    seen: set[str] = set()
    for rule in ranked:
        for item in rule.items:
            if item.slug in seen or len(picked) >= quiz.max_recommendations:
                continue
            if excluded(quiz, rule, item, facts):
                continue
            seen.add(item.slug)
            tactic = quiz.catalog[item.slug].tactic
            picked.append(
                Recommendation(
                    item.slug, tactic, item.reason, rule.id, len(picked) + 1, rule.sources
                )
            )
    notes = [(r.id, r.note) for r in ranked if r.note is not None]
    return picked, notes


def _grouped(quiz: Quiz, picked: list[Recommendation]) -> list[dict[str, Any]]:
    """Grouped by tactic; a group comes where its most relevant item ranks."""
    order = list(dict.fromkeys(r.tactic for r in picked))
    labels = {t.id: t.label for t in quiz.tactics}
    return [
        {
            "tactic": tactic,
            "label": labels[tactic],
            "items": [r.to_dict() for r in picked if r.tactic == tactic],
        }
        for tactic in order
    ]


def _labeled(outcome: Outcome) -> dict[str, Any]:
    return {"id": outcome.id, "label": outcome.label, "text": outcome.text}


@dataclass(frozen=True)
class Result:
    """A scored quiz. to_dict() gives the self-describing shape the browser and CLI render."""

    quiz: Quiz
    decision: Decision
    recommendations: tuple[Recommendation, ...]
    notes: tuple[tuple[str, str], ...]

    @property
    def scores(self) -> dict[str, int]:
        return dict(self.decision.scores)

    @property
    def style(self) -> Outcome:
        return self.decision.outcomes["style"]

    @property
    def days(self) -> Outcome:
        return self.decision.outcomes["days"]

    @property
    def fits(self) -> tuple[DirectionFit, ...]:
        return self.decision.fits

    @property
    def flag_ids(self) -> list[str]:
        return [f.id for f in self.decision.flags]

    @property
    def slugs(self) -> list[str]:
        return [r.slug for r in self.recommendations]

    def to_dict(self) -> dict[str, Any]:
        quiz, d = self.quiz, self.decision
        scores = d.scores
        misfit = any(f.outcome.id != "good-fit" for f in d.fits)
        control = d.outcomes["control"]
        identity = d.outcomes["identity"]
        support = (
            {"text": quiz.support.text, "sources": list(quiz.support.sources)}
            if d.support
            else None
        )
        return {
            "version": quiz.version,
            "support": support,
            "style": {
                **_labeled(d.outcomes["style"]),
                "basis": quiz.texts["basis_style"].format_map(scores),
            },
            "cycling": _labeled(d.cycling) if d.cycling else None,
            "days": {
                **_labeled(d.outcomes["days"]),
                "basis": quiz.texts["basis_days"].format_map(scores),
            },
            "fit": {
                "label": quiz.fit.summary_misfit if misfit else quiz.fit.summary_good,
                "directions": [f.to_dict() for f in d.fits],
            },
            "control": {**_labeled(control), "score": scores["control"]},
            "identity": {
                **_labeled(identity),
                "work": scores["identity-work"],
                "life": scores["identity-life"],
            },
            "flags": [f.to_dict() for f in d.flags],
            "recommendations": _grouped(quiz, list(self.recommendations)),
            "notes": [{"rule": rule, "text": text} for rule, text in self.notes],
            "scales": [s.to_dict(quiz) for s in d.scales],
            "scores": dict(scores),
            "disclaimer": quiz.disclaimer,
            "texts": dict(quiz.texts),
        }


def score_answers(quiz: Quiz, answers: object) -> Result:
    d = decide(quiz, answers)
    picked, notes = recommend(quiz, d.facts)
    return Result(quiz, d, tuple(picked), tuple(notes))
