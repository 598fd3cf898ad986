"""The quiz page in Chromium: answering by keyboard, progress and saving, and a result that is
exactly what CPython's quiz.score() returns for the same answers, shown as it says."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from quiz import load_quiz, score
from tests.browser.quiz_helpers import (
    ENGINE_TIMEOUT_MS,
    assert_shows,
    checked,
    cpython_reply,
    engine_reply,
    fill,
    open_ready_quiz,
    opened,
    random_answers,
)
from tests.browser.quiz_steps import poll

QUIZ_PAGE = "quiz/"
ANSWER_SETS = 20


def progress(page: Page) -> str:
    return page.locator("[data-quiz-progress]").inner_text().strip()


def test_the_quiz_can_be_completed_with_the_keyboard_alone(page: Page) -> None:
    questions = load_quiz().questions
    rng = random.Random(4)
    plan = {q.id: rng.randrange(len(q.options)) for q in questions}
    page.goto(QUIZ_PAGE)

    # From the top of the page, Tab reaches the first question's options.
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == questions[0].id:
            break
    else:
        pytest.fail("Tab never reached the first question")

    for question in questions:
        assert page.evaluate("document.activeElement.name") == question.id
        page.keyboard.press("Space")  # picks the first option
        for _ in range(plan[question.id]):
            page.keyboard.press("ArrowDown")  # moves to, and picks, the next option
        page.keyboard.press("Tab")  # on to the next question: one stop per radio group

    assert page.evaluate("document.activeElement.dataset.quizSubmit") == ""
    page.keyboard.press("Enter")

    expected = {q.id: q.options[plan[q.id]].id for q in questions}
    assert checked(page) == expected
    assert progress(page) == f"{len(questions)} of {len(questions)} answered"
    # The result appears and takes the focus, so a keyboard user lands on it.
    poll(page, "document.activeElement.id === 'quiz-result-heading'", ENGINE_TIMEOUT_MS / 1000)
    assert_shows(page, score(expected).to_dict())


def test_progress_is_shown_and_a_reload_keeps_every_answer(page: Page) -> None:
    questions = load_quiz().questions
    page.goto(QUIZ_PAGE)
    assert progress(opened(page)) == f"0 of {len(questions)} answered"
    given = {q.id: q.options[-1].id for q in questions[:3]}
    for qid, oid in given.items():
        page.locator(f'input[name="{qid}"][value="{oid}"]').check()
    assert progress(page) == f"3 of {len(questions)} answered"

    page.reload()
    assert checked(opened(page)) == given
    assert progress(page) == f"3 of {len(questions)} answered"

    page.locator("[data-quiz-clear]").click()
    assert checked(page) == {}
    assert progress(page) == f"0 of {len(questions)} answered"
    page.reload()
    assert checked(opened(page)) == {}


def test_the_form_works_while_the_engine_is_still_loading(page: Page) -> None:
    held: list[Route] = []
    # Engine files never arrive: the page must stay usable and say the engine is loading.
    page.route("**/assets/engine/**", lambda route: held.append(route))
    page.goto(QUIZ_PAGE)
    opened(page)
    first = load_quiz().questions[0]
    page.locator(f'input[name="{first.id}"]').first.check()
    assert progress(page).startswith("1 of ")
    expect(page.locator("[data-quiz-status]")).to_have_attribute("data-state", "loading")
    expect(page.locator("[data-quiz-status]")).to_contain_text("loading")

    # Asking for the result too early names what is missing and moves there.
    page.locator("[data-quiz-submit]").click()
    expect(page.locator("[data-quiz-message]")).to_contain_text("Please answer")
    focused = page.evaluate("document.activeElement.closest('fieldset')?.dataset.question")
    assert focused == load_quiz().questions[1].id
    assert held, "the engine never asked for its files"


@pytest.fixture(scope="module")
def ready_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """One quiz page whose engine has started, shared by the answer sets (one Pyodide boot)."""
    context, page = open_ready_quiz(browser, base_url)
    yield page
    context.close()


@pytest.mark.parametrize("seed", range(ANSWER_SETS))
def test_the_result_is_what_cpython_scores(ready_page: Page, seed: int) -> None:
    page = ready_page
    answers = random_answers(seed)
    fill(page, answers)
    page.locator("[data-quiz-submit]").click()

    # Byte for byte what the same bridge says under CPython, and the same as score() itself.
    received = engine_reply(page, "score", {"answers": answers})
    assert received == cpython_reply("score", {"answers": answers})
    reply = json.loads(received)
    assert reply["ok"] is True
    result = reply["value"]
    assert result == json.loads(json.dumps(score(answers).to_dict()))

    # What the page shows is that result.
    expect(page.locator("[data-quiz-result]")).to_be_visible()
    poll(page, "document.querySelector('[data-quiz-result-body] details[data-scale]')", 10)
    assert_shows(page, result)
