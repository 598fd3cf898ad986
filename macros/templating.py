"""The one Jinja setup every macro module renders with (templates live in macros/templates/)."""

from __future__ import annotations

from pathlib import Path

import jinja2

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def templates(*, markdown: bool) -> jinja2.Environment:
    """Markdown output is not escaped (MkDocs converts it next; raw HTML parts escape with |e);
    HTML output is autoescaped. Undefined names fail the build rather than render as blanks."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=not markdown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=markdown,
    )
