"""The site by keyboard where Material's layout changes: at 200% zoom and on a 320 px screen.

A keyboard walk presses Tab through a page and checks every stop: it can be seen (not in the
closed drawer, not in the closed search, not under the fixed header), it has a focus ring of at
least 3:1 against what lies behind it (WCAG 1.4.11, 2.4.7) and, if it is not a native control, a
role and a name. The drawer opens and closes by keyboard, the palette toggle says what it does,
stacked table cells say each column's name once, and scripted scrolling honors reduced motion.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.quiz_steps import hold_engine, poll

# A 1280 x 900 window at 200% zoom lays pages out in 640 x 450 CSS pixels, two device pixels
# each; 320 px is WCAG 1.4.10's narrowest width. Both get Material's drawer instead of sidebars.
VIEWS: dict[str, dict[str, Any]] = {
    "zoom200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
    "320px": {"viewport": {"width": 320, "height": 640}},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
NARROW = ("zoom200", "320px")
# prefers-color-scheme to emulate -> the Material scheme it selects
SCHEMES = {"light": "default", "dark": "slate"}
# The header, footer, body links, navigation and tables; a code block that scrolls sideways.
WALK_PAGES = ("", "side-by-side/", "use-at-your-organization/")
MAX_STOPS = 400

# What the focused element looks like, read in one evaluation. The ring of Material's palette
# toggle is drawn by the label after its (zero-sized) radio button. The background behind the
# ring is the first opaque one among the element's ancestors, with translucent ones laid over it.
STOP = r"""
() => {
  const a = document.activeElement;
  if (!a || a === document.body) return null;
  let ring = a;
  const own = a.getBoundingClientRect();
  if (own.width * own.height === 0 && a.nextElementSibling instanceof HTMLLabelElement) {
    ring = a.nextElementSibling;
  }
  const rect = ring.getBoundingClientRect();
  const parse = (c) => {
    const m = c.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  };
  const layers = [];
  for (let e = ring.parentElement; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c === null) return { error: "unparsed color " + getComputedStyle(e).backgroundColor };
    if (c[3] > 0) layers.push(c);
    if (c[3] === 1) break;
  }
  let bg = [255, 255, 255];
  for (const [r, g, b, alpha] of layers.reverse()) {
    bg = bg.map((under, i) => [r, g, b][i] * alpha + under * (1 - alpha));
  }
  const style = getComputedStyle(ring);
  const header = document.querySelector(".md-header");
  const hrect = header.getBoundingClientRect();
  // Nothing drawn over it: the middle of its part on screen hits it (or what it holds). Its
  // top edge is under the header if the header is what the browser finds there, unless it is
  // taller than the window below the header (its sides and ring still show).
  const [x0, y0] = [Math.max(rect.left, 0), Math.max(rect.top, 0)];
  const [x1, y1] = [Math.min(rect.right, innerWidth), Math.min(rect.bottom, innerHeight)];
  const at = (x, y) => (x1 > x0 && y1 > y0 ? document.elementFromPoint(x, y) : null);
  const mine = (e) => !e || ring.contains(e) || e.contains(ring) || a.contains(e);
  const hit = at((x0 + x1) / 2, (y0 + y1) / 2);
  const edge = at((x0 + x1) / 2, y0 + 1);
  const tall = rect.height > innerHeight - hrect.bottom;
  const describe = (e) => e && `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`;
  const native = a.matches("a[href], button, input, select, textarea, summary, iframe");
  return {
    what: `${a.tagName.toLowerCase()}${a.id ? "#" + a.id : ""}.${[...a.classList].join(".")} ` +
      `"${(a.getAttribute("aria-label") || a.textContent || "").trim().slice(0, 40)}"`,
    visible: ring.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
    inViewport: rect.width > 0 && rect.height > 0 && rect.right > 0 && rect.bottom > 0 &&
      rect.left < innerWidth && rect.top < innerHeight,
    covered: mine(hit) ? null : describe(hit),
    underHeader: !header.contains(a) && !tall && !mine(edge) && header.contains(edge),
    inDrawer: !!a.closest(".md-sidebar--primary"),
    outline: [style.outlineStyle, parseFloat(style.outlineWidth), parse(style.outlineColor)],
    background: bg,
    roleAndName: native || (a.hasAttribute("role") &&
      (a.hasAttribute("aria-label") || a.hasAttribute("aria-labelledby"))),
  };
}
"""


def luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def settle(page: Page) -> None:
    """Two animation frames: Material reacts to focus (it opens the search) in the first."""
    page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


def stop_problems(stop: dict[str, Any]) -> list[str]:
    problems = []
    if "error" in stop:
        return [stop["error"]]
    if not (stop["visible"] and stop["inViewport"]):
        problems.append("cannot be seen")
    if stop["underHeader"]:
        problems.append("hidden under the header")
    elif stop["covered"]:
        problems.append(f"covered by {stop['covered']}")
    style, width, color = stop["outline"]
    if style in ("none", "auto") or width < 2 or color is None:
        problems.append(f"no solid focus ring ({style} {width}px)")
    else:
        ratio = contrast(color, stop["background"])
        if ratio < 3:
            problems.append(f"focus ring {ratio:.2f}:1 against its background")
    if not stop["roleAndName"]:
        problems.append("no role and name")
    return problems


def walk(page: Page, key: str = "Tab") -> list[dict[str, Any]]:
    """Press key until focus comes back to the first stop; return every stop seen."""
    stops: list[dict[str, Any]] = []
    first = None
    for _ in range(MAX_STOPS):
        page.keyboard.press(key)
        settle(page)
        stop = page.evaluate(STOP)
        if stop is None:  # past the last stop, on the page itself
            break
        if stop.get("what") == first:
            break
        first = first or stop.get("what")
        stops.append(stop)
    else:
        raise AssertionError(f"more than {MAX_STOPS} tab stops")
    return stops


@pytest.fixture(params=sorted(SCHEMES))
def palette(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def new_context(browser: Browser, base_url: str, view: str, palette: str) -> BrowserContext:
    # Reduced motion: the walk reads each stop as it is drawn, not halfway through a fade.
    context = browser.new_context(
        base_url=base_url,
        color_scheme=palette,  # type: ignore[arg-type]
        reduced_motion="reduce",
        **VIEWS[view],
    )
    hold_engine(context)
    return context


@pytest.fixture
def view_context(
    browser: Browser, base_url: str, request: pytest.FixtureRequest, palette: str
) -> Iterator[BrowserContext]:
    context = new_context(browser, base_url, request.param, palette)
    yield context
    context.close()


@pytest.mark.parametrize("view_context", [*NARROW, "desktop"], indirect=True)
def test_keyboard_walk_sees_every_stop_with_a_ring(
    view_context: BrowserContext, palette: str, request: pytest.FixtureRequest
) -> None:
    """Forward through each page; at 200% zoom back up again as well, where the browser
    scrolls each stop just into view, at the top, where the fixed header is."""
    view = request.node.callspec.params["view_context"]
    page = view_context.new_page()
    found: list[str] = []
    for url in WALK_PAGES:
        page.goto(url)
        poll(page, f"document.body.dataset.mdColorScheme === {SCHEMES[palette]!r}", 10)
        stops = walk(page)
        assert len(stops) >= 10, (url, stops)
        if view == "zoom200":
            stops += walk(page, "Shift+Tab")
        for stop in stops:
            found += [f"/{url} {stop.get('what')}: {p}" for p in stop_problems(stop)]
    assert not found, "\n".join(found)


# The header's menu button, whatever element draws it.
MENU = ".md-header :is([for=__drawer], [data-a11y-menu])"


def menu_button(page: Page) -> dict[str, Any] | None:
    """Tab to the header's menu button; what it says it is."""
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate(f"!!document.activeElement.closest('{MENU}')"):
            return dict(
                page.evaluate(
                    "(() => { const a = document.activeElement; return {"
                    " button: a.matches('button, [role=button]'),"
                    " name: a.getAttribute('aria-label'),"
                    " expanded: a.getAttribute('aria-expanded')}; })()"
                )
            )
    return None


