"""The parity check: fixed requests whose replies must be byte-identical in CPython and Pyodide.

The Pyodide run (scripts/pyodide_pytest.mjs) writes its replies with write(); then, in CPython,
`python -m tests.quiz.parity compare FILE` computes the same replies and stops at the first
difference. Standard library and quiz only, so the very same module runs in both.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from quiz import encode_answers, encode_team_code, load_personas, load_quiz
from quiz._bridge import handle

from .helpers import leaning_answers, random_answers

SEED = 20240601
ANSWER_SETS = 240


def answer_sets() -> list[dict[str, str]]:
    """Random complete sets from a fixed seed (half leaning one way per scale, so rarer results
    come up), the two extreme corners, and every persona."""
    rng = random.Random(SEED)
    quiz = load_quiz()
    sets = [random_answers(rng, quiz) for _ in range(ANSWER_SETS // 2)]
    sets += [leaning_answers(rng, quiz) for _ in range(ANSWER_SETS - ANSWER_SETS // 2)]
    sets.append({q.id: q.options[0].id for q in quiz.questions})
    sets.append({q.id: q.options[-1].id for q in quiz.questions})
    sets += [dict(p.answers) for p in load_personas()]
    return sets


def requests() -> list[str]:
    sets = answer_sets()
    out: list[dict[str, object]] = []
    for answers in sets:
        out.append({"op": "score", "args": {"answers": answers}})
        out.append({"op": "encode", "args": {"answers": answers}})
    out += [{"op": "team-code", "args": {"answers": a}} for a in sets[:40]]
    codes = [encode_answers(a) for a in sets]
    out += [{"op": "decode", "args": {"code": c}} for c in codes[:20]]
    # Version 1 codes and answers saved by the browser under version 1.
    fixtures = json.loads(
        (Path(__file__).parent / "fixtures" / "v1_codes.json").read_text(encoding="utf-8")
    )["codes"]
    for entry in fixtures:
        out.append({"op": "decode", "args": {"code": entry["code"]}})
        out.append({"op": "upgrade", "args": {"answers": entry["answers"], "from_version": 1}})
        out.append({"op": "upgrade", "args": {"answers": entry["answers"]}})
    teams = [encode_team_code(a) for a in sets[:60]]
    for start in range(0, 60, 12):
        team = [*teams[start : start + 10], teams[start], "not-a-code", teams[start][:-2]]
        out.append({"op": "team", "args": {"codes": [*team, codes[start]]}})
    out.append({"op": "team", "args": {"codes": teams[:2]}})
    # Errors must read the same too.
    broken = dict(sets[0])
    broken.pop(next(iter(broken)))
    out.append({"op": "score", "args": {"answers": broken}})
    out.append({"op": "score", "args": {"answers": {**sets[1], "rhythm": "maybe"}}})
    out.append({"op": "ping", "args": {}})
    return [json.dumps(r, sort_keys=True) for r in out]


def replies() -> list[str]:
    return [handle(r) for r in requests()]


def write(path: str) -> int:
    lines = replies()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def _first_difference(a: str, b: str) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def compare(path: str) -> int:
    """0 when the file holds exactly this interpreter's replies; otherwise say where they differ."""
    ours = replies()
    try:
        theirs = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        print(f"parity: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 1
    for number, (mine, other) in enumerate(zip(ours, theirs, strict=False), start=1):
        if mine != other:
            at = _first_difference(mine, other)
            print(
                f"parity: FAILED at line {number} of {path}, character {at}:\n"
                f"  request: {requests()[number - 1][:200]}\n"
                f"  CPython: ...{mine[max(0, at - 60) : at + 60]}...\n"
                f"  Pyodide: ...{other[max(0, at - 60) : at + 60]}...",
                file=sys.stderr,
            )
            return 1
    if len(ours) != len(theirs):
        print(
            f"parity: FAILED: CPython has {len(ours)} replies, {path} has {len(theirs)}",
            file=sys.stderr,
        )
        return 1
    scored = sum(
        1
        for request, reply in zip(requests(), ours, strict=True)
        if '"op": "score"' in request and reply.startswith('{"ok":true')
    )
    version = sys.version.split()[0]
    print(
        f"parity: {len(ours)} replies identical ({scored} answer sets scored), {version} vs {path}"
    )
    return 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "write":
        print(f"parity: wrote {write(argv[1])} replies to {argv[1]}")
        return 0
    if len(argv) == 2 and argv[0] == "compare":
        return compare(argv[1])
    print("usage: python -m tests.quiz.parity write|compare FILE", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
