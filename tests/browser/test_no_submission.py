"""The quiz and team-map forms never submit anywhere, not even before (or without) their scripts.

Both pages promise that answers and codes stay in the browser. A plain HTML form pressed before
its script has taken over would send them to the server in a query string; `method="dialog"`
makes submitting do nothing but fire the submit event that the scripts handle. Scripts are off
here, which is the moment before they load, made to last.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.team_codes import sample_codes


@pytest.fixture
def page_without_scripts(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    yield context.new_page()
    context.close()


def press_and_watch(page: Page, button: str) -> list[str]:
    """Press a submit button; return every request that followed."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.locator(button).click()
    # Playwright's click waits for a navigation it set off to start; give a stray one time too.
    page.wait_for_timeout(500)
    return requests


def test_the_quiz_sends_no_answers_without_its_script(page_without_scripts: Page) -> None:
    page = page_without_scripts
    page.goto("quiz/")
    options = page.locator("[data-quiz-form] input[type=radio]")
    options.nth(0).check()
    options.nth(7).check()

    assert press_and_watch(page, "[data-quiz-submit]") == []
    assert urlsplit(page.url).query == ""
    assert options.nth(0).is_checked()
    assert options.nth(7).is_checked()


def test_the_team_map_sends_no_codes_without_its_script(page_without_scripts: Page) -> None:
    page = page_without_scripts
    page.goto("quiz/team-map/")
    codes = "\n".join(sample_codes(2))
    page.locator("[data-team-map-codes]").fill(codes)

    assert press_and_watch(page, "[data-team-map-submit]") == []
    assert urlsplit(page.url).query == ""
    assert page.locator("[data-team-map-codes]").input_value() == codes
