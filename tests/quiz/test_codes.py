"""Share codes: short, URL-safe, versioned, tamper-evident, and readable by later versions."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from quiz import QuizError, decode_answers, encode_answers, load_quiz, score
from quiz._codes import decode, encode
from quiz._load import parse
from quiz._scoring import score_answers

from .helpers import middle
from .test_data import raw

FIXTURES = json.loads(
    (Path(__file__).parent / "fixtures" / "v1_codes.json").read_text(encoding="utf-8")
)
V1 = FIXTURES["codes"]


def test_round_trip_of_a_complete_set() -> None:
    answers = middle()
    code = encode_answers(answers)
    assert decode_answers(code) == answers


def test_codes_are_short_and_url_safe() -> None:
    quiz = load_quiz()
    everything = {q.id: q.options[-1].id for q in quiz.questions}
    code = encode_answers(everything)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", code)
    assert code[0] == "1"  # the format version
    assert len(code) <= 30


def test_partial_answers_encode_too() -> None:
    assert decode_answers(encode_answers({"rhythm": "swings"})) == {"rhythm": "swings"}
    assert decode_answers(encode_answers({})) == {}


def test_surrounding_whitespace_is_ignored() -> None:
    code = encode_answers(middle())
    assert decode_answers(f"  {code}\n") == middle()


@pytest.mark.parametrize("entry", V1, ids=[e["label"] for e in V1])
def test_codes_from_the_first_release_still_decode(entry: dict[str, Any]) -> None:
    assert decode_answers(entry["code"]) == entry["answers"]


def test_complete_first_release_codes_still_score() -> None:
    quiz = load_quiz()
    complete = [e for e in V1 if len(e["answers"]) == len(quiz.questions)]
    assert len(complete) >= 4
    for entry in complete:
        assert 0 <= score(decode_answers(entry["code"])).preference <= 100


def with_new_question(data: dict[str, Any], code: int = 30) -> dict[str, Any]:
    data["questions"].append(
        {
            "id": "commute",
            "code": code,
            "section": "situation",
            "text": "How long is your commute?",
            "options": [
                {"id": "none", "code": 0, "text": "None"},
                {"id": "long", "code": 1, "text": "Long"},
            ],
        }
    )
    return data


def test_old_codes_decode_after_a_question_is_added() -> None:
    grown = parse(with_new_question(raw()))
    for entry in V1:
        assert decode(grown, entry["code"]) == entry["answers"]
    # The new question is simply unanswered: scoring asks for it and only it.
    full = next(e for e in V1 if e["label"] == "random 1")
    with pytest.raises(QuizError, match=r"^question is not answered: commute$"):
        score_answers(grown, decode(grown, full["code"]))


def test_old_codes_decode_after_a_question_is_retired() -> None:
    data = raw()
    data["questions"] = [q for q in data["questions"] if q["id"] != "time-zones"]
    data["retired_question_codes"] = [12]
    shrunk = parse(data)
    for entry in V1:
        expected = {k: v for k, v in entry["answers"].items() if k != "time-zones"}
        assert decode(shrunk, entry["code"]) == expected


def test_a_code_from_a_newer_quiz_is_refused_clearly() -> None:
    grown = parse(with_new_question(raw(), code=40))
    code = encode(grown, {**middle(), "commute": "long"})
    with pytest.raises(
        QuizError, match="question code 40, which this version of the quiz does not have"
    ):
        decode_answers(code)


def test_a_code_naming_an_option_that_does_not_exist_is_refused() -> None:
    data = raw()
    rhythm = next(q for q in data["questions"] if q["id"] == "rhythm")
    rhythm["options"].append({"id": "chaos", "code": 7, "text": "Chaos"})
    code = encode(parse(data), {"rhythm": "chaos"})
    with pytest.raises(
        QuizError, match="option code 7 for question 'rhythm', which has no such option"
    ):
        decode_answers(code)


def flip(code: str, at: int) -> str:
    at %= len(code)
    replacement = "B" if code[at] != "B" else "C"
    return code[:at] + replacement + code[at + 1 :]


@pytest.mark.parametrize("at", [1, 5, 10, -4, -1])
def test_a_changed_character_is_detected(at: int) -> None:
    code = encode_answers(middle())
    with pytest.raises(QuizError, match="does not check out"):
        decode_answers(flip(code, at))


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "the quiz code is empty"),
        ("   ", "the quiz code is empty"),
        (None, "a quiz code must be text, got NoneType"),
        (12345, "a quiz code must be text, got int"),
        ("2" + "A" * 20, "starts with '2', not a known code version"),
        ("1AAA!AAA", "contains '!', which never appears in a quiz code"),
        ("1AAAA=", "contains '='"),
        # Inside the code, not at its ends (those are stripped): "$" alone would let it through.
        ("1\n0", "contains '\\n'"),
        ("1AAAAA", "missing or extra character"),
        ("1AA", "too short"),
        ("1AAAA", "does not check out"),
        ("1" + "A" * 500, "too long"),
    ],
)
def test_malformed_codes_say_what_is_wrong(code: object, message: str) -> None:
    with pytest.raises(QuizError) as caught:
        decode_answers(code)
    assert message in str(caught.value)


def test_cut_short_codes_are_detected() -> None:
    code = encode_answers(middle())
    for end in range(2, len(code)):
        with pytest.raises(QuizError):
            decode_answers(code[:end])


def test_encoding_checks_the_answers() -> None:
    with pytest.raises(QuizError, match="question 'rhythm' has no option 'weekly'"):
        encode_answers({"rhythm": "weekly"})
    with pytest.raises(QuizError, match="unknown question 'mood'"):
        encode_answers({"mood": "good"})
