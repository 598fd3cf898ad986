"""The release archive (make dist), unzipped and served as it is by Debian's nginx with the
archive's own server configuration: the quiz works under the CSP header with no violation."""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from devtools.dist import unpack
from devtools.nginx import NginxMissing, NginxServer
from tests.browser.quiz_steps import RESULT, finish_quiz, wait_for_engine


@pytest.fixture(scope="module")
def nginx_url(dist_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("nginx")
    site = unpack(dist_archive, tmp / "unpacked") / "site"
    try:
        server = NginxServer(site, work=tmp / "work")
    except NginxMissing as exc:
        pytest.fail(str(exc))
    with server:
        yield server.url


def engine_folder(url: str) -> str:
    """The engine's fingerprinted folder, as the built worker names it."""
    with urllib.request.urlopen(url + "assets/javascripts/engine-worker.js", timeout=5) as r:
        worker = r.read().decode("utf-8")
    found = re.search(r'"folder": "(pyodide-[0-9a-f]+/)"', worker)
    assert found, "the build did not name the engine folder in the worker"
    return "assets/engine/" + found.group(1)


def _head(url: str, **headers: str) -> dict[str, str]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:
        return {k.lower(): v for k, v in response.headers.items()}


def test_nginx_sends_the_policy_and_the_right_types(nginx_url: str, dist_archive: Path) -> None:
    policy_file = (
        unpack(dist_archive, dist_archive.parent / "check") / "site" / "csp" / "policy.txt"
    )
    policy = policy_file.read_text(encoding="utf-8").strip()
    page = _head(nginx_url + "quiz/")
    assert page["content-security-policy"] == policy
    assert page["x-content-type-options"] == "nosniff"
    engine = nginx_url + engine_folder(nginx_url)
    wasm = _head(engine + "pyodide.asm.wasm", **{"Accept-Encoding": "gzip"})
    assert wasm["content-type"] == "application/wasm"
    assert wasm.get("content-encoding") == "gzip"
    mjs = _head(engine + "pyodide.mjs")
    assert mjs["content-type"].startswith("text/javascript")


def test_quiz_works_from_the_archive_with_no_csp_violation(page: Page, nginx_url: str) -> None:
    messages: list[str] = []
    errors: list[str] = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security" in m.text else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(nginx_url + "quiz/")
    assert response is not None
    assert "content-security-policy" in response.headers
    assert wait_for_engine(page, "ready", "failed") == "ready"
    finish_quiz(page)
    expect(page.locator(RESULT)).to_be_visible()
    expect(page.locator(RESULT)).to_contain_text("Your result")
    assert messages == []
    assert errors == []
