"""The guide is written in American English: scripts/check_american.py finds British forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import check_american


def test_the_guide_has_no_british_forms(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_american.main([]) == 0, capsys.readouterr().out


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("once a fortnight", "two weeks"),
        ("we rest at weekends", "on weekends"),
        ("a one-to-one with my manager", "one-on-one"),
        ("after the school run", "school pickup"),
        ("the organisation", "-ization"),
        ("she prioritised rest", "-ize"),
        ("their behaviour", "-or"),
    ],
)
def test_british_forms_are_caught(british: str, american: str) -> None:
    (hit,) = check_american.problems(f"A line: {british}.")
    assert hit[0] == 1
    assert american in hit[2]


def test_american_forms_pass() -> None:
    text = "Every two weeks, on weekends, a one-on-one after the school pickup: our organization."
    assert list(check_american.problems(text)) == []


def test_a_hit_fails_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.md"
    page.write_text("Fine line.\nWe meet at weekends.\n", encoding="utf-8")
    assert check_american.main([str(page)]) == 1
    assert ":2: 'at weekends'" in capsys.readouterr().out
