"""Every internal link, asset reference and #anchor in the built site resolves.

Links are resolved the way a browser resolves them against the page's own URL, then mapped to a
file in the build; a #fragment must name an id (or <a name>) in the target page. Links to other
hosts are left to the separate, non-blocking scripts/check_external_links.py.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

# Where each element keeps the URLs it loads or links to.
URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "form": ("action",),
}
# Open Graph and Twitter meta tags carry absolute URLs of this site.
META_URL_PROPERTIES = {"og:url", "og:image", "twitter:image"}
# Keys whose string values in a page's JSON data (data-* attributes, JSON script blocks) are
# links, e.g. the guide pages the quiz result links to.
JSON_URL_KEYS = {"url", "href"}
# The host a relative URL is resolved against; any other origin is external.
LOCAL = "http://site.invalid"


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    urls: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._json: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.page.ids.add(a["name"])
        for name in URL_ATTRS.get(tag, ()):
            if name not in a:
                continue
            if name == "srcset":
                self.page.urls += [part.split()[0] for part in a[name].split(",") if part.strip()]
            else:
                self.page.urls.append(a[name])
        if tag == "meta" and a.get("property", a.get("name")) in META_URL_PROPERTIES:
            self.page.urls.append(a.get("content", ""))
        for name, value in a.items():
            if not name.startswith("data-"):
                continue
            if name.endswith(("-url", "-href")):  # e.g. the quiz's data-worksheet-url
                self.page.urls.append(value)
            elif value.lstrip().startswith(("{", "[")):  # e.g. the quiz's data-links JSON
                self.page.urls += _json_urls(json.loads(value))
        # Material's __config is configuration, not links; JSON-LD names canonical URLs.
        if tag == "script" and a.get("type") == "application/json" and a.get("id") != "__config":
            self._json = []

    def handle_data(self, data: str) -> None:
        if self._json is not None:
            self._json.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._json is not None:
            self.page.urls += _json_urls(json.loads("".join(self._json)))
            self._json = None


def _json_urls(value: object) -> list[str]:
    if isinstance(value, dict):
        found = [v for k, v in value.items() if k in JSON_URL_KEYS and isinstance(v, str)]
        return found + [u for v in value.values() for u in _json_urls(v)]
    if isinstance(value, list):
        return [u for v in value for u in _json_urls(v)]
    return []


@cache
def parse_page(path: Path, mtime_ns: int) -> Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def _page(path: Path) -> Page:
    return parse_page(path, path.stat().st_mtime_ns)


def site_prefix(site_url: str) -> str:
    """The path the site lives under, e.g. '/' or '/balance-or-blend/'."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def target_file(site_dir: Path, url_path: str) -> Path | None:
    """The file a static host serves for url_path (already relative to the site root)."""
    candidate = site_dir / unquote(url_path)
    if url_path == "" or url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_url(site_dir: Path, site_url: str, page_path: str, url: str) -> str | None:
    """None when url (found in the page at page_path) resolves, else why it does not."""
    url = url.strip()
    if not url:
        return "empty URL"
    scheme = urlsplit(url).scheme
    if scheme and scheme not in {"http", "https"}:
        return None  # mailto:, tel:, data: are not pages of this site
    prefix = site_prefix(site_url)
    site_origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    if url.startswith(site_origin):  # absolute URL of this site (canonical, og:url)
        url = LOCAL + url[len(site_origin) :]
    resolved = urlsplit(urljoin(f"{LOCAL}{prefix}{page_path}", url))
    if f"{resolved.scheme}://{resolved.netloc}" != LOCAL:
        return None  # another host: the external link check's job
    if not resolved.path.startswith(prefix):
        return f"points outside the site root {prefix}"
    target = target_file(site_dir, resolved.path[len(prefix) :])
    if target is None:
        return "no such file"
    fragment = unquote(resolved.fragment)
    if fragment and target.suffix == ".html" and fragment not in _page(target).ids:
        return f"no id {fragment!r} in {target.relative_to(site_dir).as_posix()}"
    return None


def broken_links(site_dir: Path, site_url: str) -> list[str]:
    """'page: url (reason)' for every internal link of every page that does not resolve."""
    problems = []
    for path in sorted(site_dir.rglob("*.html")):
        page_path = path.relative_to(site_dir).as_posix()
        for url in _page(path).urls:
            reason = check_url(site_dir, site_url, page_path, url)
            if reason:
                problems.append(f"{page_path}: {url!r} ({reason})")
    return problems


