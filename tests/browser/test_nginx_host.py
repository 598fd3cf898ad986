"""The built site as Debian's nginx serves it with the build's own server block (the browser
tests' shared host): headers, precompressed engine files, caching, and what a first visit to the
quiz costs on the wire. Byte counts are nginx's own (its access log), so they are exact."""

from __future__ import annotations

import gzip
import re
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser

from devtools.nginx import NginxServer
from tests.browser.quiz_steps import wait_for_engine

# The budget for the engine on a first visit (it was 13.6 MB, sent uncompressed).
ENGINE_BUDGET = 4_500_000
ENGINE_PATHS = ("/assets/engine/", "/assets/javascripts/engine-worker.js")


def engine_folder(site_dir: Path) -> str:
    (folder,) = (site_dir / "assets" / "engine").glob("pyodide-*")
    return f"assets/engine/{folder.name}/"


def fetch(url: str, **headers: str) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_pages_carry_the_policy_and_are_checked_again_each_time(
    nginx_site: NginxServer, site_dir: Path
) -> None:
    policy = (site_dir / "csp" / "policy.txt").read_text(encoding="utf-8").strip()
    for page in ("", "quiz/", "faq/"):
        headers, _ = fetch(nginx_site.url + page)
        assert headers["content-security-policy"] == policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["cache-control"] == "no-cache"
    headers, _ = fetch(nginx_site.url + "assets/javascripts/engine-worker.js")
    assert headers["cache-control"] == "no-cache", "the worker names the engine folder"


def test_the_engine_folder_is_cached_for_good_and_sent_precompressed(
    nginx_site: NginxServer, site_dir: Path
) -> None:
    folder = engine_folder(site_dir)
    for name, mime in (
        ("pyodide.asm.wasm", "application/wasm"),
        ("pyodide.asm.mjs", "text/javascript"),
        ("python_stdlib.zip", "application/zip"),
    ):
        headers, body = fetch(nginx_site.url + folder + name, **{"Accept-Encoding": "gzip"})
        assert headers["content-type"].startswith(mime), name
        assert headers["content-encoding"] == "gzip", name
        # gzip_static: the very bytes of the build's .gz copy, not a compression on the fly.
        assert body == (site_dir / folder / f"{name}.gz").read_bytes(), name
        assert gzip.decompress(body) == (site_dir / folder / name).read_bytes(), name
        assert headers["cache-control"] == "public, max-age=31536000, immutable", name
        assert headers["content-security-policy"], "the security headers are there too"
    headers, body = fetch(nginx_site.url + folder + "pyodide.asm.wasm")
    assert "content-encoding" not in headers, "a client that does not accept gzip gets it plain"
    assert body == (site_dir / folder / "pyodide.asm.wasm").read_bytes()


def test_a_first_visit_sends_the_engine_within_its_budget(
    browser: Browser, nginx_site: NginxServer, site_dir: Path
) -> None:
    context = browser.new_context()  # a new profile: nothing cached
    page = context.new_page()
    nginx_site.clear_sent()
    page.goto(nginx_site.url + "quiz/")
    assert wait_for_engine(page, "ready", "failed") == "ready"
    page.wait_for_timeout(300)  # nginx logs a response once it is sent
    context.close()
    paths = [s.path for s in nginx_site.sent]
    folder = "/" + engine_folder(site_dir)
    assert folder + "python_stdlib.zip" in paths, "the trimmed standard library"
    assert not [p for p in paths if p.endswith("pyodide-lock.json")], "no lock file is fetched"
    assert not [p for p in paths if re.search(r"/assets/engine/pyodide/", p)]
    engine = nginx_site.bytes_sent(ENGINE_PATHS)
    assert engine <= ENGINE_BUDGET, f"{engine:,} bytes for the engine"
