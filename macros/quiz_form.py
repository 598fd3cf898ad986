"""The quiz page's form, rendered at build time from the quiz package's own questions.

The form works before any script runs: native radios in one fieldset per question. The markup also
carries what the browser modules need in data-* attributes (the engine wheel and its hash, the
guide's link targets as JSON, the question and option codes of share codes), so the modules never
guess a URL or a code.
"""

from __future__ import annotations

from typing import Any

from macros.context import BuildContext
from macros.organization import organization_links_for
from macros.templating import script_json, templates
from quiz import Quiz
from quiz._codes import CODE_VERSION

WORKSHEET_PAGE = "quiz/worksheet.md"
TEAM_MAP_PAGE = "quiz/team-map.md"
STORAGE_KEY = "balance-or-blend/quiz/v1"


def link_targets(ctx: BuildContext) -> dict[str, dict[str, Any]]:
    """slug -> {"title", "kind", "url" (from this page), "organization": [...]} for every item
    the quiz may recommend that this build publishes (an organization may hide a page)."""
    return {
        item.slug: {
            "title": item.title,
            "kind": kind,
            "url": ctx.url_for(item.slug, html=True),
            "organization": organization_links_for(ctx.organization, item.slug),
        }
        for kind, item in ctx.guide.recommendable()
        if ctx.shows(item.slug)
    }


def source_targets(ctx: BuildContext) -> dict[str, Any]:
    """slug -> {"label": "Authors (year)", "url"} for the citations shown in a result."""
    return {
        source.slug: {
            "label": f"{source.authors} ({source.year})" if source.year else source.authors,
            "url": ctx.url_for(source.slug, html=True),
        }
        for source in ctx.guide.works
    }


def support_links(ctx: BuildContext) -> list[dict[str, str]]:
    """The organization's support services, shown first in a result when strain is high."""
    org = ctx.organization
    return [
        {"title": link.title, "url": link.url, "description": link.description or ""}
        for link in (org.links_of("support") if org else [])
    ]


def render_quiz_form(
    quiz: Quiz,
    targets: dict[str, dict[str, Any]],
    sources: dict[str, Any],
    *,
    engine: dict[str, str],
    worksheet_url: str,
    support_links: list[dict[str, str]],
    team_map_url: str,
) -> str:
    sections = quiz.sections
    questions = [q for s in sections for q in s.questions]
    html = (
        templates(markdown=False)
        .get_template("quiz_form.j2")
        .render(
            sections=sections,
            directions=[direction.id for direction in quiz.directions],
            total=len(questions),
            required=sum(q.required for q in questions),
            engine=engine,
            storage_key=STORAGE_KEY,
            version=quiz.version,
            # share-code.js reads links of this format early; older ones wait for the engine.
            share_format=CODE_VERSION,
            worksheet_url=worksheet_url,
            links_json=script_json(targets),
            sources_json=script_json(sources),
            texts=quiz.texts,
            support_links=support_links,
            team_map_url=team_map_url,
        )
    )
    # Python-Markdown ends a raw HTML block at a blank line; keep the block in one piece.
    return "\n".join(line for line in html.splitlines() if line.strip())


def register(ctx: BuildContext) -> None:
    """Add the `quiz_form()` macro to this build."""

    def quiz_form() -> str:
        """The whole quiz: form, engine status, result area, and the data the scripts read."""
        return render_quiz_form(
            ctx.quiz,
            link_targets(ctx),
            source_targets(ctx),
            engine=ctx.engine,
            worksheet_url=ctx.url_for(WORKSHEET_PAGE, html=True),
            support_links=support_links(ctx),
            team_map_url=ctx.url_for(TEAM_MAP_PAGE, html=True),
        )

    ctx.env.macro(quiz_form)
