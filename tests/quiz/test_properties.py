"""Property-based tests: whatever the answers, scoring and codes behave."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import QuizError, decode_answers, encode_answers, load_quiz, score
from quiz._bridge import dumps
from quiz._model import Question

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
PREFERENCE = [q for q in QUIZ.questions if q.subscale == "preference"]
# A fixed alphabet: odd characters included, but no Unicode tables to build (slow in Pyodide).
ODD = "".join(chr(c) for c in range(32, 127)) + "\x00\t\n\u00e9\u201c\u2013\U0001f600"
CODE_LIKE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=!1 \n"


@PROPERTY
@given(complete_answers)
def test_any_complete_answer_set_scores_within_bounds(answers: dict[str, str]) -> None:
    result = score(answers).to_dict()
    for value in result["positions"].values():
        assert 0 <= value <= 100
    for sub in result["subscales"]:
        assert 0 <= sub["score"] <= 100
        # The effects start from the middle and add up to the score, give or take rounding.
        assert abs(50 + sum(w["effect"] for w in sub["why"]) - sub["score"]) <= 0.5 + 0.05 * len(
            sub["why"]
        )
    assert result["style"]["id"] in {o.id for o in QUIZ.style.outcomes}
    assert result["profile"]["id"] in {o.id for o in QUIZ.profile.outcomes}
    assert result["fit"]["id"] in QUIZ.fit.outcomes
    items = [i for g in result["recommendations"] for i in g["items"]]
    assert 1 <= len(items) <= QUIZ.max_recommendations
    assert len({i["slug"] for i in items}) == len(items)
    json.dumps(result)


@PROPERTY
@given(complete_answers)
def test_scoring_is_deterministic(answers: dict[str, str]) -> None:
    first = dumps(score(answers).to_dict())
    assert dumps(score(dict(reversed(list(answers.items())))).to_dict()) == first
    assert dumps(score(answers).to_dict()) == first


@PROPERTY
@given(complete_answers, st.sampled_from(PREFERENCE))
def test_moving_toward_separation_never_moves_preference_toward_blending(
    answers: dict[str, str], question: Question
) -> None:
    current = question.option(answers[question.id])
    assert current is not None
    lower = [o for o in question.options if (o.points or 0) < (current.points or 0)]
    before = score(answers).preference
    for option in lower:
        after = score({**answers, question.id: option.id}).preference
        assert after <= before
    if lower:
        lowest = min(lower, key=lambda o: o.points or 0)
        assert score({**answers, question.id: lowest.id}).preference < before


@PROPERTY
@given(partial_answers)
def test_codes_round_trip(answers: dict[str, str]) -> None:
    code = encode_answers(answers)
    assert decode_answers(code) == answers
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
