"""MkDocs hook: applies an organization's settings (organization.yml) to the build.

The macros (macros/organization_render.py) render what pages show; this hook changes the build
itself, and does nothing without a settings file:

- the site's name (header and every page title), the logo, and the primary and accent colors of
  both palettes, as a generated stylesheet;
- extra pages from the folder the settings name, in a navigation section of their own;
- sections left out (`hide:`): their pages are not built, so navigation, search, the sitemap, the
  print page and the Content-Security-Policy (computed from the built pages) follow by
  themselves. Links to them from other pages become plain text, in Markdown and in HTML; the
  quiz recommends no policy on a hidden page. Any other reference to a hidden page that cannot
  be removed safely (a script's data attribute) stops the build, naming the page and the setting.

The settings are read and validated here and again by the macros (both use
macros.organization), so a mistake stops the build with the same named message.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

# MkDocs loads hooks by path; the settings' model lives in the project's macros package.
_PROJECT = str(Path(__file__).resolve().parents[1])
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

from macros.colors import palette_css  # noqa: E402
from macros.guide_data import RECOMMENDED_KINDS, GuideDataError, load_guide  # noqa: E402
from macros.organization import (  # noqa: E402
    HIDEABLE,
    Organization,
    OrganizationConfigError,
    load_organization,
)

log = logging.getLogger("mkdocs.hooks.organization")

COLORS_CSS = "assets/stylesheets/organization-colors.css"
LOGO_DIR = "assets/organization"

# The settings of this build; the module is loaded afresh for each configuration.
_org: Organization | None = None
_hidden_urls: dict[str, str] = {}  # page URL ('quiz/team-map/') -> setting that hides it


def _load(config: MkDocsConfig) -> Organization | None:
    project = Path(config.config_file_path).resolve().parent
    try:
        guide = load_guide(project / "data")
    except GuideDataError:
        return None  # the macros report the data's own errors
    recommendable = [i.slug for kind in RECOMMENDED_KINDS for i in guide.items(kind)]
    every = [item.slug for _, item in guide.all_items()]
    try:
        return load_organization(project, recommendable, guide_slugs=every)
    except OrganizationConfigError as exc:
        raise PluginError(str(exc)) from None


def prune_nav(entries: Any, hidden: frozenset[str]) -> Any:
    """The nav configuration without the hidden pages (and without sections left empty)."""
    if isinstance(entries, str):
        return None if entries in hidden else entries
    if isinstance(entries, list):
        kept = [prune_nav(entry, hidden) for entry in entries]
        return [entry for entry in kept if entry not in (None, [], {})]
    if isinstance(entries, dict):
        out = {}
        for title, value in entries.items():
            pruned = prune_nav(value, hidden)
            if pruned not in (None, []):
                out[title] = pruned
        return out or None
    return entries


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a page: 'quiz/team-map.md' -> 'quiz/team-map/'."""
    return File(src_uri, "", "", True).url


@event_priority(50)  # before the macros plugin reads site_name and the nav
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _org, _hidden_urls
    _org = _load(config)
    _hidden_urls = {}
    if _org is None:
        return config
    org = _org
    config.site_name = org.site_name or f"{config.site_name} at {org.name}"
    if org.repository:
        config.extra["repository"] = org.repository
    if org.colors and (org.colors.primary or org.colors.accent):
        for palette in config.theme["palette"]:
            if org.colors.primary:
                palette["primary"] = "custom"
            if org.colors.accent:
                palette["accent"] = "custom"
        config.extra_css.append(COLORS_CSS)
    if org.logo_path is not None:
        config.theme["logo"] = f"{LOGO_DIR}/logo{org.logo_path.suffix.lower()}"
    hidden = org.hidden_pages()
    for key in org.hide:
        for src in HIDEABLE[key]:
            _hidden_urls[page_url(src)] = key
    nav = prune_nav(config.nav, hidden) if config.nav else config.nav
    extra = [page.src_uri for page in org.extra_pages()]
    if nav is not None and extra:
        nav.insert(1, {org.section_title(): extra})
    config.nav = nav
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _org is None:
        return files
    org = _org
    for src in sorted(org.hidden_pages()):
        found = files.get_file_from_path(src)
        if found is not None:
            files.remove(found)
    for page in org.extra_pages():
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(
                f"organization pages: {page.src_uri} clashes with a page of the guide"
            )
        files.append(File.generated(config, page.src_uri, abs_src_path=str(page.source)))
    if org.logo_path is not None:
        logo = f"{LOGO_DIR}/logo{org.logo_path.suffix.lower()}"
        files.append(File.generated(config, logo, abs_src_path=str(org.logo_path)))
    if org.colors and (org.colors.primary or org.colors.accent):
        css = palette_css(org.colors.primary, org.colors.accent)
        files.append(File.generated(config, COLORS_CSS, content=css))
    return files


