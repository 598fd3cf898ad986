"""MkDocs hook: builds the quiz wheel and copies the pinned Pyodide runtime into the site.

The wheel is built in-process from `quiz/` with flit_core's PEP 517 backend, so a build needs no
network and no extra tool. Its file name and SHA-256 reach the macros through
config["extra"]["quiz_engine"]; the quiz page writes the hash into its markup and the worker
refuses a wheel that does not match it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# Only the core runtime: the quiz needs no package from the Pyodide distribution.
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
# 1980-01-01, the earliest time a zip entry can carry: the same sources give the same wheel bytes,
# and so the same hash, on every machine. A SOURCE_DATE_EPOCH already set by a packager wins.
DEFAULT_SOURCE_DATE_EPOCH = "315532800"
ENGINE_DIR = Path("assets") / "engine"


@dataclass(frozen=True)
class Wheel:
    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


# The wheel built in on_config, written out in on_post_build. The hook module is loaded afresh with
# each configuration (every rebuild of `mkdocs serve`), so this never outlives one build.
_wheel: Wheel | None = None


@contextlib.contextmanager
def _source_date_epoch() -> Iterator[None]:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = previous or DEFAULT_SOURCE_DATE_EPOCH
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def build_wheel(project: Path) -> Wheel:
    """Build the quiz wheel from project/pyproject.toml, reproducibly, and return its bytes."""
    from flit_core import buildapi  # type: ignore[import-untyped]

    with tempfile.TemporaryDirectory(prefix="quiz-wheel-") as out:
        try:
            # flit_core reads pyproject.toml from the working directory.
            with contextlib.chdir(project), _source_date_epoch():
                name = str(buildapi.build_wheel(out))
        except Exception as exc:
            raise PluginError(
                f"Could not build the quiz wheel from {project / 'quiz'}: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        return Wheel(name=name, data=(Path(out) / name).read_bytes())


def pinned_pyodide(project: Path) -> str:
    """The Pyodide version the project's package.json pins: the one place it is decided."""
    try:
        pinned = json.loads((project / "package.json").read_text(encoding="utf-8"))
        version = pinned["dependencies"]["pyodide"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PluginError(f"package.json in {project} does not pin pyodide: {exc}") from exc
    if not isinstance(version, str) or not version[:1].isdigit():
        raise PluginError(f"package.json must pin pyodide to an exact version, not {version!r}")
    return version


def pyodide_dir(project: Path) -> Path:
    """Return node_modules/pyodide after checking it is the pinned version and is complete."""
    pinned = pinned_pyodide(project)
    package = project / "node_modules" / "pyodide"
    hint = f"Run `npm ci` (or `make install`) in {project} to install the pinned Pyodide."
    manifest = package / "package.json"
    if not manifest.is_file():
        raise PluginError(f"Pyodide {pinned} is missing: {package} not found. {hint}")
    try:
        version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError) as exc:
        raise PluginError(
            f"Cannot read the Pyodide version from {manifest}: {exc}. {hint}"
        ) from exc
    if version != pinned:
        raise PluginError(
            f"{package} is Pyodide {version}, but the site needs exactly {pinned}. {hint}"
        )
    missing = [name for name in PYODIDE_FILES if not (package / name).is_file()]
    if missing:
        raise PluginError(f"{package} lacks {', '.join(missing)}. {hint}")
    return package


def _copy_if_changed(src: Path, dest: Path) -> None:
    # `mkdocs serve` rebuilds into the same directory: skip the 12 MB copy when nothing changed.
    if dest.is_file():
        s, d = src.stat(), dest.stat()
        if s.st_size == d.st_size and int(s.st_mtime) == int(d.st_mtime):
            return
    shutil.copy2(src, dest)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _wheel
    project = Path(config.config_file_path).resolve().parent
    pyodide_dir(project)  # fail before rendering any page, not after
    _wheel = build_wheel(project)
    config.extra["quiz_engine"] = {"wheel": _wheel.name, "sha256": _wheel.sha256}
    return config


def on_post_build(config: MkDocsConfig) -> None:
    if _wheel is None:  # on_config failed; MkDocs has already reported why
        return
    project = Path(config.config_file_path).resolve().parent
    source = pyodide_dir(project)
    engine = Path(config.site_dir) / ENGINE_DIR
    (engine / "pyodide").mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        _copy_if_changed(source / name, engine / "pyodide" / name)
    for stale in engine.glob("*.whl"):
        if stale.name != _wheel.name:
            stale.unlink()
    (engine / _wheel.name).write_bytes(_wheel.data)
