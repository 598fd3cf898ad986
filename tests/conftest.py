"""Session fixtures shared by the site and browser tests, and the `browser` marker.

Standard library only: tests/quiz/ also runs inside Pyodide, which never loads these fixtures.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
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


def made_once(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    make: Callable[[Path], Path],
) -> Path:
    """What make(folder) returns, made once per run even when pytest-xdist runs several workers.

    Workers share the parent of their temporary folders; the first to take the lock makes the
    thing and records where it is, the others wait and read that."""
    # Read from the environment, not xdist's worker_id fixture, so -p no:xdist works too.
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / f"{name}.path"
        if not done.exists():
            done.write_text(str(make(shared / name)))
        return Path(done.read_text())


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per run; its pages link relatively, so it works at any address."""
    return made_once(tmp_path_factory, "site", build_or_fail)


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site served over HTTP; pytest-playwright's page.goto() resolves against it."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def dist_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The release archive, written by `make dist` in a fresh copy of the project."""
    return made_once(tmp_path_factory, "dist", make_dist)
