"""Share codes and team codes: short, versioned, URL-safe, tamper-evident texts.

Share code, format 2 (and format 1, which reads the same way): the format digit + base64url(payload
+ check), without padding. The payload holds one 4-bit cell per question *code* (not per position),
two cells a byte, high cell first; a cell holds 0 for "not answered" or the option code + 1. The
check is the first three bytes of SHA-256(b"worklife-quiz" + format digit + payload). Question and
option codes are never reused, so an older code still opens: answers to retired questions are
dropped, and questions added since are simply unanswered.

Team code, format 1: "T1" + base64url(payload + check), where the payload is the two preference
scores, the two behavior scores (one byte each, 0-100) and one byte holding the fit per direction
(3 x work-to-life + life-to-work, each 0 good fit, 1 intrusion, 2 restriction). Nothing else: no
strain, no care duties, no identity.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quiz._errors import QuizError
from quiz._model import FIT_IDS, Quiz, scale_id
from quiz._scoring import check_answers, score_answers, unanswered

CODE_VERSION = "2"
# Every share code format this engine reads, and the quiz version that wrote it.
QUIZ_VERSION_OF_FORMAT = {"1": 1, "2": 2}
TEAM_PREFIX = "T1"
_TEAM_PAYLOAD = 5
_CHECK_BYTES = 3
_SALT = b"worklife-quiz"
_ALPHABET = re.compile(r"[A-Za-z0-9_-]*")
# Generous: a 512-question quiz needs 256 payload bytes.
MAX_CODE_LENGTH = 400


def _check(version: str, payload: bytes) -> bytes:
    return hashlib.sha256(_SALT + version.encode("ascii") + payload).digest()[:_CHECK_BYTES]


def _pack(version: str, payload: bytes) -> str:
    body = payload + _check(version, payload)
    return version + base64.urlsafe_b64encode(body).decode("ascii").rstrip("=")


def _unpack(text: str, version: str, what: str) -> bytes:
    """The payload of a checked code body, or QuizError saying what is wrong with it."""
    body = text[len(version) :]
    # fullmatch, not match: "$" would also accept a trailing newline.
    if not _ALPHABET.fullmatch(body):
        bad = next(c for c in body if not _ALPHABET.fullmatch(c))
        raise QuizError(f"the {what} contains {bad!r}, which never appears in a {what}")
    if len(body) % 4 == 1:
        raise QuizError(f"the {what} has a missing or extra character")
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise QuizError(f"the {what} has a missing or extra character") from None
    if base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=") != body:
        # Spare low bits in the last character were set: not a code this engine wrote.
        raise QuizError(f"the {what} does not check out: it was mistyped, cut short or changed")
    if len(raw) < _CHECK_BYTES:
        raise QuizError(f"the {what} is too short")
    payload, check = raw[:-_CHECK_BYTES], raw[-_CHECK_BYTES:]
    if _check(version, payload) != check:
        raise QuizError(f"the {what} does not check out: it was mistyped, cut short or changed")
    return payload


def _text(code: object, what: str) -> str:
    if not isinstance(code, str):
        raise QuizError(f"a {what} must be text, got {type(code).__name__}")
    text = code.strip()
    if not text:
        raise QuizError(f"the {what} is empty")
    if len(text) > MAX_CODE_LENGTH:
        raise QuizError(f"the {what} is too long ({len(text)} characters) to be a {what}")
    return text


def encode(quiz: Quiz, answers: object) -> str:
    chosen = check_answers(quiz, answers, complete=False)
    cells: dict[int, int] = {}
    for question_id, option in chosen.items():
        question = quiz.question(question_id)
        assert question is not None  # check_answers made sure
        cells[question.code] = option.code + 1
    size = (max(cells, default=-1) + 2) // 2
    payload = bytearray(size)
    for code, cell in cells.items():
        payload[code // 2] |= cell << 4 if code % 2 == 0 else cell
    return _pack(CODE_VERSION, bytes(payload))


def decode_versioned(quiz: Quiz, code: object) -> tuple[dict[str, str], int]:
    """The answers a share code holds that this quiz still asks, and the quiz version it is from."""
    text = _text(code, "quiz code")
    version = text[0]
    if text.startswith(TEAM_PREFIX[0]):
        raise QuizError(
            "this is a team code, which holds only what a team map needs; paste it into the "
            "team map, or use the share code to see a whole result"
        )
    if version not in QUIZ_VERSION_OF_FORMAT:
        known = ", ".join(sorted(QUIZ_VERSION_OF_FORMAT))
        raise QuizError(
            f"the quiz code starts with {version!r}, not a known code version "
            f"(this quiz reads versions {known})"
        )
    payload = _unpack(text, version, "quiz code")
    by_code = {q.code: q for q in quiz.questions}
    answers: dict[str, str] = {}
    for index, byte in enumerate(payload):
        for question_code, cell in ((2 * index, byte >> 4), (2 * index + 1, byte & 0x0F)):
            if cell == 0 or question_code in quiz.retired_question_codes:
                continue
            question = by_code.get(question_code)
            if question is None:
                raise QuizError(
                    f"the quiz code answers question code {question_code}, which this version "
                    "of the quiz does not have (was it made by a newer version?)"
                )
            option = next((o for o in question.options if o.code == cell - 1), None)
            if option is None:
                raise QuizError(
                    f"the quiz code gives option code {cell - 1} for question '{question.id}', "
                    "which has no such option"
                )
            answers[question.id] = option.id
    return answers, QUIZ_VERSION_OF_FORMAT[version]


def decode(quiz: Quiz, code: object) -> dict[str, str]:
    return decode_versioned(quiz, code)[0]


@dataclass(frozen=True)
class Opened:
    """Answers brought into this version: what is kept, and what is left to ask."""

    answers: dict[str, str]
    from_version: int
    unanswered: tuple[str, ...]
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": dict(self.answers),
            "from_version": self.from_version,
            "unanswered": list(self.unanswered),
            "note": self.note,
        }


def _opened(quiz: Quiz, answers: dict[str, str], from_version: int) -> Opened:
    missing = tuple(unanswered(quiz, answers))
    note: str | None = None
    if from_version < quiz.version:
        if missing:
            note = quiz.texts["older_version"].format(count=len(missing))
        else:
            note = quiz.texts["older_version_complete"]
    return Opened(answers, from_version, missing, note)


def open_code(quiz: Quiz, code: object) -> Opened:
    answers, from_version = decode_versioned(quiz, code)
    return _opened(quiz, answers, from_version)


def upgrade(quiz: Quiz, answers: object, from_version: object = None) -> Opened:
    """Answers saved under any version (question id -> option id), brought into this one.

    Answers to retired questions are dropped; anything else unknown is an error. Without
    from_version, answers holding a retired question count as version 1, others as current.
    """
    if not isinstance(answers, Mapping):
        raise QuizError(
            f"answers must map question ids to option ids, not {type(answers).__name__}"
        )
    if from_version is not None and (
        isinstance(from_version, bool)
        or not isinstance(from_version, int)
        or not 1 <= from_version <= quiz.version
    ):
        raise QuizError(
            f"from_version must be a quiz version from 1 to {quiz.version}, got {from_version!r}"
        )
    retired = [k for k in answers if isinstance(k, str) and k in quiz.retired_question_ids]
    kept = {k: v for k, v in answers.items() if k not in retired}
    chosen = check_answers(quiz, kept, complete=False)
    version = from_version if from_version is not None else (1 if retired else quiz.version)
    return _opened(quiz, {k: o.id for k, o in chosen.items()}, version)


@dataclass(frozen=True)
class TeamEntry:
    """What a team code holds: preferences and behavior per direction, and fit per direction."""

    preference: tuple[int, int]
    behavior: tuple[int, int]
    fit: tuple[str, str]

    def sort_key(self) -> tuple[int, ...]:
        return (
            *self.preference,
            *self.behavior,
            *(FIT_IDS.index(f) for f in self.fit),
        )


def team_entry(quiz: Quiz, answers: object) -> TeamEntry:
    result = score_answers(quiz, answers)
    scores = result.scores
    fits = {f.direction.id: f.outcome.id for f in result.fits}
    d1, d2 = quiz.directions
    return TeamEntry(
        (scores[scale_id("preference", d1)], scores[scale_id("preference", d2)]),
        (scores[scale_id("behavior", d1)], scores[scale_id("behavior", d2)]),
        (fits[d1.id], fits[d2.id]),
    )


def encode_team(entry: TeamEntry) -> str:
    fit = 3 * FIT_IDS.index(entry.fit[0]) + FIT_IDS.index(entry.fit[1])
    payload = bytes([*entry.preference, *entry.behavior, fit])
    return _pack(TEAM_PREFIX, payload)


def team_code(quiz: Quiz, answers: object) -> str:
    """The team code of a complete answer set."""
    return encode_team(team_entry(quiz, answers))


def decode_team(code: object) -> TeamEntry:
    text = _text(code, "team code")
    if text[0] in QUIZ_VERSION_OF_FORMAT:
        raise QuizError(
            "this is a share code, which holds every answer (strain and care duties included); "
            "ask for the team code shown under the result instead"
        )
    if not text.startswith(TEAM_PREFIX):
        raise QuizError(f"a team code starts with {TEAM_PREFIX!r}; this one does not")
    payload = _unpack(text, TEAM_PREFIX, "team code")
    if len(payload) != _TEAM_PAYLOAD or any(v > 100 for v in payload[:4]) or payload[4] > 8:
        raise QuizError("the team code holds values no quiz can give")
    return TeamEntry(
        (payload[0], payload[1]),
        (payload[2], payload[3]),
        (FIT_IDS[payload[4] // 3], FIT_IDS[payload[4] % 3]),
    )
