"""Answer sets for the quiz tests, shared by CPython and Pyodide runs (standard library only)."""

from __future__ import annotations

import random
from collections.abc import Mapping

from quiz import load_quiz
from quiz._model import Question, Quiz

# A plain middle-of-the-road person: every scored question at 2 points of 4 (score 50).
BASE_CONTEXT = {
    "career-stage": "building",
    "role-type": "hands-on",
    "work-arrangement": "hybrid",
    "caregiving": "some",
    "rhythm": "steady",
}


def option_with_points(question: Question, points: int) -> str:
    """The option of this question worth exactly `points` (after any reversal)."""
    for option in question.options:
        if option.points == points:
            return option.id
    raise AssertionError(f"{question.id} has no option worth {points} points")


def middle(quiz: Quiz | None = None) -> dict[str, str]:
    """Every scored question at its middle option, the context as BASE_CONTEXT."""
    quiz = quiz or load_quiz()
    answers = dict(BASE_CONTEXT)
    for question in quiz.questions:
        if question.subscale is not None and question.id not in answers:
            answers[question.id] = option_with_points(question, question.max_points // 2)
    return answers


def with_total(
    answers: Mapping[str, str], subscale: str, total: int, *, direction: str | None = None
) -> dict[str, str]:
    """Answers changed so that a sub-scale (or one direction of it) adds up to `total` points.

    Points are filled question by question, so the result is exact whenever the weights allow.
    """
    quiz = load_quiz()
    questions = [
        q
        for q in quiz.subscale(subscale).questions
        if direction is None or q.direction == direction
    ]
    changed = dict(answers)
    remaining = total
    for question in questions:
        points = min(question.max_points, remaining // question.weight)
        # Only options that exist: walk down to the nearest available number of points.
        while points not in {o.points for o in question.options}:
            points -= 1
        changed[question.id] = option_with_points(question, points)
        remaining -= points * question.weight
    if remaining:
        raise AssertionError(f"cannot make {subscale} add up to {total}")
    return changed


def with_score(answers: Mapping[str, str], subscale: str, score: int) -> dict[str, str]:
    """Answers giving a sub-scale this score (a multiple of 100 / its maximum)."""
    maximum = load_quiz().subscale(subscale).max_total
    total, rest = divmod(score * maximum, 100)
    if rest:
        raise AssertionError(f"{subscale} cannot score exactly {score}")
    return with_total(answers, subscale, total)


def random_answers(rng: random.Random, quiz: Quiz | None = None) -> dict[str, str]:
    """A complete, valid answer set chosen at random."""
    quiz = quiz or load_quiz()
    return {q.id: rng.choice(q.options).id for q in quiz.questions}
