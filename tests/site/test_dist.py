"""`make dist`: a versioned, ready-to-host zip of the built site, its server settings and a
hosting note. tests/browser/test_organization_hosting.py serves it with nginx."""

from __future__ import annotations

import gzip
import re
import zipfile
from pathlib import Path

import brotli  # type: ignore[import-untyped]

from devtools.project import REPO_ROOT


def test_archive_is_named_by_the_version(dist_archive: Path) -> None:
    version = (REPO_ROOT / "VERSION").read_text(encoding="utf-8").strip()
    assert dist_archive.name == f"balance-or-blend-{version}.zip"


def test_archive_holds_the_site_server_settings_and_note(dist_archive: Path) -> None:
    with zipfile.ZipFile(dist_archive) as zf:
        names = set(zf.namelist())
        top = dist_archive.stem
        for name in (
            "HOSTING.md",
            "site/index.html",
            "site/quiz/index.html",
            "site/quiz/embed/index.html",
            "site/workshop/deck/index.html",
            "site/_headers",
            "site/csp/nginx.conf",
            "site/csp/nginx-server.conf",
            "site/csp/apache.conf",
            "site/csp/policy.txt",
            "site/assets/javascripts/embed-host.js",
        ):
            assert f"{top}/{name}" in names, name
        assert all(name.startswith(f"{top}/") for name in names)
        note = zf.read(f"{top}/HOSTING.md").decode("utf-8")
        (wasm_name,) = [n for n in names if re.search(r"/engine/pyodide-[0-9a-f]+/[^/]+\.wasm$", n)]
        wasm = zf.read(wasm_name)
        packed = zf.read(wasm_name + ".gz")
        squeezed = zf.read(wasm_name + ".br")
    assert f"Hosting Balance or Blend {top.rsplit('-', 1)[1]}" in note
    assert "csp/nginx-server.conf" in note
    assert gzip.decompress(packed) == wasm
    assert brotli.decompress(squeezed) == wasm


def test_nginx_example_serves_pyodide_types_and_precompressed_files(dist_archive: Path) -> None:
    with zipfile.ZipFile(dist_archive) as zf:
        server = zf.read(f"{dist_archive.stem}/site/csp/nginx-server.conf").decode("utf-8")
    assert "gzip_static on;" in server
    assert "text/javascript mjs;" in server
    assert "application/wasm wasm;" in server
    assert "include /srv/balance-or-blend/site/csp/nginx.conf;" in server
