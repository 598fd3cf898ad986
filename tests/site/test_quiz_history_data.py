"""Routines are data (data/practices.yml `routine`), validated like every other field: a bad one
fails with the file, the item and the field named. The quiz page's history and plan markup carry
the scale names from quiz.toml and the routines from the data, nothing invented."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from devtools.project import REPO_ROOT
from macros.guide_data import load_guide
from macros.quiz_history import render_quiz_history, routines, scale_names, summaries
from quiz import load_quiz
from tests.site.html_tree import parse
from tests.site.test_data_validation import edit, errors_for, set_field

GOOD = {"cadence": "daily", "time": "17:30", "minutes": 10, "text": "Close the day."}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REPO_ROOT / "data", tmp_path / "data"))


@pytest.mark.parametrize(
    ("routine", "field", "words"),
    [
        ({**GOOD, "cadence": "monthly"}, "routine.cadence", "must be one of"),
        ({**GOOD, "time": "5:30pm"}, "routine.time", "HH:MM"),
        ({**GOOD, "time": "24:00"}, "routine.time", "HH:MM"),
        ({**GOOD, "minutes": 0}, "routine.minutes", "too small"),
        ({**GOOD, "text": "Close *now*."}, "routine.text", "plain text"),
        ({**GOOD, "cadence": "weekly"}, "routine.day", "needs the day"),
        ({**GOOD, "day": "sunday"}, "routine.day", "takes no day"),
        ({**GOOD, "day": "someday", "cadence": "weekly"}, "routine.day", "must be one of"),
        ({**GOOD, "every": 2}, "routine.every", "is not a known field"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_a_bad_routine_names_file_item_and_field(
    data_dir: Path, routine: dict[str, Any], field: str, words: str
) -> None:
    edit("practices.yml", set_field("micro-boundaries", "routine", routine))(data_dir)
    errors = errors_for(data_dir)
    prefix = f"data/practices.yml: item 'micro-boundaries': field '{field}': "
    assert any(line.startswith(prefix) and words in line for line in errors), errors


def test_the_routines_are_the_guides_daily_and_weekly_habits() -> None:
    found = routines(load_guide())
    # The two examples: an end-of-day ritual and a weekly check-in.
    assert found["conscious-transitions"]["cadence"] == "daily"
    assert found["regular-check-ins"]["cadence"] == "weekly"
    assert found["regular-check-ins"]["day"] == "sunday"
    practices = {p.slug for p in load_guide().habits}
    assert set(found) <= practices


def test_the_markup_carries_quiz_scale_names_and_the_routines() -> None:
    quiz, guide = load_quiz(), load_guide()
    page = parse(render_quiz_history(quiz, routines(guide), summaries(guide)))
    (history,) = page.find_all("section", **{"data-module": "quiz-history"})
    (scales,) = history.find_all("script", **{"data-history-scales": ""})
    assert json.loads(scales.raw_text) == [s.id for s in quiz.scales]
    for scale in scale_names(quiz):
        (text,) = history.find_all("span", **{"data-text": f"scale-{scale['id']}"})
        assert text.text.startswith(scale["label"])
        assert scale["direction"] in text.text
    (plan,) = page.find_all("section", **{"data-module": "quiz-plan"})
    (data,) = plan.find_all("script", **{"data-plan-routines": ""})
    assert json.loads(data.raw_text) == routines(guide)
    assert plan.attrs["data-max"] == "3"
