"""No built file makes the browser load anything from another host.

Pages may *link* to sources elsewhere (<a href>), but every script, stylesheet, font, image,
frame, worker and fetched file comes from the site itself, so the guide works on an intranet
with no internet access and leaks nothing about its readers. Every resource reference must
therefore be relative; an absolute or protocol-relative URL is reported wherever it appears.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.project import REPO_ROOT
from tests.site.html_tree import Element, parse

# http://, https://, ws(s):// and protocol-relative //host. data: and blob: stay in the page.
ABSOLUTE = r"(?:(?:https?|wss?):)?//[^\s\"'`)<>]+"

# <link rel=...> values that make the browser fetch (or connect to) the href.
RESOURCE_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "prerender",
    "icon",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
}
# Element attributes that load what they point to (links with <a href> are navigation).
RESOURCE_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
# Script types whose content is JavaScript (other types are data, e.g. JSON-LD).
JS_TYPES = {"", "text/javascript", "module", "application/javascript"}
# JSON keys whose string values are fetched by the code that reads the file.
JSON_RESOURCE_KEYS = {"src", "href", "url", "file_name", "start_url", "scope"}
# Files the browser reads as code, style or data.
SCANNED_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".webmanifest"}

_CSS_PATTERNS = [
    re.compile(r"url\(\s*['\"]?\s*(" + ABSOLUTE + ")", re.IGNORECASE),
    re.compile(r"@import\s+(?:url\(\s*)?['\"]?\s*(" + ABSOLUTE + ")", re.IGNORECASE),
]
_JS_PATTERNS = [
    # import x from "https://…", import "https://…", export … from "https://…"
    re.compile(r"\b(?:import|export)\b[\w$*{},\s]*?\bfrom\s*[\"'`](" + ABSOLUTE + ")"),
    re.compile(r"\bimport\s*[\"'`](" + ABSOLUTE + ")"),
    # import("https://…"), fetch("https://…"), importScripts(…), workers, sockets, beacons
    re.compile(
        r"\b(?:import|fetch|importScripts|Worker|SharedWorker|EventSource|WebSocket|sendBeacon"
        r"|loadPackage)\s*\(\s*[\"'`](" + ABSOLUTE + ")"
    ),
    # xhr.open("GET", "https://…")
    re.compile(r"\.open\(\s*[\"'][A-Z]+[\"']\s*,\s*[\"'`](" + ABSOLUTE + ")"),
]


def external_in_css(text: str) -> list[str]:
    return [match.group(1) for pattern in _CSS_PATTERNS for match in pattern.finditer(text)]


def external_in_js(text: str) -> list[str]:
    return [match.group(1) for pattern in _JS_PATTERNS for match in pattern.finditer(text)]


def external_in_json(data: object, key: str | None = None) -> list[str]:
    if isinstance(data, dict):
        return [
            url
            for k, value in data.items()
            # An import map's "imports" and "scopes" map names to URLs that get loaded.
            for url in external_in_json(value, "src" if key in ("imports", "scopes") else k)
        ]
    if isinstance(data, list):
        return [url for value in data for url in external_in_json(value, key)]
    if isinstance(data, str) and key in JSON_RESOURCE_KEYS and re.fullmatch(ABSOLUTE, data):
        return [data]
    return []


def _urls_in_attribute(name: str, value: str) -> list[str]:
    if name.endswith("srcset"):
        candidates = [part.split()[0] for part in value.split(",") if part.strip()]
    else:
        candidates = [value.strip()]
    return [url for url in candidates if re.match(ABSOLUTE, url)]


def external_in_html(text: str) -> list[str]:
    found: list[str] = []
    for element in parse(text).iter():
        found += _external_in_element(element)
    return found


def _external_in_element(element: Element) -> list[str]:
    found: list[str] = []
    tag = element.tag
    for name in RESOURCE_ATTRS.get(tag, ()):
        if tag == "input" and element.attrs.get("type", "").lower() != "image":
            continue
        if name in element.attrs:
            found += _urls_in_attribute(name, element.attrs[name])
    if tag == "link":
        rels = set(element.attrs.get("rel", "").lower().split())
        if rels & RESOURCE_RELS:
            found += _urls_in_attribute("href", element.attrs.get("href", ""))
            found += _urls_in_attribute("imagesrcset", element.attrs.get("imagesrcset", ""))
    if tag == "meta" and element.attrs.get("http-equiv", "").lower() == "refresh":
        found += re.findall(ABSOLUTE, element.attrs.get("content", ""))
    if "style" in element.attrs:
        found += external_in_css(element.attrs["style"])
    if tag == "style":
        found += external_in_css(element.raw_text)
    if tag == "script" and "src" not in element.attrs:
        script_type = element.attrs.get("type", "").lower()
        if script_type in JS_TYPES:
            found += external_in_js(element.raw_text)
        elif script_type == "importmap":
            found += external_in_json(json.loads(element.raw_text))
    return found


def external_in_file(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    suffix = path.suffix
    if suffix == ".html":
        return external_in_html(text)
    if suffix == ".css":
        return external_in_css(text)
    if suffix in (".js", ".mjs"):
        return external_in_js(text)
    return external_in_json(json.loads(text))


def scanned_files(site_dir: Path) -> Iterator[Path]:
    return (p for p in sorted(site_dir.rglob("*")) if p.suffix in SCANNED_SUFFIXES)


# --- the detectors find what they should (and only that) ---------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://cdn.example.com/lib.js"></script>',
        '<link rel="stylesheet" href="//fonts.example.com/css">',
        '<link rel="preconnect" href="https://fonts.gstatic.com">',
        '<link rel="icon shortcut" href="http://example.com/favicon.ico">',
        '<link rel="manifest" href="https://example.com/site.webmanifest">',
        '<img alt="" src="https://example.com/a.png">',
        '<img alt="" srcset="a.png 1x, https://example.com/b.png 2x">',
        '<iframe title="x" src="https://example.com/"></iframe>',
        '<picture><source srcset="https://example.com/a.webp"></picture>',
        '<video poster="https://example.com/p.jpg"></video>',
        '<svg><image href="https://example.com/i.png"/></svg>',
        '<div style="background: url(https://example.com/bg.png)"></div>',
        "<style>@import url('https://example.com/x.css');</style>",
        '<script type="module">import x from "https://esm.example.com/x.js";</script>',
        '<script>fetch("https://api.example.com/track")</script>',
        '<script type="importmap">{"imports": {"x": "https://esm.example.com/x.js"}}</script>',
        '<meta http-equiv="refresh" content="0; url=https://example.com/">',
    ],
)
def test_html_detector_finds_external_resources(html: str) -> None:
    assert external_in_html(html), html


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://example.com/paper">A source</a>',
        '<link rel="canonical" href="https://example.com/page/">',
        '<script src="assets/javascripts/boot.js" type="module"></script>',
        '<link rel="stylesheet" href="../assets/stylesheets/site.css">',
        '<img alt="" src="data:image/png;base64,AAAA">',
        '<svg xmlns="http://www.w3.org/2000/svg"><use href="#icon"/></svg>',
        '<script type="application/ld+json">{"@context": "https://schema.org"}</script>',
        '<script type="application/json">{"url": "https://example.com/"}</script>',
        "<p>See https://example.com for details.</p>",
        '<input type="text" src="https://example.com/ignored">',
    ],
)
def test_html_detector_ignores_links_and_local_resources(html: str) -> None:
    assert external_in_html(html) == [], html


def test_css_detector() -> None:
    assert external_in_css("a{background:url( 'https://x.example/a.png' )}") == [
        "https://x.example/a.png"
    ]
    assert external_in_css('@import "//x.example/b.css";') == ["//x.example/b.css"]
    assert external_in_css("@font-face{src:url(../fonts/a.woff2)}") == []
    assert external_in_css("a{background:url(data:image/svg+xml;utf8,<svg/>)}") == []
    assert external_in_css("/* see https://example.com */ a{color:red}") == []


def test_js_detector() -> None:
    assert external_in_js('import {a} from "https://x.example/m.js"') == ["https://x.example/m.js"]
    assert external_in_js("await import('https://x.example/m.js')") == ["https://x.example/m.js"]
    assert external_in_js('importScripts("//x.example/w.js")') == ["//x.example/w.js"]
    assert external_in_js('new Worker("https://x.example/w.js")') == ["https://x.example/w.js"]
    assert external_in_js("new WebSocket('wss://x.example/s')") == ["wss://x.example/s"]
    assert external_in_js('xhr.open("GET", "https://x.example/d")') == ["https://x.example/d"]
    assert external_in_js('import {a} from "./m.js"; fetch(new URL("x.json", base))') == []
    assert external_in_js('const ns = "http://www.w3.org/2000/svg"') == []


def test_json_detector() -> None:
    manifest = {"icons": [{"src": "https://x.example/i.png"}], "start_url": "./"}
    assert external_in_json(manifest) == ["https://x.example/i.png"]
    assert external_in_json({"packages": {"a": {"file_name": "//x.example/a.whl"}}}) == [
        "//x.example/a.whl"
    ]
    assert external_in_json({"docs": [{"location": "faq/", "text": "see https://x.example"}]}) == []


# --- the built site ---------------------------------------------------------------------------


def test_built_site_loads_nothing_from_other_hosts(site_dir: Path) -> None:
    files = list(scanned_files(site_dir))
    assert any(p.suffix == ".html" for p in files)
    assert any(p.suffix == ".css" for p in files)
    problems = {
        str(path.relative_to(site_dir)): found
        for path in files
        if (found := external_in_file(path))
    }
    assert problems == {}


def test_material_external_loaders_stay_dormant(site_dir: Path) -> None:
    """Material's bundle can fetch Mermaid from a CDN and repository facts from GitHub's API,
    but only for pages with a Mermaid diagram and sites with a repo_url; this site has neither."""
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^repo_url\s*:", config, re.MULTILINE)
    for path in site_dir.rglob("*.html"):
        page = parse(path.read_text(encoding="utf-8"))
        assert not [e for e in page.iter() if "mermaid" in e.classes()], path
