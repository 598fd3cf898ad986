"""Facts about the repository that tools and tests read instead of repeating."""

from __future__ import annotations

import json
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGE_JSON = REPO_ROOT / "package.json"


def pinned_npm_version(package: str) -> str:
    """The exact version package.json pins for an npm dependency."""
    manifest = json.loads(PACKAGE_JSON.read_text(encoding="utf-8"))
    version = manifest["dependencies"][package]
    if not isinstance(version, str) or not version[:1].isdigit():
        raise ValueError(f"package.json must pin {package} to an exact version, not {version!r}")
    return version


# package.json is where the Pyodide version is decided; everything else reads it from there.
PYODIDE_VERSION = pinned_npm_version("pyodide")