# --- links to hidden pages ------------------------------------------------------------------

_MD_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\(([^)\s]+)\)")
_HTML_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S | re.I)
_HREF = re.compile(r"""\bhref=(["'])(.*?)\1""", re.I)
_ATTR = re.compile(r"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)=(["'])(.*?)\2""", re.S)


def _path_of(target: str) -> str:
    """The path part of a link, or '' for another site, an in-page anchor or a mail link."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    if "://" in path or path.startswith(("mailto:", "data:", "javascript:", "//")):
        return ""
    return path


def hidden_target_md(page_src: str, target: str, hidden: frozenset[str]) -> bool:
    """Whether a Markdown link target (relative to the page's source) is a hidden page."""
    path = _path_of(target)
    if not path or path.startswith("/"):
        return False
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path)) in hidden


def hidden_target_url(
    page_url_: str, href: str, hidden_urls: dict[str, str], root: str = "/"
) -> str | None:
    """The setting hiding the page an href (relative to page_url_, or absolute below root)
    points to, if any."""
    path = _path_of(href)
    if not path:
        return None
    if path.startswith("/"):
        if not path.startswith(root):
            return None
        resolved = path[len(root) :]
    else:
        base = (
            page_url_ if page_url_.endswith("/") or not page_url_ else posixpath.dirname(page_url_)
        )
        resolved = posixpath.normpath(posixpath.join(base or ".", path))
    resolved = resolved.removesuffix("index.html").strip("/")
    resolved = "" if resolved in {"", "."} else resolved + "/"
    return hidden_urls.get(resolved)


def _looks_like_a_path(value: str) -> bool:
    return "/" in value and not value.startswith("{") and " " not in value.strip()


def unlink_markdown(markdown: str, page_src: str, hidden: frozenset[str]) -> str:
    """Markdown links to hidden pages become their text."""

    def replace(match: re.Match[str]) -> str:
        if hidden_target_md(page_src, match.group(2), hidden):
            return match.group(1)
        return match.group(0)

    return _MD_LINK.sub(replace, markdown)


def unlink_html(text: str, url: str, hidden_urls: dict[str, str]) -> str:
    """<a> elements pointing to hidden pages become their content."""

    def replace(match: re.Match[str]) -> str:
        href = _HREF.search(match.group(1))
        if href and hidden_target_url(url, html.unescape(href.group(2)), hidden_urls):
            return match.group(2)
        return match.group(0)

    return _HTML_LINK.sub(replace, text)


def remaining_references(text: str, url: str, hidden_urls: dict[str, str]) -> list[str]:
    """Attributes still pointing to a hidden page: 'attr -> page (hide: setting)'."""
    found = []
    for match in _ATTR.finditer(text):
        name, value = match.group(1), html.unescape(match.group(3))
        if not _looks_like_a_path(value):
            continue
        if name in {"href", "src", "action"} or name.startswith("data-"):
            setting = hidden_target_url(url, value, hidden_urls)
            if setting:
                found.append(f"{name}={value!r} (hide: {setting})")
    return found


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if _org is None or not _org.hide:
        return markdown
    return unlink_markdown(markdown, str(page.file.src_uri), _org.hidden_pages())


def on_page_content(content: str, page: Any, **_: Any) -> str:
    if not _hidden_urls:
        return content
    content = unlink_html(content, str(page.url), _hidden_urls)
    # The print-site plugin keeps each page's HTML in page.html to assemble print_page/.
    if isinstance(getattr(page, "html", None), str):
        page.html = content
    return content


def _check(output: str, url: str, where: str) -> str:
    output = unlink_html(output, url, _hidden_urls)
    problems = remaining_references(output, url, _hidden_urls)
    if problems:
        raise PluginError(
            f"{where} still refers to a page that organization.yml hides: "
            + "; ".join(problems)
            + ". Remove that setting from `hide`, or the reference from the page."
        )
    return output


def on_post_page(output: str, page: Any, **_: Any) -> str:
    if not _hidden_urls:
        return output
    return _check(output, str(page.url), str(page.file.src_uri))


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    if not _hidden_urls:
        return output_content
    # Theme-only pages (404.html) link with absolute paths below site_url's path.
    root = "/" + (config.get("site_url") or "").split("://", 1)[-1].partition("/")[2]
    root = root if root.endswith("/") else root + "/"

    def replace(match: re.Match[str]) -> str:
        href = _HREF.search(match.group(1))
        if href and hidden_target_url("", html.unescape(href.group(2)), _hidden_urls, root):
            return match.group(2)
        return match.group(0)

    return _HTML_LINK.sub(replace, output_content)
