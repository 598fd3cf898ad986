"""The team map page: the tool's markup and a conversation guide built from the guide's own data.

The map itself is drawn in the browser by quiz.team_map (through the same worker as the quiz); the
macros here only render what the page needs before any script runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mkdocs.exceptions import PluginError

from macros.context import BuildContext
from macros.guide_data import Guide
from macros.templating import templates

QUIZ_PAGE = "quiz/index.md"


def _pick(guide: Guide, kind: str, slugs: Sequence[str] | None) -> list[Any]:
    items = guide.items(kind)
    if slugs is None:
        return items
    by_slug = {item.slug: item for item in items}
    unknown = [slug for slug in slugs if slug not in by_slug]
    if unknown:
        raise PluginError(f"team_conversation_guide: unknown {kind} slug(s) {unknown}")
    return [by_slug[slug] for slug in slugs]


def render_conversation_guide(
    ctx: BuildContext,
    *,
    practices: Sequence[str] | None = None,
    policies: Sequence[str] | None = None,
) -> str:
    """Markdown: questions for the team, the practices to try and what the manager can do."""
    guide = ctx.guide
    return (
        templates(markdown=True)
        .get_template("team_conversation_guide.md.j2")
        .render(
            practices=_pick(guide, "practices", practices),
            policies=_pick(guide, "policies", policies),
            actions=[a for a in guide.actions if a.audience == "managers"],
            faq=[f for f in guide.faq if f.group == "leading"],
            url_for=ctx.url_for,
            quiz_url=ctx.url_for(QUIZ_PAGE),
        )
    )


def render_team_map_tool(*, engine: dict[str, str], quiz_url: str) -> str:
    html = (
        templates(markdown=False)
        .get_template("team_map.html.j2")
        .render(engine=engine, quiz_url=quiz_url)
    )
    # Python-Markdown ends a raw HTML block at a blank line; keep the block in one piece.
    return "\n".join(line for line in html.splitlines() if line.strip())


def register(ctx: BuildContext) -> None:
    """Add the macros the team map page calls."""

    def team_map_tool() -> str:
        """Where a team lead pastes share codes; the script draws the map in the browser."""
        return render_team_map_tool(engine=ctx.engine, quiz_url=ctx.url_for(QUIZ_PAGE, html=True))

    def team_conversation_guide(
        practices: Sequence[str] | None = None, policies: Sequence[str] | None = None
    ) -> str:
        """A short agenda for the team, drawn from the guide's practices, policies and FAQ."""
        return render_conversation_guide(ctx, practices=practices, policies=policies)

    for macro in (team_map_tool, team_conversation_guide):
        ctx.env.macro(macro)
