"""Macros showing an organization's own settings on the guide's pages (nothing without a config)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError

from macros.context import BuildContext
from macros.organization import LinkKind, Organization
from macros.templating import templates

LINK_KINDS: tuple[LinkKind | None, ...] = ("policy", "support", None)


def guide_version(project_dir: Path) -> str:
    """The guide's version, from the VERSION file (the release archive carries it in its name)."""
    path = project_dir / "VERSION"
    try:
        version = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise PluginError(f"cannot read the guide's version from {path}: {exc}") from None
    if not version:
        raise PluginError(f"{path} is empty")
    return version


def render_links(
    org: Organization | None,
    ctx: BuildContext,
    *,
    kind: LinkKind | None,
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
                {"title": ctx.guide.locate(s).title, "url": ctx.url_for(s, html=True)}
                for s in link.relates_to
            ],
        }
        for link in links
    ]
    return env.get_template("organization_links.html.j2").render(
        kind=kind,
        links=rows,
        name=org.name,
        contact=contact,
    )


def register(ctx: BuildContext) -> Callable[[str], str]:
    """Define the macros pages call; returns the per-item note the policy list places under
    each policy."""
    org = ctx.organization
    jinja = templates(markdown=False)

    def organization_links(kind: LinkKind | None = None) -> str:
        """The organization's links of one kind ("policy" or "support"), or all with its contact."""
        if kind not in LINK_KINDS:
            raise ValueError(f"organization_links: kind is 'policy' or 'support', not {kind!r}")
        return render_links(org, ctx, kind=kind, env=jinja)

    def organization_note(slug: str) -> str:
        """A line beside one guide item naming the organization's own pages about it."""
        ctx.url_for(slug)  # an unknown slug fails the build, naming it
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

    markdown = templates(markdown=True)

    def organization_intro() -> str:
        """The organization's own introduction for the home page, or nothing."""
        if org is None or org.intro is None:
            return ""
        return markdown.get_template("organization_intro.md.j2").render(
            name=org.name, intro=org.intro
        )

    def guide_source() -> str:
        """Where the source and the ready-to-host releases are (the repository is a setting)."""
        repository = str(ctx.env.conf["extra"].get("repository") or "").rstrip("/")
        if not repository:
            raise PluginError("guide_source(): set extra.repository in mkdocs.yml")
        return markdown.get_template("guide_source.md.j2").render(
            version=guide_version(Path(ctx.env.conf["config_file_path"]).parent),
            repository=repository,
            releases=f"{repository}/releases",
        )

    for macro in (
        organization_links,
        organization_note,
        organization_contact,
        organization_intro,
        guide_source,
    ):
        ctx.env.macro(macro)
    return organization_note
