"""The team map page: the tool's markup and a conversation guide built from the guide's own data.

The map itself is drawn in the browser by quiz.team_map (through the same worker as the quiz); the
macros here only render what the page needs before any script runs.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from macros.guide_data import KIND_BY_NAME, Guide, load_guide
from macros.templating import templates

# Where the quiz page lives, for the "take the quiz" link.
QUIZ_PAGE = "quiz/index.md"


def _link(page_src: str, target_src: str, anchor: str = "") -> str:
    """A Markdown link target from one docs page to another, relative like any hand-written one."""
    path = posixpath.relpath(target_src, posixpath.dirname(page_src) or ".")
    return f"{path}#{anchor}" if anchor else path


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
    guide: Guide,
    *,
    page_src: str,
    practices: Sequence[str] | None = None,
    policies: Sequence[str] | None = None,
) -> str:
    """Markdown: questions for the team, the practices to try and what the manager can do."""

    def link(kind: str, slug: str) -> str:
        return _link(page_src, KIND_BY_NAME[kind].page, slug)

    return (
        templates(markdown=True)
        .get_template("team_conversation_guide.md.j2")
        .render(
            practices=_pick(guide, "practices", practices),
            policies=_pick(guide, "policies", policies),
            actions=[a for a in guide.actions if a.audience == "managers"],
            faq=[f for f in guide.faq if f.group == "leading"],
            link=link,
            quiz_url=_link(page_src, QUIZ_PAGE),
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


def make_team_macros(env: Any) -> dict[str, Callable[..., str]]:
    """The macros the team map page calls, bound to this build's configuration."""

    def page_src() -> str:
        return str(env.page.file.src_uri)

    def team_map_tool() -> str:
        """Where a team lead pastes share codes; the script draws the map in the browser."""
        engine = env.conf["extra"].get("quiz_engine")
        if not engine:
            raise PluginError("team_map_tool(): hooks/engine.py did not run (see mkdocs.yml hooks)")
        quiz_url = get_relative_url("quiz/", str(env.page.url))
        return render_team_map_tool(engine=dict(engine), quiz_url=quiz_url)

    def team_conversation_guide(
        practices: Sequence[str] | None = None, policies: Sequence[str] | None = None
    ) -> str:
        """A short agenda for the team, drawn from the guide's practices, policies and FAQ."""
        return render_conversation_guide(
            load_guide(), page_src=page_src(), practices=practices, policies=policies
        )

    return {
        "team_map_tool": team_map_tool,
        "team_conversation_guide": team_conversation_guide,
    }
