"""Brand colors: WCAG contrast, the checks an organization's colors must pass, and the CSS that
applies them to Material's two palettes (light `default` and dark `slate`).

Material draws white text on the primary color (the header, primary buttons) and on the accent
color (a button under the pointer), in both palettes; on the light palette it also draws links in
the primary color and hovered links in the accent color on the white page, the same contrast
pair. On the dark palette links would be the given color on a dark page, where a dark brand color
is unreadable, so the CSS uses a lighter shade of it there, mixed with white until it passes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

AA_NORMAL_TEXT = 4.5
WHITE = "#ffffff"
# Material 9.8's page and code backgrounds: white, and hsl(225, 15%, 14%) / 18% on slate.
LIGHT_PAGE = "#ffffff"
SLATE_PAGE = "#1e2129"
SLATE_CODE = "#272a35"
# Shades for the dark palette aim a little above the minimum, so rounding never drops them below.
SLATE_TARGET = 4.8


class ColorContrastError(ValueError):
    """A brand color would put text below WCAG AA contrast."""


def parse_hex(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if len(value) != 6:
        raise ValueError(f"not a hex color: {color!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def luminance(color: str) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in parse_hex(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two colors, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(color: str, other: str, amount: float) -> str:
    """color moved toward other by amount (0 to 1)."""
    a, b = parse_hex(color), parse_hex(other)
    return to_hex(
        (
            a[0] + (b[0] - a[0]) * amount,
            a[1] + (b[1] - a[1]) * amount,
            a[2] + (b[2] - a[2]) * amount,
        )
    )


def lighter_for_dark_page(color: str) -> str:
    """The color itself if it reads on the dark page and code background, else the first mix
    with white, in 5% steps, that does."""
    for step in range(21):
        shade = mix(color, WHITE, step / 20)
        if min(contrast(shade, SLATE_PAGE), contrast(shade, SLATE_CODE)) >= SLATE_TARGET:
            return shade
    return WHITE


@dataclass(frozen=True)
class Pair:
    """Text of one color on a background of another, as one palette draws it."""

    palette: str
    text: str
    background: str
    where: str

    @property
    def ratio(self) -> float:
        return contrast(self.text, self.background)


def pairs(color: str, role: str) -> Iterator[Pair]:
    """Every text/background pair the two palettes draw with a primary or accent color."""
    shade = lighter_for_dark_page(color)
    if role == "primary":
        yield Pair("light", WHITE, color, "white text on it in the header and on buttons")
        yield Pair("light", color, LIGHT_PAGE, "links in it on the page")
        yield Pair("dark", WHITE, color, "white text on it in the header and on buttons")
        yield Pair("dark", shade, SLATE_PAGE, "links in a lighter shade of it on the page")
    else:
        yield Pair("light", WHITE, color, "white text on a button under the pointer")
        yield Pair("light", color, LIGHT_PAGE, "a link under the pointer")
        yield Pair("dark", SLATE_PAGE, shade, "dark text on a button under the pointer")
        yield Pair("dark", shade, SLATE_PAGE, "a link under the pointer, in a lighter shade")


def check_brand_color(color: str, *, role: str) -> None:
    """Raise ColorContrastError naming the palette and the place if any pair is below AA."""
    for pair in pairs(color, role):
        if pair.ratio < AA_NORMAL_TEXT:
            raise ColorContrastError(
                f"{color} is too light: {pair.where} ({pair.palette} palette) has a contrast of "
                f"{pair.ratio:.2f}:1, below the 4.5:1 that WCAG AA needs; choose a darker shade"
            )


def palette_css(primary: str | None, accent: str | None) -> str:
    """CSS for Material's `custom` primary and accent, in both palettes."""
    rules = ["/* Generated from organization.yml `colors` (macros/colors.py). */"]
    if primary:
        light = lighter_for_dark_page(primary)
        rules.append(
            '[data-md-color-primary="custom"] {\n'
            f"  --md-primary-fg-color: {primary};\n"
            f"  --md-primary-fg-color--light: {primary};\n"
            f"  --md-primary-fg-color--dark: {primary};\n"
            "  --md-primary-bg-color: #fff;\n"
            "  --md-primary-bg-color--light: #ffffffb3;\n"
            f"  --md-typeset-a-color: {primary};\n"
            "}\n"
            '[data-md-color-scheme="slate"][data-md-color-primary="custom"] {\n'
            f"  --md-typeset-a-color: {light};\n"
            "}"
        )
    if accent:
        light = lighter_for_dark_page(accent)
        rules.append(
            '[data-md-color-accent="custom"] {\n'
            f"  --md-accent-fg-color: {accent};\n"
            f"  --md-accent-fg-color--transparent: {accent}1a;\n"
            "  --md-accent-bg-color: #fff;\n"
            "  --md-accent-bg-color--light: #ffffffb3;\n"
            "}\n"
            '[data-md-color-scheme="slate"][data-md-color-accent="custom"] {\n'
            f"  --md-accent-fg-color: {light};\n"
            f"  --md-accent-fg-color--transparent: {light}1a;\n"
            f"  --md-accent-bg-color: {SLATE_PAGE};\n"
            f"  --md-accent-bg-color--light: {SLATE_PAGE}b3;\n"
            "}"
        )
    return "\n".join(rules) + "\n"
