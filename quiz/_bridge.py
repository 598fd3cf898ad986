"""The JSON door the browser worker uses: one request text in, one reply text out.

Request: {"op": OP, "args": {...}} with OP one of
  "ping"      {}                                -> {"version", "questions"}
  "score"     {"answers"}                       -> the result dictionary (Result.to_dict())
  "encode"    {"answers"}                       -> share code text
  "decode"    {"code"}                          -> {"answers", "from_version", "unanswered", "note"}
  "upgrade"   {"answers", "from_version"?}      -> the same shape as "decode"
  "team-code" {"answers"}                       -> team code text
  "team"      {"codes"}                         -> the team map dictionary (TeamMap.to_dict())
Reply: {"ok": true, "value": ...} or {"ok": false, "error": "<what is wrong>"}.
Every reply is written by dumps(), the one canonical dumper, so CPython and Pyodide replies can be
compared byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from quiz._codes import encode, open_code, team_code, upgrade
from quiz._errors import QuizError
from quiz._load import load_default
from quiz._model import Quiz
from quiz._scoring import score_answers


def dumps(value: object) -> str:
    """The canonical JSON text: sorted keys, no spaces, UTF-8 characters kept as they are."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _arg(args: Mapping[str, Any], name: str) -> Any:
    if name not in args:
        raise QuizError(f"the request's args need '{name}'")
    return args[name]


def _ping(quiz: Quiz, args: Mapping[str, Any]) -> object:
    return {"version": quiz.version, "questions": len(quiz.questions)}


def _team(quiz: Quiz, args: Mapping[str, Any]) -> object:
    from quiz._team import build  # on first use: see quiz.__getattr__

    return build(quiz, _arg(args, "codes")).to_dict()


_OPS: dict[str, Callable[[Quiz, Mapping[str, Any]], object]] = {
    "ping": _ping,
    "score": lambda quiz, args: score_answers(quiz, _arg(args, "answers")).to_dict(),
    "encode": lambda quiz, args: encode(quiz, _arg(args, "answers")),
    "decode": lambda quiz, args: open_code(quiz, _arg(args, "code")).to_dict(),
    "upgrade": lambda quiz, args: upgrade(
        quiz, _arg(args, "answers"), args.get("from_version")
    ).to_dict(),
    "team-code": lambda quiz, args: team_code(quiz, _arg(args, "answers")),
    "team": _team,
}


def handle(request_json: str) -> str:
    """Answer one request. Bad input becomes {"ok": false}; a bug still raises."""
    try:
        try:
            request = json.loads(request_json)
        except (TypeError, ValueError):
            raise QuizError("the request is not valid JSON") from None
        if not isinstance(request, dict):
            raise QuizError("the request must be a JSON object")
        op = request.get("op")
        if op not in _OPS:
            raise QuizError(f"unknown op {op!r} (known: {', '.join(sorted(_OPS))})")
        args = request.get("args", {})
        if not isinstance(args, dict):
            raise QuizError("the request's 'args' must be a JSON object")
        value = _OPS[op](load_default(), args)
    except QuizError as exc:
        return dumps({"ok": False, "error": str(exc)})
    return dumps({"ok": True, "value": value})
