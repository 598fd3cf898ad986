"""The quiz page in Chromium: answering by keyboard, progress and saving, and a result that is
exactly what CPython's quiz.score() returns for the same answers, shown as it says."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route, ViewportSize, expect

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
from tests.browser.quiz_steps import hold_engine, poll
from tests.browser.test_a11y import PALETTES, violations, wait_for_palette

QUIZ_PAGE = "quiz/"
ANSWER_SETS = 20


def progress(page: Page) -> str:
    return page.locator("[data-quiz-progress]").inner_text().strip()


SCREENS: dict[str, ViewportSize] = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}
# Marker classes of the fit picture; each must stand out 3:1 from the page in both palettes.
MARKERS = ("want", "pressure", "permission")


def active(page: Page, selector: str) -> bool:
    return bool(page.evaluate(f"document.activeElement.matches({selector!r})"))


def tab_to(page: Page, selector: str, passing: str) -> None:
    """Tab on until the focus is on selector, passing only through elements matching passing."""
    for _ in range(3):
        if active(page, selector):
            return
        assert active(page, passing), page.evaluate("document.activeElement.outerHTML")
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {selector}")


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("palette", sorted(PALETTES))
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_the_quiz_is_completed_step_by_step_by_keyboard_alone(
    browser: Browser, base_url: str, screen: str, palette: str
) -> None:
    """At phone and desktop size, in both palettes: every step by keyboard, axe finding nothing
    in any step nor on the result, and a fit picture with one text alternative."""
    media, scheme = PALETTES[palette]
    context = browser.new_context(
        base_url=base_url,
        viewport=SCREENS[screen],
        color_scheme=media,  # type: ignore[arg-type]
        is_mobile=screen == "phone",
        has_touch=screen == "phone",
        # axe judges what is drawn: without fades, Material's back-to-top button (shown late,
        # after a focus move scrolls the page) is never caught half-faded. Motion has its own test.
        reduced_motion="reduce",
    )
    page = context.new_page()
    quiz = load_quiz()
    steps = quiz.sections
    rng = random.Random(len(screen) + len(palette))
    plan = {q.id: rng.randrange(len(q.options)) for q in quiz.questions}
    page.goto(QUIZ_PAGE)
    wait_for_palette(opened(page), scheme)
    found: list[str] = []

    # From the top of the page, Tab reaches the first question's options.
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == steps[0].questions[0].id:
            break
    else:
        pytest.fail("Tab never reached the first question")

    answered = 0
    for number, step in enumerate(steps, start=1):
        shown = page.locator("section[data-quiz-step]:not([hidden])")
        expect(shown).to_have_count(1)
        expect(shown).to_have_attribute("data-quiz-step", step.id)
        if number > 1:
            # Next moved the focus to this step's heading; Tab goes on into its first question.
            assert page.evaluate("document.activeElement.id") == f"quiz-section-{step.id}"
            assert page.evaluate("document.activeElement.textContent") == step.title
            page.keyboard.press("Tab")
        for question in step.questions:
            assert page.evaluate("document.activeElement.name") == question.id
            page.keyboard.press("Space")  # picks the first option
            for _ in range(plan[question.id]):
                page.keyboard.press("ArrowDown")  # moves to, and picks, the next option
            page.keyboard.press("Tab")  # on to the next question: one stop per radio group
            answered += 1
        expect(page.locator("[data-quiz-progress]")).to_have_text(
            f"Step {number} of {len(steps)}, {answered} of {len(quiz.questions)} answered"
        )
        found += violations(page, f"step {number} [{screen}, {palette}]")
        if number < len(steps):
            tab_to(page, "[data-quiz-next]", passing="[data-quiz-back]")
            page.keyboard.press("Enter")
    tab_to(page, "[data-quiz-submit]", passing="[data-quiz-back]")
    page.keyboard.press("Enter")

    expected = {q.id: q.options[plan[q.id]].id for q in quiz.questions}
    assert checked(page) == expected
    # The result appears and takes the focus, so a keyboard user lands on it.
    poll(page, "document.activeElement.id === 'quiz-result-heading'", ENGINE_TIMEOUT_MS / 1000)
    result = score(expected).to_dict()
    assert_shows(page, result)

    # The fit picture: drawn (hidden from screen readers), read once through its caption.
    figure = page.locator("[data-quiz-result-body] figure.quiz-fit")
    expect(figure.locator("svg")).to_have_attribute("aria-hidden", "true")
    expect(figure.locator(".quiz-fit__row")).to_have_count(len(quiz.directions))
    caption = figure.locator("figcaption").inner_text()
    for fit in result["fit"]["directions"]:
        assert fit["label"] in caption
        assert f"you want it open to {round(fit['want'])}," in caption
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for marker in MARKERS:
        fill = figure.locator(f".quiz-fit__marker--{marker}").first.evaluate(
            "(el) => getComputedStyle(el).fill"
        )
        assert contrast(fill, background) >= 3, (marker, fill, background)
    # Legible at this width: no label drawn smaller than 12 px, nor blown up past its own size
    # on a wide screen (16 px labels draw about 20 px tall).
    sizes = figure.locator("svg text").evaluate_all(
        "(texts) => texts.map((t) => t.getBoundingClientRect().height)"
    )
    assert min(sizes) >= 12, sizes
    assert max(sizes) <= 26, sizes
    found += violations(page, f"result [{screen}, {palette}]")
    assert not found, "\n".join(found)
    context.close()


def test_steps_jump_and_unanswered_questions_are_listed_before_the_result(page: Page) -> None:
    quiz = load_quiz()
    hold_engine(page)  # the engine plays no part in moving between steps
    page.goto(QUIZ_PAGE)
    opened(page)
    progress_line = page.locator("[data-quiz-progress]")
    # One live region, read whole: the step and the count, never a bare number.
    expect(progress_line).to_have_attribute("aria-live", "polite")
    expect(progress_line).to_have_attribute("aria-atomic", "true")
    # Required questions say so to assistive technology: each of their radios is required.
    for question in quiz.questions:
        radios = page.locator(f'input[name="{question.id}"]')
        assert radios.evaluate_all("(rs) => rs.every((r) => r.required)") is question.required
    # Any step can be reached from the list of steps.
    page.locator("details[data-quiz-steps] summary").click()
    last = len(quiz.sections) - 1
    page.locator(f'[data-quiz-goto="{last}"]').click()
    title = quiz.sections[last].title
    expect(page.locator("section[data-quiz-step]:not([hidden]) h2")).to_have_text(title)
    expect(page.locator(f"#quiz-section-{quiz.sections[last].id}")).to_be_focused()
    expect(progress_line).to_have_text(
        f"Step {last + 1} of {len(quiz.sections)}, 0 of {len(quiz.questions)} answered"
    )
    # The last step lists what is still open, each a link to its question in its step.
    unanswered = page.locator("[data-quiz-unanswered] li")
    expect(unanswered).to_have_count(len(quiz.questions))
    fourth = quiz.questions[3]
    unanswered.nth(3).get_by_role("link").click()
    expect(page.locator(f'input[name="{fourth.id}"]').first).to_be_focused()
    page.keyboard.press("Space")
    # Answers are kept at every change, and a reload comes back to the same step.
    page.reload()
    assert checked(opened(page)) == {fourth.id: fourth.options[0].id}
    expect(page.locator("section[data-quiz-step]:not([hidden])")).to_have_attribute(
        "data-quiz-step", quiz.sections[0].id
    )


def test_progress_is_shown_and_a_reload_keeps_every_answer(page: Page) -> None:
    questions = load_quiz().questions
    page.goto(QUIZ_PAGE)
    steps = len(load_quiz().sections)
    assert progress(opened(page)) == f"Step 1 of {steps}, 0 of {len(questions)} answered"
    given = {q.id: q.options[-1].id for q in questions[:3]}
    for qid, oid in given.items():
        page.locator(f'input[name="{qid}"][value="{oid}"]').check()
    assert progress(page) == f"Step 1 of {steps}, 3 of {len(questions)} answered"

    page.reload()
    assert checked(opened(page)) == given
    assert progress(page) == f"Step 1 of {steps}, 3 of {len(questions)} answered"

    page.locator("[data-quiz-clear]").click()
    assert checked(page) == {}
    assert progress(page) == f"Step 1 of {steps}, 0 of {len(questions)} answered"
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
    assert progress(page).startswith("Step 1 of 8, 1 of ")
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
