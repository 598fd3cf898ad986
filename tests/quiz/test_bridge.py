"""quiz._bridge.handle: the JSON door of the browser worker, and its canonical dumper."""

from __future__ import annotations

import json

import pytest

from quiz import decode_answers, encode_answers, load_quiz, score, team_map
from quiz._bridge import dumps, handle

from .helpers import middle


def call(op: str, **args: object) -> dict[str, object]:
    reply = handle(json.dumps({"op": op, "args": args}))
    assert reply == dumps(json.loads(reply))  # every reply is canonical text
    parsed: dict[str, object] = json.loads(reply)
    return parsed


def test_the_dumper_is_canonical() -> None:
    assert dumps({"b": [1, 2.5], "a": "é “x”"}) == '{"a":"é “x”","b":[1,2.5]}'


def test_score() -> None:
    assert call("score", answers=middle()) == {"ok": True, "value": score(middle()).to_dict()}


def test_encode_and_decode() -> None:
    code = encode_answers(middle())
    assert call("encode", answers=middle()) == {"ok": True, "value": code}
    assert call("decode", code=code) == {"ok": True, "value": decode_answers(code)}


def test_team() -> None:
    codes = [encode_answers(middle()), "nope"]
    assert call("team", codes=codes) == {"ok": True, "value": team_map(codes).to_dict()}


def test_ping_and_quiz() -> None:
    quiz = load_quiz()
    assert call("ping") == {
        "ok": True,
        "value": {"version": quiz.version, "questions": len(quiz.questions)},
    }
    value = call("quiz")["value"]
    assert isinstance(value, dict)
    assert [q["id"] for s in value["sections"] for q in s["questions"]] == [
        q.id for q in quiz.questions
    ]


@pytest.mark.parametrize(
    ("request_text", "error"),
    [
        ("{not json", "the request is not valid JSON"),
        ("[1, 2]", "the request must be a JSON object"),
        ('{"op": "explode"}', "unknown op 'explode'"),
        ('{"args": {}}', "unknown op None"),
        ('{"op": "score", "args": []}', "'args' must be a JSON object"),
        ('{"op": "score", "args": {}}', "the request's args need 'answers'"),
        ('{"op": "score", "args": {"answers": {"x": "y"}}}', "unknown question 'x'"),
        ('{"op": "decode", "args": {"code": "1AAAA"}}', "does not check out"),
        ('{"op": "team", "args": {"codes": "1AAAA"}}', "needs a list of quiz codes"),
    ],
)
def test_bad_requests_get_an_error_reply(request_text: str, error: str) -> None:
    reply = json.loads(handle(request_text))
    assert reply["ok"] is False
    assert error in reply["error"]
