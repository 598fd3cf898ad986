"""Property-based tests: whatever the answers, the result never contradicts them."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import QuizError, decode_answers, encode_answers, load_quiz, open_code, score
from quiz._arith import percent
from quiz._bridge import dumps
from quiz._conditions import Facts
from quiz._model import Question
from quiz._scoring import decide, excluded

QUIZ = load_quiz()
# Pyodide is several times slower than CPython; no deadline, and a moderate number of examples.
PROPERTY = settings(max_examples=80, deadline=None)

complete_answers = st.fixed_dictionaries(
    {q.id: st.sampled_from([o.id for o in q.options]) for q in QUIZ.questions}
)
partial_answers = st.dictionaries(
    st.sampled_from([q.id for q in QUIZ.questions]), st.just("")
).flatmap(
    lambda chosen: st.fixed_dictionaries(
        {
            qid: st.sampled_from([o.id for o in q.options])
            for qid in chosen
            if (q := QUIZ.question(qid)) is not None
        }
    )
)
PREFERENCE = [q for q in QUIZ.questions if q.scale in ("preference-wl", "preference-lw")]
# A fixed alphabet: odd characters included, but no Unicode tables to build (slow in Pyodide).
ODD = "".join(chr(c) for c in range(32, 127)) + "\x00\t\n\u00e9\u201c\u2013\U0001f600"
CODE_LIKE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=!1 \n"


@PROPERTY
@given(complete_answers)
def test_any_complete_answer_set_scores_within_bounds(answers: dict[str, str]) -> None:
    result = score(answers).to_dict()
    for scale in result["scales"]:
        assert 0 <= scale["score"] <= 100
        # The effects start from the middle and add up to the score, give or take rounding.
        moved = 50 + sum(w["effect"] for w in scale["why"])
        assert abs(moved - scale["score"]) <= 0.5 + 0.05 * len(scale["why"])
    items = [i for g in result["recommendations"] for i in g["items"]]
    assert 1 <= len(items) <= QUIZ.max_recommendations
    assert len({i["slug"] for i in items}) == len(items)
    assert sorted(i["rank"] for i in items) == list(range(1, len(items) + 1))
    json.dumps(result)


@PROPERTY
@given(complete_answers)
def test_no_recommendation_is_shown_for_an_answer_its_rule_excludes(
    answers: dict[str, str],
) -> None:
    d = decide(QUIZ, answers)
    rules = {r.id: r for r in QUIZ.rules}
    for item in score(answers).recommendations:
        rule = rules[item.rule]
        assert rule.when is None or rule.when.evaluate(d.facts), rule.id
        source = next(i for i in rule.items if i.slug == item.slug)
        assert not excluded(QUIZ, rule, source, d.facts), (rule.id, item.slug)
    # The answers the rules rely on most, checked directly too.
    slugs = set(score(answers).slugs)
    if answers["ctl-mute"] in ("strongly-disagree", "disagree"):
        reasons = [r.reason for r in score(answers).recommendations]
        assert not any("mute" in r or "notifications" in r for r in reasons)
    if answers["role-type"] == "hands-on":
        assert "flexible-async-work" not in slugs
    if answers["role-type"] == "independent":
        assert not slugs & {
            "right-to-disconnect",
            "results-not-face-time",
            "whole-person-wellbeing",
        }


def _first(kind: str, facts: Facts) -> str:
    return next(
        o.id for o in QUIZ.classification(kind).outcomes if o.when is None or o.when.evaluate(facts)
    )


@PROPERTY
@given(complete_answers)
def test_every_label_matches_the_why_beside_it(answers: dict[str, str]) -> None:
    """Recompute each scale from the points in its "why", then every label from those scores."""
    result = score(answers).to_dict()
    scores: dict[str, int] = {}
    for scale in result["scales"]:
        points = sum(w["points"] for w in scale["why"])
        scores[scale["id"]] = percent(points, scale["max_points"])
        assert scores[scale["id"]] == scale["score"] == result["scores"][scale["id"]]
        assert scale["summary"] == QUIZ.scale(scale["id"]).summary(scale["score"])
    facts = Facts(scores, answers, {}, frozenset())
    for kind in ("style", "days", "control", "identity"):
        assert result[kind]["id"] == _first(kind, facts), kind
        assert result[kind]["label"] == QUIZ.classification(kind).outcome(result[kind]["id"]).label
    assert str(scores["preference-wl"]) in result["style"]["basis"]
    assert str(scores["preference-lw"]) in result["style"]["basis"]
    assert str(scores["behavior-wl"]) in result["days"]["basis"]
    for d in result["fit"]["directions"]:
        key = QUIZ.direction(d["direction"]).key
        want, pressure = scores[f"preference-{key}"], scores[f"pressure-{key}"]
        permission = scores[f"permission-{key}"]
        assert (d["want"], d["pressure"], d["permission"]) == (want, pressure, permission)
        intrusion, restriction = pressure - want, want - permission
        if d["outcome"] == "intrusion":
            assert intrusion >= QUIZ.fit.intrusion
            assert d["gap"] == intrusion
        elif d["outcome"] == "restriction":
            assert restriction >= QUIZ.fit.restriction
            assert d["gap"] == restriction
        else:
            assert intrusion < QUIZ.fit.intrusion
            assert restriction < QUIZ.fit.restriction
    assert (result["support"] is not None) == (scores["strain"] >= QUIZ.support.min_strain)
    swings = answers[QUIZ.cycling.question] in QUIZ.cycling.options
    assert (result["cycling"] is not None) == swings


@PROPERTY
@given(complete_answers)
def test_the_order_of_the_answers_changes_nothing(answers: dict[str, str]) -> None:
    first = dumps(score(answers).to_dict())
    assert dumps(score(dict(reversed(list(answers.items())))).to_dict()) == first


@PROPERTY
@given(complete_answers, st.sampled_from(PREFERENCE))
def test_moving_toward_separation_never_moves_preference_toward_blending(
    answers: dict[str, str], question: Question
) -> None:
    current = question.option(answers[question.id])
    assert current is not None
    lower = [o for o in question.options if (o.points or 0) < (current.points or 0)]
    before = score(answers).scores[str(question.scale)]
    for option in lower:
        after = score({**answers, question.id: option.id}).scores[str(question.scale)]
        assert after < before


@PROPERTY
@given(partial_answers)
def test_codes_round_trip(answers: dict[str, str]) -> None:
    code = encode_answers(answers)
    assert decode_answers(code) == answers
    opened = open_code(code)
    assert opened.from_version == QUIZ.version
    assert opened.note is None
    assert set(opened.unanswered) == {q.id for q in QUIZ.questions} - set(answers)
    assert all(c.isalnum() or c in "-_" for c in code)


@PROPERTY
@given(
    complete_answers,
    st.text(ODD, min_size=1, max_size=12).filter(lambda s: QUIZ.question(s) is None),
)
def test_an_unknown_question_is_named(answers: dict[str, str], name: str) -> None:
    with pytest.raises(QuizError) as caught:
        score({**answers, name: "agree"})
    assert f"unknown question {name!r}" in str(caught.value)


@PROPERTY
@given(complete_answers, st.sampled_from(QUIZ.questions), st.text(ODD, max_size=12))
def test_an_unknown_option_is_named(
    answers: dict[str, str], question: Question, option: str
) -> None:
    if question.option(option) is not None:
        return
    with pytest.raises(QuizError) as caught:
        score({**answers, question.id: option})
    assert f"question '{question.id}' has no option {option!r}" in str(caught.value)


@PROPERTY
@given(complete_answers, st.sets(st.sampled_from([q.id for q in QUIZ.questions]), min_size=1))
def test_every_missing_question_is_named(answers: dict[str, str], missing: set[str]) -> None:
    with pytest.raises(QuizError) as caught:
        score({k: v for k, v in answers.items() if k not in missing})
    listed = str(caught.value).split(": ", 1)[1].split(", ")
    assert set(listed) == missing


@PROPERTY
@given(partial_answers, st.data())
def test_a_tampered_code_is_refused(answers: dict[str, str], data: st.DataObject) -> None:
    code = encode_answers(answers)
    at = data.draw(st.integers(0, len(code) - 1))
    new = data.draw(st.sampled_from(CODE_LIKE[:64]))
    if new == code[at]:
        return
    with pytest.raises(QuizError, match="code"):
        decode_answers(code[:at] + new + code[at + 1 :])


@PROPERTY
@given(st.one_of(st.text(CODE_LIKE, max_size=40), st.text(ODD, max_size=40)))
def test_any_text_decodes_or_raises_quiz_error(text: str) -> None:
    try:
        answers = decode_answers(text)
    except QuizError:
        return
    for qid, oid in answers.items():
        question = QUIZ.question(qid)
        assert question is not None
        assert question.option(oid) is not None
