"""README and CONTRIBUTING describe the folders as they are: every folder has a row in README's
"Where things live", and CONTRIBUTING's rows for hooks/ and scripts/ name exactly their files."""

from __future__ import annotations

import re
import subprocess

import pytest

from devtools.project import REPO_ROOT


def tracked_files() -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    return listing.stdout.splitlines()


def table_rows(doc: str) -> dict[str, str]:
    """First cell (the path, without backticks) -> the rest of the row, for every table row."""
    text = (REPO_ROOT / doc).read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+)` \|(.*)\|$", text, re.MULTILINE)
    return dict(rows)


def test_readme_has_a_row_for_every_folder() -> None:
    folders = {path.split("/", 1)[0] + "/" for path in tracked_files() if "/" in path}
    visible = {folder for folder in folders if not folder.startswith(".")}
    assert sorted(visible - set(table_rows("README.md"))) == []


@pytest.mark.parametrize("folder", ["hooks/", "scripts/"])
def test_contributing_names_each_file_of(folder: str) -> None:
    files = {path.removeprefix(folder) for path in tracked_files() if path.startswith(folder)}
    named = set(re.findall(r"`([\w.-]+\.(?:py|mjs|txt))`", table_rows("CONTRIBUTING.md")[folder]))
    assert named == files
