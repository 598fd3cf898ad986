"""The whole guide as one printable page (mkdocs-print-site-plugin, print_page/).

It must hold every page of the nav that is not deliberately left out (the interactive quiz and
team map, and the workshop's screen deck, which prints on its own), every heading and data item
anchor of those pages, no inline script and nothing loaded from another host.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from mkdocs.structure.files import File
from mkdocs.utils.yaml import yaml_load
from mkdocs_print_site_plugin.urls import get_page_key  # type: ignore[import-untyped]

from devtools.project import REPO_ROOT
from macros.guide_data import KINDS, load_guide
from scripts import permalinks


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.anchors: list[str] = []
        self.urls: list[str] = []
        self.inline_scripts = 0
        self.hooks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        self.urls += [str(a[k]) for k in ("src", "href") if a.get(k) and tag != "a"]
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.anchors.append(str(a["href"])[1:])
        if tag == "script" and "src" not in a and a.get("type") in (None, "module"):
            self.inline_scripts += 1
        self.hooks += [k for k in a if k in {"data-quiz", "data-team-map"}]


@cache
def _config() -> dict[str, Any]:
    with (REPO_ROOT / "mkdocs.yml").open(encoding="utf-8") as f:
        config: dict[str, Any] = yaml_load(f)
    return config


def _print_options() -> dict[str, Any]:
    for plugin in _config()["plugins"]:
        if isinstance(plugin, dict) and "print-site" in plugin:
            options: dict[str, Any] = plugin["print-site"]
            return options
    raise AssertionError("print-site is not configured in mkdocs.yml")


def _nav_pages(entries: object) -> list[str]:
    if isinstance(entries, str):
        return [entries]
    if isinstance(entries, list):
        return [page for entry in entries for page in _nav_pages(entry)]
    if isinstance(entries, dict):
        return [page for value in entries.values() for page in _nav_pages(value)]
    return []


def _page_url(src: str) -> str:
    url = str(File(src, None, "", True).url)
    return "" if url == "./" else url


def _key(src: str) -> str:
    return str(get_page_key(_page_url(src)))


def _url(src: str) -> str:
    return "/" + _page_url(src)


@pytest.fixture(scope="module")
def printed(site_dir: Path) -> _Scan:
    scan = _Scan()
    scan.feed((site_dir / "print_page" / "index.html").read_text(encoding="utf-8"))
    return scan


def test_print_site_is_the_last_plugin() -> None:
    # Its docs require it: it must see every change the other plugins make.
    last = _config()["plugins"][-1]
    assert isinstance(last, dict)
    assert "print-site" in last


def test_every_nav_page_but_the_interactive_ones_is_printed(printed: _Scan) -> None:
    excluded = set(_print_options()["exclude"])
    assert excluded == {"quiz/index.md", "quiz/team-map.md", "workshop/deck.md"}
    pages = _nav_pages(_config()["nav"])
    assert len(pages) >= 15
    for src in pages:
        assert (_key(src) in printed.ids) is (src not in excluded), src
    assert printed.hooks == [], "an interactive tool would start the engine on the print page"


def test_every_heading_and_anchor_of_printed_pages_is_there(site_dir: Path, printed: _Scan) -> None:
    excluded = set(_print_options()["exclude"])
    pages = permalinks.read_site(site_dir)
    checked = 0
    for src in _nav_pages(_config()["nav"]):
        if src in excluded:
            continue
        key = _key(src)
        for ident in pages[_url(src)].content_ids:
            assert f"{key}-{ident}" in printed.ids, f"{src}#{ident} is not on the print page"
            checked += 1
    assert checked > 100


def test_every_data_item_is_printed(printed: _Scan) -> None:
    guide = load_guide()
    for kind in KINDS:
        for item in guide.items(kind.name):
            assert f"{_key(kind.page)}-{item.slug}" in printed.ids, (kind.name, item.slug)


def test_no_inline_script_and_nothing_from_other_hosts(site_dir: Path, printed: _Scan) -> None:
    html = (site_dir / "print_page" / "index.html").read_text(encoding="utf-8")
    assert "remove_material_navigation" not in html  # hooks/print_page.py removed it
    # Material's own head/palette/tabs scripts stay (hashed by the CSP hook); no others.
    assert printed.inline_scripts <= 3
    external = [u for u in printed.urls if re.match(r"(https?:)?//", u)]
    canonical = [u for u in external if u.startswith("http://127.0.0.1")]
    assert external == canonical, external


def test_every_link_within_the_print_page_lands(printed: _Scan) -> None:
    # The plugin rewrites links to #page-anchor; hooks/print_page.py makes every target exist.
    assert len(printed.anchors) > 50
    assert [a for a in printed.anchors if a and a not in printed.ids] == []


def test_only_the_print_page_loads_the_plugins_assets(site_dir: Path) -> None:
    # They would delay every other page's first paint for nothing.
    asset = re.compile(r'(?:href|src)="[^"]*(?:css/print-site[^"]*\.css|js/print-site\.js)"')
    loading = sorted(
        str(page.relative_to(site_dir))
        for page in site_dir.rglob("*.html")
        if asset.search(page.read_text(encoding="utf-8"))
    )
    assert loading == ["print_page/index.html"]
