"""One home for every word: a result label changed in quiz.toml, and nowhere else, is what the
browser, the command line, the scoring page and the paper worksheet's key all show."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from devtools.build import build_or_fail, copy_project
from devtools.server import serve
from quiz import encode_answers, load_personas
from tests.browser.quiz_helpers import ENGINE_TIMEOUT_MS, fill, opened

OLD = 'id = "separator"\nlabel = "Separator"'
NEW_LABEL = "Keeper of clear lines"
PERSONA = "strict-separator"  # a separator by style, so the label is theirs


@dataclass
class Relabeled:
    project: Path
    site: Path
    url: str


@pytest.fixture(scope="module")
def relabeled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Relabeled]:
    project = copy_project(tmp_path_factory.mktemp("relabeled"))
    toml = project / "quiz" / "quiz.toml"
    text = toml.read_text(encoding="utf-8")
    assert text.count(OLD) == 1
    toml.write_text(text.replace(OLD, f'id = "separator"\nlabel = "{NEW_LABEL}"'), "utf-8")
    site = build_or_fail(tmp_path_factory.mktemp("relabeled-site"), project=project)
    with serve(site) as url:
        yield Relabeled(project, site, url)


def answers() -> dict[str, str]:
    return dict(next(p for p in load_personas() if p.id == PERSONA).answers)


def test_the_pages_show_the_new_label(relabeled: Relabeled) -> None:
    for page in ("quiz/how-scoring-works/index.html", "quiz/scoring-key/index.html"):
        html = (relabeled.site / page).read_text(encoding="utf-8")
        assert NEW_LABEL in html, page
        assert ">Separator<" not in html, page


def test_the_command_line_shows_the_new_label(relabeled: Relabeled) -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "quiz", "--code", encode_answers(answers())],
        cwd=relabeled.project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert NEW_LABEL in shown


def test_the_browser_shows_the_new_label(page: Page, relabeled: Relabeled) -> None:
    page.goto(f"{relabeled.url}quiz/")
    fill(opened(page), answers())
    page.locator("[data-quiz-submit]").click()
    style = page.locator('[data-quiz-result-body] dd[data-part="style"] strong')
    expect(style).to_have_text(NEW_LABEL, timeout=ENGINE_TIMEOUT_MS)
