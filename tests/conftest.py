"""Session fixtures shared by the site and browser tests.

Standard library only: tests/quiz/ also runs inside Pyodide, which never loads these fixtures.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.dist import make_dist
from tests.support.server import free_port, serve
from tests.support.site import build_or_fail


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """The site built once per session, with site_url matching the test server's origin."""
    return build_or_fail(tmp_path_factory.mktemp("site"), site_url=f"http://127.0.0.1:{site_port}/")


@pytest.fixture(scope="session")
def base_url(site_dir: Path, site_port: int) -> Iterator[str]:
    """The built site served over HTTP; pytest-playwright's page.goto() resolves against it."""
    with serve(site_dir, port=site_port) as url:
        yield url


@pytest.fixture(scope="session")
def dist_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The release archive, written by `make dist` in a fresh copy of the project."""
    return make_dist(tmp_path_factory.mktemp("dist"))
