"""MkDocs hook: marks links to other sites with class="external".

Material's instant navigation rewrites internal links to absolute URLs in the browser, so CSS
cannot tell them from external ones by their href; the print stylesheet (site.css) prints the
address of links that carry this class.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

_ANCHOR = re.compile(r"<a\b([^>]*)>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(["'])((?:https?:)?//[^"']+)\1""", re.IGNORECASE)
_CLASS = re.compile(r"""\bclass\s*=\s*(["'])([^"']*)\1""", re.IGNORECASE)


def mark_external_links(html: str, site_host: str) -> str:
    """Add class "external" to every <a> whose href is absolute and on another host."""

    def mark(match: re.Match[str]) -> str:
        attrs = match.group(1)
        href = _HREF.search(attrs)
        if href is None or urlsplit(href.group(2)).netloc.lower() == site_host:
            return match.group(0)
        klass = _CLASS.search(attrs)
        if klass is None:
            return f'<a{attrs} class="external">'
        if "external" in klass.group(2).split():
            return match.group(0)
        quote, names = klass.group(1), klass.group(2)
        start, end = klass.span()
        return f"<a{attrs[:start]}class={quote}{names} external{quote}{attrs[end:]}>"

    return _ANCHOR.sub(mark, html)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    marked = mark_external_links(html, urlsplit(config.get("site_url") or "").netloc.lower())
    # The print-site plugin (a plugin, so it runs before hooks) keeps each page's HTML in
    # page.html to assemble print_page/; give it the marked version too.
    if isinstance(getattr(page, "html", None), str):
        page.html = marked
    return marked
