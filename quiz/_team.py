"""The team map: many share codes in, anonymous positions, per-code errors and an SVG out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quiz._codes import decode, encode
from quiz._errors import QuizError
from quiz._model import Quiz
from quiz._scoring import score_answers
from quiz._svg import Dot, render

MAX_MEMBERS = 100
_SHOWN_CODE = 40


@dataclass(frozen=True)
class Member:
    number: int
    position: int
    preference: int
    behavior: int
    supplies: int
    fit: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "member": self.number,
            "position": self.position,
            "positions": {"preference": self.preference, "behavior": self.behavior},
            "supplies": self.supplies,
            "fit": self.fit,
        }


@dataclass(frozen=True)
class CodeError:
    position: int
    code: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"position": self.position, "code": self.code, "reason": self.reason}


@dataclass(frozen=True)
class TeamMap:
    """Members (no names, numbered in the order given), one error per bad code, and the SVG."""

    members: tuple[Member, ...]
    errors: tuple[CodeError, ...]
    svg: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "members": [m.to_dict() for m in self.members],
            "errors": [e.to_dict() for e in self.errors],
            "svg": self.svg,
        }


def _shown(code: object) -> str:
    text = code.strip() if isinstance(code, str) else repr(code)
    return text if len(text) <= _SHOWN_CODE else text[: _SHOWN_CODE - 1] + "…"


def build(quiz: Quiz, codes: object, *, id_prefix: str = "team-map") -> TeamMap:
    if isinstance(codes, str | bytes) or not isinstance(codes, list | tuple):
        raise QuizError("the team map needs a list of quiz codes")
    members: list[Member] = []
    errors: list[CodeError] = []
    first_seen: dict[str, int] = {}
    for position, code in enumerate(codes, start=1):
        try:
            answers = decode(quiz, code)
            canonical = encode(quiz, answers)
            if canonical in first_seen:
                raise QuizError(f"a duplicate of code {first_seen[canonical]} (the same answers)")
            result = score_answers(quiz, answers)
        except QuizError as exc:
            errors.append(CodeError(position, _shown(code), str(exc)))
            continue
        first_seen[canonical] = position
        if len(members) >= MAX_MEMBERS:
            errors.append(
                CodeError(position, _shown(code), f"the map shows at most {MAX_MEMBERS} members")
            )
            continue
        members.append(
            Member(
                len(members) + 1,
                position,
                result.preference,
                result.behavior,
                result.supplies,
                result.fit.id,
            )
        )
    labels = {fid: outcome.label for fid, outcome in quiz.fit.outcomes.items()}
    dots = [Dot(m.number, m.preference, m.supplies, m.fit) for m in members]
    svg = render(dots, band=quiz.fit.band, labels=labels, id_prefix=id_prefix)
    return TeamMap(tuple(members), tuple(errors), svg)
