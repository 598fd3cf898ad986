"""Regenerate the pins in requirements.txt and requirements-dev.txt from the installed venv.

    .venv/bin/python -m devtools.lock          # make lock
    .venv/bin/python -m devtools.lock --check  # exit 1 if the files do not match the venv

Offline: it reads only the installed packages' metadata. Each file's roots are its pins that no
other pin of the build (requirements.txt) or of the whole set (requirements-dev.txt) requires;
the file becomes its roots plus everything they need, at the installed versions, with
requirements-dev.txt leaving out what requirements.txt already pins. Its comment lines and `-r`
lines stay as they are. So, to add a dependency: install it into .venv, add a `name==` line to the
right file, run `make lock`; to upgrade one, `pip install -U` it and run `make lock`; to drop
one, delete its line and run `make lock` (what only it needed goes too).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from devtools.project import REPO_ROOT

SITE_FILE = REPO_ROOT / "requirements.txt"
DEV_FILE = REPO_ROOT / "requirements-dev.txt"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*==")


@dataclass(frozen=True)
class PinFile:
    """A requirements file: the lines kept as they are (comments, -r) and the pinned names."""

    path: Path
    kept: list[str]
    names: list[str]

    @classmethod
    def read(cls, path: Path) -> PinFile:
        kept: list[str] = []
        names: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _PIN.match(line)
            if match:
                names.append(canonicalize_name(match.group(1)))
            elif line.strip():
                kept.append(line)
        return cls(path, kept, names)

    def render(self, pins: dict[str, tuple[str, str]]) -> str:
        return "".join(f"{line}\n" for line in [*self.kept, *pinned_lines(pins)])


def pinned_lines(pins: dict[str, tuple[str, str]]) -> list[str]:
    """`Name==version` with each distribution's own spelling, sorted as pip freeze sorts."""
    ordered = sorted(pins.values(), key=lambda pin: pin[0].lower())
    return [f"{name}=={version}" for name, version in ordered]


def _installed(name: str) -> importlib.metadata.Distribution:
    try:
        return importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        raise SystemExit(f"{name} is pinned but not installed in this venv: install it") from None


def requirements_of(name: str) -> list[str]:
    """The canonical names a distribution needs on this platform (no optional extras)."""
    needed: list[str] = []
    for text in _installed(name).requires or []:
        requirement = Requirement(text)
        # This platform and Python, and no extra: only what a plain install pulls in.
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            needed.append(canonicalize_name(requirement.name))
    return needed


def closure(roots: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Every distribution the roots need, transitively: canonical name -> (name, version)."""
    found: dict[str, tuple[str, str]] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        dist = _installed(name)
        found[name] = (dist.metadata["Name"], dist.version)
        todo += requirements_of(name)
    return found


def roots(names: Iterable[str], universe: Iterable[str]) -> list[str]:
    """The names that no distribution of universe requires."""
    universe = list(universe)
    required = {needed for name in universe for needed in requirements_of(name)}
    return [name for name in names if name not in required]


def locked() -> dict[Path, str]:
    """The new text of each file."""
    site, dev = PinFile.read(SITE_FILE), PinFile.read(DEV_FILE)
    site_pins = closure(roots(site.names, site.names))
    dev_pins = closure(roots(dev.names, [*site.names, *dev.names]))
    dev_only = {name: pin for name, pin in dev_pins.items() if name not in site_pins}
    return {SITE_FILE: site.render(site_pins), DEV_FILE: dev.render(dev_only)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="only report files that would change")
    args = parser.parse_args(argv)
    stale = []
    for path, text in locked().items():
        if path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
            print(f"{path.name}: rewritten from the venv")
    if args.check and stale:
        print(f"not what the venv holds: {', '.join(stale)} (run make lock)", file=sys.stderr)
        return 1
    if not stale:
        print("requirements files already match the venv")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
