"""The engine in the browser: honest failure, and nothing lost when a reader leaves the quiz and
comes back. (Nothing fetched from another host and no engine on other pages: test_csp.py.)"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page, Request, Route, expect

from devtools.server import serve
from quiz import load_quiz
from tests.browser.quiz_helpers import checked, opened
from tests.browser.quiz_steps import (
    answer,
    hold_engine,
    question_names,
    wait_for_engine,
)

# A real failure (no WebAssembly, a blocking policy, a bad checksum) is reported as soon as it is
# known; allow for the page load before the start.
FAILURE_LIMIT_MS = 22_000


def answer_first_question(page: Page) -> tuple[str, str]:
    question = load_quiz().questions[0]
    option = question.options[1].id
    page.locator(f'input[name="{question.id}"][value="{option}"]').check()
    return question.id, option


def expect_failure(page: Page, base_url: str, words: str) -> None:
    status = page.locator("[data-quiz-status]")
    expect(status).to_have_attribute("data-state", "failed", timeout=FAILURE_LIMIT_MS)
    expect(status).to_contain_text(words)
    expect(status).to_contain_text("Your answers are still saved")
    worksheet = status.get_by_role("link", name="printable worksheet")
    href = worksheet.get_attribute("href") or ""
    assert urljoin(page.url, href) == f"{base_url}quiz/worksheet/"


def test_the_engine_starts_without_waiting_for_the_quiz_script(page: Page) -> None:
    # The quiz page starts its engine from <head> (engine-start.js): it waits neither for
    # quiz-form.js nor for an idle moment. With quiz-form.js held back for good, the worker still
    # asks for Pyodide's files.
    held: list[Route] = []
    page.route("**/quiz-form.js", lambda route: held.append(route))
    with page.expect_request(lambda request: "/assets/engine/" in request.url, timeout=20_000):
        page.goto("quiz/")
    assert held, "quiz-form.js was not even asked for"


def test_a_worker_that_cannot_load_is_reported_at_once(page: Page, base_url: str) -> None:
    # The worker starts while the page is still loading; a worker that cannot load at all must
    # be reported as a failure, not taken for a slow start.
    page.route("**/engine-worker.js", lambda route: route.fulfill(status=404))
    page.goto("quiz/")
    answer_first_question(opened(page))
    expect_failure(page, base_url, "stopped with an error")


def test_a_slow_start_says_how_long_and_fails_only_at_the_limit(page: Page) -> None:
    # The engine's files never arrive, and the page's clock is moved on by hand: a phone that
    # takes minutes, seen in a second.
    hold_engine(page)
    page.clock.install()
    page.goto("quiz/")
    answer_first_question(opened(page))  # starts the engine, whatever the idle callback does
    status = page.locator("[data-quiz-status]")
    expect(status).to_have_attribute("data-state", "loading")
    expect(status).to_contain_text("is loading")
    page.clock.run_for(9_000)
    expect(status).to_contain_text("still loading, 8 seconds so far")
    expect(status).to_have_attribute("data-state", "loading")  # slow is not failed
    page.clock.run_for(60_000)
    expect(status).to_contain_text("still loading, about a minute so far")
    page.clock.run_for(60_000)
    expect(status).to_contain_text("still loading, about 2 minutes so far")
    expect(status).to_have_attribute("data-state", "loading")
    page.clock.run_for(60_000)  # past three minutes: now it is said to have failed
    expect(status).to_have_attribute("data-state", "failed")
    expect(status).to_contain_text("did not start, even after three minutes")
    expect(status).to_contain_text("Your answers are still saved")


def test_no_webassembly_is_reported_and_answers_are_kept(page: Page, base_url: str) -> None:
    # The page's global loses WebAssembly; the worker has its own, so its download fails too.
    page.add_init_script("delete globalThis.WebAssembly;")
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto("quiz/")
    qid, option = answer_first_question(opened(page))
    expect_failure(page, base_url, "cannot run WebAssembly")
    page.reload()
    assert opened(page).locator(f'input[name="{qid}"]:checked').get_attribute("value") == option
    page.locator("[data-quiz-submit]").click()  # incomplete: the form says what is missing
    expect(page.locator("[data-quiz-message]")).to_contain_text("Please answer")


def test_a_policy_blocking_webassembly_is_reported(browser: Browser, site_dir: Path) -> None:
    # Material's own inline scripts may run; WebAssembly needs 'wasm-unsafe-eval', not given here.
    policy = (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'"
    )
    with serve(site_dir, headers={"Content-Security-Policy": policy}) as url:
        context = browser.new_context(base_url=url)
        page = context.new_page()
        page.goto("quiz/")
        expect_failure(page, url, "blocks WebAssembly")
        context.close()


def test_a_wheel_that_fails_its_checksum_is_refused(page: Page, base_url: str) -> None:
    def corrupt(route: Route) -> None:
        original = route.fetch()
        route.fulfill(response=original, body=original.body() + b"\0")

    page.route("**/assets/engine/*.whl", corrupt)
    page.goto("quiz/")
    expect_failure(page, base_url, "did not match")


@pytest.fixture
def engine_requests(page: Page) -> list[str]:
    seen: list[str] = []

    def note(request: Request) -> None:
        if request.url.endswith(("/pyodide.asm.wasm", "/engine-worker.js")):
            seen.append(request.url.rsplit("/", 1)[1])

    page.on("request", note)
    return seen


def test_leaving_and_coming_back_loses_no_answer(page: Page, engine_requests: list[str]) -> None:
    page.goto("quiz/")
    wait_for_engine(page, "ready")
    names = question_names(page)[:3]
    answer(page, names, choice=1)
    chosen = checked(page)
    assert len(chosen) == 3

    page.locator("a.md-header__button.md-logo").click()  # home: an ordinary page load
    expect(page.locator("[data-quiz]")).to_have_count(0)
    page.go_back()
    opened(page)
    assert checked(page) == chosen  # restored from this browser's storage
    wait_for_engine(page, "ready")  # a new page starts its own engine
    assert engine_requests.count("engine-worker.js") == 2
