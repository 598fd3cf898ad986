"""What each engine's tests found, kept for the cross-engine comparison and the timing summary.

Its own module, imported by conftest.py and the tests alike: pytest loads a conftest.py under a
name of its own, so state kept there would exist twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class EngineRun:
    """One engine's recorded results (compared byte for byte across engines) and step times."""

    engine: str
    results: dict[str, str] = field(default_factory=dict)
    steps: dict[str, float] = field(default_factory=dict)
    wall_s: float = 0.0


RUNS: dict[str, EngineRun] = {}
