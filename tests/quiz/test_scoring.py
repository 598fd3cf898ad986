"""Scoring, outcome by outcome: scales, fit per direction, style, days, identity, control,
cycling, support, flags and ranked recommendations that never contradict an answer."""

from __future__ import annotations

import json
import random

import pytest

from quiz import QuizError, load_quiz, score
from quiz._arith import effect, percent
from quiz._conditions import (
    AllOf,
    AnswerOneOf,
    AnyOf,
    Facts,
    FlagRaised,
    Not,
    OutcomeIs,
    ScoreWithin,
)
from quiz._model import Rule
from quiz._scoring import applies, decide, excluded, fit_of, score_answers

from .helpers import leaning_answers, middle, random_answers, with_points

QUIZ = load_quiz()


def scores_of(answers: dict[str, str]) -> dict[str, int]:
    return decide(QUIZ, answers).scores


def outcome(answers: dict[str, str], kind: str) -> str:
    return decide(QUIZ, answers).outcomes[kind].id


def fits(answers: dict[str, str]) -> dict[str, str]:
    return {f.direction.id: f.outcome.id for f in decide(QUIZ, answers).fits}


def levels(**points: int) -> dict[str, str]:
    """Middle answers with some scales set to the same points on every question."""
    answers = middle()
    for scale, value in points.items():
        answers = with_points(answers, scale.replace("_", "-"), value)
    return answers


# --- arithmetic -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "maximum", "expected"),
    [(0, 8, 0), (8, 8, 100), (4, 8, 50), (1, 8, 13), (3, 8, 38), (5, 8, 63), (4, 12, 33)],
)
def test_percent_rounds_halves_up(total: int, maximum: int, expected: int) -> None:
    assert percent(total, maximum) == expected


def test_effects_are_signed_distances_from_the_middle() -> None:
    assert effect(1, 2, 4, 8) == 0
    assert effect(1, 4, 4, 8) == 25
    assert effect(1, 0, 4, 8) == -25
    assert effect(1, 1, 4, 16) == -6.3  # -6.25 rounds away from zero
    assert effect(1, 3, 4, 16) == 6.3


def test_middle_answers_score_fifty_on_every_scale() -> None:
    scores = scores_of(middle())
    for scale in QUIZ.scales:
        if scale.id != "pressure-lw":
            assert scores[scale.id] == 50, scale.id
    # "some" care is the middle of the care question too.
    assert scores["pressure-lw"] == 50


def test_reversed_questions_count_the_other_way() -> None:
    agree = scores_of({**middle(), "pref-quiet-evenings": "strongly-agree"})
    assert agree["preference-wl"] < 50
    agree = scores_of({**middle(), "pref-evening-tasks": "strongly-agree"})
    assert agree["preference-wl"] > 50


def test_the_directions_are_scored_separately() -> None:
    scores = scores_of(levels(preference_wl=0, preference_lw=4))
    assert (scores["preference-wl"], scores["preference-lw"]) == (0, 100)


def test_why_explains_every_answer_biggest_first_and_adds_up() -> None:
    result = score(levels(strain=4)).to_dict()
    for scale in result["scales"]:
        assert len(scale["why"]) == len(QUIZ.scale(scale["id"]).questions)
        sizes = [abs(w["effect"]) for w in scale["why"]]
        assert sizes == sorted(sizes, reverse=True)
        assert (
            percent(sum(w["points"] for w in scale["why"]), scale["max_points"]) == scale["score"]
        )
        for why in scale["why"]:
            assert why["question_text"] == QUIZ.question_text(why["question"])
            assert why["option_text"] == QUIZ.option_text(why["question"], why["option"])
            if why["effect"] > 0:
                assert scale["high"] in why["effect_text"]
            elif why["effect"] < 0:
                assert scale["low"] in why["effect_text"]


# --- fit, direction by direction ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("intrusion", "restriction", "expected"),
    [
        (0, 0, "good-fit"),
        (29, 39, "good-fit"),
        (30, 0, "intrusion"),
        (0, 40, "restriction"),
        (50, 45, "intrusion"),
        (45, 50, "restriction"),
        (-100, -100, "good-fit"),
    ],
)
def test_fit_of_two_gaps(intrusion: int, restriction: int, expected: str) -> None:
    assert fit_of(intrusion, restriction, QUIZ)[0] == expected


def test_thresholds_are_asymmetric_and_cited() -> None:
    assert QUIZ.fit.intrusion < QUIZ.fit.restriction
    assert {"edwards-rothbard-1999", "liu-2019"} <= set(QUIZ.fit.sources)


