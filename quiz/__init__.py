"""Where do you stand between work-life balance and integration? A reflective quiz engine.

Standard library only; runs unchanged in CPython 3.11+ and in Pyodide. The questions, weights,
thresholds, texts and rules live in quiz.toml inside this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quiz._codes import decode as _decode
from quiz._codes import encode as _encode
from quiz._errors import QuizError
from quiz._load import load_default as _load_default
from quiz._model import Quiz
from quiz._scoring import Result
from quiz._scoring import score_answers as _score_answers

if TYPE_CHECKING:
    from quiz._team import TeamMap

__all__ = [
    "Quiz",
    "QuizError",
    "Result",
    "TeamMap",
    "decode_answers",
    "encode_answers",
    "load_quiz",
    "score",
    "team_map",
]


def load_quiz() -> Quiz:
    """The quiz: sections, questions with ids, texts and options, and every rule (read once)."""
    return _load_default()


def score(answers: object) -> Result:
    """Score a complete mapping of question id to option id; QuizError names any problem."""
    return _score_answers(_load_default(), answers)


def encode_answers(answers: object) -> str:
    """A short, versioned, URL-safe share code for these answers (a partial set is allowed)."""
    return _encode(_load_default(), answers)


def decode_answers(code: object) -> dict[str, str]:
    """The answers a share code holds; QuizError if it is malformed, tampered or from the future."""
    return _decode(_load_default(), code)


def team_map(codes: object) -> TeamMap:
    """Anonymous positions for many share codes, one error per bad or duplicate code, and an SVG."""
    from quiz._team import build

    return build(_load_default(), codes)


def __getattr__(name: str) -> Any:
    # Team maps load on first use: the quiz page's engine never draws one, and their SVG code
    # (with the html module it imports) costs Pyodide a tenth of a second at start-up.
    if name == "TeamMap":
        from quiz._team import TeamMap

        return TeamMap
    raise AttributeError(f"module 'quiz' has no attribute {name!r}")
