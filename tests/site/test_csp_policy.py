"""The Content-Security-Policy the build writes is strict, complete and the same for every host.

The inline scripts are found here with a plain regular expression, independently of the hook's
HTML parser, so a parser bug in the hook cannot hide a missing hash.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from devtools.build import build_site, copy_project
from devtools.project import REPO_ROOT
from tests.site.conftest import FRAME_ANCESTORS

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
DATA_TYPES = {"application/json", "application/ld+json"}
OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def sha256_source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def directives(policy: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"directive {name} given twice"
        parsed[name] = sources
    return parsed


def inline_hashes(site_dir: Path) -> tuple[set[str], set[str], int]:
    """Hashes of executed inline scripts and of <style> elements, and the number of pages."""
    scripts: set[str] = set()
    styles: set[str] = set()
    pages = sorted(site_dir.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for attrs, body in SCRIPT.findall(html):
            type_match = re.search(r'\btype="([^"]*)"', attrs)
            if "src=" in attrs or (type_match and type_match.group(1) in DATA_TYPES):
                continue
            scripts.add(sha256_source(body))
        styles.update(sha256_source(body) for body in STYLE.findall(html))
    return scripts, styles, len(pages)


@pytest.fixture(scope="module")
def policy(site_dir: Path) -> str:
    text = (site_dir / "csp" / "policy.txt").read_text(encoding="utf-8")
    assert text.count("\n") == 1, "policy.txt is one line"
    assert text.endswith("\n")
    return text.strip()


def test_script_src_is_strict(policy: str) -> None:
    d = directives(policy)
    script_src = d["script-src"]
    assert script_src[:2] == ["'self'", "'wasm-unsafe-eval'"]
    for weak in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "blob:"):
        assert weak not in script_src
    assert all(s.startswith("'sha256-") for s in script_src[2:])
    assert "'unsafe-inline'" not in d["style-src"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy


def test_policy_has_every_directive(policy: str) -> None:
    d = directives(policy)
    assert d["default-src"] == ["'self'"]
    assert d["worker-src"] == ["'self'"]
    assert d["connect-src"] == ["'self'"]
    assert d["img-src"] == ["'self'", "data:"]
    assert d["style-src"][0] == "'self'"
    assert d["font-src"] == ["'self'"]
    assert d["object-src"] == ["'none'"]
    assert d["base-uri"] == ["'self'"]
    assert d["form-action"] == ["'self'"]
    assert d["frame-ancestors"] == ["'self'"]


def test_policy_hashes_exactly_the_inline_code_of_every_page(site_dir: Path, policy: str) -> None:
    scripts, styles, pages = inline_hashes(site_dir)
    assert pages >= 15
    # Material's head script differs by page depth, and there are always the palette and
    # tabbed-anchor scripts: at least three distinct inline scripts.
    assert len(scripts) >= 3
    d = directives(policy)
    assert set(d["script-src"][2:]) == scripts, "a hash is missing or no longer needed"
    assert set(d["style-src"][1:]) == styles


def parse_headers_file(text: str) -> dict[str, str]:
    """The headers of the file's first block, which must be the one for every path."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    assert lines[0] == "/*", "the headers apply to every path"
    block = []
    for line in lines[1:]:
        if not line.startswith(" "):
            break  # the next path's block
        block.append(line)
    return dict(ln.strip().split(": ", 1) for ln in block)


def parse_nginx(text: str) -> dict[str, str]:
    return dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', text, re.MULTILINE))


def parse_apache(text: str) -> dict[str, str]:
    return dict(re.findall(r'^\s*Header always set (\S+) "([^"]*)"$', text, re.MULTILINE))


def test_header_files_agree(site_dir: Path, policy: str) -> None:
    expected = {"Content-Security-Policy": policy, **OTHER_HEADERS}
    headers = parse_headers_file((site_dir / "_headers").read_text(encoding="utf-8"))
    nginx = parse_nginx((site_dir / "csp" / "nginx.conf").read_text(encoding="utf-8"))
    apache = parse_apache((site_dir / "csp" / "apache.conf").read_text(encoding="utf-8"))
    assert headers == expected
    assert nginx == expected
    assert apache == expected


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("csp_hook", REPO_ROOT / "hooks" / "csp.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the hook loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    return load_hook()


def test_hash_matches_the_browser_definition(hook: Any) -> None:
    # The CSP3 example: alert('Hello, world.'); hashes to this value in every browser.
    assert hook.script_hash("alert('Hello, world.');") == (
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )
    assert hook.script_hash("a\r\nb") == hook.script_hash("a\nb")


@pytest.mark.parametrize(
    ("attrs", "executed"),
    [
        ({}, True),
        ({"type": "module"}, True),
        ({"type": "text/javascript"}, True),
        ({"type": " Text/JavaScript "}, True),
        ({"type": "importmap"}, True),
        ({"type": "application/json"}, False),
        ({"type": "application/ld+json"}, False),
        ({"src": "x.js"}, False),
    ],
)
def test_which_scripts_need_a_hash(hook: Any, attrs: dict[str, str], executed: bool) -> None:
    assert hook.is_executed_script(attrs) is executed


def test_scanner_reports_what_no_hash_can_allow(hook: Any) -> None:
    scanner = hook.scan_page(
        '<button onclick="go()">Go</button><p style="color:red">x</p>'
        '<a href=" JavaScript:void(0)">y</a><script type="application/json">{"a":1}</script>'
        "<script>run()</script><style>p{}</style>"
    )
    assert scanner.scripts == ["run()"]
    assert scanner.styles == ["p{}"]
    assert len(scanner.problems) == 3
    assert "onclick" in scanner.problems[0]
    assert "style" in scanner.problems[1]
    assert "javascript:" in scanner.problems[2]


@pytest.mark.parametrize(
    "value",
    [
        "'self'",
        "'none'",
        "'self' https://intranet.example.org",
        "https://*.example.org:8443",
        "'self' https:",
    ],
)
def test_frame_ancestors_accepts_sources(hook: Any, value: str, monkeypatch: Any) -> None:
    monkeypatch.setenv("CSP_FRAME_ANCESTORS", value)
    assert hook.frame_ancestors(_FakeConfig()) == value


@pytest.mark.parametrize(
    "value",
    [
        "'self'; script-src *",
        "https://a.example, https://b.example",
        "'unsafe-inline'",
        "'none' 'self'",
    ],
)
def test_frame_ancestors_rejects_injection(hook: Any, value: str, monkeypatch: Any) -> None:
    monkeypatch.setenv("CSP_FRAME_ANCESTORS", value)
    with pytest.raises(Exception, match="frame-ancestors"):
        hook.frame_ancestors(_FakeConfig())


class _FakeConfig:
    extra: dict[str, Any] = {}  # noqa: RUF012


def test_build_uses_configured_frame_ancestors(configured_site: Path) -> None:
    policy = (configured_site / "csp" / "policy.txt").read_text(encoding="utf-8")
    assert directives(policy)["frame-ancestors"] == FRAME_ANCESTORS.split()
    assert f"frame-ancestors {FRAME_ANCESTORS}" in (configured_site / "_headers").read_text()


def test_strict_build_fails_on_an_inline_event_handler(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "faq.md"
    page.write_text(
        page.read_text(encoding="utf-8") + '\n\n<button onclick="alert(1)">Hi</button>\n',
        encoding="utf-8",
    )
    proc = build_site(tmp_path / "site", project=project)
    assert proc.returncode != 0
    assert "faq/index.html: inline event handler <button onclick=...>" in proc.stderr
