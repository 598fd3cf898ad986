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
from quiz._conditions import AnswerOneOf, walk
from quiz._load import parse, parse_text
from quiz._model import CONSTRUCTS, DIRECTIONAL, DIRECTIONS, TACTIC_IDS

from .helpers import middle

RAW_TEXT = resources.files("quiz").joinpath("quiz.toml").read_text(encoding="utf-8")
RAW: dict[str, Any] = tomllib.loads(RAW_TEXT)


def raw() -> dict[str, Any]:
    return copy.deepcopy(RAW)


def question(data: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in data["questions"] if q["id"] == qid)


def test_the_packaged_quiz_is_complete() -> None:
    quiz = load_quiz()
    assert quiz.version == 2
    assert len(quiz.questions) <= 36
    assert [t.id for t in quiz.tactics] == list(TACTIC_IDS)
    assert [q.number for q in quiz.questions] == list(range(1, len(quiz.questions) + 1))
    assert len({q.code for q in quiz.questions}) == len(quiz.questions)
    assert [d.id for d in quiz.directions] == list(DIRECTIONS)
    for construct in DIRECTIONAL:
        for direction in quiz.directions:
            assert len(quiz.scale(f"{construct}-{direction.key}").questions) >= 2
    per_construct: dict[str, int] = {}
    for scale in quiz.scales:
        assert scale.sources, scale.id
        per_construct[scale.construct] = per_construct.get(scale.construct, 0) + len(
            scale.questions
        )
    assert set(per_construct) == set(CONSTRUCTS)
    assert all(count >= 3 for count in per_construct.values()), per_construct
    for scale_id in ("identity-work", "identity-life", "control"):
        assert len(quiz.scale(scale_id).questions) >= 3
    contexts = {q.id for q in quiz.questions if q.section == "situation"}
    assert {"career-stage", "role-type", "caregiving", "work-arrangement", "rhythm"} <= contexts
    assert "not a clinical test" in quiz.disclaimer


def test_every_scale_of_four_or_more_mixes_both_wordings() -> None:
    """Reverse-keyed items on every scale (and construct) with four questions or more."""
    quiz = load_quiz()
    groups: dict[str, list[str]] = {}
    for scale in quiz.scales:
        groups.setdefault(scale.construct, []).extend(q.id for q in scale.questions)
        groups[scale.id] = [q.id for q in scale.questions]
    reversed_ids = {q["id"] for q in RAW["questions"] if q.get("reverse", False)}
    for name, ids in groups.items():
        if len(ids) >= 4:
            assert reversed_ids & set(ids), f"{name} has no reverse-keyed question"
            assert set(ids) - reversed_ids, f"{name} has only reverse-keyed questions"


def test_no_question_asks_about_both_directions_or_two_things() -> None:
    quiz = load_quiz()
    for question in quiz.questions:
        text = question.text.lower()
        # One direction per question: none asks about work at home *and* home at work.
        assert not ("at home" in text and "while at work" in text), question.id
        assert " and/or " not in text, question.id


def test_the_retired_questions_are_gone_and_their_codes_are_never_reused() -> None:
    quiz = load_quiz()
    assert quiz.retired_question_codes == {9, 12, 15, 23, 25, 28}
    assert len(quiz.retired_question_ids) == len(quiz.retired_question_codes)
    for question in quiz.questions:
        assert question.code not in quiz.retired_question_codes
        assert question.id not in quiz.retired_question_ids


def test_every_context_question_changes_something_a_reader_sees() -> None:
    quiz = load_quiz()
    tested = {
        part.question
        for rule in quiz.rules
        for condition in (rule.when, rule.unless, *(i.unless for i in rule.items))
        if condition is not None
        for part in walk(condition)
        if isinstance(part, AnswerOneOf)
    }
    tested |= {
        part.question
        for entry in quiz.catalog.values()
        if entry.unless is not None
        for part in walk(entry.unless)
        if isinstance(part, AnswerOneOf)
    }
    tested.add(quiz.cycling.question)
    for question in quiz.questions:
        if question.scale is None:
            assert question.id in tested, f"{question.id} changes nothing"


