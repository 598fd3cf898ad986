"""mkdocs-macros entry point: registers the macros that pages call. Logic lives in sibling modules."""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Called once per build by mkdocs-macros-plugin."""
