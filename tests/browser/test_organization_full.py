"""The full example organization (tests/fixtures/organization-full/) in the browser: its name,
logo, colors, introduction, question and pages show, the hidden team map is nowhere, and axe
finds no violation on the branded pages in either palette."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from devtools.build import build_or_fail
from devtools.project import REPO_ROOT
from devtools.server import free_port, serve
from macros.organization import ENV_VAR
from tests.browser.quiz_steps import QUIZ, wait_for_engine
from tests.browser.test_a11y import PALETTES, violations, wait_for_palette

FULL = REPO_ROOT / "tests" / "fixtures" / "organization-full" / "organization.yml"
PRIMARY_RGB = "rgb(31, 78, 121)"  # #1f4e79
PAGES = [
    "",
    "faq/",
    "quiz/",
    "local/parental-leave/",
    "local/quiet-hours/",
    "use-at-your-organization/",
    "workshop/facilitator/",
    "workshop/handouts/",
    "workshop/deck/",
]


@pytest.fixture(scope="module")
def full_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    site = build_or_fail(
        tmp_path_factory.mktemp("org-full-browser"),
        site_url=f"http://127.0.0.1:{port}/",
        extra_env={ENV_VAR: str(FULL)},
    )
    policy = (site / "csp" / "policy.txt").read_text(encoding="utf-8").strip()
    with serve(site, port=port, headers={"Content-Security-Policy": policy}) as url:
        yield url


def _csp_messages(page: Page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if "Content Security" in m.text else None)
    return found


def test_branding_shows_in_the_browser(page: Page, full_url: str) -> None:
    csp = _csp_messages(page)
    page.goto(full_url)
    expect(page).to_have_title("Balance or Blend at Example Corp")
    expect(page.locator(".md-header__topic").first).to_contain_text(
        "Balance or Blend at Example Corp"
    )
    logo = page.locator(".md-header__button.md-logo img")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    header = page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header == PRIMARY_RGB
    expect(page.locator("#organization-intro")).to_contain_text("At Example Corp")
    expect(page.locator("[data-org-intro]")).to_contain_text("The People Team at Example Corp")

    nav = page.locator(".md-nav--primary")
    expect(nav.get_by_role("link", name="Parental leave at Example Corp")).to_have_count(1)
    expect(nav.get_by_role("link", name="Quiet hours")).to_have_count(1)
    expect(nav.get_by_role("link", name="Team map")).to_have_count(0)
    expect(nav.get_by_role("link", name="Run a team workshop")).to_have_count(1)

    page.goto(full_url + "faq/#example-corp-core-hours")
    entry = page.locator("#example-corp-core-hours")
    expect(entry).to_contain_text("Does Example Corp have core hours?")
    assert csp == []


def test_dark_palette_uses_a_lighter_link_shade(browser: Browser, full_url: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(full_url + "faq/")
    wait_for_palette(page, "slate")
    header = page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
    link = page.locator(".md-typeset p a").first.evaluate("e => getComputedStyle(e).color")
    context.close()
    assert header == PRIMARY_RGB
    assert link not in (PRIMARY_RGB, "rgb(0, 0, 0)")


def test_team_map_page_is_not_there(page: Page, full_url: str) -> None:
    response = page.goto(full_url + "quiz/team-map/")
    assert response is not None
    assert response.status == 404


@pytest.mark.parametrize("palette", sorted(PALETTES))
def test_branded_pages_have_no_violations(browser: Browser, full_url: str, palette: str) -> None:
    media, scheme = PALETTES[palette]
    context = browser.new_context(base_url=full_url, color_scheme=media)  # type: ignore[arg-type]
    page = context.new_page()
    found: list[str] = []
    for url in PAGES:
        page.goto(url)
        wait_for_palette(page, scheme)
        if page.locator(QUIZ).count():
            wait_for_engine(page, "ready", "failed")
        found += violations(page, f"/{url} [{palette}]")
    context.close()
    assert not found, "\n".join(found)
