"""MkDocs hook: builds the quiz wheel and copies the pinned Pyodide runtime into the site.

The wheel is built in-process from `quiz/` with flit_core's PEP 517 backend, so a build needs no
network and no extra tool. Its file name and SHA-256 reach the macros through
config["extra"]["quiz_engine"]; the quiz page writes the hash into its markup and the worker
refuses a wheel that does not match it.

Pyodide goes to assets/engine/pyodide-<fingerprint>/, a folder named after its contents, so a
host may let browsers cache it for a year (csp/nginx-server.conf does). It holds the runtime from
the npm package and a trimmed standard library: only the files that hooks/pyodide_stdlib.txt lists
(the quiz engine's imports, traced inside Pyodide by scripts/trace_stdlib.mjs), without docstrings
or comments (the stdlib supports `python -OO`, which drops docstrings too), stored uncompressed so
that the host's gzip or brotli compresses it as a whole. Most modules ship as bytecode, compiled
by Pyodide itself (hooks/pyodide_compile.mjs): compiling the standard library from source is most
of Python's start-up in a browser. Each large file gets .gz (zopfli) and .br copies for hosts that
serve precompressed files. The build then writes the folder's name and the lock
file's `info` into the built engine-worker.js, so loadPyodide fetches no lock file: the quiz uses
no package from Pyodide's distribution.
"""

from __future__ import annotations

import ast
import contextlib
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import tokenize
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# Only the core runtime: the quiz needs no package from the Pyodide distribution.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB_ZIP = "python_stdlib.zip"
LOCK_FILE = "pyodide-lock.json"
# What the npm package must hold: the runtime, the full stdlib to trim, the lock file's info.
PYODIDE_FILES = (*RUNTIME_FILES, STDLIB_ZIP, LOCK_FILE)
# The standard-library files the engine imports (scripts/trace_stdlib.mjs writes the list).
STDLIB_LIST = Path(__file__).with_name("pyodide_stdlib.txt")
# Smaller files gain too little from a precompressed copy to be worth one.
PRECOMPRESS_MIN_BYTES = 4096
BROTLI_QUALITY = 11
# Zopfli writes ordinary gzip some 4% smaller than gzip -9 (about 130 KB off the engine); more
# iterations gain almost nothing and cost time on a first build.
ZOPFLI_ITERATIONS = 5
# Bytecode starts Python about three times faster than source, but it is bigger on the wire. So
# modules get bytecode in order of compile work saved (their source's size) per byte it adds
# (the gzip size of the .pyc over that of the source), until bytecode has added this many bytes;
# the rest ship as source. It keeps a first visit's engine within 4.5 MB (docs/performance.md).
BYTECODE_BUDGET = 280_000
COMPILER = Path(__file__).with_name("pyodide_compile.mjs")
# Raised when the trimming or compression changes, so cached results from before are not reused.
CACHE_VERSION = "2"
WORKER = Path("assets") / "javascripts" / "engine-worker.js"
WORKER_SETTINGS = re.compile(r"^const ENGINE = \{.*\};$", re.MULTILINE)
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


def _cached(project: Path, key: bytes, suffix: str, make: Callable[[], bytes]) -> bytes:
    """make()'s bytes, kept in node_modules/.cache by a hash of key: brotli at its best quality
    takes half a minute for the WebAssembly, and every test build would pay it again."""
    digest = hashlib.sha256(CACHE_VERSION.encode() + b"\0" + key).hexdigest()
    cache = project / "node_modules" / ".cache" / "balance-or-blend-engine"
    path = cache / f"{digest}{suffix}"
    if path.is_file():
        return path.read_bytes()
    data = make()
    with contextlib.suppress(OSError):  # a read-only cache only costs time
        cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(path)  # atomic: parallel builds never read half a file
    return data