def test_no_rule_or_text_cites_a_source_that_is_going_away() -> None:
    quiz = load_quiz()
    allowed = {
        "ashforth-2000", "clark-2000", "kreiner-2006", "kreiner-2009", "kossek-2012",
        "kinnunen-2016", "methot-lepine-2016", "bogaerts-2018", "liu-2019",
        "edwards-rothbard-1999", "rothbard-2005", "gadeyne-2018", "wepfer-2018",
        "sonnentag-fritz-2007", "carlson-2000", "mueller-2023", "newport-2016",
    }  # fmt: skip
    cited = [s for scale in quiz.scales for s in scale.sources]
    cited += [s for r in quiz.rules for s in r.sources] + [s for f in quiz.flags for s in f.sources]
    cited += [*quiz.fit.sources, *quiz.support.sources, *quiz.cycling.sources]
    cited += [s for t in quiz.tactics for s in t.sources]
    for kind in ("style", "days", "control", "identity"):
        cited += quiz.classification(kind).sources
    assert set(cited) <= allowed
    assert "intentional-technology" not in quiz.catalog
    assert "harvard" not in RAW_TEXT.lower()


def test_a_style_label_and_a_days_label_never_share_a_name() -> None:
    quiz = load_quiz()
    styles = {o.label.lower() for o in quiz.style.outcomes} | {quiz.cycling.outcome.label.lower()}
    days = {o.label.lower() for o in quiz.days.outcomes}
    assert not styles & days


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
    assert score(middle()).to_dict()["scores"]["preference-wl"] == 50


