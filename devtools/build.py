"""Build the site from the working tree, or from a copy of the project a test may break."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Collection, Mapping
from pathlib import Path

from devtools.project import REPO_ROOT

# What a build reads; a copy of these is a complete, independent project.
PROJECT_PARTS = (
    "VERSION",
    "mkdocs.yml",
    "package.json",
    "pyproject.toml",
    "docs",
    "data",
    "macros",
    "quiz",
    "hooks",
    "overrides",
)
# mkdocs 1.6 and mkdocs-redirects (through properdocs) each print a banner unless told not to.
QUIET_BANNERS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


class BuildFailed(RuntimeError):
    """`mkdocs build` exited non-zero; the message holds its whole output."""


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
    site_url: str | None = None,
    extra_env: Mapping[str, str] | None = None,
    unset_env: Collection[str] = (),
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` into out_dir and return the finished process (never raises).

    site_url None keeps mkdocs.yml's own default (a SITE_URL in the environment is ignored, so a
    developer's shell cannot change what tests see). The build inherits this process's environment
    minus unset_env (e.g. an ORG_CONFIG that would change the pages), plus extra_env.
    """
    dropped = {"SITE_URL", *unset_env}
    env = {name: value for name, value in os.environ.items() if name not in dropped}
    env |= QUIET_BANNERS
    if site_url is not None:
        env["SITE_URL"] = site_url
    env |= extra_env or {}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"]
    return subprocess.run(
        [*command, "--site-dir", str(out_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def build_or_fail(
    out_dir: Path,
    *,
    project: Path = REPO_ROOT,
    site_url: str | None = None,
    extra_env: Mapping[str, str] | None = None,
    unset_env: Collection[str] = (),
) -> Path:
    """Build and return out_dir, or raise BuildFailed with mkdocs' own output to read."""
    proc = build_site(
        out_dir, project=project, site_url=site_url, extra_env=extra_env, unset_env=unset_env
    )
    if proc.returncode != 0:
        raise BuildFailed(f"mkdocs build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return out_dir
