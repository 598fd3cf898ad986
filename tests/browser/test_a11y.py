"""Two accessibility engines, axe-core and HTML_CodeSniffer, find nothing on any built page, in
either palette, nor axe on the quiz in any state; the site works by keyboard with a visible focus
and a skip link; motion is reduced on request. (The keyboard walks at 200% zoom and 320 px are in
test_a11y_keyboard.py.)

axe runs with its default rule set (WCAG 2.0-2.2 A and AA, and best practices), with no
exclusions. HTML_CodeSniffer (pa11y's engine) runs its WCAG2AA standard in the same page load;
what it reports and what is left out, and why, is in HTMLCS_* below.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Browser, BrowserContext, Page, Route, ViewportSize

from devtools.project import REPO_ROOT
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

# HTML_CodeSniffer, injected the way axe-playwright-python injects axe (page.evaluate of the
# file's text, which the page's CSP does not govern).
HTMLCS_JS = (REPO_ROOT / "node_modules/html_codesniffer/build/HTMLCS.js").read_text()
HTMLCS_ERROR, HTMLCS_WARNING = 1, 2
# Errors left out, with the reason. Nothing else is.
HTMLCS_IGNORED_ERRORS = {
    # Technique H32 (a form has a submit button) stands for 3.2.2 On Input: a form must not
    # change the context unasked when a field changes. Material's two header forms submit
    # nothing and change no context: the palette form switches colors (a setting, announced by
    # the toggle's name), the search form shows results in place and Enter submits it anyway.
    "WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2": "header forms that change no context",
    # F77 (duplicate id, 4.1.1 Parsing): WCAG 2.2 removed 4.1.1, since browsers parse duplicate
    # ids the same way; what still harms is a duplicate that a label or an ARIA attribute points
    # at, which axe checks (duplicate-id-aria). Only the print page has some: the print-site
    # plugin numbers each page's code blocks "__code_<page>", and nothing refers to them.
    "WCAG2AA.Principle4.Guideline4_1.4_1_1.F77": "4.1.1 is obsolete; axe checks referenced ids",
}
# Warnings are HTML_CodeSniffer's "may be a problem" findings. Each code below was reviewed on
# every page where it appears; a new code fails the test until someone reviews it here.
HTMLCS_REVIEWED_WARNINGS = {
    # Contrast it cannot compute (translucent colors, positioned text): axe computes the drawn
    # colors for every text on every page here, and the keyboard walk those of every focus ring.
    "WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Alpha": "contrast checked by axe",
    "WCAG2AA.Principle1.Guideline1_4.1_4_3.G145.Alpha": "contrast checked by axe",
    "WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Abs": "contrast checked by axe",
    # "Bold text alone in a paragraph may be a heading": these are labels inside a card or a
    # list item (the decision guide's outcomes, the home page's three ways in), not sections.
    "WCAG2AA.Principle1.Guideline1_3.1_3_1.H42": "bold labels, not headings",
    # "A paragraph of links may be navigation": sentences with links in them ("See also: ...").
    "WCAG2AA.Principle1.Guideline1_3.1_3_1.H48": "links inside sentences",
    # "Radio buttons may need a fieldset": Material's palette toggle shows one button at a time,
    # named for what it does; a group name would add nothing.
    "WCAG2AA.Principle1.Guideline1_3.1_3_1.H71.SameName": "the palette toggle",
    # "position: fixed may need two-way scrolling" (1.4.10 Reflow): the skip link, the search
    # overlay, Material's dialog and back-to-top button. The keyboard walk at 320 px shows
    # every stop without sideways scrolling.
    "WCAG2AA.Principle1.Guideline1_4.1_4_10.C32,C31,C33,C38,SCR34,G206": "reflow tested at 320 px",
    # "A data table may need a caption": Markdown tables cannot have one; each sits under the
    # heading that says what it holds, and a11y.js names those that scroll after it.
    "WCAG2AA.Principle1.Guideline1_3.1_3_1.H39.3.NoCaption": "tables under their heading",
    # "An anchor with an id and no text": the print page's targets for links into it, empty on
    # purpose; they hold nothing to read.
    "WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.A.Empty": "the print page's link targets",
    # "A label for an id that does not exist": on the print page, which has no table of
    # contents, Material's navigation entry for the current page is a label for it; it reads
    # as the page's name and pressing it does nothing.
    "WCAG2AA.Principle1.Guideline1_3.1_3_1.H44.NonExistentFragment": "the print page's nav entry",
}
# Notices (type 3) are HTML_CodeSniffer's reminders of what only a person can check, such as
# "check that the page title describes the page"; they are not findings, so they are not read.
HTMLCS_RUN = """
new Promise((resolve) => HTMLCS.process("WCAG2AA", document, () => resolve(
  HTMLCS.getMessages()
    .filter((m) => m.type === 1 || m.type === 2)
    .map((m) => ({
      type: m.type,
      code: m.code,
      // An element that is not rendered (display: none) is not in the accessibility tree, so
      // nothing it lacks reaches a reader: Material's hidden toggle checkboxes, e.g. the
      // search's on the embed page, which has no search.
      rendered: m.element.nodeType !== 1 || m.element.checkVisibility(),
      where: m.element.nodeType === 1 ? m.element.outerHTML.slice(0, 80) : m.element.nodeName,
      msg: m.msg.slice(0, 120),
    }))
)))
"""


def htmlcs_findings(page: Page, label: str) -> list[str]:
    """HTML_CodeSniffer's errors, and its warnings of a code not yet reviewed, as lines."""
    page.evaluate(HTMLCS_JS)
    lines = []
    for m in page.evaluate(HTMLCS_RUN):
        if not m["rendered"]:
            continue
        if m["type"] == HTMLCS_ERROR and m["code"] in HTMLCS_IGNORED_ERRORS:
            continue
        if m["type"] == HTMLCS_WARNING and m["code"] in HTMLCS_REVIEWED_WARNINGS:
            continue
        kind = "error" if m["type"] == HTMLCS_ERROR else "warning"
        lines.append(f"{label}: HTMLCS {kind} {m['code']} at {m['where']!r}: {m['msg']}")
    return lines


