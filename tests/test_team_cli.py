"""`python -m quiz team TEAMCODE... -o map.svg`: the team map from the command line.

It must write the same SVG the browser shows (quiz.team_map), report each bad code in order while
still counting the rest, draw nobody until three people are on it, and accept identical codes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from devtools.project import REPO_ROOT
from quiz import encode_answers, load_quiz, team_map
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
    assert load_quiz().texts["team_spread_heading"] in proc.stdout


@pytest.mark.parametrize(("valid", "drawn"), [(1, 0), (3, 4)])
def test_cli_reports_each_bad_code_and_plots_the_rest(
    tmp_path: Path, valid: int, drawn: int
) -> None:
    codes = sample_codes(valid)
    share = encode_answers({"rhythm": "steady"})
    given = [*codes, "not-a-code", codes[0], tampered(codes[0]), share]
    out = tmp_path / "team.svg"

    proc = run_cli(*given, "-o", str(out))

    assert proc.returncode == 0, proc.stderr
    svg = out.read_text(encoding="utf-8")
    # The repeated code is another person with the same answers: it counts.
    assert plotted(svg) == drawn
    assert svg.removesuffix("\n") == team_map(given).to_dict()["svg"]
    errors = team_map(given).to_dict()["errors"]
    assert [e["position"] for e in errors] == [valid + 1, valid + 3, valid + 4]
    for error in errors:
        assert error["reason"] in proc.stderr
    assert "share code" in errors[-1]["reason"]
    if drawn == 0:
        assert "at least 3" in proc.stdout
