"""`python -m quiz team CODE... -o map.svg`: the team map from the command line.

It must write the same SVG the browser shows (quiz.team_map), plot every valid code and report
each bad or duplicate one, in order, while still plotting the rest.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from devtools.project import REPO_ROOT
from quiz import team_map
from tests.team_codes import plotted, sample_codes, tampered


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quiz", "team", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_cli_writes_the_map_of_valid_codes(tmp_path: Path) -> None:
    codes = sample_codes(4)
    out = tmp_path / "team.svg"

    proc = run_cli(*codes, "-o", str(out))

    assert proc.returncode == 0, proc.stderr
    svg = out.read_text(encoding="utf-8")
    assert plotted(svg) == 4
    assert svg.removesuffix("\n") == team_map(codes).to_dict()["svg"]


@pytest.mark.parametrize("valid", [1, 3])
def test_cli_reports_each_bad_code_and_plots_the_rest(tmp_path: Path, valid: int) -> None:
    codes = sample_codes(valid)
    given = [*codes, "not-a-code", codes[0], tampered(codes[0])]
    out = tmp_path / "team.svg"

    proc = run_cli(*given, "-o", str(out))

    svg = out.read_text(encoding="utf-8")
    assert plotted(svg) == valid
    assert svg.removesuffix("\n") == team_map(given).to_dict()["svg"]
    report = proc.stdout + proc.stderr
    errors = team_map(given).to_dict()["errors"]
    assert [e["position"] for e in errors] == [valid + 1, valid + 2, valid + 3]
    for error in errors:
        assert error["reason"] in report
    assert "duplicate" in errors[1]["reason"]
