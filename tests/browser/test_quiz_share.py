"""Share links: the answer code in the URL fragment fills the form and shows the same result in
another browser; a damaged or changed code gives a plain message and an empty form; a code or
saved answers from version 1 keep every answer that still applies and ask only the new questions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from quiz import QuizError, decode_answers, encode_answers, load_quiz, open_code, score
from tests.browser.quiz_helpers import (
    ENGINE_TIMEOUT_MS,
    assert_shows,
    checked,
    fill,
    open_ready_quiz,
    opened,
    random_answers,
)
from tests.browser.quiz_steps import poll


def test_a_share_link_round_trips(browser: Browser, base_url: str) -> None:
    answers = random_answers(101)
    sender = browser.new_context(base_url=base_url)
    page = sender.new_page()
    page.goto("quiz/")
    fill(opened(page), answers)
    page.locator("[data-quiz-submit]").click()
    expect(page.locator("[data-quiz-result]")).to_be_visible(timeout=ENGINE_TIMEOUT_MS)
    page.locator("[data-quiz-share]").click()
    field = page.locator("[data-quiz-share-link]")
    expect(field).not_to_have_value("", timeout=10_000)
    link = field.input_value()
    assert link.startswith(f"{base_url}quiz/#answers=")
    code = link.split("#answers=", 1)[1]
    assert decode_answers(code) == answers  # CPython reads what the browser wrote
    sender.close()

    # Someone else opens the link: a fresh profile with nothing saved.
    receiver = browser.new_context(base_url=base_url)
    other = receiver.new_page()
    errors: list[str] = []
    other.on("pageerror", lambda error: errors.append(str(error)))
    other.goto(link)
    expect(other.locator("[data-quiz-result]")).to_be_visible(timeout=ENGINE_TIMEOUT_MS)
    poll(other, "document.activeElement.id === 'quiz-result-heading'", 10)
    assert checked(other) == answers
    assert_shows(other, score(answers).to_dict())
    # The code leaves the address bar once read, so a reload shows the answers as saved since.
    assert "#answers=" not in other.url
    other.reload()
    assert checked(opened(other)) == answers
    expect(other.locator("[data-quiz-result]")).to_be_visible(timeout=ENGINE_TIMEOUT_MS)
    # Pasting a link into the address bar of an open quiz page changes only the fragment: this
    # page opens it in place, with no page load.
    other.locator("[data-quiz-clear]").click()
    assert checked(other) == {}
    other.evaluate("document.querySelector('[data-quiz]').dataset.before = 'paste'")
    other.evaluate("(code) => { location.hash = 'answers=' + code; }", code)
    expect(other.locator("[data-quiz-result]")).to_be_visible(timeout=ENGINE_TIMEOUT_MS)
    poll(other, "!location.hash.startsWith('#answers=')", 10)
    assert checked(other) == answers
    assert other.locator("[data-quiz][data-before=paste]").count() == 1
    assert not errors
    receiver.close()


def _tampered(code: str) -> str:
    # Change one character in the middle to another character of the same (URL-safe) alphabet.
    middle = len(code) // 2
    for replacement in "AbZ9_-":
        candidate = code[:middle] + replacement + code[middle + 1 :]
        if candidate != code:
            return candidate
    raise AssertionError("unreachable")


def bad_codes() -> dict[str, str]:
    code = encode_answers(random_answers(7))
    return {
        "tampered": _tampered(code),
        "truncated": code[: len(code) // 2],
        "garbage": "%%not-a-code<script>",
        "empty": "",
    }


def expect_bad_code_handled(page: Page, errors: list[str]) -> None:
    message = page.locator("[data-quiz-message]")
    expect(message).to_contain_text("damaged or was changed", timeout=ENGINE_TIMEOUT_MS)
    text = message.inner_text()
    assert "Traceback" not in text
    assert "Error" not in text
    assert checked(page) == {}
    expect(page.locator("[data-quiz-result]")).to_be_hidden()
    expect(page.locator("[data-quiz-result-body] > *")).to_have_count(0)  # nothing was scored
    assert not errors


def test_a_tampered_link_gives_a_plain_message_and_an_empty_form(page: Page) -> None:
    code = bad_codes()["tampered"]
    with pytest.raises(QuizError):
        decode_answers(code)  # the premise: Python refuses this code
    # Answers saved earlier in this browser are not what a bad link shows.
    page.goto("quiz/")
    fill(opened(page), random_answers(8))
    page = page.context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"quiz/#answers={code}")
    expect_bad_code_handled(page, errors)


@pytest.fixture(scope="module")
def ready_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context, page = open_ready_quiz(browser, base_url)
    yield page
    context.close()


@pytest.mark.parametrize("kind", sorted(bad_codes()))
def test_every_bad_code_is_refused_plainly(ready_page: Page, kind: str) -> None:
    code = bad_codes()[kind]
    with pytest.raises(QuizError):
        decode_answers(code)
    page = ready_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    fill(page, random_answers(9))
    # A link pasted into the open page's address bar: only the fragment changes.
    page.evaluate("(code) => { location.hash = 'answers=' + code; }", code)
    expect_bad_code_handled(page, errors)


V1_CODES = json.loads(
    (Path(__file__).resolve().parents[1] / "quiz" / "fixtures" / "v1_codes.json").read_text()
)["codes"]


def expect_quiz_changed(page: Page, kept: dict[str, str], unanswered: list[str]) -> None:
    message = page.locator("[data-quiz-message]")
    expect(message).to_contain_text("The quiz has changed", timeout=ENGINE_TIMEOUT_MS)
    assert checked(page) == kept  # every answer that still applies, nothing invented
    expect(page.locator("[data-quiz-result]")).to_be_hidden()
    # The reader is sent to the first new question.
    link = message.get_by_role("link")
    assert link.get_attribute("href") == f"#quiz-q-{unanswered[0]}"
    assert set(unanswered) == {q.id for q in load_quiz().questions} - set(kept)


def test_a_version_1_link_keeps_its_answers_and_asks_the_new_questions(page: Page) -> None:
    code = V1_CODES[0]["code"]
    opened_code = open_code(code)
    page.goto(f"quiz/#answers={code}")
    expect_quiz_changed(page, opened_code.answers, list(opened_code.unanswered))


def test_answers_saved_by_version_1_are_kept_too(page: Page) -> None:
    saved = json.dumps({"answers": V1_CODES[1]["answers"], "result": True})
    page.add_init_script(f"localStorage.setItem('balance-or-blend/quiz/v1', {json.dumps(saved)})")
    page.goto("quiz/")
    kept = open_code(V1_CODES[1]["code"])
    expect_quiz_changed(page, kept.answers, list(kept.unanswered))
