"""`make dist` in a copy of the project, as from a fresh clone (for tests), and unpacking it."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

from devtools.build import copy_project
from devtools.project import REPO_ROOT

# What `make dist` needs besides what a build reads.
DIST_PARTS = ("Makefile", "scripts", "tools", "VERSION", "requirements.txt", "package.json")


def make_dist(dest: Path) -> Path:
    """Run `make dist` in a copy of the project under dest; return the one archive it wrote.

    The copy uses this checkout's installed tools (`-o install` skips the install step, which a
    fresh clone would run), so the test never installs anything."""
    project = copy_project(dest / "project")
    for part in DIST_PARTS:
        src = REPO_ROOT / part
        if src.is_dir():
            shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, project / part)
    env = {k: v for k, v in os.environ.items() if k not in {"ORG_CONFIG", "SITE_URL"}}
    proc = subprocess.run(
        ["make", "-o", "install", f"VENV={REPO_ROOT / '.venv'}", "dist"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"make dist failed:\n{proc.stdout}\n{proc.stderr}")
    archives = sorted((project / "dist").glob("*.zip"))
    if len(archives) != 1:
        raise RuntimeError(f"make dist wrote {archives}, not one archive")
    return archives[0]


def unpack(archive: Path, dest: Path) -> Path:
    """Unzip the archive into dest and return its one top folder."""
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(dest)
    (top,) = [p for p in dest.iterdir() if p.is_dir()]
    return top