# Resolves once two frames pass with no finite animation or transition running (at most 2 s).
SETTLED = """async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const until = performance.now() + 2000;
  for (;;) {
    await frame();
    await frame();
    const running = document.getAnimations()
      .filter((a) => a.playState === "running" && a.effect?.getTiming().iterations !== Infinity);
    if (!running.length || performance.now() > until) return;
    await Promise.all(running.map((a) => a.finished.catch(() => null)));
  }
}"""


def violations(page: Page, label: str) -> list[str]:
    """axe's violations on the page as readable lines: where, rule, impact, first nodes."""
    # Contrast is measured on what is drawn: let fade-ins (the quiz result's, Material's
    # back-to-top button after a focus move scrolled the page) finish first, including any that
    # start a frame or two late.
    page.evaluate(SETTLED)
    results = AXE.run(page)
    lines = []
    for v in results.response["violations"]:
        targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
        lines.append(f"{label}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes) at {targets}")
    return lines


def wait_for_palette(page: Page, scheme: str) -> None:
    """Wait until Material has applied the palette that the emulated color scheme selects.

    Every page follows it, the embed page (quiz/embed/, no header, no switch shown) too.
    """
    poll(page, f"document.body.dataset.mdColorScheme === {scheme!r}", timeout_s=10)


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
    """Every page, by both engines; axe on a phone-sized screen too, where Material's layout
    (drawer, tables that scroll sideways) differs. One page load serves every check of it."""
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
        label = f"/{url} [{palette}{', phone' if phone else ''}]"
        found += violations(page, label)
        if not phone:
            found += htmlcs_findings(page, label)
        if palette == "light" and not phone:
            found += skip_link_problems(page, url)
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


def skip_link_problems(page: Page, url: str) -> list[str]:
    """The skip link comes first, shows with a focus ring and moves focus to the content.

    Run on a page just loaded and checked by the engines (so it costs no page load of its own).
    """
    if url == "404.html":
        # The not-found page has no headings, so Material renders no skip link there; its
        # whole content is two lines and the first Tab reaches the header.
        return []
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    if not page.evaluate("document.activeElement.classList.contains('md-skip')"):
        return [f"/{url}: the first Tab does not reach the skip link"]
    # Visible on focus (Material fades it in) and with a focus ring.
    poll(page, "getComputedStyle(document.activeElement).opacity === '1'", 5)
    box = skip.bounding_box()
    assert box is not None
    problems = []
    if box["y"] < 0 or box["height"] <= 10:
        problems.append(f"/{url}: the skip link is not on screen: {box}")
    if focus_ring(page)[0] == "none":
        problems.append(f"/{url}: the skip link has no focus ring")
    target = str(skip.get_attribute("href")).split("#", 1)[1]
    page.keyboard.press("Enter")
    # Focus moves to the content's first heading, and the next Tab stays in the content.
    try:
        poll(page, f"document.activeElement.id === {target!r}", 5)
    except AssertionError:
        return [*problems, f"/{url}: the skip link did not focus #{target}"]
    in_content = "!!document.activeElement.closest('.md-content')"
    if not page.evaluate(in_content):
        problems.append(f"/{url}: the skip link's target is not in the content")
    page.keyboard.press("Tab")
    if not page.evaluate(in_content):
        problems.append(f"/{url}: Tab after the skip link left the content")
    return problems


def test_quiz_works_by_keyboard_with_visible_focus(page: Page) -> None:
    page.goto("quiz/")
    assert wait_for_engine(page, "ready", "failed") == "ready"
    names = question_names(page)
    page.locator("[data-quiz-form] input[type=radio]").first.focus()
    answered: set[str] = set()
    for _ in range(len(names) * 3):
        active = page.evaluate("[document.activeElement.type, document.activeElement.name]")
        if page.evaluate("document.activeElement.matches('[data-quiz-back]')"):
            page.keyboard.press("Tab")  # one step per screen: past Back to Next
            continue
        if page.evaluate("document.activeElement.matches('[data-quiz-next]')"):
            assert focus_ring(page)[0] != "none"
            page.keyboard.press("Enter")  # the next step, its heading focused
            page.keyboard.press("Tab")  # into its first question
            continue
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
