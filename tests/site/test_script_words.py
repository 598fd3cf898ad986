"""The browser code holds no sentence a reader sees: every word lives in quiz.toml, the data files
or the page templates, and the scripts only fill slots (docs/assets/javascripts/texts.js).

A string literal in a script that reads like prose (two or more words) fails this test, unless it
only goes to the developer console or names a programming error.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "javascripts"
# A literal: '...', "..." or `...` (escapes allowed); ${...} inside a template is code, not text.
LITERAL = re.compile(r"""'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`""", re.DOTALL)
PLACEHOLDER = re.compile(r"\$\{[^}]*\}")
PROSE = re.compile(r"[A-Za-z]{2,}[,;.!?\u2019']*\s+[A-Za-z]{2,}")
# CSS selectors ('.md-typeset pre > code') are code, however wordy.
SELECTOR = re.compile(r"^[.#\[]")
COMMENT = re.compile(r"/\*.*?\*/|(?<![:\\\"'`])//[^\n]*", re.DOTALL)
# Words for developers only: the console, errors that mean the page itself is broken, the
# engine's failure details (logged, never shown) and the Python it runs.
DEVELOPER_ONLY = re.compile(r"console\.\w+\(|new Error\(|EngineFailure\(|\.fail\(|runPython\(")


def prose_literals(source: str) -> list[str]:
    found = []
    for line in COMMENT.sub("", source).splitlines():
        if DEVELOPER_ONLY.search(line):
            continue
        for literal in LITERAL.findall(line):
            text = PLACEHOLDER.sub(" ", literal[1:-1])
            if PROSE.search(text) and not SELECTOR.match(text):
                found.append(literal)
    return found


def test_the_scan_finds_prose_and_spares_code() -> None:
    assert prose_literals('say("Your answers were cleared.");') == ['"Your answers were cleared."']
    assert prose_literals("el.textContent = `${n} people on the map`;") != []
    for code in [
        'querySelectorAll("[data-quiz-form] input:checked")',
        "matchMedia('(prefers-reduced-motion: reduce)')",
        "console.error(`Could not load ${path}:`, error);",
        'throw new Error(`no text "${key}" in this page`);',
        '// A comment may say "what it likes" freely',
        "new URL(`../engine/${this.wheel}`, import.meta.url)",
    ]:
        assert prose_literals(code) == [], code


@pytest.mark.parametrize("script", sorted(SCRIPTS.glob("*.js")), ids=lambda p: p.name)
def test_scripts_hold_no_reader_facing_prose(script: Path) -> None:
    found = prose_literals(script.read_text(encoding="utf-8"))
    assert found == [], f"{script.name}: move these words to a template: {found}"
