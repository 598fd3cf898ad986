"""Each file in overrides/ that replaces one of Material's templates differs from the installed
Material's file only as recorded in tests/fixtures/material-overrides.diff.

A copied partial that Material changes in an upgrade would otherwise keep the old markup without a
word; an accidental edit to a copy would go unnoticed. The why of each change is the comment at the
top of each override. See devtools/overrides.py.
"""

from __future__ import annotations

import difflib

from devtools.overrides import INTENDED_DIFF, REGENERATE, current_diffs, split_diff

HOW_TO_UPDATE = (
    f"If the change is intended (you edited the override, or re-copied a partial after a Material "
    f"upgrade and re-applied our change), record it with `{REGENERATE}` and commit the diff."
)


def test_overrides_differ_from_material_only_where_intended() -> None:
    recorded = split_diff(INTENDED_DIFF.read_text(encoding="utf-8"))
    current = current_diffs()
    problems = []
    for name in sorted(recorded.keys() | current.keys()):
        if name not in current:
            problems.append(f"overrides/{name}: recorded, but replaces no Material template now")
        elif name not in recorded:
            problems.append(f"overrides/{name}: replaces Material's {name} but is not recorded")
        elif current[name] != recorded[name]:
            change = difflib.unified_diff(
                recorded[name].splitlines(keepends=True),
                current[name].splitlines(keepends=True),
                fromfile="recorded diff",
                tofile="diff now",
            )
            problems.append(
                f"overrides/{name} no longer differs from Material's as recorded:\n"
                + "".join(change)
            )
    assert not problems, "\n\n".join([*problems, HOW_TO_UPDATE])
