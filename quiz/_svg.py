"""The team map as an accessible SVG: what each member wants, work into personal life (x) against
personal life into work (y), shaped by fit. Every word comes from quiz.toml through the caller.

Drawn with plain string formatting so it runs anywhere the engine runs. All coordinates are whole
numbers, so the text is identical in CPython and Pyodide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 640, 556
LEFT, TOP, SIZE = 110, 40, 400  # plot area; 4 px per point
KINDS = ("good", "intrusion", "restriction")
SHAPES = {"good": "circle", "intrusion": "square", "restriction": "diamond"}
COLORS = {"good": "#00695c", "intrusion": "#b23c17", "restriction": "#4527a0"}


@dataclass(frozen=True)
class Dot:
    number: int
    x: int
    y: int
    kind: str
    description: str


def _x(value: int) -> int:
    return LEFT + SIZE * value // 100


def _y(value: int) -> int:
    return TOP + SIZE - SIZE * value // 100


def _shape(kind: str, cx: int, cy: int, color: str) -> str:
    if SHAPES[kind] == "circle":
        return f'<circle cx="{cx}" cy="{cy}" r="12" fill="{color}"/>'
    if SHAPES[kind] == "square":
        return f'<rect x="{cx - 11}" y="{cy - 11}" width="22" height="22" fill="{color}"/>'
    points = f"{cx},{cy - 14} {cx + 14},{cy} {cx},{cy + 14} {cx - 14},{cy}"
    return f'<polygon points="{points}" fill="{color}"/>'


def _offsets(dots: Sequence[Dot]) -> list[int]:
    """Sideways nudges so members at the same spot stay visible: 0, +16, -16, +32, ..."""
    seen: dict[tuple[int, int], int] = {}
    nudges = []
    for dot in dots:
        k = seen.get((dot.x, dot.y), 0)
        seen[(dot.x, dot.y)] = k + 1
        nudges.append(16 * ((k + 1) // 2) * (1 if k % 2 else -1))
    return nudges


def render(
    dots: Sequence[Dot],
    *,
    title: str,
    summary: str,
    x_label: str,
    y_label: str,
    corners: Mapping[str, str],
    legend: Mapping[str, str],
    empty: str,
    id_prefix: str,
) -> str:
    """The whole SVG document. corners maps "bottom-left" etc. to the style found there."""
    pid = escape(id_prefix)
    people = "; ".join(d.description for d in dots)
    desc = f"{summary} {people}." if dots else f"{summary} {empty}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{pid}-title {pid}-desc" font-family="system-ui, sans-serif">',
        f'<title id="{pid}-title">{escape(title)}</title>',
        f'<desc id="{pid}-desc">{escape(desc)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        '<g aria-hidden="true">',
    ]
    for value in (0, 25, 50, 75, 100):
        x, y = _x(value), _y(value)
        out.append(f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{TOP + SIZE}" stroke="#cfd8dc"/>')
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + SIZE}" y2="{y}" stroke="#cfd8dc"/>')
        out.append(
            f'<text x="{x}" y="{TOP + SIZE + 20}" text-anchor="middle" font-size="13" '
            f'fill="#37474f">{value}</text>'
        )
        out.append(
            f'<text x="{LEFT - 10}" y="{y + 5}" text-anchor="end" font-size="13" '
            f'fill="#37474f">{value}</text>'
        )
    out.append(
        f'<rect x="{LEFT}" y="{TOP}" width="{SIZE}" height="{SIZE}" fill="none" stroke="#546e7a"/>'
    )
    for corner, (x, y, anchor) in {
        "bottom-left": (_x(3), _y(4), "start"),
        "bottom-right": (_x(97), _y(4), "end"),
        "top-left": (_x(3), _y(95), "start"),
        "top-right": (_x(97), _y(95), "end"),
    }.items():
        out.append(
            f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="13" fill="#37474f">'
            f"{escape(corners[corner])}</text>"
        )
    out.append(
        f'<text x="{LEFT + SIZE // 2}" y="{TOP + SIZE + 46}" text-anchor="middle" font-size="14" '
        f'fill="#263238">{escape(x_label)}</text>'
    )
    mid = TOP + SIZE // 2
    out.append(
        f'<text x="30" y="{mid}" text-anchor="middle" font-size="14" fill="#263238" '
        f'transform="rotate(-90 30 {mid})">{escape(y_label)}</text>'
    )
    legend_y = TOP + SIZE + 86
    for kind, lx in zip(KINDS, (40, 210, 430), strict=True):
        out.append(_shape(kind, lx, legend_y, COLORS[kind]))
        out.append(
            f'<text x="{lx + 20}" y="{legend_y + 5}" font-size="13" fill="#263238">'
            f"{escape(legend[kind])}</text>"
        )
    if not dots:
        out.append(
            f'<text x="{LEFT + SIZE // 2}" y="{mid}" text-anchor="middle" font-size="15" '
            f'fill="#263238">{escape(empty)}</text>'
        )
    out.append("</g>")
    out.append('<g aria-hidden="true">')
    for dot, nudge in zip(dots, _offsets(dots), strict=True):
        cx, cy = _x(dot.x) + nudge, _y(dot.y)
        out.append(_shape(dot.kind, cx, cy, COLORS[dot.kind]))
        out.append(
            f'<text x="{cx}" y="{cy + 4}" text-anchor="middle" font-size="11" font-weight="bold" '
            f'fill="#ffffff">{dot.number}</text>'
        )
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
