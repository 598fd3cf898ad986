"""MkDocs hook: finishes the print-site plugin's one-page guide (print_page/index.html).

mkdocs-print-site-plugin writes the page in its on_post_build; this hook runs after it (hooks
follow plugins) and fixes two things:

- The plugin adds an inline script that hides the navigation. It would need a CSP hash; the hook
  removes it, and organization.css hides the same navigation with `body:has(#print-site-page)`.
- The plugin makes ids unique by prefixing them with the page's key (`faq-long-hours`) and
  rewrites every link to match, but it renames ids on headings and list items only. The guide's
  table rows and FAQ entries carry ids too, so links to them would go nowhere; the hook renames
  those the same way, with the label and ARIA references that point at them.
- The plugin adds its stylesheets and script to every page, though only the print page uses
  them; elsewhere they would only delay the first paint, so the hook drops them there.
- Links to pages left out of the print (the quiz, the team map) or to the home page would point
  to anchors that do not exist there; they go back to those pages on the site instead.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

# The plugin's script is the only one calling its remove_*_navigation() helpers.
_INLINE = re.compile(
    r"\s*<script type=\"text/javascript\">\s*document\.addEventListener\('DOMContentLoaded',"
    r" function \(\) \{\s*remove_material_navigation\(\);[^<]*</script>"
)


def strip_inline_script(html: str) -> str:
    """The page without the plugin's inline script; fails loudly if the plugin's output changed."""
    stripped, count = _INLINE.subn("", html, count=1)
    if count != 1:
        raise PluginError("print_page hook: print-site's inline script not found; update the hook")
    return stripped


# Where each page of the guide starts: <section class="print-page" id="faq" heading-number="2.7">
# (the first page's section also carries tabindex="-1").
_PAGE_START = re.compile(r'<section class="print-page" id="([^"]+)"[^>]*>')
_ID = re.compile(r'(\sid=")([^"]+)(")')
_REF_ATTRS = "for|aria-labelledby|aria-describedby|aria-controls|headers"
_REFS = re.compile(rf'(\s(?:{_REF_ATTRS})=")([^"]*)(")')


def _prefix_segment(segment: str, key: str) -> str:
    """One printed page: ids without the page key get it, and so do references to them."""

    def unprefixed(value: str) -> bool:
        # Material's internal ids (tab sets: the plugin handles those) stay as they are.
        return not (value == key or value.startswith((f"{key}-", "__")))

    renamed = {m.group(2) for m in _ID.finditer(segment) if unprefixed(m.group(2))}

    def new_id(match: re.Match[str]) -> str:
        value = match.group(2)
        return match.group(1) + (f"{key}-{value}" if value in renamed else value) + match.group(3)

    def new_refs(match: re.Match[str]) -> str:
        values = (f"{key}-{v}" if v in renamed else v for v in match.group(2).split())
        return match.group(1) + " ".join(values) + match.group(3)

    return _REFS.sub(new_refs, _ID.sub(new_id, segment))


def prefix_page_ids(html: str) -> str:
    """Give every id inside each printed page its page key, as the plugin does for headings."""
    starts = list(_PAGE_START.finditer(html))
    if not starts:
        raise PluginError("print_page hook: no printed pages found; update the hook")
    end = html.index("</article>", starts[-1].end())
    out = [html[: starts[0].end()]]
    for index, match in enumerate(starts):
        last = index + 1 == len(starts)
        stop = end if last else starts[index + 1].start()
        out.append(_prefix_segment(html[match.end() : stop], match.group(1)))
        # Between pages: the next page's opening tag; after the last: the rest of the document.
        out.append(html[end:] if last else html[stop : starts[index + 1].end()])
    return "".join(out)


_ANY_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_ANCHOR_HREF = re.compile(r'href="#([^"]+)"')


def page_key(url: str) -> str:
    """The plugin's key for a page URL: `quiz/team-map/` -> `quiz-team-map`, `` -> `index`."""
    return url.strip("/").replace("/", "-") or "index"


def site_pages(site_dir: Path) -> dict[str, str]:
    """Page key -> URL of every built page, from the site's index.html files."""
    pages: dict[str, str] = {}
    for path in site_dir.rglob("index.html"):
        url = path.parent.relative_to(site_dir).as_posix()
        url = "" if url == "." else f"{url}/"
        pages[page_key(url)] = url
    return pages


def fix_dangling_links(html: str, pages: dict[str, str], print_url: str) -> str:
    """Point links whose #anchor the print page lacks at the real page on the site."""
    ids = set(_ANY_ID.findall(html))
    back = "../" * print_url.count("/")

    def target(match: re.Match[str]) -> str:
        anchor = match.group(1)
        if anchor in ids:
            return match.group(0)
        # The plugin keys the home page as "." when another page links to it.
        if anchor == "." or anchor.startswith(".-"):
            fixed = "index" + anchor[1:]
            if fixed in ids:
                return f'href="#{fixed}"'
            anchor = fixed
        for key in sorted(pages, key=len, reverse=True):
            if anchor == key or anchor.startswith(f"{key}-"):
                rest = anchor[len(key) + 1 :]
                return f'href="{back}{pages[key]}{"#" + rest if rest else ""}"'
        return match.group(0)

    return _ANCHOR_HREF.sub(target, html)


# The plugin's assets as linked from any page: relative at any depth, or absolute (404.html).
_PRINT_ASSETS = re.compile(
    r'\s*<link rel="stylesheet" href="[^"]*css/print-site(?:-material)?\.css">'
    r'|\s*<script src="[^"]*js/print-site\.js"></script>'
)


def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    plugin = config["plugins"].get("print-site")
    if plugin is None or page.file.src_uri.startswith(plugin.config["print_page_basename"]):
        return output
    return _PRINT_ASSETS.sub("", output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # Theme-only pages such as 404.html do not pass through on_post_page.
    return _PRINT_ASSETS.sub("", output_content)


def on_post_build(config: Any, **kwargs: Any) -> None:
    plugin = config["plugins"].get("print-site")
    if plugin is None or not plugin.config.get("enabled"):
        return
    page = Path(config["site_dir"]) / plugin.config["print_page_basename"] / "index.html"
    html = prefix_page_ids(strip_inline_script(page.read_text(encoding="utf-8")))
    print_url = f"{plugin.config['print_page_basename']}/"
    html = fix_dangling_links(html, site_pages(Path(config["site_dir"])), print_url)
    page.write_text(relative_base(html, print_url), encoding="utf-8")


# Material's page settings; the plugin writes an absolute "base" (site_url's path), which points
# outside the site wherever it is hosted at another path (search fetches its index from there).
_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{.*?"base": )"[^"]*"')


def relative_base(html: str, print_url: str) -> str:
    """The print page's "base" made relative, as on every other page, so it works at any path."""
    base = "/".join([".."] * print_url.count("/"))
    fixed, count = _CONFIG_BASE.subn(lambda m: f'{m.group(1)}"{base}"', html)
    if count != 1:
        raise PluginError("print_page hook: Material's __config block not found; update the hook")
    return fixed
