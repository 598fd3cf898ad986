"""Playwright drives the system Chromium; no test tool may download a browser here. The browser
tests' shared site is served by Debian's nginx with the build's own server block (headers, CSP,
gzip, caching), as a real host serves it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devtools import chromium
from devtools.nginx import NginxMissing, NginxServer


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": chromium.EXECUTABLE,
        "args": list(chromium.ARGS),
    }


@pytest.fixture(scope="session")
def nginx_site(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NginxServer]:
    """The session's site, served by nginx with its csp/nginx-server.conf."""
    try:
        server = NginxServer(site_dir, work=tmp_path_factory.mktemp("nginx"))
    except NginxMissing as exc:
        pytest.fail(str(exc))
    with server:
        yield server


@pytest.fixture(scope="session")
def base_url(nginx_site: NginxServer) -> str:
    """pytest-playwright's page.goto() resolves against it (tests/conftest.py's, on nginx)."""
    return nginx_site.url
