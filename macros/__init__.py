"""mkdocs-macros entry point: registers the macros pages call. Logic lives in sibling modules."""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Called once per build by mkdocs-macros-plugin."""
    # The guide's data first: invalid data fails the build here, before anything is written.
    from macros.guide_render import register_guide

    guide_renderer = register_guide(env)
    guide = guide_renderer.guide

    from macros.quiz_form import make_quiz_form

    env.macro(make_quiz_form(env), "quiz_form")

    # An organization's own settings (organization.yml) and the team map page.
    from macros.organization_render import register as register_organization
    from macros.team import make_team_macros

    guide_renderer.item_note = register_organization(env, guide)
    for name, macro in make_team_macros(env).items():
        env.macro(macro, name)

    # "How the quiz scores" and the paper worksheet, from the quiz's own data file.
    from macros.quiz_docs import register as register_quiz_docs

    register_quiz_docs(env, guide)
