"""Check every link from the built site to another site. Separate from the tests on purpose.

Other sites go down, move and block robots on their own schedule, so this check is run by a
scheduled workflow (.github/workflows/links.yml) that never blocks a merge. Internal links and
anchors are checked by the tests (tests/site/test_links.py).

    python scripts/check_external_links.py [SITE_DIR] [--timeout SECONDS]

Exit status: 0 when every link answered, 1 when at least one is broken (an HTTP error other than
"forbidden" or "too many requests", or no answer at all). Those two, and redirects to another
address, are listed as warnings: many sites refuse robots but serve readers.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

URL_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src"}
# Links of the site to itself (canonical URLs) carry the build's site_url, not another site.
SKIP_HOSTS = {"127.0.0.1", "localhost", "example.org", "example.com"}
SOFT_STATUSES = {401, 403, 429}
USER_AGENT = "Mozilla/5.0 (compatible; balance-or-blend-link-check/1.0)"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = URL_ATTRS.get(tag)
        value = dict(attrs).get(name or "")
        if value and urlsplit(value).scheme in {"http", "https"}:
            self.urls.append(urldefrag(value).url)


def external_links(site_dir: Path, own_origin: str | None) -> dict[str, set[str]]:
    """External URL -> the pages (relative paths) that link to it."""
    found: dict[str, set[str]] = defaultdict(set)
    for page in sorted(site_dir.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            host = urlsplit(url).hostname or ""
            if host in SKIP_HOSTS or (own_origin and url.startswith(own_origin)):
                continue
            found[url].add(page.relative_to(site_dir).as_posix())
    return found


def probe(url: str, timeout: float) -> tuple[str, int | None, str]:
    """(url, HTTP status or None, note). HEAD first; many servers only answer GET properly."""
    note = ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                final = response.geturl()
                if final.rstrip("/") != url.rstrip("/"):
                    note = f"redirects to {final}"
                return url, int(response.status), note
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in {403, 404, 405, 429, 501}:
                continue
            return url, error.code, str(error.reason)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            note = str(getattr(error, "reason", error))
    return url, None, note


def own_origin_of(site_dir: Path) -> str | None:
    """The origin the site was built for, from its sitemap, so canonical links are skipped."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return None
    text = sitemap.read_text(encoding="utf-8")
    start = text.find("<loc>")
    if start < 0:
        return None
    parts = urlsplit(text[start + 5 : text.find("</loc>", start)])
    return f"{parts.scheme}://{parts.netloc}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site_dir", nargs="?", default="site", type=Path)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        parser.error(f"{args.site_dir} is not a built site (run `make build` first)")

    links = external_links(args.site_dir, own_origin_of(args.site_dir))
    print(f"Checking {len(links)} external link(s) from {args.site_dir}/ ...")
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        results = sorted(pool.map(lambda url: probe(url, args.timeout), links))

    broken = 0
    for url, status, note in results:
        pages = ", ".join(sorted(links[url]))
        if status is not None and status < 400:
            if note:
                print(f"  warning  {url}: {note} (on {pages})")
            continue
        if status in SOFT_STATUSES:
            print(f"  warning  {url}: HTTP {status} {note}, probably refuses robots (on {pages})")
            continue
        broken += 1
        what = f"HTTP {status} {note}" if status else f"no answer: {note}"
        print(f"  BROKEN   {url}: {what} (on {pages})")
    print(f"{len(results)} checked, {broken} broken.")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
