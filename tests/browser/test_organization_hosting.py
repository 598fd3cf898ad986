"""The release archive (make dist), unzipped and served as it is by Debian's nginx with the
archive's own server configuration: the quiz works under the CSP header with no violation."""

from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from devtools.dist import unpack
from devtools.server import free_port
from tests.browser.quiz_steps import RESULT, finish_quiz, wait_for_engine

NGINX = Path("/usr/sbin/nginx")
MAIN_CONF = """\
daemon off;
worker_processes 1;
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/server.conf;
}}
"""


def server_conf(example: str, *, port: int, site: Path) -> str:
    """The archive's nginx-server.conf with its CHANGE lines set for this test."""
    lines = []
    for line in example.splitlines():
        if "# CHANGE" in line:
            line = line.split("#", 1)[0].rstrip()
            line = re.sub(r"listen \S+;", f"listen 127.0.0.1:{port};", line)
            line = re.sub(r"server_name \S+;", "server_name localhost;", line)
            line = re.sub(r"root \S+;", f"root {site};", line)
            line = re.sub(r"include \S+/csp/nginx\.conf;", f"include {site}/csp/nginx.conf;", line)
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def nginx_url(dist_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not NGINX.exists():
        pytest.fail("nginx is missing: run `make nginx` (apt-get install -y nginx)")
    tmp = tmp_path_factory.mktemp("nginx")
    site = unpack(dist_archive, tmp / "unpacked") / "site"
    example = (site / "csp" / "nginx-server.conf").read_text(encoding="utf-8")
    port = free_port()
    (tmp / "server.conf").write_text(server_conf(example, port=port, site=site))
    # Run as root (as in a container), the workers must be allowed to read the temp folder.
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(MAIN_CONF.format(tmp=tmp, user=user))
    proc = subprocess.Popen(
        [str(NGINX), "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log = (tmp / "error.log").read_text() if (tmp / "error.log").exists() else ""
                    raise RuntimeError(f"nginx did not start: {log}") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


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
    wasm = _head(
        nginx_url + "assets/engine/pyodide/pyodide.asm.wasm", **{"Accept-Encoding": "gzip"}
    )
    assert wasm["content-type"] == "application/wasm"
    assert wasm.get("content-encoding") == "gzip"
    mjs = _head(nginx_url + "assets/engine/pyodide/pyodide.mjs")
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