DRAWER_OPEN = "document.getElementById('__drawer').checked"
FOCUS_IN_DRAWER = "!!document.activeElement.closest('.md-sidebar--primary')"


@pytest.mark.parametrize("palette", ["light"])
@pytest.mark.parametrize(
    ("view_context", "key"), [("zoom200", "Enter"), ("320px", " ")], indirect=["view_context"]
)
def test_drawer_opens_and_closes_by_keyboard(view_context: BrowserContext, key: str) -> None:
    page = view_context.new_page()
    page.goto("side-by-side/")
    button = menu_button(page)
    assert button is not None, "Tab never reaches the menu button"
    assert button["button"]
    assert button["name"]
    assert button["expanded"] == "false"
    assert not page.evaluate(DRAWER_OPEN)
    page.keyboard.press(key)
    assert page.evaluate(DRAWER_OPEN)
    # Focus moves into the open drawer, whose links can now be seen and reached.
    poll(page, FOCUS_IN_DRAWER, 5)
    settle(page)
    stop = page.evaluate(STOP)
    assert not stop_problems(stop), stop
    # Every stop in the open drawer can be seen: none sits in a nested panel that is shut.
    problems: list[str] = []
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        settle(page)
        if not page.evaluate(FOCUS_IN_DRAWER):
            break
        stop = page.evaluate(STOP)
        problems += [f"{stop.get('what')}: {p}" for p in stop_problems(stop)]
    assert not problems, "\n".join(problems)
    page.locator(".md-sidebar--primary a[href]").first.focus()
    # Escape closes it and gives focus back to the button.
    page.keyboard.press("Escape")
    assert not page.evaluate(DRAWER_OPEN)
    assert page.evaluate(f"!!document.activeElement.closest('{MENU}')")
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"