def sitemap_urls(site_dir: Path) -> list[str]:
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    return [loc.text or "" for loc in root.findall("sm:url/sm:loc", ns)]


@pytest.fixture(scope="module")
def site_url(site_dir: Path) -> str:
    """The address the build was made for: the sitemap's first entry is the home page."""
    return sitemap_urls(site_dir)[0]


def test_every_internal_link_and_anchor_resolves(site_dir: Path, site_url: str) -> None:
    problems = broken_links(site_dir, site_url)
    assert not problems, "broken internal links:\n" + "\n".join(problems)


def test_every_sitemap_url_is_a_page(site_dir: Path, site_url: str) -> None:
    urls = sitemap_urls(site_dir)
    assert len(urls) >= 10, urls
    problems = [u for u in urls if check_url(site_dir, site_url, "sitemap.xml", u)]
    assert not problems, f"sitemap URLs with no page: {problems}"


def test_checker_finds_the_links_it_should(site_dir: Path, site_url: str) -> None:
    """Guards against a checker that passes by finding nothing: stock pages link a lot."""
    page = _page(site_dir / "faq" / "index.html")
    assert any(u.endswith("assets/javascripts/boot.js") for u in page.urls)
    assert sum(1 for u in page.urls if not urlsplit(u).scheme) >= 20
    # The quiz's links to the guide live in a JSON block; they are checked too.
    quiz = _page(site_dir / "quiz" / "index.html")
    assert "../design-your-blend/#micro-boundaries" in quiz.urls
    assert "../organizations/#right-to-disconnect" in quiz.urls


@pytest.fixture(scope="module")
def broken_copy(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("broken-site") / "site"
    shutil.copytree(site_dir, copy)
    faq = copy / "faq" / "index.html"
    html = faq.read_text(encoding="utf-8")
    injected = (
        '<p><a href="../no-such-page/">gone</a> <a href="#no-such-anchor">here</a> '
        '<a href="../sources/#no-such-source">cited</a> <img src="../img/missing.png" alt="">'
        '<a href="../sources/">fine</a></p>'
        '<script type="application/json">{"x": {"url": "../design-your-blend/#no-such-practice"}}'
        "</script>"
    )
    faq.write_text(html.replace("</article>", injected + "</article>", 1), encoding="utf-8")
    # A page that disappears breaks every link to it.
    shutil.rmtree(copy / "side-by-side")
    return copy


def test_checker_names_file_and_href_of_each_broken_link(broken_copy: Path, site_url: str) -> None:
    problems = broken_links(broken_copy, site_url)
    faq_problems = [p for p in problems if p.startswith("faq/index.html: ")]
    joined = "\n".join(faq_problems)
    assert "'../no-such-page/' (no such file)" in joined
    assert "'#no-such-anchor' (no id 'no-such-anchor' in faq/index.html)" in joined
    assert "'../sources/#no-such-source' (no id 'no-such-source' in sources/index.html)" in joined
    assert "'../img/missing.png' (no such file)" in joined
    assert "'../design-your-blend/#no-such-practice' (no id 'no-such-practice'" in joined
    assert "'../sources/'" not in joined
    # Every page's navigation links to the removed page.
    assert sum("side-by-side/" in p for p in problems) >= 10


@pytest.mark.parametrize(
    ("page_path", "url", "expected"),
    [
        ("a/index.html", "../b/", None),
        ("a/index.html", "../b/index.html#top", None),
        ("a/index.html", "../b", None),  # a directory: hosts serve its index.html
        ("a/index.html", "/site/b/", None),
        ("a/index.html", "http://127.0.0.1:9/site/b/#top", None),
        ("a/index.html", "https://example.org/missing", None),
        ("a/index.html", "mailto:someone@example.org", None),
        ("a/index.html", "../b/#missing", "no id 'missing' in b/index.html"),
        ("a/index.html", "../c/", "no such file"),
        ("a/index.html", "../../outside/", "points outside the site root /site/"),
        ("a/index.html", "../b/file%20name.txt", None),
        ("a/index.html", "#here", None),
    ],
)
def test_check_url_resolves_like_a_browser(
    tmp_path: Path, page_path: str, url: str, expected: str | None
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="here">A</h1>', encoding="utf-8")
    (tmp_path / "b" / "index.html").write_text('<a name="top"></a>B', encoding="utf-8")
    (tmp_path / "b" / "file name.txt").write_text("x", encoding="utf-8")
    assert check_url(tmp_path, "http://127.0.0.1:9/site/", page_path, url) == expected
