"""Writes what the browser modules' unit tests (tests/js/*.test.mjs) run against, made by the same
Python that the site runs: the quiz page's markup as the build renders it, and the result of each
persona of quiz/personas.toml as quiz.score() returns it, and share codes as quiz.encode_answers()
writes them with what an early reading in the browser must make of each (share-code.js).

    python -m tests.js.fixtures OUT_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from macros.context import BuildContext
from macros.quiz_form import link_targets, render_quiz_form, source_targets, support_links
from quiz import encode_answers, load_personas, load_quiz, score
from quiz._codes import CODE_VERSION, _pack

QUIZ_PAGE = "quiz/index.md"


def write(out: Path) -> list[Path]:
    ctx = BuildContext.for_page(QUIZ_PAGE)
    page = render_quiz_form(
        ctx.quiz,
        link_targets(ctx),
        source_targets(ctx),
        engine=ctx.engine,
        worksheet_url=ctx.url_for("quiz/worksheet.md", html=True),
        support_links=support_links(ctx),
        team_map_url=ctx.url_for("quiz/team-map.md", html=True),
    )
    results = out / "results"
    results.mkdir(parents=True, exist_ok=True)
    written = [out / "quiz-page.html"]
    written[0].write_text(page, encoding="utf-8")
    for persona in load_personas():
        path = results / f"{persona.id}.json"
        path.write_text(json.dumps(score(persona.answers).to_dict(), indent=1), encoding="utf-8")
        written.append(path)
    written.append(out / "share-codes.json")
    written[-1].write_text(json.dumps(share_codes(), indent=1), encoding="utf-8")
    return written


def _flip_last(code: str) -> str:
    """The code with its last character changed: the check no longer matches."""
    last = "A" if code[-1] != "A" else "B"
    return code[:-1] + last


def share_codes() -> list[dict[str, object]]:
    """[{"name", "code", "early"}]: early is the answers the browser may show before the engine
    has loaded, or None where it must wait for the engine."""
    quiz = load_quiz()
    personas = load_personas()
    cases: list[dict[str, object]] = [
        {"name": persona.id, "code": encode_answers(persona.answers), "early": persona.answers}
        for persona in personas
    ]
    first = dict(personas[0].answers)
    partial = dict(list(first.items())[::3])
    cases.append({"name": "partial", "code": encode_answers(partial), "early": partial})
    cases.append({"name": "empty", "code": encode_answers({}), "early": {}})
    code = encode_answers(first)
    assert code[0] == CODE_VERSION
    cases.append({"name": "bad check", "code": _flip_last(code), "early": None})
    cases.append({"name": "older format", "code": "1" + code[1:], "early": None})
    cases.append({"name": "team code", "code": "T1" + code[1:], "early": None})
    # A well-checked code that answers a retired question: the engine drops it, so wait for it.
    retired = min(quiz.retired_question_codes)
    payload = bytearray(retired // 2 + 1)
    payload[retired // 2] = 1 << 4 if retired % 2 == 0 else 1
    cases.append({"name": "retired", "code": _pack(CODE_VERSION, bytes(payload)), "early": None})
    # An option code the question does not have.
    payload = bytearray([0xF0])
    cases.append(
        {"name": "no such option", "code": _pack(CODE_VERSION, bytes(payload)), "early": None}
    )
    cases.append({"name": "cut short", "code": code[:2], "early": None})
    cases.append({"name": "stray character", "code": code[:-1] + "*", "early": None})
    return cases


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(f"{len(write(Path(sys.argv[1])))} fixtures in {sys.argv[1]}")
