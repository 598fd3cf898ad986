"""Session fixtures shared by the site and browser tests, and the `browser` marker.

Standard library only: tests/quiz/ also runs inside Pyodide, which never loads these fixtures.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.build import build_or_fail
from devtools.dist import make_dist
from devtools.server import serve

BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # `browser` means "drives Chromium": every test in tests/browser/, and any other test that
    # needs pytest-playwright (each browser, context and page fixture depends on `playwright`).
    # Tests that only build the site live elsewhere, so `-m "not browser"` runs them.
    for item in items:
        uses_playwright = "playwright" in getattr(item, "fixturenames", ())
        if uses_playwright or item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per session; its pages link relatively, so it works at any address."""
    return build_or_fail(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site served over HTTP; pytest-playwright's page.goto() resolves against it."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def dist_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The release archive, written by `make dist` in a fresh copy of the project."""
    return make_dist(tmp_path_factory.mktemp("dist"))
