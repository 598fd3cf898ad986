"""axe-core finds no violation on any built page, in either palette, nor on the quiz in any state;
the site works by keyboard with a visible focus and a skip link; motion is reduced on request.

axe runs with its default rule set (WCAG 2.0-2.2 A and AA, and best practices). There are no
exclusions: a page or rule left out would need its reason written here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Browser, BrowserContext, Page, Route, ViewportSize

from tests.browser.quiz_steps import (
    QUIZ,
    RESULT,
    answer,
    built_pages,
    finish_quiz,
    hold_engine,
    poll,
    question_names,
    required_names,
    wait_for_engine,
)

# palette name -> (prefers-color-scheme to emulate, Material scheme it must select)
PALETTES = {"light": ("light", "default"), "dark": ("dark", "slate")}

AXE = Axe()


def violations(page: Page, label: str) -> list[str]:
    """axe's violations on the page as readable lines: where, rule, impact, first nodes."""
    # Contrast is measured on what is drawn: let fade-ins (the quiz result's) finish first.
    page.evaluate(
        "Promise.all(document.getAnimations()"
        ".filter((a) => a.effect?.getTiming().iterations !== Infinity)"
        ".map((a) => a.finished.catch(() => null)))"
    )
    results = AXE.run(page)
    lines = []
    for v in results.response["violations"]:
        targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
        lines.append(f"{label}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes) at {targets}")
    return lines


def wait_for_palette(page: Page, scheme: str) -> None:
    """Wait until Material has applied the palette that the emulated color scheme selects.

    Only pages with Material's palette switch follow the reader's preference; the embed page
    (quiz/embed/) has no header, so no switch, and is always drawn in the light palette.
    """
    if page.locator("[data-md-component=palette]").count():
        poll(page, f"document.body.dataset.mdColorScheme === {scheme!r}", timeout_s=10)
    else:
        assert page.evaluate("document.body.dataset.mdColorScheme") == "default"


