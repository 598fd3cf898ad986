"""What the browser engine imports at start-up: only what scoring, codes and the quiz need.

Pyodide compiles every module from source when it is imported, so a module the quiz page never
uses is start-up time the reader waits for. Team maps (their SVG code and the html module it
imports) load on first use; `quiz.TeamMap` and `quiz.team_map` work as before.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import quiz
from devtools.project import REPO_ROOT

# What engine-worker.js does once the wheel is installed, then a report of what got imported.
WORKER_START = """
import json, sys
import quiz._bridge
assert json.loads(quiz._bridge.handle('{"op": "ping", "args": {}}'))["ok"]
print(json.dumps(sorted(sys.modules)))
"""
TEAM_FIRST_USE = """
import json, sys
import quiz._bridge
from quiz import TeamMap, team_map
assert isinstance(team_map([]), TeamMap)
assert json.loads(quiz._bridge.handle('{"op": "team", "args": {"codes": []}}'))["ok"]
print(json.dumps(sorted(sys.modules)))
"""
TEAM_ONLY = {
    "quiz._team",
    "quiz._svg",
    "quiz._personas",
    "html",
    "html.entities",
    "quiz._cli",
    "argparse",
}


def imported_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return set(json.loads(result.stdout))


def test_the_engine_starts_without_team_map_code() -> None:
    assert imported_after(WORKER_START) & TEAM_ONLY == set()


def test_team_maps_still_load_on_first_use() -> None:
    assert {"quiz._team", "quiz._svg"} <= imported_after(TEAM_FIRST_USE)


def test_an_unknown_attribute_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'TeamMapp'"):
        quiz.TeamMapp  # noqa: B018
