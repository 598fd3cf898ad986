"""The quiz page on a phone (390 x 844): Material's back-to-top button never covers the sticky
progress line (quiz.css moves the button to the bottom on the quiz page)."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from tests.browser.quiz_helpers import opened
from tests.browser.quiz_steps import hold_engine, poll

PHONE = {"width": 390, "height": 844}


def test_back_to_top_never_covers_the_progress_line(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    hold_engine(context)  # the layout needs no engine
    page = context.new_page()
    page.goto("quiz/")
    opened(page)
    # Material shows the button on scrolling back up, well down the page.
    page.mouse.move(195, 500)
    for _ in range(8):
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(50)
    page.mouse.wheel(0, -300)
    button = page.locator(".md-top")
    expect(button).not_to_have_attribute("hidden", "", timeout=5_000)
    poll(page, "getComputedStyle(document.querySelector('.md-top')).opacity === '1'", 5)
    progress = page.locator("[data-quiz-progress]")
    header = page.locator(".md-header").bounding_box()
    line = progress.bounding_box()
    top = button.bounding_box()
    assert header
    assert line
    assert top
    # The premise: scrolled down, the progress line is stuck just below the header.
    assert abs(line["y"] - (header["y"] + header["height"])) < 2, (header, line)
    assert page.evaluate("window.scrollY") > 1000
    overlap_x = min(line["x"] + line["width"], top["x"] + top["width"]) - max(line["x"], top["x"])
    overlap_y = min(line["y"] + line["height"], top["y"] + top["height"]) - max(line["y"], top["y"])
    assert overlap_x <= 0 or overlap_y <= 0, f"back to top {top} covers the progress line {line}"
    # Still on screen, and clear of the header too.
    assert top["y"] + top["height"] <= PHONE["height"]
    assert top["y"] >= header["y"] + header["height"]
    context.close()
