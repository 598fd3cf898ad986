"""Writes what the browser modules' unit tests (tests/js/*.test.mjs) run against, made by the same
Python that the site runs: the quiz page's markup as the build renders it, and the result of each
persona of quiz/personas.toml as quiz.score() returns it.

    python -m tests.js.fixtures OUT_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from macros.context import BuildContext
from macros.quiz_form import link_targets, render_quiz_form, source_targets, support_links
from quiz import load_personas, score

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
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(f"{len(write(Path(sys.argv[1])))} fixtures in {sys.argv[1]}")