# Each palette's toggle is named after the palette it switches to (mkdocs.yml).
TOGGLE_NAMES = {"default": "Switch to dark mode", "slate": "Switch to light mode"}


@pytest.mark.parametrize("view_context", ["desktop"], indirect=True)
def test_palette_toggle_says_what_it_does(view_context: BrowserContext, palette: str) -> None:
    """On a first visit (nothing stored) and on the next page (the choice stored)."""
    page = view_context.new_page()
    for url in ("", "faq/", "faq/"):
        page.goto(url)
        scheme = page.evaluate("document.body.dataset.mdColorScheme")
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('md-option')"):
                break
        else:
            raise AssertionError("Tab never reaches the palette toggle")
        name = page.evaluate("document.activeElement.getAttribute('aria-label')")
        assert name == TOGGLE_NAMES[scheme], f"/{url} in {scheme}"
        # A radio button: the one focused is the one checked, the palette shown.
        assert page.evaluate("document.activeElement.checked"), f"/{url} in {scheme}"
        page.keyboard.press("Enter")
        other = poll(
            page,
            f"document.body.dataset.mdColorScheme !== {scheme!r} && "
            "document.body.dataset.mdColorScheme",
            5,
        )
        assert TOGGLE_NAMES[scheme].endswith("dark mode" if other == "slate" else "light mode")


@pytest.mark.parametrize("palette", ["light"])
@pytest.mark.parametrize("view_context", ["320px"], indirect=True)
def test_stacked_table_cells_say_the_column_once(view_context: BrowserContext) -> None:
    """On a narrow screen the comparison table stacks its cells, each under a visible column
    name; a screen reader already announces the column header, so the drawn name is silent."""
    page = view_context.new_page()
    page.goto("side-by-side/")
    headers = page.locator(".guide-comparison thead th").all_inner_texts()
    cells = page.locator(".guide-comparison tbody tr").first.locator("td")
    assert cells.count() == 2
    for i in range(2):
        column = headers[i + 1].strip()
        assert column in ("Balance", "Integration"), headers
        # What the cell shows starts with the column's name ...
        drawn = page.evaluate(
            "([i]) => getComputedStyle(document.querySelectorAll("
            "'.guide-comparison tbody tr:first-child td')[i], '::before').content",
            [i],
        )
        assert column in drawn
        # ... but what it says does not: the word comes once, from the column header.
        spoken = cells.nth(i).aria_snapshot()
        text = cells.nth(i).text_content() or ""
        assert spoken.count(column) == text.count(column), spoken


# Recorded under a11y.js's wrapper, this sees the behavior the browser is finally asked for.
SPY = """
window.__scrolls = [];
const scrollTo = Element.prototype.scrollTo;
Element.prototype.scrollTo = function (...args) {
  window.__scrolls.push(args[0]?.behavior ?? "auto");
  return scrollTo.apply(this, args);
};
"""


