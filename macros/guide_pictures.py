"""The guide's pictures: accessible inline SVG drawn from the guide's data.

Each picture is a ``<figure>`` holding an ``<svg role="img">`` whose ``aria-labelledby`` names
its ``<title>`` and ``<desc>``: the desc says in words what the picture shows. Colors come from
CSS classes (``bb-*`` in site.css), whose custom properties switch with Material's light and
dark schemes and with print, so no style attribute is needed (the CSP forbids inline styles).
Markup lives in templates/guide/pictures/*.svg.j2; this module computes the layout.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from macros.guide_data import Guide, Outcome, Question
from macros.templating import templates

_jinja = templates(markdown=False)

# Continuum picture: the line's ends in the viewBox (0 0 360 ...), and a font size to wrap by.
LINE_START, LINE_END = 24, 336
FONT_SIZE = 12
CHAR_WIDTH = 6.4  # average width of a character at FONT_SIZE, for wrapping only


def _render(template: str, **context: Any) -> str:
    # One line per element and no blank lines: Markdown passes a raw <figure> block untouched
    # only while it has no blank line inside.
    html = _jinja.get_template(f"guide/pictures/{template}").render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"


def wrap(text: str, width: float) -> list[str]:
    """Lines of text that fit in a box ``width`` units wide at FONT_SIZE."""
    return textwrap.wrap(text, max(8, int(width / CHAR_WIDTH)))


def continuum(guide: Guide, ident: str = "continuum") -> str:
    """The line from separation to integration, with the decision guide's outcomes on it."""
    outcomes = sorted(guide.outcomes, key=lambda o: o.position)
    marks = [
        {"outcome": o, "x": LINE_START + (LINE_END - LINE_START) * o.position / 100}
        for o in outcomes
    ]
    places = ", ".join(f"{o.title} {_where(o.position)}" for o in outcomes)
    desc = (
        "A line runs from keeping work and the rest of life fully apart, on the left, where a "
        "work square and a life square sit apart, to blending them fully, on the right, where "
        f"two circles overlap. The answers of the decision guide sit along it: {places}."
    )
    return _render("continuum.svg.j2", ident=ident, marks=marks, desc=desc)


def _where(position: int) -> str:
    if position < 34:
        return "near the separate end"
    if position > 66:
        return "near the blended end"
    return "in the middle"


@dataclass(frozen=True)
class FlowNode:
    """One box of the decision flow: a question or an outcome, its place, and its lines."""

    item: Question | Outcome
    x: float
    y: float
    width: float
    height: float
    lines: list[str]
    answer: str  # "Yes" or "No" on the line that leads here ("" for the first question)
    parent: int | None  # index of the question above, in the list of nodes

    @property
    def is_outcome(self) -> bool:
        return isinstance(self.item, Outcome)


FLOW_WIDTH = 360
ROW_GAP = 34
LINE_HEIGHT = 15


def flow(guide: Guide, ident: str = "decision-flow") -> str:
    """The decision guide as a tree: each question above the two places its answers lead to."""
    questions = {q.slug: q for q in guide.questions}
    outcomes = {o.slug: o for o in guide.outcomes}

    def leaves(slug: str) -> int:
        question = questions.get(slug)
        return 1 if question is None else leaves(question.if_yes) + leaves(question.if_no)

    start = guide.questions[0].slug
    slot = FLOW_WIDTH / leaves(start)
    # (item, depth, first leaf, span, answer, parent index), top-down.
    boxes: list[tuple[Question | Outcome, int, int, int, str, int | None]] = []

    def visit(slug: str, depth: int, first: int, answer: str, parent: int | None) -> None:
        item: Question | Outcome = questions[slug] if slug in questions else outcomes[slug]
        boxes.append((item, depth, first, leaves(slug), answer, parent))
        if isinstance(item, Question):
            index = len(boxes) - 1
            visit(item.if_yes, depth + 1, first, "Yes", index)
            visit(item.if_no, depth + 1, first + leaves(item.if_yes), "No", index)

    visit(start, 0, 0, "", None)

    def lines_of(item: Question | Outcome, span: int) -> list[str]:
        text = item.title if isinstance(item, Question) else item.short
        return wrap(text, span * slot - 20)

    # Each row is as tall as its tallest box; the boxes of a row share their top edge.
    heights: dict[int, float] = {}
    for item, depth, _first, span, _answer, _parent in boxes:
        height = 12 + LINE_HEIGHT * len(lines_of(item, span))
        heights[depth] = max(heights.get(depth, 0), height)
    tops: dict[int, float] = {}
    y = 2.0
    for depth in sorted(heights):
        tops[depth] = y
        y += heights[depth] + ROW_GAP
    nodes = [
        FlowNode(
            item,
            first * slot + 4,
            tops[depth],
            span * slot - 8,
            heights[depth],
            lines_of(item, span),
            answer,
            parent,
        )
        for item, depth, first, span, answer, parent in boxes
    ]
    return _render(
        "flow.svg.j2",
        ident=ident,
        nodes=nodes,
        width=FLOW_WIDTH,
        height=y - ROW_GAP + 4,
        desc=_flow_desc(guide),
        line_height=LINE_HEIGHT,
    )


def _flow_desc(guide: Guide) -> str:
    titles = {o.slug: o.title for o in guide.outcomes} | {q.slug: q.title for q in guide.questions}
    parts = []
    for number, question in enumerate(guide.questions, start=1):
        parts.append(
            f"Question {number}: {question.title} Yes leads to {titles[question.if_yes]}; "
            f"no leads to {titles[question.if_no]}."
        )
    return "A flow chart of the decision guide. " + " ".join(parts)


def directions(ident: str = "two-directions") -> str:
    """The two directions of the boundary: work into life, and life into work."""
    return _render("directions.svg.j2", ident=ident)


def metaphor(picture: str, ident: str) -> str:
    """The picture behind a model: the scale (balance) or the mosaic (integration)."""
    return _render(f"{picture}.svg.j2", ident=ident)
