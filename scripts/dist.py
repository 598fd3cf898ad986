"""Pack the built site into a ready-to-host, versioned archive: dist/balance-or-blend-VERSION.zip.

    python scripts/dist.py [--site site] [--out dist]

The archive holds one folder, balance-or-blend-VERSION/, with:

- site/: the built guide, exactly as `make build` wrote it, including its server settings
  (_headers, csp/nginx.conf, csp/nginx-server.conf, csp/apache.conf, csp/policy.txt), and a
  .gz copy next to each large text or WebAssembly file, for nginx's gzip_static (the build has
  already made .gz and .br copies of the engine's files);
- HOSTING.md: how to serve it, in a few steps.

Entries are sorted and dated like the quiz wheel (SOURCE_DATE_EPOCH), so the same site gives the
same archive bytes.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
NAME = "balance-or-blend"
HOSTING_NOTE = REPO_ROOT / "tools" / "dist" / "HOSTING.md"
# Files worth a precompressed copy: text and WebAssembly above this size.
GZIP_SUFFIXES = frozenset({".wasm", ".mjs", ".js", ".css", ".json", ".html", ".svg", ".xml"})
GZIP_MIN_BYTES = 4096
REQUIRED = ("index.html", "quiz/embed/index.html", "_headers", "csp/nginx.conf", "csp/policy.txt")


def version(root: Path = REPO_ROOT) -> str:
    text = (root / "VERSION").read_text(encoding="utf-8").strip()
    if not text:
        raise SystemExit("VERSION is empty")
    return text


def add_gzip_copies(site: Path) -> int:
    """Write file.gz beside each large compressible file; returns how many."""
    count = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in GZIP_SUFFIXES or not path.is_file():
            continue
        if path.stat().st_size < GZIP_MIN_BYTES:
            continue
        if path.with_name(path.name + ".gz").exists():
            continue  # the build made it already (the engine's files, hooks/engine.py)
        data = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        path.with_name(path.name + ".gz").write_bytes(data)
        count += 1
    return count


def _date_time() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    t = time.gmtime(max(epoch, 315532800))
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)


def write_zip(folder: Path, archive: Path) -> None:
    stamp = _date_time()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_dir():
                continue
            name = path.relative_to(folder.parent).as_posix()
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = (
                zipfile.ZIP_STORED
                if path.suffix in {".gz", ".zip", ".whl"}
                else zipfile.ZIP_DEFLATED
            )
            zf.writestr(info, path.read_bytes())


def build_archive(site: Path, out_dir: Path, root: Path = REPO_ROOT) -> Path:
    missing = [name for name in REQUIRED if not (site / name).is_file()]
    if missing:
        raise SystemExit(
            f"{site} is not a finished build (no {', '.join(missing)}); run make build"
        )
    stem = f"{NAME}-{version(root)}"
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / f"{stem}.zip"
    with tempfile.TemporaryDirectory(prefix="dist-") as tmp:
        folder = Path(tmp) / stem
        shutil.copytree(site, folder / "site")
        add_gzip_copies(folder / "site")
        note = HOSTING_NOTE.read_text(encoding="utf-8").replace("VERSION", version(root))
        (folder / "HOSTING.md").write_text(note, encoding="utf-8")
        write_zip(folder, archive)
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--site", type=Path, default=REPO_ROOT / "site")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "dist")
    args = parser.parse_args(argv)
    archive = build_archive(args.site, args.out)
    print(f"{archive}: {archive.stat().st_size / 1_000_000:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