def test_an_integrator_with_a_flexible_job_and_few_demands_fits() -> None:
    answers = levels(
        preference_wl=4, preference_lw=4, pressure_wl=0, pressure_lw=0,
        permission_wl=4, permission_lw=4,
    )  # fmt: skip
    assert fits(answers) == {"work-to-life": "good-fit", "life-to-work": "good-fit"}


def test_an_integrator_held_to_set_hours_and_place_is_restricted() -> None:
    answers = levels(preference_wl=4, preference_lw=4, permission_wl=0, permission_lw=0)
    assert fits(answers) == {"work-to-life": "restriction", "life-to-work": "restriction"}


def test_a_separator_pushed_after_hours_has_an_intrusion_in_that_direction_only() -> None:
    answers = levels(preference_wl=0, preference_lw=0, pressure_wl=4, pressure_lw=0)
    assert fits(answers) == {"work-to-life": "intrusion", "life-to-work": "good-fit"}


def test_misfits_come_first_largest_gap_first() -> None:
    answers = levels(preference_wl=0, pressure_wl=3, preference_lw=0, pressure_lw=4)
    directions = score(answers).to_dict()["fit"]["directions"]
    assert [d["direction"] for d in directions] == ["life-to-work", "work-to-life"]
    assert directions[0]["gap"] >= directions[1]["gap"]
    for d in directions:
        assert d["gap"] >= 0
        assert d["direction_label"] == QUIZ.direction(d["direction"]).label


# --- style, days, identity, control, cycling -----------------------------------------------------


@pytest.mark.parametrize(
    ("wl", "lw", "style"),
    [
        (0, 0, "separator"),
        (4, 4, "integrator"),
        (4, 0, "work-guardian"),
        (0, 4, "life-guardian"),
        (2, 2, "in-between"),
        (1, 3, "life-guardian"),
        (2, 4, "in-between"),
    ],
)
def test_style_comes_from_the_two_preferences(wl: int, lw: int, style: str) -> None:
    assert outcome(levels(preference_wl=wl, preference_lw=lw), "style") == style


@pytest.mark.parametrize(
    ("wl", "lw", "days"),
    [
        (4, 4, "both-ways"),
        (0, 0, "seldom"),
        (4, 0, "work-into-life"),
        (0, 4, "life-into-work"),
        (2, 2, "now-and-then"),
    ],
)
def test_days_come_from_the_two_behaviors(wl: int, lw: int, days: str) -> None:
    assert outcome(levels(behavior_wl=wl, behavior_lw=lw), "days") == days


@pytest.mark.parametrize(
    ("work", "life", "identity"),
    [(4, 4, "both"), (4, 1, "work-focused"), (1, 4, "life-focused"), (2, 2, "neither")],
)
def test_identity_is_two_scales(work: int, life: int, identity: str) -> None:
    assert outcome(levels(identity_work=work, identity_life=life), "identity") == identity


@pytest.mark.parametrize(("points", "control"), [(4, "high"), (0, "low"), (2, "some")])
def test_control(points: int, control: str) -> None:
    assert outcome(levels(control=points), "control") == control


@pytest.mark.parametrize("rhythm", ["steady", "shifts"])
def test_cycler_never_comes_from_a_middle_preference(rhythm: str) -> None:
    answers = {**middle(), "rhythm": rhythm}
    assert decide(QUIZ, answers).cycling is None
    assert score(answers).to_dict()["cycling"] is None


def test_cycler_comes_from_its_own_question() -> None:
    result = score({**levels(preference_wl=0, preference_lw=0), "rhythm": "swings"}).to_dict()
    assert result["cycling"]["id"] == "cycler"
    assert result["style"]["id"] == "separator"


# --- support and flags -----------------------------------------------------------------------


def test_support_comes_first_when_strain_is_high() -> None:
    result = score(levels(strain=4)).to_dict()
    assert result["support"] == {"text": QUIZ.support.text, "sources": list(QUIZ.support.sources)}
    assert list(result).index("support") < list(result).index("style")
    assert score(middle()).to_dict()["support"] is None


def test_always_on_flag() -> None:
    assert "always-on" in score(levels(behavior_wl=4, control=0)).flag_ids
    assert "always-on" in score(levels(behavior_wl=4, strain=4)).flag_ids
    assert "always-on" not in score(levels(behavior_wl=4, control=4, strain=0)).flag_ids
    assert "always-on" not in score(levels(behavior_wl=0, control=0)).flag_ids


def test_rigidity_flag_is_an_intrusion_against_a_firm_wish() -> None:
    assert "rigidity" in score(levels(preference_wl=0, pressure_wl=4)).flag_ids
    assert "rigidity" in score(levels(preference_lw=0, pressure_lw=4)).flag_ids
    assert "rigidity" not in score(levels(preference_wl=0, pressure_wl=0)).flag_ids
    assert "rigidity" not in score(levels(preference_wl=2, pressure_wl=4)).flag_ids


def test_recovery_flag_and_its_reason_quotes_the_score() -> None:
    result = score(levels(strain=4))
    (recovery,) = [f for f in result.to_dict()["flags"] if f["id"] == "recovery"]
    assert "(100 of 100)" in recovery["reason"]
    assert "recovery" not in score(levels(strain=1)).flag_ids


def test_middle_answers_raise_no_flag() -> None:
    assert score(middle()).flag_ids == []


# --- recommendations ---------------------------------------------------------------------------


def rule_reached(answers: dict[str, str]) -> set[str]:
    return {r.rule for r in score(answers).recommendations}


def test_every_rule_can_reach_the_list() -> None:
    reached: set[str] = set()
    rng = random.Random(7)
    for _ in range(600):
        reached |= rule_reached(leaning_answers(rng))
        reached |= rule_reached(random_answers(rng))
        if reached == {r.id for r in QUIZ.rules}:
            break
    assert {r.id for r in QUIZ.rules} - reached == set()


@pytest.mark.parametrize("rule", QUIZ.rules, ids=lambda r: r.id)
def test_each_rule_fires_only_when_its_condition_holds(rule: Rule) -> None:
    rng = random.Random(rule.id)
    for _ in range(40):
        answers = leaning_answers(rng)
        d = decide(QUIZ, answers)
        shown = {r.rule for r in score_answers(QUIZ, answers).recommendations}
        if rule.id in shown:
            assert applies(rule, d.facts)


def test_the_most_relevant_rule_comes_first() -> None:
    answers = {**levels(strain=4), "caregiving": "daily"}
    items = score(answers).recommendations
    assert [i.rank for i in items] == list(range(1, len(items) + 1))
    assert items[0].rule == "recovery"
    assert len(items) <= QUIZ.max_recommendations
    assert len({i.slug for i in items}) == len(items)


def test_care_every_day_puts_care_advice_in_the_list() -> None:
    assert "care-daily" in rule_reached({**middle(), "caregiving": "daily"})
    assert "care-daily" in rule_reached({**levels(strain=4, behavior_wl=4), "caregiving": "daily"})


def test_limit_notifications_is_never_said_to_someone_who_cannot_mute() -> None:
    answers = {**levels(behavior_wl=4, control=0, preference_wl=0, pressure_wl=4)}
    assert answers["ctl-mute"] == "strongly-disagree"
    assert "technology-for-you" not in score(answers).slugs


@pytest.mark.parametrize(
    ("role", "never"),
    [
        ("hands-on", {"flexible-async-work"}),
        ("independent", {"right-to-disconnect", "results-not-face-time", "whole-person-wellbeing"}),
    ],
)
def test_role_answers_keep_out_what_does_not_apply(role: str, never: set[str]) -> None:
    rng = random.Random(role)
    for _ in range(100):
        answers = {**leaning_answers(rng), "role-type": role}
        assert not never & set(score(answers).slugs)


def test_context_answers_leave_a_visible_note() -> None:
    shift = score({**middle(), "role-type": "hands-on"}).to_dict()
    assert [n["rule"] for n in shift["notes"]] == ["shift-work"]
    freelance = score({**middle(), "role-type": "independent"}).to_dict()
    assert "freelance" in [n["rule"] for n in freelance["notes"]]


def test_excluded_checks_rule_item_and_slug() -> None:
    answers = {**middle(), "role-type": "hands-on", "ctl-mute": "disagree"}
    facts = decide(QUIZ, answers).facts
    care = next(r for r in QUIZ.rules if r.id == "care-daily")
    flexible = next(i for i in care.items if i.slug == "flexible-async-work")
    assert excluded(QUIZ, care, flexible, facts)
    always = next(r for r in QUIZ.rules if r.id == "always-on")
    tech = next(i for i in always.items if i.slug == "technology-for-you")
    assert excluded(QUIZ, always, tech, facts)


def test_groups_follow_the_ranking_and_the_catalog() -> None:
    result = score({**levels(strain=4), "caregiving": "daily"}).to_dict()
    groups = result["recommendations"]
    firsts = [min(i["rank"] for i in g["items"]) for g in groups]
    assert firsts == sorted(firsts)
    labels = {t.id: t.label for t in QUIZ.tactics}
    for group in groups:
        assert group["label"] == labels[group["tactic"]]
        for item in group["items"]:
            assert QUIZ.catalog[item["slug"]].tactic == group["tactic"]
            assert item["reason"]


# --- conditions --------------------------------------------------------------------------------


def test_conditions_evaluate_and_describe() -> None:
    facts = Facts(
        {"strain": 60, "control": 30},
        {"rhythm": "swings"},
        {"fit-wl": "intrusion"},
        frozenset({"recovery"}),
    )
    high = ScoreWithin("strain", 60, None)
    low = ScoreWithin("control", None, 40)
    swings = AnswerOneOf("rhythm", ("swings",))
    assert high.evaluate(facts)
    assert low.evaluate(facts)
    assert not ScoreWithin("strain", None, 59).evaluate(facts)
    assert swings.evaluate(facts)
    assert OutcomeIs("fit-wl", "intrusion").evaluate(facts)
    assert FlagRaised("recovery").evaluate(facts)
    assert not Not(FlagRaised("recovery")).evaluate(facts)
    assert AllOf((high, AnyOf((swings, Not(low))))).evaluate(facts)
    assert high.describe(QUIZ) == "“Strain” is 60 or more"
    assert (
        ScoreWithin("preference-wl", None, 40).describe(QUIZ)
        == "“What you want” (work into personal life) is 40 or less"
    )
    assert "question 5 is “Yes: I swing" in swings.describe(QUIZ)
    assert (
        OutcomeIs("fit-wl", "intrusion").describe(QUIZ)
        == "the fit (work into personal life) is “Work reaches in more than you want”"
    )
    assert Not(FlagRaised("always-on")).describe(QUIZ) == "the flag “Always-on risk” is not raised"


# --- answers checking -------------------------------------------------------------------------


def test_all_missing_questions_are_listed() -> None:
    answers = middle()
    for gone in ("rhythm", "str-rested", "ctl-mute"):
        del answers[gone]
    with pytest.raises(QuizError, match="3 questions are not answered") as caught:
        score(answers)
    for gone in ("rhythm", "str-rested", "ctl-mute"):
        assert gone in str(caught.value)


def test_one_missing_question_is_named() -> None:
    answers = middle()
    del answers["caregiving"]
    with pytest.raises(QuizError, match=r"^question is not answered: caregiving$"):
        score(answers)


@pytest.mark.parametrize(
    ("answers", "culprit"),
    [
        ({**middle(), "favorite-color": "blue"}, "unknown question 'favorite-color'"),
        ({**middle(), "rhythm": "weekly"}, "question 'rhythm' has no option 'weekly'"),
        ({**middle(), "rhythm": 2}, "question 'rhythm': the answer must be an option id, got 2"),
        ({**middle(), "rhythm": None}, "question 'rhythm'"),
        ({**middle(), 7: "agree"}, "question ids must be text, got 7"),
        ([("rhythm", "steady")], "answers must map question ids to option ids, not list"),
        ("rhythm=steady", "not str"),
    ],
)
def test_bad_answers_name_the_culprit(answers: object, culprit: str) -> None:
    with pytest.raises(QuizError) as caught:
        score(answers)
    assert culprit in str(caught.value)


CONTRACT = {
    "version", "support", "style", "cycling", "days", "fit", "control", "identity", "flags",
    "recommendations", "scales", "scores", "disclaimer", "texts",
}  # fmt: skip


def test_the_result_dictionary_keeps_its_contract() -> None:
    result = score({**middle(), "rhythm": "swings"}).to_dict()
    assert json.loads(json.dumps(result)) == result
    assert set(result) >= CONTRACT
    assert result["version"] == 2
    for part in ("style", "days"):
        assert {"id", "label", "text", "basis"} <= set(result[part])
    assert set(result["cycling"]) == {"id", "label", "text"}
    assert {"id", "label", "text", "score"} <= set(result["control"])
    assert {"id", "label", "text", "work", "life"} <= set(result["identity"])
    assert set(result["fit"]) == {"label", "directions"}
    for d in result["fit"]["directions"]:
        assert set(d) == {
            "direction", "direction_label", "outcome", "label", "text", "want", "pressure",
            "permission", "gap",
        }  # fmt: skip
    for scale in result["scales"]:
        assert {
            "id", "label", "direction", "direction_label", "score", "summary", "low", "high",
            "sources", "why",
        } <= set(scale)  # fmt: skip
        for why in scale["why"]:
            assert {
                "question", "question_text", "option", "option_text", "effect", "effect_text",
            } <= set(why)  # fmt: skip
    for group in result["recommendations"]:
        assert {"tactic", "label", "items"} <= set(group)
        for item in group["items"]:
            assert {"slug", "reason", "rule", "sources"} <= set(item)
            assert "kind" not in item
    for key in ("flags_heading", "flags_empty", "why_heading", "why_intro", "you_answered"):
        assert result["texts"][key] == QUIZ.texts[key]
    assert "not a clinical test" in result["disclaimer"]
