"""Build the site for tests, from the working tree or from a modified copy of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

# What a build reads; a copy of these is a complete, independent project.
PROJECT_PARTS = (
    "mkdocs.yml",
    "pyproject.toml",
    "VERSION",
    "docs",
    "data",
    "macros",
    "quiz",
    "hooks",
    "overrides",
)


def copy_project(dest: Path) -> Path:
    """Copy what the build needs into dest, so a test can break it without touching the repo."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = REPO_ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    # The engine hook copies Pyodide from node_modules; link it rather than copy 15 MB.
    (dest / "node_modules").symlink_to(REPO_ROOT / "node_modules", target_is_directory=True)
    return dest


def build_site(
    out_dir: Path,
    *,
    project: Path = REPO_ROOT,
    site_url: str = "http://127.0.0.1:8000/",
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` and return the finished process (never raises on failure)."""
    env = {
        **os.environ,
        "SITE_URL": site_url,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        **(extra_env or {}),
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--clean",
            "--site-dir",
            str(out_dir),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def build_or_fail(out_dir: Path, **kwargs: object) -> Path:
    """Build and return out_dir, or raise with mkdocs' own output so the failure is readable."""
    proc = build_site(out_dir, **kwargs)  # type: ignore[arg-type]
    if proc.returncode != 0:
        raise RuntimeError(
            f"mkdocs build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        )
    return out_dir
