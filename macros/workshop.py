"""The workshop kit for people teams (docs/workshop/): a facilitator's agenda and questions, a
blank team norms sheet, and a screen deck, all drawn from the guide's data through the build
context, so they change when the guide does.

Markup lives in macros/templates/workshop/; sections an organization hides (the team map, the
worksheet) drop out of the kit instead of leaving a link to nowhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs.exceptions import PluginError

from macros.context import BuildContext
from macros.templating import templates

SESSION_MINUTES = 45
QUIZ_PAGE = "quiz/index.md"
TEAM_MAP_PAGE = "quiz/team-map.md"
WORKSHEET_PAGE = "quiz/worksheet.md"
# The practices a first session suggests trying: small, and about the team as much as the person.
SESSION_PRACTICES = ("micro-boundaries", "communicate-openly", "outcomes-over-hours")
# The policies the team norms sheet asks the team to settle, one row each.
NORMS_POLICIES = ("right-to-disconnect", "flexible-async-work", "managed-time-off")


@dataclass(frozen=True)
class Step:
    """One block of the session: its key (the template holds its words) and its length."""

    key: str
    minutes: int


def agenda(*, team_map: bool) -> list[Step]:
    """The 45-minute session. Without the team map, its ten minutes go to the discussion."""
    steps = [
        Step("welcome", 5),
        Step("models", 5),
        Step("quiz", 10),
        Step("map", 10) if team_map else Step("results", 5),
        Step("discuss", 10 if team_map else 15),
        Step("agree", 5),
    ]
    total = sum(step.minutes for step in steps)
    if total != SESSION_MINUTES:
        raise PluginError(f"workshop agenda: {total} minutes, not {SESSION_MINUTES}")
    return steps


def _items(ctx: BuildContext, kind: str, slugs: Sequence[str]) -> list[Any]:
    # Practices without the aliases that keep old slugs working: only the habits themselves.
    items = ctx.guide.habits if kind == "practices" else ctx.guide.items(kind)
    by_slug = {item.slug: item for item in items}
    missing = [slug for slug in slugs if slug not in by_slug]
    if missing:
        raise PluginError(f"workshop kit: no {kind} item with the slug(s) {missing}")
    return [by_slug[slug] for slug in slugs]


def kit_context(ctx: BuildContext) -> dict[str, Any]:
    """Everything the workshop templates use: guide items, links, and what this build shows."""
    team_map = ctx.shows(TEAM_MAP_PAGE)
    worksheet = ctx.shows(WORKSHEET_PAGE)
    start = 0
    timed = []
    for step in agenda(team_map=team_map):
        timed.append({"key": step.key, "minutes": step.minutes, "start": start})
        start += step.minutes
    return {
        "agenda": timed,
        "total": SESSION_MINUTES,
        "balance": ctx.guide.definition("balance"),
        "integration": ctx.guide.definition("integration"),
        "dimensions": ctx.guide.dimensions,
        "practices": _items(ctx, "practices", SESSION_PRACTICES),
        "all_practices": ctx.guide.habits,
        # A practice's old slugs keep their slide anchors too (slugs are forever).
        "old_slugs": {
            p.slug: [a.slug for a in ctx.guide.aliases(p.slug)] for p in ctx.guide.habits
        },
        "norm_policies": _items(ctx, "policies", NORMS_POLICIES)
        if ctx.shows("organizations.md")
        else [],
        "leading_faq": [item for item in ctx.guide.faq if item.group == "leading"],
        "team_map": team_map,
        "worksheet": worksheet,
        "organization": ctx.organization.name if ctx.organization else None,
        "url_for": ctx.url_for,
        "quiz_url": ctx.url_for(QUIZ_PAGE),
        "team_map_url": ctx.url_for(TEAM_MAP_PAGE) if team_map else None,
        "worksheet_url": ctx.url_for(WORKSHEET_PAGE) if worksheet else None,
    }


def render(ctx: BuildContext, template: str) -> str:
    return templates(markdown=True).get_template(f"workshop/{template}").render(**kit_context(ctx))


def register(ctx: BuildContext) -> None:
    """Add the workshop macros: the agenda, the questions, the norms sheet and the deck."""

    def workshop_agenda() -> str:
        """The 45-minute agenda as a table, with what the facilitator does in each block."""
        return render(ctx, "agenda.md.j2")

    def workshop_questions() -> str:
        """The questions to discuss, from the comparison and the guide's FAQ for leaders."""
        return render(ctx, "questions.md.j2")

    def workshop_handouts() -> str:
        """The printable handouts: the worksheet (if shown) and a blank team norms sheet."""
        return render(ctx, "handouts.md.j2")

    def workshop_deck() -> str:
        """The screen deck: one idea per slide, one slide per landscape page when printed."""
        html = (
            templates(markdown=False)
            .get_template("workshop/deck.html.j2")
            .render(**{**kit_context(ctx), "href": lambda t: ctx.url_for(t, html=True)})
        )
        # Python-Markdown ends a raw HTML block at a blank line; keep the deck in one piece.
        return "\n".join(line for line in html.splitlines() if line.strip())

    for macro in (workshop_agenda, workshop_questions, workshop_handouts, workshop_deck):
        ctx.env.macro(macro)
