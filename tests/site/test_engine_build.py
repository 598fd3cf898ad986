"""What the build ships for the browser quiz: the pinned Pyodide, a reproducible quiz wheel whose
SHA-256 the quiz page carries, and a clear failure when Pyodide is missing or the wrong version."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import os
import re
import shutil
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import brotli  # type: ignore[import-untyped]
import pytest
from mkdocs.exceptions import PluginError

from devtools.build import build_site, copy_project
from devtools.project import PYODIDE_VERSION, REPO_ROOT


def engine_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("engine_hook", REPO_ROOT / "hooks" / "engine.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# The files the site ships: the hook's own list (the runtime's core, nothing more).
PYODIDE_FILES: tuple[str, ...] = engine_hook().PYODIDE_FILES


def test_pyodide_is_pinned_once_in_package_json() -> None:
    # package.json decides the version: the engine hook reads it there, and npm's lock agrees.
    lock = json.loads((REPO_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/pyodide"]["version"] == PYODIDE_VERSION
    assert engine_hook().pinned_pyodide(REPO_ROOT) == PYODIDE_VERSION


def engine_folder(site_dir: Path) -> Path:
    """The one Pyodide folder of a built site, which the built worker names."""
    engine = site_dir / "assets" / "engine"
    (folder,) = engine.glob("pyodide*")
    worker = (site_dir / "assets" / "javascripts" / "engine-worker.js").read_text("utf-8")
    assert f'"folder": "{folder.name}/"' in worker
    return folder


def test_the_site_ships_pyodide_and_the_wheel_the_page_names(site_dir: Path) -> None:
    engine = site_dir / "assets" / "engine"
    folder = engine_folder(site_dir)
    hook = engine_hook()
    for name in hook.RUNTIME_FILES:
        shipped = (folder / name).read_bytes()
        assert shipped == (REPO_ROOT / "node_modules" / "pyodide" / name).read_bytes(), name
    assert not (folder / hook.LOCK_FILE).exists(), "the worker gives loadPyodide the lock info"
    page = (site_dir / "quiz" / "index.html").read_text(encoding="utf-8")
    wheel = re.search(r'data-engine-wheel="([^"]+)"', page)
    sha = re.search(r'data-engine-sha256="([0-9a-f]{64})"', page)
    assert wheel is not None
    assert sha is not None
    assert [p.name for p in engine.glob("*.whl")] == [wheel.group(1)]
    assert hashlib.sha256((engine / wheel.group(1)).read_bytes()).hexdigest() == sha.group(1)


def test_the_engine_folder_is_named_after_its_contents(site_dir: Path) -> None:
    folder = engine_folder(site_dir)
    hook = engine_hook()
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix not in {".gz", ".br"}}
    assert folder.name == f"pyodide-{hook.fingerprint(files)}"
    changed = {**files, "python_stdlib.zip": files["python_stdlib.zip"] + b" "}
    assert hook.fingerprint(changed) != hook.fingerprint(files)


def test_the_worker_passes_the_lock_info_of_the_pinned_pyodide(site_dir: Path) -> None:
    worker = (site_dir / "assets" / "javascripts" / "engine-worker.js").read_text("utf-8")
    (line,) = [ln for ln in worker.splitlines() if ln.startswith("const ENGINE = ")]
    settings = json.loads(line.removeprefix("const ENGINE = ").removesuffix(";"))
    lock = json.loads((REPO_ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text())
    assert settings["lockInfo"] == lock["info"]


def test_the_standard_library_is_trimmed_stripped_and_stored(site_dir: Path) -> None:
    hook = engine_hook()
    shipped = engine_folder(site_dir) / "python_stdlib.zip"
    with zipfile.ZipFile(shipped) as zf:
        infos = zf.infolist()
        # Each listed file once: as its source, or (a module) as bytecode with no source beside.
        shipped_as = sorted(n[:-1] if n.endswith(".pyc") else n for n in zf.namelist())
        assert shipped_as == hook.stdlib_files()
        assert {i.compress_type for i in infos} == {zipfile.ZIP_STORED}, "so gzip can work"
        sources = {
            i.filename: zf.read(i).decode("utf-8") for i in infos if i.filename.endswith(".py")
        }
        headers = {zf.read(i)[:8] for i in infos if i.filename.endswith(".pyc")}
    # One Python's magic number; flags 0b01: hash-based, not checked against a source (PEP 552).
    assert len(headers) == 1
    assert int.from_bytes(headers.pop()[4:8], "little") == 0b01
    assert sources, "modules whose bytecode costs the most bytes stay source"
    with zipfile.ZipFile(REPO_ROOT / "node_modules" / "pyodide" / "python_stdlib.zip") as full:
        assert len(full.infolist()) > 3 * len(infos)
        for name, text in sources.items():
            original = full.read(name).decode("utf-8")
            assert text.count("\n") == original.count("\n"), f"{name}: lines keep their numbers"
            assert text == hook.strip_source(original)


def test_bytecode_stays_within_its_budget(site_dir: Path) -> None:
    hook = engine_hook()
    with zipfile.ZipFile(engine_folder(site_dir) / "python_stdlib.zip") as zf:
        bytecode = {i.filename: zf.read(i) for i in zf.infolist() if i.filename.endswith(".pyc")}
    with zipfile.ZipFile(REPO_ROOT / "node_modules" / "pyodide" / "python_stdlib.zip") as full:
        sources = {
            name[:-1]: hook.strip_source(full.read(name[:-1]).decode("utf-8")).encode()
            for name in bytecode
        }
    size = hook.gzip_size
    added = sum(size(bytecode[name + "c"]) - size(sources[name]) for name in sources)
    assert 0.8 * hook.BYTECODE_BUDGET < added <= hook.BYTECODE_BUDGET


def noise(size: int, seed: int) -> bytes:
    """Incompressible bytes: their gzip size is their size plus a constant."""
    return hashlib.shake_256(bytes([seed])).digest(size)


def test_bytecode_goes_where_it_saves_the_most_compiling_per_byte() -> None:
    hook = engine_hook()
    # name: (source bytes, bytes its bytecode adds); compile work saved per byte added is
    # 10 for m0, 5 for m1, 2.5 for m2, about 1.1 for m3 and 1 for the small m4.
    sizes = {"m0.py": (1000, 100), "m1.py": (1000, 200), "m2.py": (1000, 400)}
    sizes |= {"m3.py": (1000, 900), "m4.py": (60, 60)}
    sources = {name: noise(size, i) for i, (name, (size, _)) in enumerate(sizes.items())}
    compiled = {
        name + "c": sources[name] + noise(added, 100 + i)
        for i, (name, (_, added)) in enumerate(sizes.items())
    }
    assert hook.choose_bytecode(sources, compiled, budget=0) == set()
    assert hook.choose_bytecode(sources, compiled, budget=320) == {"m0.py", "m1.py"}
    # m2 and m3 no longer fit, but m4, ranked last, is small enough to.
    assert hook.choose_bytecode(sources, compiled, budget=380) == {"m0.py", "m1.py", "m4.py"}
    assert hook.choose_bytecode(sources, compiled, budget=10_000) == set(sources)


def test_the_build_says_so_when_node_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    hook = engine_hook()
    monkeypatch.setattr(hook.shutil, "which", lambda _name: None)
    with pytest.raises(PluginError, match=r"Node\.js is needed"):
        hook.compile_zip(REPO_ROOT, b"")


def test_strip_source_drops_docstrings_and_comments_only() -> None:
    hook = engine_hook()
    source = '''"""Module doc."""
import os  # why
# a whole comment line


class A:
    """Class doc,
    two lines."""

    def f(self):
        """Only a docstring: the body must not end up empty."""


def g():
    x = "# not a comment"
    return x
'''
    stripped = hook.strip_source(source)
    assert "doc" not in stripped
    assert "why" not in stripped
    assert "whole comment" not in stripped
    assert 'x = "# not a comment"' in stripped
    assert stripped.count("\n") == source.count("\n")
    scope: dict[str, object] = {}
    exec(compile(stripped, "<stripped>", "exec"), scope)
    assert scope["g"]() == "# not a comment"  # type: ignore[operator]
    assert hook.strip_source("def f(:\n") == "def f(:\n", "what it cannot parse stays as it is"


def test_large_engine_files_have_precompressed_copies(site_dir: Path) -> None:
    folder = engine_folder(site_dir)
    for name in ("pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip"):
        original = (folder / name).read_bytes()
        assert gzip.decompress((folder / f"{name}.gz").read_bytes()) == original
        assert brotli.decompress((folder / f"{name}.br").read_bytes()) == original


def test_the_wheel_is_reproducible(tmp_path: Path) -> None:
    # Another checkout: the same sources with other file times build the same bytes.
    project = copy_project(tmp_path / "project")
    for license_file in REPO_ROOT.glob("LICEN[CS]E*"):  # flit ships it in the wheel
        shutil.copy2(license_file, project)
    for path in (project / "quiz").rglob("*"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    hook = engine_hook()
    here, there = hook.build_wheel(REPO_ROOT), hook.build_wheel(project)
    assert here.name == there.name
    assert here.data == there.data


def _fake_pyodide(
    project: Path, version: str | None, files: tuple[str, ...] = PYODIDE_FILES
) -> None:
    """Replace project/node_modules with one holding no Pyodide (None) or this version of it."""
    link = project / "node_modules"
    if link.is_symlink():
        link.unlink()
    if version is None:
        return
    package = link / "pyodide"
    package.mkdir(parents=True)
    for name in files:
        (package / name).symlink_to(REPO_ROOT / "node_modules" / "pyodide" / name)
    manifest = json.loads((REPO_ROOT / "node_modules/pyodide/package.json").read_text("utf-8"))
    (package / "package.json").write_text(json.dumps({**manifest, "version": version}))


def test_the_build_fails_clearly_without_the_pinned_pyodide(tmp_path: Path) -> None:
    # One build: the hook stops it with its own message; the other cases are checked below.
    project = copy_project(tmp_path / "project")
    _fake_pyodide(project, None)
    proc = build_site(tmp_path / "site", project=project)
    assert proc.returncode != 0
    assert f"Pyodide {PYODIDE_VERSION} is missing" in proc.stdout + proc.stderr
    assert "npm ci" in proc.stdout + proc.stderr


@pytest.mark.parametrize(
    ("version", "files", "message"),
    [
        (None, PYODIDE_FILES, f"Pyodide {PYODIDE_VERSION} is missing"),
        ("0.27.7", PYODIDE_FILES, "is Pyodide 0.27.7, but the site needs"),
        (PYODIDE_VERSION, PYODIDE_FILES[1:], f"lacks {PYODIDE_FILES[0]}"),
    ],
)
def test_only_the_pinned_and_complete_pyodide_is_accepted(
    tmp_path: Path, version: str | None, files: tuple[str, ...], message: str
) -> None:
    _fake_pyodide(tmp_path, version, files)
    shutil.copy(REPO_ROOT / "package.json", tmp_path / "package.json")  # what the project pins
    with pytest.raises(PluginError) as caught:
        engine_hook().pyodide_dir(tmp_path)
    assert message in str(caught.value)
    assert "npm ci" in str(caught.value)


def test_a_project_that_pins_no_pyodide_is_refused(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"pyodide": "^314"}}')
    with pytest.raises(PluginError, match="exact version, not '\\^314'"):
        engine_hook().pyodide_dir(tmp_path)


def test_the_installed_pyodide_is_accepted() -> None:
    assert engine_hook().pyodide_dir(REPO_ROOT) == REPO_ROOT / "node_modules" / "pyodide"
