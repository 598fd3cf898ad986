"""The data file: what it holds, and that each kind of mistake in it fails precisely."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest

import quiz._load
from quiz import QuizError, load_quiz, score
from quiz._load import parse, parse_text
from quiz._model import SUBSCALE_IDS, TACTIC_IDS

from .helpers import middle

RAW: dict[str, Any] = tomllib.loads(
    resources.files("quiz").joinpath("quiz.toml").read_text(encoding="utf-8")
)


def raw() -> dict[str, Any]:
    return copy.deepcopy(RAW)


def question(data: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in data["questions"] if q["id"] == qid)


def test_the_packaged_quiz_is_complete() -> None:
    quiz = load_quiz()
    assert 20 <= len(quiz.questions) <= 30
    assert [s.id for s in quiz.subscales] == list(SUBSCALE_IDS)
    assert [t.id for t in quiz.tactics] == list(TACTIC_IDS)
    assert [q.number for q in quiz.questions] == list(range(1, len(quiz.questions) + 1))
    assert len({q.code for q in quiz.questions}) == len(quiz.questions)
    # Both directions are asked for preference and for behavior.
    assert quiz.subscale("preference").directions == ("work-to-home", "home-to-work")
    assert quiz.subscale("behavior").directions == ("work-to-home", "home-to-work")
    contexts = {q.id for q in quiz.questions if q.section == "situation"}
    assert {"career-stage", "role-type", "caregiving", "work-arrangement"} <= contexts
    roles = {o.id for o in next(q for q in quiz.questions if q.id == "role-type").options}
    assert {"knowledge", "high-stress"} <= roles
    for sub in quiz.subscales:
        assert sub.sources, sub.id
    assert {r.id for r in quiz.rules if "hbr-2023" in r.sources} == {
        "high-stress-role",
        "knowledge-role",
    }
    assert "not a clinical test" in quiz.disclaimer


def test_every_catalog_entry_is_recommended_by_some_rule() -> None:
    quiz = load_quiz()
    used = {item.slug for rule in quiz.rules for item in rule.items}
    assert used == set(quiz.catalog)
    assert {e.tactic for e in quiz.catalog.values()} == set(TACTIC_IDS)


def test_load_quiz_reads_the_file_once_and_scoring_does_no_io(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert load_quiz() is load_quiz()

    def no_io(*args: object, **kwargs: object) -> None:
        raise AssertionError("scoring touched the file system")

    monkeypatch.setattr(quiz._load.resources, "files", no_io)
    monkeypatch.setattr("builtins.open", no_io)
    assert score(middle()).to_dict()["positions"] == {"preference": 50, "behavior": 50}


def test_the_data_round_trips_through_parse() -> None:
    assert parse(raw()) == load_quiz()


def drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda d: d.pop(key)


Mutation = Callable[[dict[str, Any]], object]

MISTAKES: list[tuple[str, Mutation, str]] = [
    (
        "duplicate question id",
        lambda d: question(d, "rhythm").update(id="role-type"),
        "question id 'role-type' is used twice",
    ),
    (
        "duplicate question code",
        lambda d: question(d, "rhythm").update(code=1),
        "question code '1' is used twice",
    ),
    (
        "retired code reused",
        lambda d: d.update(retired_question_codes=[4]),
        "questions[4] 'rhythm': code 4 belongs to a retired question",
    ),
    (
        "unknown section",
        lambda d: question(d, "rhythm").update(section="hobbies"),
        "questions[4] 'rhythm': section 'hobbies'",
    ),
    (
        "unknown subscale",
        lambda d: question(d, "str-guilt").update(subscale="mood"),
        "'str-guilt': unknown subscale 'mood'",
    ),
    (
        "unknown option set",
        lambda d: question(d, "str-guilt").update(option_set="scale7"),
        "option_set 'scale7' is not defined",
    ),
    (
        "options and option_set",
        lambda d: question(d, "str-guilt").update(options=[]),
        "'str-guilt': give either 'options' or 'option_set'",
    ),
    (
        "option code too big",
        lambda d: question(d, "rhythm")["options"][0].update(code=15),
        "questions[4] 'rhythm'.options[0] 'steady': 'code' must be a whole number from 0 to 14",
    ),
    (
        "duplicate option id",
        lambda d: question(d, "rhythm")["options"][1].update(id="steady"),
        "'rhythm': option id 'steady' is used twice",
    ),
    (
        "scored option without points",
        lambda d: question(d, "caregiving")["options"][2].pop("points"),
        "'caregiving'.options[2] 'daily': missing key 'points'",
    ),
    (
        "context option with points",
        lambda d: question(d, "rhythm")["options"][0].update(points=1),
        "'rhythm': a question without a subscale cannot give options points",
    ),
    (
        "weight on context question",
        lambda d: question(d, "rhythm").update(weight=2),
        "'rhythm': 'weight' only applies",
    ),
    (
        "weight too big",
        lambda d: question(d, "str-guilt").update(weight=9),
        "'str-guilt': 'weight' must be a whole number from 1 to 5",
    ),
    (
        "bad direction",
        lambda d: question(d, "beh-step-away").update(direction="sideways"),
        "'beh-step-away': direction must be one of",
    ),
    (
        "optional scored question",
        lambda d: question(d, "str-guilt").update(required=False),
        "'str-guilt': a question that feeds a subscale must be required",
    ),
    (
        "bad id",
        lambda d: question(d, "rhythm").update(id="Rhythm!"),
        "'id' = 'Rhythm!' is not a valid id",
    ),
    (
        "id ending in a newline",
        lambda d: question(d, "rhythm").update(id="rhythm\n"),
        "'id' = 'rhythm\\n' is not a valid id",
    ),
    (
        "typo in a key",
        lambda d: question(d, "rhythm").update(txet="x"),
        "questions[4] 'rhythm': unknown key 'txet'",
    ),
    (
        "missing text",
        lambda d: question(d, "rhythm").pop("text"),
        "questions[4] 'rhythm': missing key 'text'",
    ),
    ("missing subscale", lambda d: d["subscales"].pop(), "subscale 'strain' is not defined"),
    (
        "bands do not reach 100",
        lambda d: d["subscales"][0]["bands"].pop(),
        "subscales[0] 'preference': 'bands' must end",
    ),
    (
        "bands out of order",
        lambda d: d["subscales"][0]["bands"][1].update(max=30),
        "subscales[0] 'preference': 'bands' must be in increasing order",
    ),
    (
        "no sources",
        lambda d: d["subscales"][2].update(sources=[]),
        "subscales[2] 'behavior': 'sources' must cite",
    ),
    (
        "bad source slug",
        lambda d: d["subscales"][2].update(sources=["Kossek 2012"]),
        "'Kossek 2012', which is not a valid slug",
    ),
    (
        "tactics out of order",
        lambda d: d["tactics"].reverse(),
        "[[tactics]] must list temporal, physical",
    ),
    (
        "bad catalog kind",
        lambda d: d["catalog"]["micro-boundaries"].update(kind="tip"),
        "catalog.micro-boundaries: kind must be one of",
    ),
    (
        "bad catalog tactic",
        lambda d: d["catalog"]["micro-boundaries"].update(tactic="spatial"),
        "catalog.micro-boundaries: tactic must be one of",
    ),
    (
        "rule names an unknown slug",
        lambda d: d["rules"][0]["items"][0].update(slug="nap-pods"),
        "rules[0] 'recovery-first'.items[0]: slug 'nap-pods' is not in [catalog]",
    ),
    (
        "unknown metric",
        lambda d: d["flags"][2].update(when={"score": "mood", "min": 3}),
        "flag 'recovery': unknown score 'mood'",
    ),
    (
        "unknown question in a rule",
        lambda d: d["rules"][3].update(when={"answer": "job", "in": ["x"]}),
        "rule 'high-stress-role': unknown question 'job'",
    ),
    (
        "unknown option in a rule",
        lambda d: d["rules"][3].update(when={"answer": "role-type", "in": ["pilot"]}),
        "rule 'high-stress-role': question 'role-type' has no option 'pilot'",
    ),
    (
        "style depending on a flag",
        lambda d: d["style"]["outcomes"][0].update(when={"flag": "recovery"}),
        "style outcome 'cycler': cannot test a flag, which is decided later",
    ),
    (
        "flag depending on a flag",
        lambda d: d["flags"][0].update(when={"flag": "recovery"}),
        "flag 'always-on': cannot test a flag",
    ),
    (
        "unknown flag in a rule",
        lambda d: d["rules"][0].update(when={"flag": "burnout"}),
        "rule 'recovery-first': unknown flag 'burnout'",
    ),
    (
        "unknown style in a rule",
        lambda d: d["rules"][12].update(when={"style": "juggler"}),
        "rule 'cycler': unknown style 'juggler'",
    ),
    (
        "score without bounds",
        lambda d: d["flags"][2].update(when={"score": "strain"}),
        "needs 'min', 'max' or both",
    ),
    (
        "min above max",
        lambda d: d["flags"][2].update(when={"score": "strain", "min": 70, "max": 60}),
        "'min' (70) is above 'max' (60)",
    ),
    (
        "not a condition",
        lambda d: d["flags"][2].update(when={"mood": "low"}),
        "flags[2] 'recovery'.when: not a condition",
    ),
    (
        "empty any",
        lambda d: d["flags"][2].update(when={"any": []}),
        "'any' needs at least one condition",
    ),
    (
        "last outcome has a condition",
        lambda d: d["profile"]["outcomes"][-1].update(when={"score": "strain", "min": 1}),
        "the last outcome must have no 'when'",
    ),
    (
        "middle outcome without condition",
        lambda d: d["style"]["outcomes"][0].pop("when"),
        "only the last outcome may leave out 'when'",
    ),
    (
        "fit outcome missing",
        lambda d: d["fit"]["outcomes"].pop("over-supplied"),
        "fit.outcomes: missing outcome 'over-supplied'",
    ),
    (
        "fit band zero",
        lambda d: d["fit"].update(band=0),
        "fit: 'band' must be a whole number from 1 to 100",
    ),
    (
        "reason with unknown score",
        lambda d: d["flags"][2].update(reason="Strain is {stress}."),
        "flag 'recovery': reason uses unknown score '{stress}'",
    ),
    (
        "duplicate rule id",
        lambda d: d["rules"][1].update(id="recovery-first"),
        "rule id 'recovery-first' is used twice",
    ),
    ("missing top-level key", drop("title"), "the file: missing key 'title'"),
    (
        "unknown top-level key",
        lambda d: d.update(palette="teal"),
        "the file: unknown key 'palette'",
    ),
    ("version as text", lambda d: d.update(version="1"), "'version' must be a whole number"),
]


@pytest.mark.parametrize(
    ("mutate", "message"), [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES]
)
def test_a_mistake_in_the_data_names_its_place(mutate: Mutation, message: str) -> None:
    data = raw()
    mutate(data)
    with pytest.raises(QuizError) as caught:
        parse(data)
    assert message in str(caught.value)
    assert str(caught.value).startswith("quiz.toml: ")


def test_text_that_is_not_toml_is_reported() -> None:
    with pytest.raises(QuizError, match=r"^quiz\.toml: not valid TOML"):
        parse_text("version = = 1")
