"""A shared link's answers are on screen before the engine has loaded (share-code.js reads the
code early), and the engine's reading still decides: its result follows the moment it is ready, a
code it refuses shows nothing early, and the answers saved in this browser are never lost."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, Route, expect

from quiz import encode_answers, open_code, score
from tests.browser.quiz_helpers import (
    ENGINE_TIMEOUT_MS,
    assert_shows,
    checked,
    fill,
    opened,
    random_answers,
)
from tests.browser.quiz_steps import engine_state
from tests.browser.test_quiz_share import V1_CODES, _tampered

STORAGE_KEY = "balance-or-blend/quiz/v1"
MESSAGE = "[data-quiz-message]"
SHOWN = "These are the answers from your link."


def held_engine(context: BrowserContext) -> Callable[[], None]:
    """Keep the engine's files from arriving until the returned function is called."""
    held: list[Route] = []
    released = False

    def handle(route: Route) -> None:
        if released:
            route.continue_()
        else:
            held.append(route)

    def release() -> None:
        nonlocal released
        released = True
        for route in held:
            route.continue_()

    context.route("**/assets/engine/**", handle)
    return release


def saved_answers(page: Page) -> dict[str, str]:
    text = page.evaluate("(key) => localStorage.getItem(key)", STORAGE_KEY)
    return dict(json.loads(text)["answers"]) if text else {}


def with_saved(context: BrowserContext, answers: dict[str, str]) -> None:
    """This browser already holds the reader's own answers, saved by the quiz page."""
    page = context.new_page()
    page.goto("quiz/")
    fill(opened(page), answers)
    assert saved_answers(page) == answers
    page.close()


def test_a_link_shows_its_answers_at_once_and_the_result_when_the_engine_is_ready(
    context: BrowserContext,
) -> None:
    release = held_engine(context)
    own = random_answers(21)
    with_saved(context, own)
    answers = random_answers(22)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"quiz/#answers={encode_answers(answers)}")
    expect(page.locator(MESSAGE)).to_contain_text(SHOWN, timeout=5_000)
    assert checked(page) == answers
    assert engine_state(opened(page)) in {"idle", "loading"}  # no Python has run
    expect(page.locator("[data-quiz-result]")).to_be_hidden()
    assert saved_answers(page) == own  # an early reading saves nothing
    progress = page.locator("[data-quiz-progress]").inner_text()
    assert f"{len(answers)} of" in progress

    release()
    expect(page.locator("[data-quiz-result]")).to_be_visible(timeout=ENGINE_TIMEOUT_MS)
    assert checked(page) == answers
    assert_shows(page, score(answers).to_dict())
    expect(page.locator(MESSAGE)).to_have_text("")
    assert "#answers=" not in page.url
    assert saved_answers(page) == answers  # the engine read the link: now the answers on screen
    assert not errors


def test_a_code_that_fails_its_check_shows_nothing_early_and_gets_the_engines_error(
    context: BrowserContext,
) -> None:
    release = held_engine(context)
    own = random_answers(23)
    with_saved(context, own)
    code = _tampered(encode_answers(random_answers(24)))
    page = context.new_page()
    page.goto(f"quiz/#answers={code}")
    opened(page)
    time.sleep(1.0)  # an early reading takes milliseconds (see the test above)
    assert checked(page) == {}
    expect(page.locator(MESSAGE)).to_contain_text("Opening the answers from your link")

    release()
    expect(page.locator(MESSAGE)).to_contain_text(
        "damaged or was changed", timeout=ENGINE_TIMEOUT_MS
    )
    assert checked(page) == {}
    expect(page.locator("[data-quiz-result]")).to_be_hidden()
    assert saved_answers(page) == own  # the reader's own answers are still in this browser


def test_an_older_format_waits_for_the_engine(context: BrowserContext) -> None:
    release = held_engine(context)
    code = V1_CODES[0]["code"]
    page = context.new_page()
    page.goto(f"quiz/#answers={code}")
    opened(page)
    time.sleep(1.0)
    assert checked(page) == {}

    release()
    kept = open_code(code)
    expect(page.locator(MESSAGE)).to_contain_text("The quiz has changed", timeout=ENGINE_TIMEOUT_MS)
    assert checked(page) == kept.answers


def test_answering_over_early_answers_keeps_the_change(context: BrowserContext) -> None:
    release = held_engine(context)
    answers = random_answers(25)
    page = context.new_page()
    page.goto(f"quiz/#answers={encode_answers(answers)}")
    expect(page.locator(MESSAGE)).to_contain_text(SHOWN, timeout=5_000)
    changed = dict(answers)
    del changed[next(iter(changed))]
    fill(page, changed)  # the reader clears one answer while the engine loads
    assert saved_answers(page) == changed

    release()
    expect(page.locator("[data-quiz]")).to_have_attribute(
        "data-engine-state", "ready", timeout=ENGINE_TIMEOUT_MS
    )
    time.sleep(0.5)  # the engine's reading of the link, had it been kept, lands now
    assert checked(page) == changed
    assert "#answers=" not in page.url
