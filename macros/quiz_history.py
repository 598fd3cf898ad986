"""The quiz page's "results over time" and "plan to take away", rendered at build time.

Both sections are markup the browser modules fill (quiz-history.js, quiz-plan.js): every word
is in their templates, scale names come from the quiz (quiz.toml) and the routines (which
practices can go into a calendar, and when) from data/practices.yml.
"""

from __future__ import annotations

from typing import Any

from macros.context import BuildContext
from macros.guide_data import Guide
from macros.templating import script_json, templates
from quiz import Quiz

# Versioned: a later shape of the records gets a new key, and this one is read and converted.
HISTORY_KEY = "balance-or-blend/quiz-history/v1"
# What an exported file says it is, so an import can tell it from any other JSON file.
HISTORY_FORMAT = "balance-or-blend/quiz-history"
HISTORY_FORMAT_VERSION = 1
MAX_PLAN_ITEMS = 3


def scale_names(quiz: Quiz) -> list[dict[str, str]]:
    """id and reader-facing name of every scale, in the quiz's order."""
    names = []
    for scale in quiz.scales:
        direction = quiz.direction(scale.direction).label if scale.direction else ""
        names.append({"id": scale.id, "label": scale.label, "direction": direction})
    return names


def routines(guide: Guide) -> dict[str, dict[str, Any]]:
    """slug -> the routine of each practice that has one (cadence, day, time, minutes, text)."""
    return {
        practice.slug: practice.routine.model_dump()
        for practice in guide.habits
        if practice.routine is not None
    }


def summaries(guide: Guide) -> dict[str, str]:
    """slug -> one-line summary of every item the quiz may recommend, for the printed plan."""
    return {
        item.slug: str(getattr(item, "summary", ""))
        for _kind, item in guide.recommendable()
        if getattr(item, "summary", "")
    }


def render_quiz_history(
    quiz: Quiz,
    routine_map: dict[str, dict[str, Any]],
    summary_map: dict[str, str],
) -> str:
    html = (
        templates(markdown=False)
        .get_template("quiz_history.html.j2")
        .render(
            scales=scale_names(quiz),
            scales_json=script_json([s["id"] for s in scale_names(quiz)]),
            history_key=HISTORY_KEY,
            history_format=HISTORY_FORMAT,
            history_format_version=HISTORY_FORMAT_VERSION,
            quiz_version=quiz.version,
            routines_json=script_json(routine_map),
            summaries_json=script_json(summary_map),
            max_plan_items=MAX_PLAN_ITEMS,
        )
    )
    # Python-Markdown ends a raw HTML block at a blank line; keep the block in one piece.
    return "\n".join(line for line in html.splitlines() if line.strip())


def register(ctx: BuildContext) -> None:
    """Add the `quiz_history()` macro to this build."""

    def quiz_history() -> str:
        """Results over time and the plan to take away, placed after the quiz on its page."""
        return render_quiz_history(ctx.quiz, routines(ctx.guide), summaries(ctx.guide))

    ctx.env.macro(quiz_history)