def test_the_texts_are_on_the_quiz_object() -> None:
    quiz = load_quiz()
    assert quiz.texts["why_heading"] == RAW["texts"]["why_heading"]
    assert score(middle()).to_dict()["texts"] == dict(quiz.texts)


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
        "retired id reused",
        lambda d: d.update(retired_question_ids=["rhythm"]),
        "question id 'rhythm' is retired and may not be reused",
    ),
    (
        "too many questions",
        lambda d: d["questions"].append({**question(d, "str-drained"), "id": "extra", "code": 99}),
        "37 questions; the quiz asks at most 36",
    ),
    (
        "unknown section",
        lambda d: question(d, "rhythm").update(section="hobbies"),
        "questions[4] 'rhythm': section 'hobbies'",
    ),
    (
        "unknown scale",
        lambda d: question(d, "str-drained").update(scale="mood"),
        "'str-drained': scale 'mood' is not defined",
    ),
    (
        "unknown option set",
        lambda d: question(d, "str-drained").update(option_set="scale7"),
        "option_set 'scale7' is not defined",
    ),
    (
        "options and option_set",
        lambda d: question(d, "str-drained").update(options=[]),
        "'str-drained': give either 'options' or 'option_set'",
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
        "'rhythm': a question without a scale cannot give options points",
    ),
    (
        "reverse on context question",
        lambda d: question(d, "rhythm").update(reverse=True),
        "'rhythm': 'reverse' only applies",
    ),
    (
        "optional scored question",
        lambda d: question(d, "str-drained").update(required=False),
        "'str-drained': a question that feeds a scale must be required",
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
    ("missing scale", lambda d: d["scales"].pop(), "scale 'strain' is not defined"),
    (
        "unknown construct",
        lambda d: d["scales"][8].update(construct="mood"),
        "scales[8] 'control': unknown construct 'mood'",
    ),
    (
        "directional scale without a direction",
        lambda d: d["scales"][0].pop("direction"),
        "scales[0] 'preference-wl': a direction is needed exactly for",
    ),
    (
        "directional scale with the wrong id",
        lambda d: d["scales"][0].update(direction="life-to-work"),
        "a preference scale for life-to-work must have id 'preference-lw'",
    ),
    (
        "bands do not reach 100",
        lambda d: d["scales"][0]["bands"].pop(),
        "scales[0] 'preference-wl': 'bands' must end",
    ),
    (
        "bands out of order",
        lambda d: d["scales"][0]["bands"][1].update(max=30),
        "scales[0] 'preference-wl': 'bands' must be in increasing order",
    ),
    (
        "no sources",
        lambda d: d["scales"][6].update(sources=[]),
        "scales[6] 'behavior-wl': 'sources' must cite",
    ),
    (
        "bad source slug",
        lambda d: d["scales"][6].update(sources=["Kossek 2012"]),
        "'Kossek 2012', which is not a valid slug",
    ),
    (
        "directions out of order",
        lambda d: d["directions"].reverse(),
        "[[directions]] must list work-to-life, life-to-work",
    ),
    (
        "missing text key",
        lambda d: d["texts"].pop("why_heading"),
        "texts: missing key 'why_heading'",
    ),
    (
        "tactics out of order",
        lambda d: d["tactics"].reverse(),
        "[[tactics]] must list temporal, physical",
    ),
    (
        "catalog kind (the site knows it)",
        lambda d: d["catalog"]["micro-boundaries"].update(kind="practice"),
        "catalog.micro-boundaries: unknown key 'kind'",
    ),
    (
        "bad catalog tactic",
        lambda d: d["catalog"]["micro-boundaries"].update(tactic="spatial"),
        "catalog.micro-boundaries: tactic must be one of",
    ),
    (
        "rule names an unknown slug",
        lambda d: d["rules"][0]["items"][0].update(slug="nap-pods"),
        "rules[0] 'recovery'.items[0]: slug 'nap-pods' is not in [catalog]",
    ),
    (
        "rule without relevance",
        lambda d: d["rules"][0].pop("relevance"),
        "rules[0] 'recovery': missing key 'relevance'",
    ),
    (
        "unknown metric",
        lambda d: d["flags"][2].update(when={"score": "mood", "min": 3}),
        "flag 'recovery': unknown score 'mood'",
    ),
    (
        "unknown question in a rule",
        lambda d: d["rules"][10].update(when={"answer": "job", "in": ["x"]}),
        "rule 'high-stress-role': unknown question 'job'",
    ),
    (
        "unknown option in an unless",
        lambda d: d["rules"][10].update(unless={"answer": "role-type", "in": ["pilot"]}),
        "rule 'high-stress-role' unless: question 'role-type' has no option 'pilot'",
    ),
    (
        "unknown option in a catalog unless",
        lambda d: d["catalog"]["flexible-async-work"].update(
            unless={"answer": "role-type", "in": ["pilot"]}
        ),
        "catalog 'flexible-async-work' unless: question 'role-type' has no option 'pilot'",
    ),
    (
        "style depending on a flag",
        lambda d: d["style"]["outcomes"][0].update(when={"flag": "recovery"}),
        "style outcome 'separator': cannot test a flag, which is decided later",
    ),
    (
        "style depending on the fit",
        lambda d: d["style"]["outcomes"][0].update(when={"outcome": "fit-wl", "is": "intrusion"}),
        "style outcome 'separator': cannot test the fit-wl, which is decided later",
    ),
    (
        "flag depending on a flag",
        lambda d: d["flags"][0].update(when={"flag": "recovery"}),
        "flag 'always-on': cannot test a flag",
    ),
    (
        "unknown flag in a rule",
        lambda d: d["rules"][0].update(when={"flag": "burnout"}),
        "rule 'recovery': unknown flag 'burnout'",
    ),
    (
        "unknown style in a rule",
        lambda d: d["rules"][15].update(when={"outcome": "style", "is": "juggler"}),
        "rule 'cycler': unknown style 'juggler'",
    ),
    (
        "unknown outcome kind",
        lambda d: d["rules"][15].update(when={"outcome": "mood", "is": "low"}),
        "unknown outcome kind 'mood'",
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
        lambda d: d["days"]["outcomes"][-1].update(when={"score": "strain", "min": 1}),
        "the last outcome must have no 'when'",
    ),
    (
        "middle outcome without condition",
        lambda d: d["style"]["outcomes"][0].pop("when"),
        "only the last outcome may leave out 'when'",
    ),
    (
        "cycling from a scored question",
        lambda d: d["cycling"].update(question="str-drained"),
        "cycling: 'question' must name a context question",
    ),
    (
        "fit outcome missing",
        lambda d: d["fit"]["life-to-work"].pop("restriction"),
        "fit.life-to-work: missing outcome 'restriction'",
    ),
    (
        "fit threshold zero",
        lambda d: d["fit"].update(intrusion=0),
        "fit: 'intrusion' must be a whole number from 1 to 100",
    ),
    (
        "reason with unknown score",
        lambda d: d["flags"][2].update(reason="Strain is {stress}."),
        "flag 'recovery': uses unknown score '{stress}'",
    ),
    (
        "basis with unknown score",
        lambda d: d["texts"].update(basis_style="{preference}"),
        "texts.basis_style: uses unknown score '{preference}'",
    ),
    (
        "duplicate rule id",
        lambda d: d["rules"][1].update(id="recovery"),
        "rule id 'recovery' is used twice",
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