@pytest.mark.parametrize(("motion", "smooth"), [("no-preference", True), ("reduce", False)])
def test_table_of_contents_scrolls_without_motion_on_request(
    browser: Browser, base_url: str, motion: str, smooth: bool
) -> None:
    """Material scrolls the table of contents along with the page (toc.follow), smoothly."""
    context = browser.new_context(
        base_url=base_url,
        reduced_motion=motion,  # type: ignore[arg-type]
        viewport={"width": 1280, "height": 400},
    )
    context.add_init_script(SPY)
    page = context.new_page()
    page.goto("sources/")
    toc = ".md-sidebar--secondary .md-sidebar__scrollwrap"
    assert page.evaluate(
        f"(() => {{ const t = document.querySelector('{toc}');"
        " return t.scrollHeight > t.clientHeight; })()"
    )
    page.wait_for_timeout(600)  # Material scrolls smoothly only after its first 250 ms
    tops = page.evaluate(
        f"""new Promise((resolve) => {{
          const t = document.querySelector('{toc}');
          const seen = [t.scrollTop];
          window.__scrolls.length = 0;
          window.scrollTo({{ top: document.body.scrollHeight, behavior: "instant" }});
          const started = performance.now();
          const sample = () => {{
            if (seen.at(-1) !== t.scrollTop) seen.push(t.scrollTop);
            if (performance.now() - started < 1500) requestAnimationFrame(sample);
            else resolve(seen);
          }};
          requestAnimationFrame(sample);
        }})"""
    )
    scrolls = page.evaluate("window.__scrolls")
    context.close()
    assert tops[-1] > tops[0], tops  # the table of contents followed the page
    assert ("smooth" in scrolls) is smooth, scrolls
    # Smooth passes through places between; a jump goes straight there, once per scroll asked.
    assert (len(tops) - 1 > len(scrolls)) is smooth, (tops, scrolls)


QUIZ_PAGE = "quiz/"

# Every kind of button the quiz draws on load: Material's outlined ones and the primary one.
BUTTON = r"""
(i) => {
  const b = [...document.querySelectorAll(".md-typeset :is(button, a).md-button")]
    .filter((e) => e.checkVisibility())[i];
  if (!b) return null;
  b.focus();
  const s = getComputedStyle(b);
  return { what: b.outerHTML.slice(0, 80), primary: b.matches(".md-button--primary"),
           text: s.color, fill: s.backgroundColor };
}
"""


@pytest.mark.parametrize("view_context", ["desktop"], indirect=True)
def test_focused_buttons_keep_a_visible_ring_and_readable_text(
    view_context: BrowserContext, palette: str
) -> None:
    """Focused, each button has a 3:1 ring, and its text stays readable on its fill (4.5:1):
    on the dark scheme a rule for resting outlined buttons once left teal text on orange."""
    page = view_context.new_page()
    page.goto(QUIZ_PAGE)
    poll(page, "document.querySelectorAll('.md-typeset .md-button').length > 0", 10)
    page.keyboard.press("Tab")  # a keyboard was used: focus() then draws :focus-visible
    found: list[str] = []
    kinds: set[bool] = set()
    for i in range(50):
        button = page.evaluate(BUTTON, i)
        if button is None:
            break
        kinds.add(button["primary"])
        page.wait_for_timeout(150)  # Material fades the colors in over 125 ms
        settle(page)
        stop = page.evaluate(STOP)
        found += [f"{button['what']}: {p}" for p in stop_problems(stop)]
        text = page.evaluate("getComputedStyle(document.activeElement).color")
        fill = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.color, s.backgroundColor]; })()"
        )
        rgb = [[float(x) for x in c[c.index("(") + 1 : -1].split(",")[:3]] for c in fill]
        alpha = fill[1].count(",") == 3 and float(fill[1][:-1].split(",")[3]) == 0
        ratio = contrast(rgb[0], stop["background"] if alpha else rgb[1])
        if ratio < 4.5:
            found.append(f"{button['what']}: text {ratio:.2f}:1 on its fill ({text})")
    assert False in kinds, "no outlined button was checked"
    assert not found, "\n".join(found)
