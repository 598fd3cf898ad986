"""The quiz page in Chromium: answering by keyboard, progress and saving, and a result that is
exactly what CPython's quiz.score() returns for the same answers."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from quiz import load_quiz, score
from tests.browser.quiz_helpers import (
    ENGINE_TIMEOUT_MS,
    checked,
    cpython_reply,
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
    assert page.evaluate("globalThis.__quizLastResult") == cpython_reply(
        "score", {"answers": expected}
    )


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


def test_the_quiz_works_after_material_renders_the_page_anew(page: Page) -> None:
    questions = load_quiz().questions
    page.goto(QUIZ_PAGE)
    opened(page)
    page.wait_for_load_state("networkidle")  # Material's instant navigation is set up
    page.evaluate("document.querySelector('[data-quiz]').dataset.before = 'jump'")
    # The first jump within a page (a contents link, say) makes Material fetch and render the
    # page anew; the new copy must be taken over like the first.
    page.evaluate("location.hash = 'quiz-section-wants'")
    expect(page.locator("[data-quiz][data-before]")).to_have_count(0)
    opened(page)
    page.locator(f'input[name="{questions[0].id}"]').first.check()
    assert progress(page) == f"1 of {len(questions)} answered"


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
    page.evaluate("globalThis.__quizLastResult = null")
    page.locator("[data-quiz-submit]").click()
    received = str(poll(page, "globalThis.__quizLastResult", 10))

    # Byte for byte what the same bridge says under CPython, and the same as score() itself.
    assert received == cpython_reply("score", {"answers": answers})
    reply = json.loads(received)
    assert reply["ok"] is True
    result = reply["value"]
    assert result == json.loads(json.dumps(score(answers).to_dict()))

    # What the page shows comes from that result.
    expect(page.locator("[data-quiz-result]")).to_be_visible()
    body = page.locator("[data-quiz-result-body]")
    pref = round(result["positions"]["preference"])
    beh = round(result["positions"]["behavior"])
    desc = body.locator("svg[role=img] desc").text_content() or ""
    assert f"at {pref} and" in desc
    assert f"is at {beh}." in desc
    expect(body.locator("dd").first).to_contain_text(result["style"]["label"])
    for flag in result["flags"]:
        expect(body.locator(f'[data-flag="{flag["id"]}"]')).to_contain_text(flag["reason"])
    for group in result["recommendations"]:
        for item in group["items"]:
            link = body.locator(f'[data-tactic="{group["tactic"]}"] [data-slug="{item["slug"]}"] a')
            href = link.first.get_attribute("href") or ""
            page_name = "design-your-blend" if item["kind"] == "practice" else "organizations"
            assert href == f"../{page_name}/#{item['slug']}"
