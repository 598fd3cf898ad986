"""The team map as an accessible SVG: preference (x) against room to keep apart (y).

Drawn with plain string formatting so it runs anywhere the engine runs. All coordinates are whole
numbers, so the text is identical in CPython and Pyodide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 640, 556
LEFT, TOP, SIZE = 110, 40, 400  # plot area; 4 px per point
SHAPES = {"fit": "circle", "under-supplied": "square", "over-supplied": "diamond"}
COLORS = {"fit": "#00695c", "under-supplied": "#b23c17", "over-supplied": "#4527a0"}


@dataclass(frozen=True)
class Dot:
    number: int
    preference: int
    supplies: int
    fit: str


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
        k = seen.get((dot.preference, dot.supplies), 0)
        seen[(dot.preference, dot.supplies)] = k + 1
        nudges.append(16 * ((k + 1) // 2) * (1 if k % 2 else -1))
    return nudges


def render(dots: Sequence[Dot], *, band: int, labels: dict[str, str], id_prefix: str) -> str:
    """The whole SVG document. labels maps fit ids to their wording."""
    pid = escape(id_prefix)
    if dots:
        people = "; ".join(
            f"member {d.number}: wants {d.preference} of 100 toward blending, "
            f"room to keep apart {d.supplies} of 100, {labels[d.fit].lower()}"
            for d in dots
        )
        summary = f"{len(dots)} {'member' if len(dots) == 1 else 'members'}. {people}."
    else:
        summary = "No valid codes to plot."
    desc = (
        "Each member is placed by what they want, from keeping work and personal life apart "
        "(left, 0) to blending them (right, 100), and by how much room their work and home give "
        "to keep the two apart, from none (bottom, 0) to plenty (top, 100). The shaded band "
        f"marks a good fit: within {band} points of what each member wants. " + summary
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{pid}-title {pid}-desc" font-family="system-ui, sans-serif">',
        f'<title id="{pid}-title">Team map: what members want against what their work '
        "allows</title>",
        f'<desc id="{pid}-desc">{escape(desc)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    # The fit band: 100 - band < preference + supplies < 100 + band, clipped to the square.
    corners = [(0, 100 - band), (100 - band, 0), (100, 0), (100, band), (band, 100), (0, 100)]
    band_points = " ".join(f"{_x(max(0, x))},{_y(max(0, y))}" for x, y in corners)
    out.append('<g aria-hidden="true">')
    out.append(f'<polygon points="{band_points}" fill="#e0f2f1"/>')
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
    out.append(
        f'<text x="{_x(3)}" y="{_y(4)}" font-size="13" fill="#37474f">'
        f"{escape(labels['under-supplied'])}</text>"
    )
    out.append(
        f'<text x="{_x(97)}" y="{_y(95)}" text-anchor="end" font-size="13" fill="#37474f">'
        f"{escape(labels['over-supplied'])}</text>"
    )
    out.append(
        f'<text x="{LEFT + SIZE // 2}" y="{TOP + SIZE + 46}" text-anchor="middle" font-size="14" '
        'fill="#263238">What they want: 0 = keep apart, 100 = blend</text>'
    )
    mid = TOP + SIZE // 2
    out.append(
        f'<text x="30" y="{mid}" text-anchor="middle" font-size="14" fill="#263238" '
        f'transform="rotate(-90 30 {mid})">Room to keep apart: 0 = none, 100 = plenty</text>'
    )
    legend_y = TOP + SIZE + 86
    for kind, lx in (("fit", 40), ("under-supplied", 150), ("over-supplied", 400)):
        out.append(_shape(kind, lx, legend_y, COLORS[kind]))
        out.append(
            f'<text x="{lx + 20}" y="{legend_y + 5}" font-size="13" fill="#263238">'
            f"{escape(labels[kind])}</text>"
        )
    if not dots:
        out.append(
            f'<text x="{LEFT + SIZE // 2}" y="{mid}" text-anchor="middle" font-size="16" '
            'fill="#263238">No valid codes to plot</text>'
        )
    out.append("</g>")
    out.append('<g aria-hidden="true">')
    for dot, nudge in zip(dots, _offsets(dots), strict=True):
        cx, cy = _x(dot.preference) + nudge, _y(dot.supplies)
        out.append(_shape(dot.fit, cx, cy, COLORS[dot.fit]))
        out.append(
            f'<text x="{cx}" y="{cy + 4}" text-anchor="middle" font-size="11" font-weight="bold" '
            f'fill="#ffffff">{dot.number}</text>'
        )
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
