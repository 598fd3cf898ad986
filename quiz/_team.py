"""The team map: team codes in; the group's spread, sorted anonymous positions and an SVG out.

Privacy first: it reads only team codes (a full share code is refused with a pointer to the team
code), shows nobody until MIN_MEMBERS people are on it, numbers members by their values (never in
the order pasted), accepts identical answers from different people, and has no strain to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quiz._codes import TeamEntry, decode_team
from quiz._errors import QuizError
from quiz._model import FIT_IDS, Quiz
from quiz._svg import Dot, render

MAX_MEMBERS = 100
MIN_MEMBERS = 3
_SHOWN_CODE = 40


@dataclass(frozen=True)
class Member:
    number: int
    entry: TeamEntry

    def to_dict(self, quiz: Quiz) -> dict[str, Any]:
        e = self.entry
        return {
            "member": self.number,
            "directions": [
                {
                    "direction": d.id,
                    "direction_label": d.label,
                    "preference": e.preference[i],
                    "behavior": e.behavior[i],
                    "fit": e.fit[i],
                    "fit_label": quiz.fit.outcomes[d.id][e.fit[i]].label,
                }
                for i, d in enumerate(quiz.directions)
            ],
        }


@dataclass(frozen=True)
class CodeError:
    position: int
    code: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"position": self.position, "code": self.code, "reason": self.reason}


def _spread(values: list[int]) -> dict[str, int]:
    ordered = sorted(values)
    return {"low": ordered[0], "median": ordered[(len(ordered) - 1) // 2], "high": ordered[-1]}


@dataclass(frozen=True)
class TeamMap:
    """The spread first, then members sorted by value (no names), one error per bad code, SVG."""

    quiz: Quiz
    entries: tuple[TeamEntry, ...]
    errors: tuple[CodeError, ...]
    svg: str

    @property
    def shown(self) -> bool:
        return len(self.entries) >= MIN_MEMBERS

    @property
    def members(self) -> tuple[Member, ...]:
        if not self.shown:
            return ()
        return tuple(Member(n, e) for n, e in enumerate(self.entries, start=1))

    def spread(self) -> list[dict[str, Any]]:
        if not self.shown:
            return []
        out = []
        for i, d in enumerate(self.quiz.directions):
            counts = {f: sum(e.fit[i] == f for e in self.entries) for f in FIT_IDS}
            out.append(
                {
                    "direction": d.id,
                    "direction_label": d.label,
                    "fit": [
                        {"outcome": f, "label": self.quiz.fit.outcomes[d.id][f].label, "count": n}
                        for f, n in counts.items()
                    ],
                    "preference": _spread([e.preference[i] for e in self.entries]),
                    "behavior": _spread([e.behavior[i] for e in self.entries]),
                }
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        texts = self.quiz.texts
        return {
            "count": len(self.entries),
            "min_members": MIN_MEMBERS,
            "shown": self.shown,
            "note": None if self.shown else texts["team_too_few"].format(min=MIN_MEMBERS),
            "spread": self.spread(),
            "members": [m.to_dict(self.quiz) for m in self.members],
            "errors": [e.to_dict() for e in self.errors],
            "svg": self.svg,
        }


def _shown(code: object) -> str:
    text = code.strip() if isinstance(code, str) else repr(code)
    return text if len(text) <= _SHOWN_CODE else text[: _SHOWN_CODE - 1] + "…"


def _kind(entry: TeamEntry) -> str:
    if "intrusion" in entry.fit:
        return "intrusion"
    if "restriction" in entry.fit:
        return "restriction"
    return "good"


def build(quiz: Quiz, codes: object, *, id_prefix: str = "team-map") -> TeamMap:
    if isinstance(codes, str | bytes) or not isinstance(codes, list | tuple):
        raise QuizError("the team map needs a list of team codes")
    entries: list[TeamEntry] = []
    errors: list[CodeError] = []
    for position, code in enumerate(codes, start=1):
        try:
            entry = decode_team(code)
        except QuizError as exc:
            errors.append(CodeError(position, _shown(code), str(exc)))
            continue
        if len(entries) >= MAX_MEMBERS:
            errors.append(
                CodeError(position, _shown(code), f"the map shows at most {MAX_MEMBERS} members")
            )
            continue
        entries.append(entry)
    # Sorted by value, so the order pasted tells nothing about who is who.
    entries.sort(key=TeamEntry.sort_key)
    texts = quiz.texts
    wl, lw = quiz.directions
    pref_wl, pref_lw = quiz.scale(f"preference-{wl.key}"), quiz.scale(f"preference-{lw.key}")
    shown = len(entries) >= MIN_MEMBERS
    dots = []
    if shown:
        for number, e in enumerate(entries, start=1):
            fit = "; ".join(
                f"{d.label}: {quiz.fit.outcomes[d.id][e.fit[i]].label.lower()}"
                for i, d in enumerate(quiz.directions)
            )
            description = texts["team_member"].format(
                wl=e.preference[0],
                lw=e.preference[1],
                wl_direction=wl.label,
                lw_direction=lw.label,
                fit=fit,
            )
            dots.append(Dot(number, e.preference[0], e.preference[1], _kind(e), description))
    style = {o.id: o.label for o in quiz.style.outcomes}
    count = len(entries)
    svg = render(
        dots,
        title=texts["team_title"],
        summary=f"{count} {'code' if count == 1 else 'codes'}.",
        x_label=texts["team_axis"].format(direction=wl.label, low=pref_wl.low, high=pref_wl.high),
        y_label=texts["team_axis"].format(direction=lw.label, low=pref_lw.low, high=pref_lw.high),
        corners={
            "bottom-left": style["separator"],
            "top-right": style["integrator"],
            "bottom-right": style["work-guardian"],
            "top-left": style["life-guardian"],
        },
        legend={
            "good": texts["team_legend_good"],
            "intrusion": texts["team_legend_intrusion"],
            "restriction": texts["team_legend_restriction"],
        },
        empty=texts["team_too_few"].format(min=MIN_MEMBERS) if not shown else "",
        id_prefix=id_prefix,
    )
    return TeamMap(quiz, tuple(entries), tuple(errors), svg)
