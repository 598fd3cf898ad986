"""Share codes: a short, versioned, URL-safe, tamper-evident text holding a set of answers.

Layout of version 1: "1" + base64url(payload + check), without padding. The payload holds one
4-bit cell per question *code* (not per position), two cells a byte, high cell first; a cell holds
0 for "not answered" or the option code + 1. The check is the first three bytes of
SHA-256(b"worklife-quiz" + version byte + payload). Question and option codes are never reused,
so a code made today still decodes after questions are added (their cells are simply absent).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from quiz._errors import QuizError
from quiz._model import Quiz
from quiz._scoring import check_answers

CODE_VERSION = "1"
_CHECK_BYTES = 3
_SALT = b"worklife-quiz"
_ALPHABET = re.compile(r"[A-Za-z0-9_-]*")
# Generous: a 512-question quiz needs 256 payload bytes.
MAX_CODE_LENGTH = 400


def _check(version: str, payload: bytes) -> bytes:
    return hashlib.sha256(_SALT + version.encode("ascii") + payload).digest()[:_CHECK_BYTES]


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
    body = bytes(payload) + _check(CODE_VERSION, bytes(payload))
    return CODE_VERSION + base64.urlsafe_b64encode(body).decode("ascii").rstrip("=")


def decode(quiz: Quiz, code: object) -> dict[str, str]:
    if not isinstance(code, str):
        raise QuizError(f"a quiz code must be text, got {type(code).__name__}")
    text = code.strip()
    if not text:
        raise QuizError("the quiz code is empty")
    if len(text) > MAX_CODE_LENGTH:
        raise QuizError(f"the quiz code is too long ({len(text)} characters) to be a quiz code")
    version, body = text[0], text[1:]
    if version != CODE_VERSION:
        raise QuizError(
            f"the quiz code starts with {version!r}, not a known code version "
            f"(this quiz reads version {CODE_VERSION})"
        )
    # fullmatch, not match: "$" would also accept a trailing newline.
    if not _ALPHABET.fullmatch(body):
        bad = next(c for c in body if not _ALPHABET.fullmatch(c))
        raise QuizError(f"the quiz code contains {bad!r}, which never appears in a quiz code")
    if len(body) % 4 == 1:
        raise QuizError("the quiz code has a missing or extra character")
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise QuizError("the quiz code has a missing or extra character") from None
    if base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=") != body:
        # Spare low bits in the last character were set: not a code this engine wrote.
        raise QuizError("the quiz code does not check out: it was mistyped, cut short or changed")
    if len(raw) < _CHECK_BYTES:
        raise QuizError("the quiz code is too short")
    payload, check = raw[:-_CHECK_BYTES], raw[-_CHECK_BYTES:]
    if _check(version, payload) != check:
        raise QuizError("the quiz code does not check out: it was mistyped, cut short or changed")
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
    return answers
