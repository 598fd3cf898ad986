"""Share codes: short, URL-safe, versioned, tamper-evident, and readable by later versions."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from quiz import (
    QuizError,
    decode_answers,
    encode_answers,
    encode_team_code,
    load_quiz,
    open_code,
    score,
    upgrade_answers,
)
from quiz._codes import decode, encode
from quiz._load import parse

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
    assert code[0] == "2"  # the format version
    assert len(code) <= 40


def test_partial_answers_encode_too() -> None:
    assert decode_answers(encode_answers({"rhythm": "swings"})) == {"rhythm": "swings"}
    assert decode_answers(encode_answers({})) == {}


def test_surrounding_whitespace_is_ignored() -> None:
    code = encode_answers(middle())
    assert decode_answers(f"  {code}\n") == middle()


def kept(entry: dict[str, Any]) -> dict[str, str]:
    """The answers of a version 1 code that version 2 still asks."""
    quiz = load_quiz()
    return {k: v for k, v in entry["answers"].items() if quiz.question(k) is not None}


@pytest.mark.parametrize("entry", V1, ids=[e["label"] for e in V1])
def test_codes_from_the_first_release_open_with_their_answers_kept(entry: dict[str, Any]) -> None:
    quiz = load_quiz()
    opened = open_code(entry["code"])
    assert opened.answers == kept(entry)
    # Only retired questions lose their answers, and nothing is invented.
    for question_id in set(entry["answers"]) - set(opened.answers):
        assert question_id in quiz.retired_question_ids
    assert opened.from_version == 1
    assert opened.unanswered == tuple(q.id for q in quiz.questions if q.id not in opened.answers)
    assert opened.note is not None
    assert "The quiz has changed" in opened.note
    assert str(len(opened.unanswered)) in opened.note


def test_complete_first_release_codes_ask_only_the_new_questions() -> None:
    quiz = load_quiz()
    new = [q.id for q in quiz.questions if q.code >= 30]
    complete = [e for e in V1 if len(e["answers"]) == 30]
    assert len(complete) >= 4
    for entry in complete:
        opened = open_code(entry["code"])
        assert list(opened.unanswered) == new
        answers = dict(opened.answers)
        with pytest.raises(QuizError, match=f"{len(new)} questions are not answered"):
            score(answers)
        answers.update({q.id: q.options[0].id for q in quiz.questions if q.id in new})
        assert score(answers).to_dict()["version"] == 2


@pytest.mark.parametrize("entry", V1, ids=[e["label"] for e in V1])
def test_answers_saved_by_the_browser_under_version_1_upgrade_the_same_way(
    entry: dict[str, Any],
) -> None:
    opened = upgrade_answers(entry["answers"], 1)
    assert opened.to_dict() == open_code(entry["code"]).to_dict()


def test_upgrade_guesses_version_1_from_a_retired_question() -> None:
    opened = upgrade_answers({"pref-one-flow": "agree", "rhythm": "swings"})
    assert opened.from_version == 1
    assert opened.answers == {"rhythm": "swings"}
    current = upgrade_answers({"rhythm": "swings"})
    assert current.from_version == 2
    assert current.note is None


def test_upgrade_refuses_what_never_existed() -> None:
    with pytest.raises(QuizError, match="unknown question 'mood'"):
        upgrade_answers({"mood": "good"})
    with pytest.raises(QuizError, match="question 'rhythm' has no option 'weekly'"):
        upgrade_answers({"rhythm": "weekly"}, 1)
    with pytest.raises(QuizError, match="from_version must be a quiz version from 1 to 2"):
        upgrade_answers({}, 7)


def test_a_current_code_has_no_note() -> None:
    opened = open_code(encode_answers(middle()))
    assert opened.to_dict() == {
        "answers": middle(),
        "from_version": 2,
        "unanswered": [],
        "note": None,
    }


def with_new_question(data: dict[str, Any], code: int = 50) -> dict[str, Any]:
    # A newer quiz that swapped a question for another (the quiz asks at most 36).
    data["questions"] = [q for q in data["questions"] if q["id"] != "str-rested"]
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


def test_old_codes_decode_after_a_question_is_retired() -> None:
    data = raw()
    data["questions"] = [q for q in data["questions"] if q["id"] != "rhythm"]
    data["retired_question_codes"].append(4)
    data["retired_question_ids"].append("rhythm")
    data["cycling"]["question"] = "career-stage"
    data["cycling"]["options"] = ["later"]
    data["rules"] = [r for r in data["rules"] if r["id"] != "cycler"]
    shrunk = parse(data)
    for entry in V1:
        expected = {k: v for k, v in kept(entry).items() if k != "rhythm"}
        assert decode(shrunk, entry["code"]) == expected


def test_a_code_from_a_newer_quiz_is_refused_clearly() -> None:
    grown = parse(with_new_question(raw(), code=60))
    answers = {k: v for k, v in middle().items() if k != "str-rested"}
    code = encode(grown, {**answers, "commute": "long"})
    with pytest.raises(
        QuizError, match="question code 60, which this version of the quiz does not have"
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


def test_a_team_code_is_not_a_share_code() -> None:
    with pytest.raises(QuizError, match="this is a team code"):
        decode_answers(encode_team_code(middle()))


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
        ("3" + "A" * 20, "starts with '3', not a known code version"),
        ("1AAA!AAA", "contains '!', which never appears in a quiz code"),
        ("1AAAA=", "contains '='"),
        # Inside the code, not at its ends (those are stripped): "$" alone would let it through.
        ("1\n0", "contains '\\n'"),
        ("1AAAAA", "missing or extra character"),
        ("1AA", "too short"),
        ("1AAAA", "does not check out"),
        ("2AAAA", "does not check out"),
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
