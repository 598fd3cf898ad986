"""Where do you stand between work-life balance and integration? A reflective quiz engine.

Standard library only; runs unchanged in CPython 3.11+ and in Pyodide. The questions, scales,
thresholds, texts and rules live in quiz.toml inside this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quiz._codes import Opened
from quiz._codes import decode as _decode
from quiz._codes import encode as _encode
from quiz._codes import open_code as _open_code
from quiz._codes import team_code as _team_code
from quiz._codes import upgrade as _upgrade
from quiz._errors import QuizError
from quiz._load import load_default as _load_default
from quiz._model import Quiz
from quiz._scoring import Result
from quiz._scoring import score_answers as _score_answers

if TYPE_CHECKING:
    from quiz._personas import Persona
    from quiz._team import TeamMap

__all__ = [
    "Opened",
    "Persona",
    "Quiz",
    "QuizError",
    "Result",
    "TeamMap",
    "decode_answers",
    "encode_answers",
    "encode_team_code",
    "load_personas",
    "load_quiz",
    "open_code",
    "score",
    "team_map",
    "upgrade_answers",
]


def load_quiz() -> Quiz:
    """The quiz: sections, questions, scales, every rule and every fixed word (read once)."""
    return _load_default()


def score(answers: object) -> Result:
    """Score a complete mapping of question id to option id; QuizError names any problem."""
    return _score_answers(_load_default(), answers)


def encode_answers(answers: object) -> str:
    """A short, versioned, URL-safe share code for these answers (a partial set is allowed)."""
    return _encode(_load_default(), answers)


def decode_answers(code: object) -> dict[str, str]:
    """The answers a share code holds that this version still asks; QuizError if it is bad."""
    return _decode(_load_default(), code)


def open_code(code: object) -> Opened:
    """A share code's answers, the version it came from, and the questions left to answer."""
    return _open_code(_load_default(), code)


def upgrade_answers(answers: object, from_version: object = None) -> Opened:
    """Answers saved under any version (e.g. by the browser under version 1), as open_code()."""
    return _upgrade(_load_default(), answers, from_version)


def encode_team_code(answers: object) -> str:
    """The team code of a complete answer set: preferences, behavior and fit, nothing else."""
    return _team_code(_load_default(), answers)


def team_map(codes: object) -> TeamMap:
    """The team's spread, sorted anonymous positions (three people at least) and an SVG."""
    from quiz._team import build

    return build(_load_default(), codes)


def load_personas() -> tuple[Persona, ...]:
    """The persona table: answer sets with the results they must and must not get."""
    from quiz._personas import load_default

    return load_default()


def __getattr__(name: str) -> Any:
    # Team maps and personas load on first use: the quiz page's engine never needs them, and the
    # SVG code (with the html module it imports) costs Pyodide a tenth of a second at start-up.
    if name == "TeamMap":
        from quiz._team import TeamMap

        return TeamMap
    if name == "Persona":
        from quiz._personas import Persona

        return Persona
    raise AttributeError(f"module 'quiz' has no attribute {name!r}")
