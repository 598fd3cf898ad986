"""The engine tests' site, served under its strict CSP, and one browser per engine.

Each engine's browser starts once for all of that engine's tests (WebKit's start alone is several
seconds); its wall time, start to stop, is printed at the end of the run.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devtools import chromium
from devtools.server import headers_from_file, serve
from tests.browser.test_embed import HOST_PAGE, snippet_from_docs
from tests.engines.drivers import ENGINES, Driver, launch
from tests.engines.record import RUNS, EngineRun

PROBE = Path(__file__).with_name("probe.js")
AGREE = Path(__file__).with_name("test_engines_agree.py")
PROBE_URL = "/__engine-probe.js"
# The pages the scenario opens; each gets the probe as its very first script.
PROBED_PAGES = ("quiz/index.html", "quiz/team-map/index.html", "quiz/embed/index.html")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "engines: drives Chromium, Firefox ESR and WebKitGTK")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.engines)
    # The comparison reads what every engine's scenario recorded: it goes last, whatever the order.
    items.sort(key=lambda item: item.path == AGREE)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Chromium is the system one, as in tests/browser (never a Playwright download)."""
    return {
        **browser_type_launch_args,
        "executable_path": chromium.EXECUTABLE,
        "args": list(chromium.ARGS),
    }


def with_probe(html: str) -> str:
    head = html.index("<head>") + len("<head>")
    return f'{html[:head]}<script src="{PROBE_URL}"></script>{html[head:]}'


@pytest.fixture(scope="session")
def engines_site(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the build with the probe in the quiz pages and an intranet page embedding it."""
    site = tmp_path_factory.mktemp("engines") / "site"
    shutil.copytree(site_dir, site)
    shutil.copy(PROBE, site / PROBE_URL.lstrip("/"))
    for page in PROBED_PAGES:
        path = site / page
        path.write_text(with_probe(path.read_text(encoding="utf-8")), encoding="utf-8")
    # The documented snippet, pointed at this copy: the host page sits one level below the root.
    snippet = snippet_from_docs()
    src = snippet.split('src="', 1)[1].split('"', 1)[0]
    (site / "intranet").mkdir()
    host = HOST_PAGE.format(snippet=snippet.replace(src, "../quiz/embed/"))
    # The site's icon, so the host page asks for no /favicon.ico (a 404 every engine reports).
    icon = '<link rel="icon" href="../assets/images/favicon.png">'
    host = host.replace("</head>", f"{icon}</head>")
    (site / "intranet" / "index.html").write_text(with_probe(host), encoding="utf-8")
    return site


@pytest.fixture(scope="session")
def engines_url(engines_site: Path) -> Iterator[str]:
    """The copy served with the response headers the build wrote (its strict CSP among them)."""
    headers = headers_from_file(engines_site / "_headers")
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    with serve(engines_site, headers=headers) as url:
        yield url


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[tuple[Driver, EngineRun]]:
    """One browser of each engine in turn, shared by a module's tests; timed start to stop."""
    name = str(request.param)
    chromium = request.getfixturevalue("browser") if name == "chromium" else None
    run = RUNS.setdefault(name, EngineRun(name))
    started = time.monotonic()
    try:
        with launch(name, chromium) as driver:
            run.steps["browser start"] = time.monotonic() - started
            yield driver, run
    finally:
        run.wall_s += time.monotonic() - started


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not RUNS:
        return
    write = terminalreporter.write_line
    terminalreporter.section("engine wall times (seconds)")
    for run in RUNS.values():
        steps = ", ".join(f"{step} {seconds:.1f}" for step, seconds in run.steps.items())
        write(f"{run.engine:<9} {run.wall_s:6.1f}   ({steps})")
