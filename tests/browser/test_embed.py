"""The embeddable quiz (quiz/embed/) works inside an <iframe> on a host page, under the CSP."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from devtools.project import REPO_ROOT
from devtools.server import free_port, serve

ENGINE_TIMEOUT_MS = 90_000
HOST_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Intranet: well-being</title></head>
<body>
<h1>Well-being at Example Corp</h1>
{snippet}
</body>
</html>
"""


def snippet_from_docs() -> str:
    """The copy-paste snippet exactly as docs/use-at-your-organization.md gives it."""
    text = (REPO_ROOT / "docs" / "use-at-your-organization.md").read_text(encoding="utf-8")
    match = re.search(r"```html\n(<iframe .*?</iframe>)\n", text, re.S)
    assert match, "the page has no iframe snippet"
    return match.group(1)


@pytest.fixture(scope="module")
def host_url(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("embed") / "site"
    shutil.copytree(site_dir, site)
    # The documented snippet, pointed at this copy: the host page sits one level below the root.
    snippet = re.sub(r'src="[^"]*/quiz/embed/"', 'src="../quiz/embed/"', snippet_from_docs())
    (site / "intranet").mkdir()
    (site / "intranet" / "index.html").write_text(HOST_PAGE.format(snippet=snippet))
    policy = (site / "csp" / "policy.txt").read_text(encoding="utf-8").strip()
    with serve(site, headers={"Content-Security-Policy": policy}) as url:
        yield url + "intranet/"


def test_quiz_completes_inside_the_frame(page: Page, host_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(host_url)
    frame = page.frame_locator("iframe")
    expect(frame.locator("h1")).to_have_text(re.compile("Where do you stand"))

    questions = frame.locator("fieldset[data-question]")
    count = questions.count()
    assert count > 5
    for index in range(count):
        options = questions.nth(index).locator("input[type=radio]")
        if not options.first.is_visible():  # one step per screen: on to the next step
            frame.locator("[data-quiz-next]").click()
        options.nth(index % options.count()).check()
    frame.locator("[data-quiz-submit]").click()
    result = frame.locator("[data-quiz-result]")
    expect(result).to_be_visible(timeout=ENGINE_TIMEOUT_MS)
    guide_link = result.locator("[data-slug] a").first
    expect(guide_link).to_be_visible()
    # Framed, a link to the guide opens a new tab instead of replacing the host's frame.
    expect(guide_link).to_have_attribute("target", "_blank")
    expect(guide_link).to_have_attribute("rel", "noopener")
    assert errors == []


def test_frame_has_no_site_chrome_and_links_leave_the_frame(page: Page, host_url: str) -> None:
    page.goto(host_url)
    frame = page.frame_locator("iframe")
    expect(frame.locator("[data-quiz]")).to_have_count(1)
    for chrome in (".md-tabs", ".md-sidebar", ".md-footer", ".md-search", "nav"):
        expect(frame.locator(chrome)).to_have_count(0)
    # Material's script needs a header element; it is empty and hidden.
    expect(frame.locator(".md-header")).to_be_hidden()
    expect(frame.locator(".md-header > *")).to_have_count(0)
    # No <base target="_blank">: it would send the skip link and in-page anchors to a new tab.
    expect(frame.locator("base")).to_have_count(0)
    # The frame fits: no horizontal scrolling at a narrow intranet column width.
    page.set_viewport_size({"width": 480, "height": 900})
    width = frame.locator("html").evaluate("e => e.scrollWidth - e.clientWidth")
    assert width <= 0


def test_another_origin_is_refused_by_default(page: Page, host_url: str, tmp_path: Path) -> None:
    # frame-ancestors 'self' unless the build names the intranet in CSP_FRAME_ANCESTORS.
    embed = host_url.replace("intranet/", "quiz/embed/")
    (tmp_path / "index.html").write_text(
        HOST_PAGE.format(snippet=f'<iframe src="{embed}" title="quiz"></iframe>')
    )
    with serve(tmp_path) as other:
        refused: list[str] = []
        page.on(
            "console", lambda m: refused.append(m.text) if "frame-ancestors" in m.text else None
        )
        page.goto(other)
        page.wait_for_timeout(1000)
        frame = page.frame_locator("iframe")
        expect(frame.locator("[data-quiz]")).to_have_count(0)
        assert refused, "the browser did not report the frame-ancestors refusal"


def host_script_from_docs() -> str:
    """The <script> line the docs give for the host page, next to the iframe."""
    text = (REPO_ROOT / "docs" / "use-at-your-organization.md").read_text(encoding="utf-8")
    match = re.search(
        r'(<script src="[^"]*/assets/javascripts/embed-host\.js"[^>]*></script>)', text
    )
    assert match, "the page has no embed-host.js snippet"
    return match.group(1)


@pytest.fixture(scope="module")
def sized_host_url(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A host page with the documented iframe and host script, under the site's own CSP."""
    site = tmp_path_factory.mktemp("embed-sized") / "site"
    shutil.copytree(site_dir, site)
    snippet = re.sub(r'src="[^"]*/quiz/embed/"', 'src="../quiz/embed/"', snippet_from_docs())
    script = re.sub(r'src="[^"]*/assets/', 'src="../assets/', host_script_from_docs())
    (site / "intranet").mkdir()
    (site / "intranet" / "index.html").write_text(HOST_PAGE.format(snippet=snippet + script))
    policy = (site / "csp" / "policy.txt").read_text(encoding="utf-8").strip()
    with serve(site, headers={"Content-Security-Policy": policy}) as url:
        yield url + "intranet/"


def _frame_fits(page: Page) -> dict[str, float]:
    frame = page.frame_locator("iframe")
    inner = frame.locator("html").evaluate(
        "e => ({scroll: e.scrollHeight, client: e.clientHeight,"
        " body: Math.ceil(document.body.getBoundingClientRect().height)})"
    )
    # The iframe's inner height, without its border.
    return {**inner, "frame": page.locator("iframe").evaluate("e => e.clientHeight")}


def _wait_until_fitted(page: Page, timeout_s: float = 10) -> dict[str, float]:
    deadline = time.monotonic() + timeout_s
    sizes = _frame_fits(page)
    while time.monotonic() < deadline:
        sizes = _frame_fits(page)
        if sizes["scroll"] <= sizes["client"] and abs(sizes["frame"] - sizes["body"]) <= 2:
            return sizes
        page.wait_for_timeout(200)
    raise AssertionError(f"the frame did not fit its content: {sizes}")


def test_frame_sizes_itself_to_its_content(page: Page, sized_host_url: str) -> None:
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    page.goto(sized_host_url)
    frame = page.frame_locator("iframe")
    expect(frame.locator("[data-quiz]")).to_have_count(1)
    # Measure the layout a reader gets, one step per screen, not the list the page shows first.
    expect(frame.locator(".quiz--steps")).to_have_count(1)
    sizes = _wait_until_fitted(page)
    # The quiz is far taller than the snippet's fallback height of 900 pixels.
    assert sizes["frame"] > 1500, sizes
    assert page.locator("iframe").get_attribute("scrolling") == "no"

    # The frame follows the content as it changes: answering all and showing the result.
    questions = frame.locator("fieldset[data-question]")
    for index in range(questions.count()):
        first = questions.nth(index).locator("input[type=radio]").first
        if not first.is_visible():  # one step per screen: on to the next step
            frame.locator("[data-quiz-next]").click()
        first.check()
    frame.locator("[data-quiz-submit]").click()
    expect(frame.locator("[data-quiz-result]")).to_be_visible(timeout=ENGINE_TIMEOUT_MS)
    after = _wait_until_fitted(page)
    assert after["frame"] > sizes["frame"], (sizes, after)
    assert violations == []


def test_host_ignores_height_messages_from_elsewhere(page: Page, sized_host_url: str) -> None:
    page.goto(sized_host_url)
    before = _wait_until_fitted(page)["frame"]
    # A message from the host page itself (not the frame's window) is not believed.
    page.evaluate(
        "window.postMessage({type: 'balance-or-blend:height', height: 123}, window.location.origin)"
    )
    page.wait_for_timeout(500)
    assert page.locator("iframe").evaluate("e => e.clientHeight") == before


def test_another_origin_frames_and_sizes_it_with_its_own_headers(
    page: Page, site_dir: Path, tmp_path: Path
) -> None:
    """No rebuild: the guide's server sends frame-ancestors naming the intranet, the intranet
    page on another origin loads the host script from the guide and the frame fits."""
    host_port = free_port()
    intranet = f"http://127.0.0.1:{host_port}"
    policy = (site_dir / "csp" / "policy.txt").read_text(encoding="utf-8").strip()
    assert "frame-ancestors 'self'" in policy
    widened = policy.replace("frame-ancestors 'self'", f"frame-ancestors 'self' {intranet}")
    with serve(site_dir, headers={"Content-Security-Policy": widened}) as guide:
        snippet = re.sub(
            r'src="[^"]*/quiz/embed/"', f'src="{guide}quiz/embed/"', snippet_from_docs()
        )
        script = re.sub(r'src="[^"]*/assets/', f'src="{guide}assets/', host_script_from_docs())
        (tmp_path / "index.html").write_text(HOST_PAGE.format(snippet=snippet + script))
        with serve(tmp_path, port=host_port) as host:
            page.goto(host)
            expect(page.frame_locator("iframe").locator("[data-quiz]")).to_have_count(1)
            sizes = _wait_until_fitted(page)
            assert sizes["frame"] > 1500, sizes
