"""What the page rendered in each engine is the same text, byte for byte, in all three.

The engine's replies are compared with CPython's in test_each_engine.py; this compares
what no Python writes: the result as rendered, the share link, the team map as the page drew it.
It reads what those tests recorded, so it runs after them (conftest.py puts it last).
"""

from __future__ import annotations

import difflib

from tests.engines.drivers import ENGINES
from tests.engines.record import RUNS

COMPARED = ("result text", "share link", "team map", "embed result text")


def test_every_engine_recorded_every_result() -> None:
    missing = [
        f"{engine}: {key}"
        for engine in ENGINES
        for key in COMPARED
        if key not in (RUNS[engine].results if engine in RUNS else {})
    ]
    assert not missing, "not recorded (see that engine's failed test above):\n" + "\n".join(missing)


def test_engines_render_the_same_bytes() -> None:
    reference = ENGINES[0]
    found = []
    for key in COMPARED:
        expected = RUNS[reference].results.get(key) if reference in RUNS else None
        for engine in ENGINES[1:]:
            got = RUNS[engine].results.get(key) if engine in RUNS else None
            if expected is None or got is None or got == expected:
                continue
            diff = difflib.unified_diff(
                expected.splitlines(), got.splitlines(), reference, engine, lineterm="", n=1
            )
            found.append(f"{key}, {engine} against {reference}:\n" + "\n".join(diff))
    assert not found, "\n\n".join(found)
