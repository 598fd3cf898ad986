"""mkdocs-macros entry point: registers the macros pages call. Logic lives in sibling modules."""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Called once per build by mkdocs-macros-plugin."""
    from macros.context import BuildContext
    from macros.guide_render import register_guide
    from macros.organization_render import register as register_organization
    from macros.quiz_docs import register as register_quiz_docs
    from macros.quiz_form import register as register_quiz_form
    from macros.quiz_history import register as register_quiz_history
    from macros.team import register as register_team
    from macros.workshop import register as register_workshop

    # Guide data, quiz and organization settings, loaded and checked once: invalid input fails
    # the build here, before anything is written.
    ctx = BuildContext.load(env)
    guide = register_guide(ctx)
    guide.item_note = register_organization(ctx)
    register_quiz_form(ctx)
    register_quiz_history(ctx)
    register_team(ctx)
    register_quiz_docs(ctx)
    register_workshop(ctx)
