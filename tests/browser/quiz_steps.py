"""Steps through the quiz page the way a reader does, for the accessibility and CSP tests.

Waiting is done with locators and page.evaluate polling, never page.wait_for_function(string):
that one needs 'unsafe-eval', which the site's policy rightly refuses.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Route

QUIZ = "[data-quiz]"
RESULT = "[data-quiz-result]"
# Engine start-up (Pyodide, 10 MB) is measured elsewhere; this only bounds a hung test.
ENGINE_TIMEOUT_S = 60.0


def poll(page: Page, expression: str, timeout_s: float = ENGINE_TIMEOUT_S) -> Any:
    """Evaluate expression until it is truthy and return its value; fail after timeout_s."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still falsy after {timeout_s}s: {expression}")
        time.sleep(0.1)


def hold_engine(target: Page | BrowserContext) -> None:
    """Keep the quiz engine's files from arriving: the quiz stays in its loading state and no
    Python boots, for tests about the page itself (its states with an engine are tested apart)."""
    held: list[Route] = []
    target.route("**/assets/engine/**", lambda route: held.append(route))


def engine_state(page: Page) -> str:
    return str(page.locator(QUIZ).get_attribute("data-engine-state") or "")


def wait_for_engine(page: Page, *states: str) -> str:
    """Wait until the quiz root reports one of the engine states (idle, loading, ready, failed)."""
    wanted = list(states)
    return str(
        poll(
            page,
            f"(() => {{ const s = document.querySelector('{QUIZ}')?.dataset.engineState;"
            f" return {wanted!r}.includes(s) ? s : null; }})()",
        )
    )


def question_names(page: Page) -> list[str]:
    return list(
        page.evaluate(
            "[...new Set([...document.querySelectorAll('[data-quiz-form] input[type=radio]')]"
            ".map((i) => i.name))]"
        )
    )


STEP_OF = """(name) => [...document.querySelectorAll('section[data-quiz-step]')]
  .findIndex((s) => s.querySelector(`input[name="${CSS.escape(name)}"]`))"""


def show_step_of(page: Page, name: str) -> None:
    """With one step per screen, go to the step holding this question as a reader may: from
    the list of steps. Without scripts every question is on screen already."""
    if page.locator(f'[data-quiz-form] input[name="{name}"]').first.is_visible():
        return
    steps = page.locator("details[data-quiz-steps]")
    if steps.get_attribute("open") is None:
        steps.locator("summary").click()
    page.locator(f'[data-quiz-goto="{page.evaluate(STEP_OF, name)}"]').click()


def answer(page: Page, names: list[str], choice: int = 0) -> None:
    """Click an option (the choice-th, wrapping around) of each named question."""
    for name in names:
        show_step_of(page, name)
        options = page.locator(f'[data-quiz-form] input[type=radio][name="{name}"]')
        options.nth(choice % options.count()).check()


def required_names(page: Page) -> list[str]:
    return list(
        page.evaluate(
            "[...document.querySelectorAll('fieldset[data-required]')]"
            ".map((f) => f.dataset.question)"
        )
    )


def finish_quiz(page: Page, choice: int = 0) -> None:
    """Answer every question, ask for the result and wait until it is shown."""
    answer(page, question_names(page), choice)
    page.locator("[data-quiz-submit]").click()
    page.locator(RESULT).wait_for(state="visible", timeout=ENGINE_TIMEOUT_S * 1000)
    poll(page, f"document.querySelector('{RESULT} [data-quiz-result-body]').childElementCount")


def built_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the build as a URL relative to the site root ('' is the home page).

    Redirect stubs (mkdocs-redirects) are left out: a reader never sees one, only its target,
    which is itself a page of the build.
    """
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html and "md-content" not in html:
            continue
        rel = path.relative_to(site_dir).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages
