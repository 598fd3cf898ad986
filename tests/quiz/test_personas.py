"""The persona table (quiz/personas.toml): each kind of person gets what it must, never what it
must not. Runs in CPython and in Pyodide."""

from __future__ import annotations

import pytest

from quiz import Persona, load_personas, load_quiz, score

QUIZ = load_quiz()
PERSONAS = load_personas()
REQUIRED = {
    "strict-separator",
    "flexible-integrator",
    "rigid-integrator",
    "separator-after-hours",
    "caregiver",
    "burned-out",
    "centered-on-both",
    "cycler",
    "shift-worker",
    "freelancer",
}


def test_the_table_has_every_required_persona_with_a_full_answer_set() -> None:
    assert {p.id for p in PERSONAS} >= REQUIRED
    for persona in PERSONAS:
        assert set(persona.answers) == {q.id for q in QUIZ.questions}, persona.id


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_each_persona_gets_what_it_must_and_nothing_it_must_not(persona: Persona) -> None:
    assert persona.problems(QUIZ) == []


def by_id(persona_id: str) -> Persona:
    return next(p for p in PERSONAS if p.id == persona_id)


def test_the_flexible_integrator_has_no_misfit_at_all() -> None:
    result = score(by_id("flexible-integrator").answers).to_dict()
    assert [d["outcome"] for d in result["fit"]["directions"]] == ["good-fit", "good-fit"]
    assert result["fit"]["label"] == QUIZ.fit.summary_good


def test_the_caregiver_gets_care_advice_and_the_right_misfit_first() -> None:
    result = score(by_id("caregiver").answers).to_dict()
    first = result["fit"]["directions"][0]
    assert (first["direction"], first["outcome"]) == ("life-to-work", "intrusion")
    reasons = [i["reason"] for g in result["recommendations"] for i in g["items"]]
    assert any("care shapes every working day" in r for r in reasons)
    assert result["cycling"] is None


def test_the_burned_out_person_reads_support_first_and_is_never_told_to_want_less() -> None:
    result = score(by_id("burned-out").answers).to_dict()
    assert list(result)[:2] == ["version", "support"]
    assert result["support"]["text"] == QUIZ.support.text
    items = [i for g in result["recommendations"] for i in g["items"]]
    first = min(items, key=lambda i: i["rank"])
    assert first["rule"] == "recovery"
    for item in items:
        assert "want less" not in item["reason"].lower()
        assert "blend more" not in item["reason"].lower()
