"""Answer sets for the quiz tests, shared by CPython and Pyodide runs (standard library only)."""

from __future__ import annotations

import random
from collections.abc import Mapping

from quiz import load_quiz
from quiz._model import Question, Quiz

# A plain middle-of-the-road person: every scored question at 2 points of 4 (score 50).
BASE_CONTEXT = {
    "career-stage": "building",
    "role-type": "knowledge",
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
        if question.scale is not None and question.id not in answers:
            answers[question.id] = option_with_points(question, question.max_points // 2)
    return answers


def with_points(answers: Mapping[str, str], scale: str, points: int) -> dict[str, str]:
    """Answers changed so that every question of a scale gives `points` (where it can)."""
    quiz = load_quiz()
    changed = dict(answers)
    for question in quiz.scale(scale).questions:
        nearest = min(question.options, key=lambda o: abs((o.points or 0) - points))
        changed[question.id] = nearest.id
    return changed


def random_answers(rng: random.Random, quiz: Quiz | None = None) -> dict[str, str]:
    """A complete, valid answer set chosen at random."""
    quiz = quiz or load_quiz()
    return {q.id: rng.choice(q.options).id for q in quiz.questions}


def leaning_answers(rng: random.Random, quiz: Quiz | None = None) -> dict[str, str]:
    """A complete set where each scale leans one way, so rarer outcomes come up often too."""
    quiz = quiz or load_quiz()
    answers = {q.id: rng.choice(q.options).id for q in quiz.questions if q.scale is None}
    for scale in quiz.scales:
        target = rng.choice((0, 1, 2, 3, 4))
        for question in scale.questions:
            near = [o for o in question.options if abs((o.points or 0) - target) <= 1]
            answers[question.id] = rng.choice(near).id
    return {q.id: answers[q.id] for q in quiz.questions}
