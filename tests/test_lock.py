"""The requirements files are exactly what `make lock` writes from the installed venv: every
package the site and the tools need is pinned, at the version the tests ran with."""

from __future__ import annotations

from devtools.lock import locked


def test_requirements_files_are_what_make_lock_writes() -> None:
    stale = [path.name for path, text in locked().items() if path.read_text("utf-8") != text]
    assert stale == [], (
        f"{', '.join(stale)} do not match the venv: reinstall the pins "
        "(.venv/bin/pip install -r requirements-dev.txt) or, after upgrading or adding a package "
        "on purpose, run `make lock` and commit"
    )
