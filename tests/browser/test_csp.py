"""The site works under the Content-Security-Policy its build computes, served as a real header.

Every page loads, links lead from page to page, search runs and the quiz finishes with no
`securitypolicyviolation` event, no console error (page or worker) and no request to any other
host. Pages without the quiz or team map never fetch the engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Route, Worker, expect

from devtools.server import headers_from_file, serve
from tests.browser.quiz_steps import built_pages, finish_quiz, poll, wait_for_engine

ENGINE_FILES = re.compile(
    r"/assets/engine/|/(engine-start|engine-client|engine-worker|quiz-form)\.js"
)
# A page with one of these elements loads the engine on purpose (the quiz, its embed, team map).
ENGINE_PAGE = re.compile(r"<[^>]*\sdata-(?:quiz|team-map)[\s>]")

LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:` +
      `${e.lineNumber} ${e.sample}`,
  );
});
"""


@dataclass
class Served:
    url: str
    site_dir: Path
    headers: dict[str, str]


@pytest.fixture(scope="module")
def csp_site(site_dir: Path) -> Iterator[Served]:
    headers = headers_from_file(site_dir / "_headers")
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    with serve(site_dir, headers=headers) as url:
        yield Served(url, site_dir, headers)


@dataclass
class Problems:
    console: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    # Every request the context saw, the worker's included, in order.
    requests: list[str] = field(default_factory=list)

    def watch_worker(self, worker: Worker) -> None:
        worker.on("console", lambda msg: self.on_console(msg, f"worker {worker.url}"))

    def on_console(self, msg: ConsoleMessage, where: str = "page") -> None:
        if msg.type == "error":
            self.console.append(f"{where}: {msg.text}")


@pytest.fixture
def watched(browser: Browser, csp_site: Served) -> Iterator[tuple[BrowserContext, Problems]]:
    context = browser.new_context(base_url=csp_site.url)
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    problems = Problems()

    def only_this_site(route: Route) -> None:
        problems.requests.append(route.request.url)
        if route.request.url.startswith(csp_site.url):
            route.continue_()
        else:
            problems.foreign_requests.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_site)
    context.on("console", problems.on_console)
    context.on("weberror", lambda error: problems.console.append(f"uncaught: {error.error}"))
    context.on("page", lambda page: page.on("worker", problems.watch_worker))
    yield context, problems
    context.close()


def csp_violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__cspViolations"))


def assert_clean(page: Page, problems: Problems, where: str) -> None:
    violations = csp_violations(page)
    assert not violations, f"{where}: CSP violations:\n" + "\n".join(violations)
    assert not problems.console, f"{where}: console errors:\n" + "\n".join(problems.console)
    assert not problems.foreign_requests, f"{where}: requests to other hosts: " + ", ".join(
        problems.foreign_requests
    )


def test_the_header_is_enforced(watched: tuple[BrowserContext, Problems]) -> None:
    """Guards the other tests: an inline script of our own making is refused and reported."""
    context, _ = watched
    page = context.new_page()
    response = page.goto("")
    assert response is not None
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    ran = page.evaluate(
        "(() => { const s = document.createElement('script');"
        " s.textContent = 'window.__injected = 1'; document.body.append(s);"
        " return window.__injected === 1; })()"
    )
    assert ran is False
    poll(page, "window.__cspViolations.length", 5)
    assert "script-src-elem" in csp_violations(page)[0]


def loads_the_engine(site_dir: Path, url: str) -> bool:
    path = site_dir / (url + "index.html" if url == "" or url.endswith("/") else url)
    return bool(ENGINE_PAGE.search(path.read_text(encoding="utf-8")))


def test_every_page_loads_without_violations(
    watched: tuple[BrowserContext, Problems], csp_site: Served
) -> None:
    context, problems = watched
    page = context.new_page()
    pages = built_pages(csp_site.site_dir)
    assert len(pages) >= 15
    plain = [url for url in pages if not loads_the_engine(csp_site.site_dir, url)]
    assert "" in plain
    assert "faq/" in plain
    assert "quiz/" not in plain
    for url in pages:
        first_request = len(problems.requests)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if page.locator("[data-quiz]").count():
            assert wait_for_engine(page, "ready", "failed") == "ready", url
        assert_clean(page, problems, f"/{url}")
        if url in plain:
            fetched = problems.requests[first_request:]
            assert any(u.endswith("/boot.js") for u in fetched), url  # the log does see scripts
            assert not [u for u in fetched if ENGINE_FILES.search(u)], f"/{url} fetched the engine"


def test_links_and_search_under_the_policy(watched: tuple[BrowserContext, Problems]) -> None:
    context, problems = watched
    page = context.new_page()
    page.goto("")
    for path in ("side-by-side/", "faq/", "sources/"):
        page.locator(f".md-nav--primary a.md-nav__link[href$='{path}']").first.click()
        page.wait_for_url(f"**/{path}")
        page.wait_for_load_state("networkidle")
        assert_clean(page, problems, path)

    # Search runs in its own worker, under the same policy.
    page.keyboard.press("/")
    page.keyboard.type("boundaries")  # Material searches on key events, not on fill()
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.keyboard.press("Escape")
    assert_clean(page, problems, "search")


def test_quiz_finishes_under_the_policy(
    watched: tuple[BrowserContext, Problems],
) -> None:
    context, problems = watched
    page = context.new_page()
    page.goto("")
    # Reached by a link, as a reader coming from the home page would.
    page.locator(".md-nav--primary a.md-nav__link[href$='quiz/']").first.click()
    page.locator("[data-quiz]").wait_for()
    assert wait_for_engine(page, "ready", "failed") == "ready"
    finish_quiz(page)
    page.locator("[data-quiz-share]").click()
    expect(page.locator("[data-quiz-share-link]")).not_to_have_value("")
    assert_clean(page, problems, "quiz")
    # The route sees the worker's requests too: the engine came from this site, not elsewhere.
    assert any(url.endswith("/pyodide.asm.wasm") for url in problems.requests)
    assert any(url.endswith(".whl") for url in problems.requests)
