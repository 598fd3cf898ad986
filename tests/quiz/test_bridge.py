"""quiz._bridge.handle: the JSON door of the browser worker, and its canonical dumper."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quiz import (
    encode_answers,
    encode_team_code,
    load_quiz,
    open_code,
    score,
    team_map,
    upgrade_answers,
)
from quiz._bridge import _OPS, dumps, handle

from .helpers import middle

V1 = json.loads((Path(__file__).parent / "fixtures" / "v1_codes.json").read_text("utf-8"))["codes"]


def call(op: str, **args: object) -> dict[str, object]:
    reply = handle(json.dumps({"op": op, "args": args}))
    assert reply == dumps(json.loads(reply))  # every reply is canonical text
    parsed: dict[str, object] = json.loads(reply)
    return parsed


def test_the_ops_are_these() -> None:
    assert set(_OPS) == {"ping", "score", "encode", "decode", "upgrade", "team-code", "team"}


def test_the_dumper_is_canonical() -> None:
    assert dumps({"b": [1, 2.5], "a": "é “x”"}) == '{"a":"é “x”","b":[1,2.5]}'


def test_score() -> None:
    assert call("score", answers=middle()) == {"ok": True, "value": score(middle()).to_dict()}


def test_encode_and_decode() -> None:
    code = encode_answers(middle())
    assert call("encode", answers=middle()) == {"ok": True, "value": code}
    assert call("decode", code=code) == {
        "ok": True,
        "value": {"answers": middle(), "from_version": 2, "unanswered": [], "note": None},
    }


def test_decode_of_a_version_1_code_says_so() -> None:
    entry = V1[0]
    value = call("decode", code=entry["code"])["value"]
    assert value == open_code(entry["code"]).to_dict()
    assert isinstance(value, dict)
    assert value["from_version"] == 1
    assert value["note"] == load_quiz().texts["older_version"].format(
        count=len(value["unanswered"])
    )


def test_upgrade_answers_saved_under_version_1() -> None:
    entry = V1[0]
    reply = call("upgrade", answers=entry["answers"], from_version=1)
    assert reply == {"ok": True, "value": upgrade_answers(entry["answers"], 1).to_dict()}
    assert reply["value"] == call("decode", code=entry["code"])["value"]
    guessed = call("upgrade", answers=entry["answers"])["value"]
    assert isinstance(guessed, dict)
    assert guessed["from_version"] == 1


def test_team_code_and_team() -> None:
    assert call("team-code", answers=middle()) == {
        "ok": True,
        "value": encode_team_code(middle()),
    }
    codes = [encode_team_code(middle()), "nope"]
    assert call("team", codes=codes) == {"ok": True, "value": team_map(codes).to_dict()}


def test_ping() -> None:
    quiz = load_quiz()
    assert call("ping") == {
        "ok": True,
        "value": {"version": quiz.version, "questions": len(quiz.questions)},
    }


@pytest.mark.parametrize(
    ("request_text", "error"),
    [
        ("{not json", "the request is not valid JSON"),
        ("[1, 2]", "the request must be a JSON object"),
        ('{"op": "explode"}', "unknown op 'explode'"),
        ('{"op": "quiz"}', "unknown op 'quiz'"),
        ('{"args": {}}', "unknown op None"),
        ('{"op": "score", "args": []}', "'args' must be a JSON object"),
        ('{"op": "score", "args": {}}', "the request's args need 'answers'"),
        ('{"op": "score", "args": {"answers": {"x": "y"}}}', "unknown question 'x'"),
        ('{"op": "decode", "args": {"code": "1AAAA"}}', "does not check out"),
        ('{"op": "upgrade", "args": {"answers": []}}', "answers must map question ids"),
        ('{"op": "upgrade", "args": {"answers": {}, "from_version": "1"}}', "from_version"),
        ('{"op": "team-code", "args": {"answers": {}}}', "questions are not answered"),
        ('{"op": "team", "args": {"codes": "T1AAAA"}}', "needs a list of team codes"),
    ],
)
def test_bad_requests_get_an_error_reply(request_text: str, error: str) -> None:
    reply = json.loads(handle(request_text))
    assert reply["ok"] is False
    assert error in reply["error"]
