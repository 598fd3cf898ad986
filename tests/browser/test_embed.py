"""The embeddable quiz (quiz/embed/) works inside an <iframe> on a host page, under the CSP."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from devtools.project import REPO_ROOT
from devtools.server import serve

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
    match = re.search(r"```html\n(<iframe .*?</iframe>)\n```", text, re.S)
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