@pytest.fixture(params=sorted(PALETTES))
def palette(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def palette_context(browser: Browser, base_url: str, palette: str) -> Iterator[BrowserContext]:
    media, _ = PALETTES[palette]
    context = browser.new_context(base_url=base_url, color_scheme=media)  # type: ignore[arg-type]
    yield context
    context.close()


PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.mark.parametrize(
    ("palette", "phone"),
    [("light", False), ("dark", False), ("light", True)],
    ids=["light", "dark", "light-phone"],
)
def test_every_page_has_no_violations(
    browser: Browser, base_url: str, site_dir: Path, palette: str, phone: bool
) -> None:
    """Every page; on a phone-sized screen too, where Material's layout (drawer, tables that
    scroll sideways) differs."""
    pages = built_pages(site_dir)
    assert len(pages) >= 15, pages
    if palette != "light" or phone:
        # The print page is every other page again, end to end, for paper: checked once, in the
        # palette and width it prints in (axe takes a quarter of a minute over it).
        pages.remove("print_page/")
    media, scheme = PALETTES[palette]
    context = browser.new_context(
        base_url=base_url,
        color_scheme=media,  # type: ignore[arg-type]
        viewport=PHONE if phone else None,
        is_mobile=phone,
        has_touch=phone,
    )
    # The quiz pages are checked as a reader first sees them, the engine still loading; their
    # other states (ready, a result, failed) are checked one by one below.
    hold_engine(context)
    page = context.new_page()
    found: list[str] = []
    for url in pages:
        page.goto(url)
        wait_for_palette(page, scheme)
        if page.locator(QUIZ).count():
            wait_for_engine(page, "loading")
        found += violations(page, f"/{url} [{palette}{', phone' if phone else ''}]")
    context.close()
    assert not found, "\n".join(found)


def test_search_with_results_has_no_violations(
    palette_context: BrowserContext, palette: str
) -> None:
    page = palette_context.new_page()
    page.goto("")
    wait_for_palette(page, PALETTES[palette][1])
    page.wait_for_load_state("networkidle")  # the search index
    page.keyboard.press("/")
    page.keyboard.type("boundaries")
    page.locator(".md-search-result__item").first.wait_for()
    found = violations(page, f"search dialog with results [{palette}]")
    assert not found, "\n".join(found)


def test_quiz_states_have_no_violations(palette_context: BrowserContext, palette: str) -> None:
    page = palette_context.new_page()
    page.goto("quiz/")
    wait_for_palette(page, PALETTES[palette][1])
    found = violations(page, f"quiz empty [{palette}]")
    assert wait_for_engine(page, "ready", "failed") == "ready"
    found += violations(page, f"quiz empty, engine ready [{palette}]")

    required = required_names(page)
    assert len(required) >= 2
    answer(page, required[:2])
    page.locator("[data-quiz-submit]").click()
    # Submitting too early names the next unanswered question in a message.
    poll(page, "document.querySelector('[data-quiz-message]').textContent.trim()", 10)
    found += violations(page, f"quiz partly answered [{palette}]")

    finish_quiz(page)
    found += violations(page, f"quiz result shown [{palette}]")
    assert not found, "\n".join(found)


def test_quiz_engine_failed_has_no_violations(
    palette_context: BrowserContext, palette: str
) -> None:
    # The engine's files cannot be downloaded, as behind a proxy that blocks WebAssembly.
    def refuse(route: Route) -> None:
        route.abort()

    palette_context.route("**/assets/engine/**", refuse)
    page = palette_context.new_page()
    page.goto("quiz/")
    wait_for_palette(page, PALETTES[palette][1])
    assert wait_for_engine(page, "ready", "failed") == "failed"
    answer(page, question_names(page))
    page.locator("[data-quiz-submit]").click()
    poll(page, "document.querySelector('[data-quiz-message] a')", 10)
    found = violations(page, f"quiz engine failed [{palette}]")
    assert page.locator(RESULT).is_hidden()
    assert not found, "\n".join(found)


def focus_ring(page: Page) -> tuple[str, float]:
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    return str(style[0]), float(style[1])


def test_skip_link_comes_first_and_moves_focus_to_content(page: Page, site_dir: Path) -> None:
    hold_engine(page)  # the engine plays no part here
    checked = 0
    for url in built_pages(site_dir):
        page.goto(url)
        if url == "404.html":
            # The not-found page has no headings, so Material renders no skip link there; its
            # whole content is two lines and the first Tab reaches the header.
            continue
        page.keyboard.press("Tab")
        skip = page.locator(".md-skip")
        assert page.evaluate("document.activeElement.classList.contains('md-skip')"), url
        # Visible on focus (Material fades it in) and with a focus ring.
        poll(page, "getComputedStyle(document.activeElement).opacity === '1'", 5)
        box = skip.bounding_box()
        assert box is not None
        assert box["y"] >= 0
        assert box["height"] > 10
        assert focus_ring(page)[0] != "none", url
        target = str(skip.get_attribute("href")).split("#", 1)[1]
        page.keyboard.press("Enter")
        # Focus moves to the content's first heading, and the next Tab stays in the content.
        try:
            poll(page, f"document.activeElement.id === {target!r}", 5)
        except AssertionError as error:
            raise AssertionError(f"/{url}: the skip link did not focus #{target}") from error
        assert page.evaluate("!!document.activeElement.closest('.md-content')"), url
        page.keyboard.press("Tab")
        in_content = "!!document.activeElement.closest('.md-content')"
        assert page.evaluate(in_content), f"/{url}: Tab after the skip link left the content"
        checked += 1
    assert checked >= 15


def test_quiz_works_by_keyboard_with_visible_focus(page: Page) -> None:
    page.goto("quiz/")
    assert wait_for_engine(page, "ready", "failed") == "ready"
    names = question_names(page)
    page.locator("[data-quiz-form] input[type=radio]").first.focus()
    answered: set[str] = set()
    for _ in range(len(names) * 3):
        active = page.evaluate("[document.activeElement.type, document.activeElement.name]")
        if active[0] != "radio":
            break
        assert focus_ring(page)[0] != "none"
        assert focus_ring(page)[1] >= 2
        page.keyboard.press("Space")  # choose the focused option, then on to the next question
        answered.add(active[1])
        page.keyboard.press("Tab")
    assert answered == set(names)
    assert page.evaluate("document.activeElement.matches('[data-quiz-submit]')")
    assert focus_ring(page)[0] != "none"
    page.keyboard.press("Enter")
    page.locator(RESULT).wait_for(state="visible")
    # The result takes focus, so a screen reader reads it next.
    poll(page, "document.activeElement.id === 'quiz-result-heading'", 10)


@pytest.mark.parametrize(("motion", "fast"), [("no-preference", False), ("reduce", True)])
def test_motion_is_reduced_on_request(
    browser: Browser, base_url: str, motion: str, fast: bool
) -> None:
    context = browser.new_context(base_url=base_url, reduced_motion=motion)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto("")
    # Material fades link colors in 125 ms; a reader who asked for less motion gets none.
    seconds = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-typeset a')).transitionDuration)"
    )
    context.close()
    assert (seconds < 0.001) is fast, seconds


def test_body_links_are_underlined(page: Page) -> None:
    page.goto("")
    decorations = page.evaluate(
        "[...document.querySelectorAll('.md-typeset p a')]"
        ".map((a) => getComputedStyle(a).textDecorationLine)"
    )
    assert decorations
    assert set(decorations) == {"underline"}