def stdlib_files(listing: Path = STDLIB_LIST) -> list[str]:
    """The zip entries the engine needs, from the traced list (comments and blanks skipped)."""
    lines = listing.read_text(encoding="utf-8").splitlines()
    return sorted({ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")})


def _docstring_spans(tree: ast.Module) -> list[tuple[int, int, int, int]]:
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
                and first.end_lineno is not None
                and first.end_col_offset is not None
            ):
                spans.append(
                    (first.lineno, first.col_offset, first.end_lineno, first.end_col_offset)
                )
    return spans


def strip_source(source: str) -> str:
    """Python source without comments and docstrings, every line where it was (tracebacks keep
    their line numbers). A file this Python cannot parse (newer syntax) stays as it is."""
    try:
        tree = ast.parse(source)
        comments = [
            token.start
            for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type == tokenize.COMMENT
        ]
    except (SyntaxError, tokenize.TokenError, ValueError):
        return source
    lines = source.splitlines(keepends=True)
    for row, col in comments:  # a comment runs to the end of its line
        line = lines[row - 1]
        ending = line[len(line.rstrip("\r\n")) :]
        lines[row - 1] = line[:col].rstrip() + ending
    # ast counts columns in UTF-8 bytes. A docstring becomes "" (a body is never left empty).
    raw = [line.encode("utf-8") for line in lines]
    for start, col, end, end_col in sorted(_docstring_spans(tree), reverse=True):
        joined = raw[start - 1][:col] + b'""' + raw[end - 1][end_col:]
        raw[start - 1 : end] = [joined, *([b"\n"] * (end - start))]
    stripped = b"".join(raw).decode("utf-8")
    try:
        ast.parse(stripped)
    except SyntaxError:
        return source
    return stripped


def _store(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """Add a file stored (not deflated, so HTTP compression works on the whole) and reproducibly."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.external_attr = 0o644 << 16
    archive.writestr(info, data, compress_type=zipfile.ZIP_STORED)


def trim_stdlib(full: bytes, names: list[str]) -> bytes:
    """A python_stdlib.zip holding only names, stripped, stored (not deflated), reproducibly."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(full)) as source, zipfile.ZipFile(out, "w") as trimmed:
        missing = sorted(set(names) - set(source.namelist()))
        if missing:
            raise PluginError(
                f"{STDLIB_LIST.name} names files this Pyodide lacks: {', '.join(missing)}. "
                "Run `make stdlib-trace` after changing the Pyodide version."
            )
        for name in names:
            data = source.read(name)
            if name.endswith(".py"):
                data = strip_source(data.decode("utf-8")).encode("utf-8")
            _store(trimmed, name, data)
    return out.getvalue()


def compile_zip(project: Path, sources: bytes) -> bytes:
    """A zip of NAME.pyc for each NAME.py in sources, compiled by the pinned Pyodide under Node."""
    node = shutil.which("node")
    if node is None:
        raise PluginError(
            "Node.js is needed to compile the quiz engine's standard library: install it"
        )
    with tempfile.TemporaryDirectory(prefix="stdlib-pyc-") as work:
        given, made = Path(work) / "in.zip", Path(work) / "out.zip"
        given.write_bytes(sources)
        run = subprocess.run(
            [node, str(COMPILER), str(given), str(made)],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0 or not made.is_file():
            detail = (run.stderr or run.stdout).strip()[-2000:]
            raise PluginError(f"{COMPILER.name} could not compile the standard library:\n{detail}")
        return made.read_bytes()


def gzip_size(data: bytes) -> int:
    """The size HTTP gzip sends, the measure of what bytecode adds."""
    return len(gzip.compress(data, 9, mtime=0))


def choose_bytecode(sources: dict[str, bytes], compiled: dict[str, bytes], budget: int) -> set[str]:
    """The .py names to ship as bytecode: most compile work saved per byte added first, while
    the bytes added stay within budget."""
    added = {
        name: gzip_size(compiled[name + "c"]) - gzip_size(data) for name, data in sources.items()
    }
    ranked = sorted(sources, key=lambda name: (-len(sources[name]) / max(added[name], 1), name))
    chosen: set[str] = set()
    spent = 0
    for name in ranked:
        cost = max(added[name], 0)
        if spent + cost <= budget:
            chosen.add(name)
            spent += cost
    return chosen


def with_bytecode(trimmed: bytes, compiled: bytes, budget: int = BYTECODE_BUDGET) -> bytes:
    """The trimmed standard library with the chosen modules as .pyc alone (no source beside)."""
    with (
        zipfile.ZipFile(io.BytesIO(trimmed)) as source,
        zipfile.ZipFile(io.BytesIO(compiled)) as pyc,
    ):
        entries = {name: source.read(name) for name in source.namelist()}
        bytecode = {name: pyc.read(name) for name in pyc.namelist()}
    chosen = choose_bytecode(
        {name: data for name, data in entries.items() if name.endswith(".py")}, bytecode, budget
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as result:
        for name, data in entries.items():
            if name in chosen:
                name, data = name + "c", bytecode[name + "c"]
            _store(result, name, data)
    return out.getvalue()


def engine_files(project: Path, source: Path) -> dict[str, bytes]:
    """The files of the site's Pyodide folder: the runtime and the trimmed standard library."""
    files = {name: (source / name).read_bytes() for name in RUNTIME_FILES}
    full = (source / STDLIB_ZIP).read_bytes()
    names = stdlib_files()
    key = full + "\n".join(names).encode() + Path(__file__).read_bytes()
    trimmed = _cached(project, key, ".zip", lambda: trim_stdlib(full, names))
    compiler_key = b"pyc" + trimmed + COMPILER.read_bytes() + pinned_pyodide(project).encode()
    compiled = _cached(project, compiler_key, ".pyc.zip", lambda: compile_zip(project, trimmed))
    # Choosing takes half a second of gzip; `mkdocs serve` would pay it on every rebuild.
    files[STDLIB_ZIP] = _cached(
        project, b"bytecode" + key + compiled, ".zip", lambda: with_bytecode(trimmed, compiled)
    )
    return files


def fingerprint(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()[:12]


def precompressed(project: Path, data: bytes) -> dict[str, bytes]:
    """The .gz (zopfli, which writes no time stamp: reproducible) and .br copies of data."""
    import brotli  # type: ignore[import-untyped]
    import zopfli.gzip  # type: ignore[import-untyped]

    return {
        ".gz": _cached(
            project,
            b"zopfli" + data,
            ".gz",
            lambda: zopfli.gzip.compress(data, numiterations=ZOPFLI_ITERATIONS),
        ),
        ".br": _cached(
            project, b"br" + data, ".br", lambda: brotli.compress(data, quality=BROTLI_QUALITY)
        ),
    }


def lock_info(source: Path) -> dict[str, Any]:
    """The lock file's `info` (loadPyodide checks its ABI version), without its package list."""
    try:
        info = json.loads((source / LOCK_FILE).read_text(encoding="utf-8"))["info"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PluginError(f"Cannot read the info of {source / LOCK_FILE}: {exc}") from exc
    if not isinstance(info, dict) or "abi_version" not in info:
        raise PluginError(f"{source / LOCK_FILE} has no info.abi_version")
    return info


def worker_settings(folder: str, info: dict[str, Any]) -> str:
    settings = {"folder": f"{folder}/", "lockInfo": info}
    return f"const ENGINE = {json.dumps(settings, sort_keys=True)};"


def write_worker_settings(site_dir: Path, folder: str, info: dict[str, Any]) -> None:
    """Put the engine folder's name and the lock info into the built worker, in place of the
    source's placeholder line `const ENGINE = {...};`."""
    worker = site_dir / WORKER
    text = worker.read_text(encoding="utf-8")
    found = WORKER_SETTINGS.findall(text)
    if len(found) != 1:
        raise PluginError(f"{worker} must have exactly one line `const ENGINE = {{...}};`")
    text = WORKER_SETTINGS.sub(lambda _: worker_settings(folder, info), text)
    worker.write_text(text, encoding="utf-8")


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
    site_dir = Path(config.site_dir)
    engine = site_dir / ENGINE_DIR
    files = engine_files(project, source)
    folder = f"pyodide-{fingerprint(files)}"
    engine.mkdir(parents=True, exist_ok=True)
    for stale in engine.glob("pyodide*"):  # `mkdocs serve` rebuilds into the same directory
        if stale.name != folder:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    (engine / folder).mkdir(exist_ok=True)
    for name, data in files.items():
        copies = {"": data}
        if len(data) >= PRECOMPRESS_MIN_BYTES:
            copies |= precompressed(project, data)
        for suffix, content in copies.items():
            dest = engine / folder / f"{name}{suffix}"
            # The folder is named after the contents: a file of the right size is the right file.
            if not (dest.is_file() and dest.stat().st_size == len(content)):
                dest.write_bytes(content)
    write_worker_settings(site_dir, folder, lock_info(source))
    for stale in engine.glob("*.whl"):
        if stale.name != _wheel.name:
            stale.unlink()
    (engine / _wheel.name).write_bytes(_wheel.data)


def main(argv: list[str] | None = None) -> int:
    """`python hooks/engine.py stdlib OUT`: write the trimmed standard library the site ships
    (for the in-Pyodide test run, which then proves it lacks nothing the quiz imports)."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("what", choices=["stdlib"])
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    project = Path(__file__).resolve().parents[1]
    files = engine_files(project, pyodide_dir(project))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(files[STDLIB_ZIP])
    with zipfile.ZipFile(io.BytesIO(files[STDLIB_ZIP])) as written:
        bytecode = sum(name.endswith(".pyc") for name in written.namelist())
    print(
        f"{args.out}: {len(files[STDLIB_ZIP]):,} bytes, {len(stdlib_files())} files, "
        f"{bytecode} of them as bytecode"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
