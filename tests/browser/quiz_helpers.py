"""Helpers for the quiz page tests: filling answers, reading them back, and the CPython side."""

from __future__ import annotations

import json
import random
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, expect

from devtools.page_engine import ENGINE_REPLY
from quiz import _bridge, load_quiz

# Engine start-up is measured by scripts/bench_browser.py; this only bounds a hung test.
ENGINE_TIMEOUT_MS = 60_000

CHECKED = (
    "Object.fromEntries([...document.querySelectorAll('[data-quiz-form] input:checked')]"
    ".map((i) => [i.name, i.value]))"
)
FILL = """(answers) => {
  const form = document.querySelector('[data-quiz-form]');
  for (const input of form.querySelectorAll('input[type=radio]')) {
    input.checked = answers[input.name] === input.value;
  }
  form.dispatchEvent(new Event('change', { bubbles: true }));
}"""


def opened(page: Page) -> Page:
    """Wait until the quiz module has taken over the page (restored answers, engine status)."""
    expect(page.locator("[data-quiz][data-engine-state]")).to_have_count(1)
    return page


def random_answers(seed: int) -> dict[str, str]:
    """Every required question answered, each optional one answered two times in three."""
    rng = random.Random(seed)
    answers = {}
    for question in load_quiz().questions:
        if question.required or rng.random() < 2 / 3:
            answers[question.id] = rng.choice(question.options).id
    return answers


def cpython_reply(op: str, args: dict[str, Any]) -> str:
    return _bridge.handle(json.dumps({"op": op, "args": args}))


# The page's own engine (the module instance the page uses), asked directly: its reply text is
# what the page rendered from.
def engine_reply(page: Page, op: str, args: dict[str, Any]) -> str:
    """The JSON text the page's quiz engine (Pyodide) replies to one request."""
    return str(page.evaluate(ENGINE_REPLY, [op, args]))


def assert_shows(page: Page, result: dict[str, Any]) -> None:
    """The result on screen is this result dictionary: every label, flag and recommendation."""
    body = page.locator("[data-quiz-result-body]")
    expect(body.locator(".quiz-support")).to_have_count(1 if result["support"] else 0)
    for part in ("style", "days", "control", "identity"):
        expect(body.locator(f'dd[data-part="{part}"] strong')).to_have_text(result[part]["label"])
    shown_fit = body.locator('dd[data-part="fit"] li').evaluate_all(
        "(items) => items.map((li) => [li.dataset.direction, li.dataset.outcome])"
    )
    assert shown_fit == [[f["direction"], f["outcome"]] for f in result["fit"]["directions"]]
    flags = body.locator("[data-flag]").evaluate_all(
        "(items) => items.map((li) => li.dataset.flag)"
    )
    assert flags == [flag["id"] for flag in result["flags"]]
    links = json.loads(page.locator("[data-quiz-links]").text_content() or "{}")
    shown = body.locator("[data-slug]").evaluate_all(
        "(els) => els.map((li) => [li.dataset.slug, li.querySelector('a').getAttribute('href')])"
    )
    slugs = [item["slug"] for group in result["recommendations"] for item in group["items"]]
    assert shown == [[slug, links[slug]["url"]] for slug in slugs]
    scales = body.locator("details[data-scale]").evaluate_all(
        "(items) => items.map((d) => d.dataset.scale)"
    )
    assert scales == [scale["id"] for scale in result["scales"]]


def checked(page: Page) -> dict[str, str]:
    return dict(page.evaluate(CHECKED))


def fill(page: Page, answers: dict[str, str]) -> None:
    """Set the form to exactly these answers, as if chosen (one change event)."""
    page.evaluate(FILL, answers)


def open_ready_quiz(browser: Browser, base_url: str) -> tuple[BrowserContext, Page]:
    """A fresh profile on the quiz page, once its engine is ready (one Pyodide boot)."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto("quiz/")
    expect(page.locator("[data-quiz]")).to_have_attribute(
        "data-engine-state", "ready", timeout=ENGINE_TIMEOUT_MS
    )
    return context, page
