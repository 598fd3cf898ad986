"""The one Jinja setup every macro module renders with (templates live in macros/templates/)."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
from markupsafe import Markup

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


def script_json(value: object) -> Markup:
    """JSON for a <script type="application/json"> block: "<" is escaped, so no text in it can
    end the element, and the template must not HTML-escape it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c"))
