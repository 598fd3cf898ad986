"""The intended differences between overrides/ and the installed Material's templates.

Every file in overrides/ with the same path as one of Material's templates replaces Material's
file completely: a copied partial with one accessibility fix, or main.html and 404.html, which
extend Material's base.html. tests/test_material_overrides.py compares their unified diff against
Material with the one recorded in INTENDED_DIFF, so the test fails when Material changes a file
we replace (an upgrade) or when a copy changes by accident.

    python -m devtools.overrides           # print the current diff
    python -m devtools.overrides --write   # record it (make overrides-diff), after reviewing it

Why each change was made is said in the comment at the top of each override, which the diff
shows.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.metadata
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path

from devtools.project import REPO_ROOT

OVERRIDES_DIR = REPO_ROOT / "overrides"
INTENDED_DIFF = REPO_ROOT / "tests" / "fixtures" / "material-overrides.diff"
REGENERATE = "make overrides-diff"
HEADER = f"""\
# The intended differences between overrides/ and Material's own templates, one file per section.
# Checked by tests/test_material_overrides.py. After changing an override on purpose, or after a
# Material upgrade (re-copy the changed partials first), review and record with: {REGENERATE}
# Recorded against mkdocs-material {{version}}.
"""


def material_templates() -> Path:
    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None:
        raise RuntimeError("mkdocs-material is not installed (make install)")
    return Path(spec.origin).parent / "templates"


def replaced_templates(templates: Path | None = None) -> list[str]:
    """Paths, relative to overrides/, of the files that replace one of Material's templates."""
    templates = templates or material_templates()
    return sorted(
        path.relative_to(OVERRIDES_DIR).as_posix()
        for path in OVERRIDES_DIR.rglob("*")
        if path.is_file() and (templates / path.relative_to(OVERRIDES_DIR)).is_file()
    )


def _lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def file_diff(relative: str, templates: Path | None = None) -> str:
    """The unified diff from Material's file to ours, with stable names and no timestamps."""
    templates = templates or material_templates()
    names = f"--- material/templates/{relative}\n+++ overrides/{relative}\n"
    hunks = difflib.unified_diff(
        _lines(templates / relative), _lines(OVERRIDES_DIR / relative), n=3
    )
    body = "".join(list(hunks)[2:])  # without difflib's own ---/+++ lines
    return names + body  # an identical copy is recorded too, as names without hunks


def current_diffs(templates: Path | None = None) -> dict[str, str]:
    """Each replaced template's diff against Material, by path relative to overrides/."""
    return {relative: file_diff(relative, templates) for relative in replaced_templates(templates)}


def split_diff(text: str) -> dict[str, str]:
    """A recorded diff file, split back into one diff per override (header lines dropped)."""
    diffs: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines(keepends=True):
        if line.startswith("--- material/templates/"):
            current = diffs.setdefault(line.removeprefix("--- material/templates/").strip(), [])
        if current is not None:
            current.append(line)
    return {relative: "".join(lines) for relative, lines in diffs.items()}


def render(diffs: dict[str, str]) -> str:
    version = importlib.metadata.version("mkdocs-material")
    return HEADER.format(version=version) + "".join(diffs[name] for name in sorted(diffs))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--write", action="store_true", help=f"record it in {INTENDED_DIFF.name}")
    args = parser.parse_args(argv)
    text = render(current_diffs())
    if not args.write:
        sys.stdout.write(text)
        return 0
    INTENDED_DIFF.write_text(text, encoding="utf-8")
    print(f"{INTENDED_DIFF.relative_to(REPO_ROOT)}: recorded; review it with git diff")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
