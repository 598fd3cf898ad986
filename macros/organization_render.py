"""Macros showing an organization's own settings on the guide's pages (nothing without a config)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from macros.guide_data import KIND_BY_NAME, Guide
from macros.organization import (
    LinkKind,
    Organization,
    OrganizationConfigError,
    load_organization,
)
from macros.templating import templates

# The guide items an organization link may relate to: the ones the quiz recommends.
RELATABLE = ("practices", "policies")

HEADINGS: Mapping[LinkKind | None, str] = {
    "policy": "Policies at {name}",
    "support": "Support at {name}",
    None: "At {name}",
}


@dataclass(frozen=True)
class Target:
    """Where a guide item lives: its title and its URL relative to the site root."""

    title: str
    url: str


def guide_targets(guide: Guide, *, use_directory_urls: bool) -> dict[str, Target]:
    """Slug -> page anchor for the items an organization link may relate to."""
    targets: dict[str, Target] = {}
    for kind in RELATABLE:
        page = File(KIND_BY_NAME[kind].page, None, "", use_directory_urls).url
        for item in guide.items(kind):
            targets[item.slug] = Target(item.title, f"{page}#{item.slug}")
    return targets


def _href(target_url: str, page_url: str) -> str:
    path, _, anchor = target_url.partition("#")
    if path == page_url:
        return f"#{anchor}"
    return f"{get_relative_url(path, page_url)}#{anchor}"


def render_links(
    org: Organization | None,
    targets: Mapping[str, Target],
    *,
    kind: LinkKind | None,
    page_url: str,
    env: jinja2.Environment,
) -> str:
    if org is None:
        return ""
    links = org.links_of(kind)
    # The contact goes with the full list only, so a page never shows it twice.
    contact = org.contact if kind is None else None
    if not links and contact is None:
        return ""
    rows = [
        {
            "title": link.title,
            "url": link.url,
            "description": link.description,
            "relates_to": [
                {"title": targets[s].title, "url": _href(targets[s].url, page_url)}
                for s in link.relates_to
            ],
        }
        for link in links
    ]
    return env.get_template("organization_links.html.j2").render(
        kind=kind,
        heading=HEADINGS[kind].format(name=org.name),
        links=rows,
        name=org.name,
        contact=contact,
    )


def register(env: Any, guide: Guide) -> Callable[[str], str]:
    """Load the organization file and define the macros pages call; fail the build if invalid.

    Returns the per-item note, which the guide's policy list places under each policy.
    """
    targets = guide_targets(guide, use_directory_urls=bool(env.conf["use_directory_urls"]))
    project_dir = Path(env.conf["config_file_path"]).parent
    try:
        org = load_organization(project_dir, targets.keys())
    except OrganizationConfigError as exc:
        raise PluginError(str(exc)) from None
    jinja = templates(markdown=False)
    # Other macros (the quiz page's slug map) read it from here.
    env.variables["organization"] = org

    def page_url() -> str:
        return str(env.page.url) if env.page is not None else ""

    def organization_links(kind: LinkKind | None = None) -> str:
        """The organization's links of one kind ("policy" or "support"), or all with its contact."""
        if kind not in HEADINGS:
            raise ValueError(f"organization_links: kind is 'policy' or 'support', not {kind!r}")
        return render_links(org, targets, kind=kind, page_url=page_url(), env=jinja)

    def organization_note(slug: str) -> str:
        """A line beside one guide item naming the organization's own pages about it."""
        if slug not in targets:
            raise ValueError(f"organization_note: unknown slug {slug!r}")
        links = org.links_for(slug) if org else []
        if org is None or not links:
            return ""
        return jinja.get_template("organization_note.html.j2").render(
            slug=slug, name=org.name, links=links
        )

    def organization_contact() -> str:
        """The organization's contact, or nothing."""
        if org is None or org.contact is None:
            return ""
        return jinja.get_template("organization_contact.html.j2").render(
            name=org.name, contact=org.contact
        )

    for macro in (organization_links, organization_note, organization_contact):
        env.macro(macro)
    return organization_note
