"""The site and the quiz work when hosted below a sub-path, under the site's own CSP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from devtools.server import serve

PREFIX = "/wellbeing/guide/"
ENGINE_TIMEOUT_MS = 90_000


@pytest.fixture(scope="module")
def subpath_url(site_dir: Path) -> Iterator[str]:
    # The same build as every other test: pages link relatively, so no address is built in.
    policy = (site_dir / "csp" / "policy.txt").read_text(encoding="utf-8").strip()
    with serve(site_dir, prefix=PREFIX, headers={"Content-Security-Policy": policy}) as url:
        yield url


def answer_every_question(page: Page) -> None:
    """Pick an option in every question, varying the choice so the result is not degenerate."""
    questions = page.locator("fieldset[data-question]")
    count = questions.count()
    assert count > 5
    for index in range(count):
        options = questions.nth(index).locator("input[type=radio]")
        if not options.first.is_visible():  # one step per screen: on to the next step
            page.locator("[data-quiz-next]").click()
        options.nth(index % options.count()).check()


def test_quiz_reaches_a_result_under_the_sub_path(page: Page, subpath_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not urlsplit(request.url).path.startswith(PREFIX) and request.url.startswith("http")
            else None
        ),
    )

    page.goto(urljoin(subpath_url, "quiz/"))
    answer_every_question(page)
    page.locator("[data-quiz-submit]").click()
    result = page.locator("[data-quiz-result]")
    expect(result).to_be_visible(timeout=ENGINE_TIMEOUT_MS)
    expect(result.locator("[data-slug] a").first).to_be_visible()

    assert outside == [], "requests left the sub-path"
    assert errors == []

    # Every link on the page, guide links in the result included, stays under the prefix and works.
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    internal = {
        h.split("#")[0] for h in hrefs if urlsplit(h).netloc == urlsplit(subpath_url).netloc
    }
    assert len(internal) > 10
    for href in sorted(internal):
        assert urlsplit(href).path.startswith(PREFIX), href
        assert page.request.get(href).status == 200, href


def test_pages_and_assets_resolve_under_the_sub_path(page: Page, subpath_url: str) -> None:
    failed: list[str] = []
    # Leaving a page aborts the quiz engine's downloads (ERR_ABORTED); any other failure counts.
    page.on(
        "requestfailed",
        lambda r: None if "ERR_ABORTED" in (r.failure or "") else failed.append(r.url),
    )
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    for path in (
        "",
        "organizations/",
        "quiz/team-map/",
        "quiz/embed/",
        "use-at-your-organization/",
        "print_page/",
    ):
        page.goto(urljoin(subpath_url, path))
        expect(page.locator("h1").first).to_be_visible()
    # Following a link from the home page keeps the prefix.
    page.goto(subpath_url)
    page.locator("a[href$='faq/']:visible").first.click()
    expect(page).to_have_url(urljoin(subpath_url, "faq/"))
    assert failed == []
