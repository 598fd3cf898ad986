"""Scoring, rule by rule: sub-scale arithmetic, style, profile, fit, flags and recommendations."""

from __future__ import annotations

import json
from collections.abc import Callable

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
from quiz._scoring import Decision, decide, fit_of

from .helpers import middle, with_score, with_total

QUIZ = load_quiz()


def decided(answers: dict[str, str]) -> Decision:
    return decide(QUIZ, answers)


def scores_of(answers: dict[str, str]) -> dict[str, int]:
    return decided(answers).scores


def slugs(answers: dict[str, str]) -> list[str]:
    return [
        item["slug"]
        for group in score(answers).to_dict()["recommendations"]
        for item in group["items"]
    ]


def combine(*changes: tuple[str, int]) -> dict[str, str]:
    answers = middle()
    for subscale, value in changes:
        answers = with_score(answers, subscale, value)
    return answers


# --- arithmetic -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "maximum", "expected"),
    [
        (0, 20, 0),
        (20, 20, 100),
        (10, 20, 50),
        (1, 8, 13),
        (3, 8, 38),
        (5, 8, 63),
        (4, 12, 33),
        (1, 3, 33),
        (2, 3, 67),
    ],
)
def test_percent_rounds_halves_up(total: int, maximum: int, expected: int) -> None:
    assert percent(total, maximum) == expected


def test_effects_are_signed_distances_from_the_middle() -> None:
    assert effect(1, 2, 4, 20) == 0
    assert effect(1, 4, 4, 20) == 10
    assert effect(2, 0, 4, 20) == -20
    assert effect(1, 1, 4, 16) == -6.3  # -6.25 rounds away from zero
    assert effect(1, 3, 4, 16) == 6.3


def test_middle_answers_score_fifty_everywhere() -> None:
    scores = scores_of(middle())
    for sub in QUIZ.subscales:
        assert scores[sub.id] == 50, sub.id
    assert scores["separation_gap"] == 0


@pytest.mark.parametrize("subscale", [s.id for s in QUIZ.subscales])
@pytest.mark.parametrize("value", [0, 25, 40, 60, 100])
def test_each_subscale_is_its_weighted_share_of_the_maximum(subscale: str, value: int) -> None:
    assert scores_of(with_score(middle(), subscale, value))[subscale] == value


def test_weights_count_double() -> None:
    sub = QUIZ.subscale("strain")
    heavy = next(q for q in sub.questions if q.weight == 2)
    light = next(q for q in sub.questions if q.weight == 1)
    base = scores_of(middle())["strain"]
    up_heavy = scores_of({**middle(), heavy.id: "almost-always"})["strain"]
    up_light = scores_of({**middle(), light.id: "almost-always"})["strain"]
    assert up_heavy - base == 2 * (up_light - base) > 0


def test_reversed_questions_count_the_other_way() -> None:
    agreeing = scores_of({**middle(), "pref-quiet-evenings": "strongly-agree"})["preference"]
    assert agreeing < 50  # agreeing with "no work messages after hours" means keeping apart
    assert scores_of({**middle(), "pref-evening-tasks": "strongly-agree"})["preference"] > 50


def test_directions_are_scored_separately() -> None:
    answers = with_total(middle(), "behavior", 12, direction="work-to-home")
    answers = with_total(answers, "behavior", 0, direction="home-to-work")
    scores = scores_of(answers)
    assert scores["behavior_work_to_home"] == 100
    assert scores["behavior_home_to_work"] == 0
    assert scores["behavior"] == 60  # 12 of 20 points overall


def test_context_questions_feed_supplies() -> None:
    base = scores_of(middle())["supplies"]
    assert scores_of({**middle(), "caregiving": "daily"})["supplies"] == base - 10
    assert scores_of({**middle(), "work-arrangement": "on-site"})["supplies"] == base + 10
    # Career stage and role type feed only the rules.
    assert scores_of({**middle(), "role-type": "knowledge", "career-stage": "later"}) == scores_of(
        middle()
    )


def test_why_explains_every_answer_biggest_first() -> None:
    answers = {**middle(), "str-drained": "almost-always", "str-rested": "almost-always"}
    strain = next(s for s in score(answers).to_dict()["subscales"] if s["id"] == "strain")
    assert [w["question"] for w in strain["why"]][:2] == ["str-drained", "str-rested"]
    assert strain["why"][0] == {"question": "str-drained", "option": "almost-always", "effect": 20}
    assert strain["why"][1]["effect"] == -10  # feeling rested lowers strain
    assert {w["question"] for w in strain["why"]} == {
        q.id for q in QUIZ.subscale("strain").questions
    }
    assert strain["score"] == 50 + sum(w["effect"] for w in strain["why"])


@pytest.mark.parametrize(("value", "band"), [(0, 0), (40, 0), (41, 1), (59, 1), (60, 2), (100, 2)])
def test_summary_bands(value: int, band: int) -> None:
    for sub in QUIZ.subscales:
        assert sub.summary(value) == sub.bands[band].summary


# --- style ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preference", "rhythm", "style"),
    [
        (0, "steady", "separator"),
        (40, "steady", "separator"),
        (45, "steady", "cycler"),
        (55, "shifts", "cycler"),
        (60, "steady", "integrator"),
        (100, "steady", "integrator"),
        (0, "swings", "cycler"),
        (100, "swings", "cycler"),
    ],
)
def test_style(preference: int, rhythm: str, style: str) -> None:
    answers = {**with_score(middle(), "preference", preference), "rhythm": rhythm}
    assert score(answers).style.id == style


def test_style_boundaries_of_the_middle_band() -> None:
    cycler = QUIZ.style.outcome("cycler").when
    assert cycler is not None
    for value, expected in [(40, False), (41, True), (59, True), (60, False)]:
        facts = Facts({"preference": value}, {"rhythm": "steady"}, {}, frozenset())
        assert cycler.evaluate(facts) is expected, value


# --- behavior profile -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("work_to_home", "home_to_work", "profile"),
    [
        (12, 8, "integrator"),  # 100 / 100
        (8, 5, "integrator"),  # 67 / 63
        (0, 0, "separator"),
        (4, 3, "separator"),  # 33 / 38
        (8, 3, "work-guardian"),  # 67 / 38
        (4, 5, "non-work-guardian"),  # 33 / 63
        (8, 4, "intermediate"),  # 67 / 50
        (6, 4, "intermediate"),  # 50 / 50
    ],
)
def test_profile(work_to_home: int, home_to_work: int, profile: str) -> None:
    answers = with_total(middle(), "behavior", work_to_home, direction="work-to-home")
    answers = with_total(answers, "behavior", home_to_work, direction="home-to-work")
    assert score(answers).profile.id == profile


# --- fit --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preference", "supplies", "fit"),
    [
        (30, 50, "under-supplied"),  # wants 70 separation, gets 50: gap 20
        (35, 50, "fit"),
        (50, 50, "fit"),
        (65, 50, "fit"),
        (70, 50, "over-supplied"),  # wants 30, gets 50: gap -20
        (0, 0, "under-supplied"),
        (100, 100, "over-supplied"),
        (100, 0, "fit"),
        (0, 100, "fit"),
    ],
)
def test_fit(preference: int, supplies: int, fit: str) -> None:
    answers = combine(("preference", preference), ("supplies", supplies))
    assert score(answers).fit.id == fit


def test_fit_band_edges() -> None:
    band = QUIZ.fit.band
    assert [fit_of(g, band) for g in (band, band - 1, 0, 1 - band, -band)] == [
        "under-supplied",
        "fit",
        "fit",
        "fit",
        "over-supplied",
    ]


# --- flags ------------------------------------------------------------------------------------


def flag_ids(answers: dict[str, str]) -> set[str]:
    return {f.id for f in decided(answers).flags}


@pytest.mark.parametrize(
    ("changes", "raised"),
    [
        ((("behavior", 60), ("control", 40)), True),
        ((("behavior", 60), ("strain", 60)), True),
        ((("behavior", 100), ("control", 0), ("strain", 100)), True),
        ((("behavior", 60), ("control", 45), ("strain", 55)), False),
        ((("behavior", 55), ("control", 0), ("strain", 100)), False),
    ],
)
def test_always_on_flag(changes: tuple[tuple[str, int], ...], raised: bool) -> None:
    assert ("always-on" in flag_ids(combine(*changes))) is raised


@pytest.mark.parametrize(
    ("preference", "supplies", "raised"),
    [(30, 40, True), (0, 0, True), (35, 40, False), (30, 45, False)],
)
def test_rigidity_flag(preference: int, supplies: int, raised: bool) -> None:
    answers = combine(("preference", preference), ("supplies", supplies))
    assert ("rigidity" in flag_ids(answers)) is raised


@pytest.mark.parametrize(("strain", "raised"), [(60, True), (100, True), (55, False), (0, False)])
def test_recovery_flag(strain: int, raised: bool) -> None:
    assert ("recovery" in flag_ids(combine(("strain", strain)))) is raised


def test_flag_reasons_quote_the_scores() -> None:
    answers = combine(("behavior", 60), ("control", 40), ("strain", 65))
    reasons = {f["id"]: f["reason"] for f in score(answers).to_dict()["flags"]}
    assert set(reasons) == {"always-on", "recovery"}
    assert "60 of 100" in reasons["always-on"]
    assert "(40 of 100)" in reasons["always-on"]
    assert "(65 of 100)" in reasons["recovery"]
    assert "not a diagnosis" in reasons["recovery"]


def test_middle_answers_raise_no_flag() -> None:
    assert flag_ids(middle()) == set()


# --- recommendation rules ---------------------------------------------------------------------


def answered(**changes: str) -> Callable[[], dict[str, str]]:
    return lambda: {**middle(), **{k.replace("_", "-"): v for k, v in changes.items()}}


def scored(*changes: tuple[str, int], **answers: str) -> Callable[[], dict[str, str]]:
    return lambda: {**combine(*changes), **{k.replace("_", "-"): v for k, v in answers.items()}}


# rule id -> (answers where it fires, answers where it does not)
RULE_CASES: dict[str, tuple[Callable[[], dict[str, str]], Callable[[], dict[str, str]]]] = {
    "recovery-first": (scored(("strain", 60)), scored(("strain", 55))),
    "always-on": (
        scored(("behavior", 60), ("control", 40)),
        scored(("behavior", 55), ("control", 0)),
    ),
    "rigidity": (
        scored(("preference", 30), ("supplies", 40)),
        scored(("preference", 35), ("supplies", 40)),
    ),
    "high-stress-role": (answered(role_type="high-stress"), answered(role_type="knowledge")),
    "knowledge-role": (
        answered(role_type="knowledge"),
        scored(("behavior", 60), ("control", 40), role_type="knowledge"),
    ),
    "under-supplied": (scored(("preference", 30)), scored(("preference", 35))),
    "over-supplied": (scored(("preference", 70)), scored(("preference", 65))),
    "low-control": (scored(("control", 40)), scored(("control", 45))),
    "caregiving": (answered(caregiving="daily"), answered(caregiving="little")),
    "leading-others": (answered(career_stage="leading"), answered(career_stage="later")),
    "work-central": (scored(("centrality", 70)), scored(("centrality", 65))),
    "shared-space": (
        answered(work_arrangement="home-shared-space"),
        answered(work_arrangement="home-own-space"),
    ),
    "cycler": (answered(rhythm="swings"), scored(("preference", 40))),
    "integrator": (scored(("preference", 60)), scored(("preference", 55))),
    "separator": (scored(("preference", 40)), scored(("preference", 45))),
    "everyone": (answered(), answered()),
}


def test_every_rule_has_a_test_case() -> None:
    assert set(RULE_CASES) == {r.id for r in QUIZ.rules}


@pytest.mark.parametrize("rule", [r for r in QUIZ.rules if r.when is not None], ids=lambda r: r.id)
def test_rule_fires_only_when_its_condition_holds(rule: Rule) -> None:
    fires, quiet = RULE_CASES[rule.id]
    assert rule.when is not None
    assert rule.when.evaluate(decided(fires()).facts)
    assert not rule.when.evaluate(decided(quiet()).facts)


def test_the_unconditional_rule_is_last_and_fills_a_free_place() -> None:
    unconditional = [r for r in QUIZ.rules if r.when is None]
    assert [r.id for r in unconditional] == [QUIZ.rules[-1].id]
    # A separator with some caregiving gets four items from other rules; one place is left.
    items = [
        i
        for g in score(combine(("preference", 40))).to_dict()["recommendations"]
        for i in g["items"]
    ]
    assert {"rule": unconditional[0].id, "slug": unconditional[0].items[0].slug} in [
        {"rule": i["rule"], "slug": i["slug"]} for i in items
    ]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (answered(role_type="high-stress"), {"right-to-disconnect", "micro-boundaries"}),
        (answered(role_type="knowledge"), {"flexible-async-work", "outcomes-over-hours"}),
        (answered(caregiving="daily"), {"design-the-blend", "whole-person-wellbeing"}),
        (answered(career_stage="leading"), {"lead-by-example", "results-not-face-time"}),
        (answered(work_arrangement="home-shared-space"), {"conscious-transitions"}),
        (answered(caregiving="little"), {"regular-check-ins"}),
    ],
)
def test_rules_reach_the_result(answers: Callable[[], dict[str, str]], expected: set[str]) -> None:
    assert expected <= set(slugs(answers()))


def test_hbr_rule_is_cited_as_such() -> None:
    items = [
        i
        for g in score(answered(role_type="knowledge")()).to_dict()["recommendations"]
        for i in g["items"]
    ]
    flexible = next(i for i in items if i["slug"] == "flexible-async-work")
    assert flexible["sources"] == ["hbr-2023"]
    assert flexible["rule"] == "knowledge-role"


def test_recommendations_are_capped_distinct_and_in_rule_order() -> None:
    # Everything goes wrong at once: many rules fire.
    answers = {
        **combine(
            ("preference", 0),
            ("supplies", 0),
            ("behavior", 100),
            ("control", 0),
            ("strain", 100),
            ("centrality", 100),
        ),
        "role-type": "high-stress",
        "caregiving": "daily",
        "career-stage": "leading",
    }
    picked = slugs(answers)
    assert len(picked) == QUIZ.max_recommendations
    assert len(set(picked)) == len(picked)
    items = [i for g in score(answers).to_dict()["recommendations"] for i in g["items"]]
    rule_order = [r.id for r in QUIZ.rules]
    ranks = [rule_order.index(i["rule"]) for i in items]
    # The first rules to fire win the places: recovery first, then always-on.
    assert {"managed-time-off", "conscious-transitions", "intentional-technology"} <= set(picked)
    assert max(ranks) <= rule_order.index("under-supplied")


def test_groups_follow_the_tactic_order_and_the_catalog() -> None:
    answers = {**combine(("strain", 100), ("preference", 0)), "role-type": "knowledge"}
    groups = score(answers).to_dict()["recommendations"]
    order = [t.id for t in QUIZ.tactics]
    assert [g["tactic"] for g in groups] == sorted((g["tactic"] for g in groups), key=order.index)
    for group in groups:
        assert group["items"], group
        assert group["label"] == next(t.label for t in QUIZ.tactics if t.id == group["tactic"])
        for item in group["items"]:
            entry = QUIZ.catalog[item["slug"]]
            assert (entry.tactic, entry.kind) == (group["tactic"], item["kind"])


# --- conditions -------------------------------------------------------------------------------


def test_conditions_evaluate_and_describe() -> None:
    facts = Facts(
        {"strain": 60, "control": 30}, {"rhythm": "swings"}, {"fit": "fit"}, frozenset({"recovery"})
    )
    high = ScoreWithin("strain", 60, None)
    low = ScoreWithin("control", None, 40)
    swings = AnswerOneOf("rhythm", ("swings",))
    assert high.evaluate(facts)
    assert low.evaluate(facts)
    assert not ScoreWithin("strain", None, 59).evaluate(facts)
    assert swings.evaluate(facts)
    assert OutcomeIs("fit", "fit").evaluate(facts)
    assert FlagRaised("recovery").evaluate(facts)
    assert not Not(FlagRaised("recovery")).evaluate(facts)
    assert AllOf((high, AnyOf((swings, Not(low))))).evaluate(facts)
    assert not AllOf((high, Not(low))).evaluate(facts)
    assert high.describe(QUIZ) == "“Strain” is 60 or more"
    assert low.describe(QUIZ) == "“Your say over the line” is 40 or less"
    assert (
        ScoreWithin("preference", 41, 59).describe(QUIZ) == "“What you want” is between 41 and 59"
    )
    assert "question 5 is “Yes: I swing" in swings.describe(QUIZ)
    assert Not(FlagRaised("always-on")).describe(QUIZ) == "the flag “Always-on risk” is not raised"
    assert (
        AllOf((high, AnyOf((swings, low))))
        .describe(QUIZ)
        .startswith("“Strain” is 60 or more and (either ")
    )


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


def test_result_dict_is_json_ready_and_complete() -> None:
    result = score(middle()).to_dict()
    assert json.loads(json.dumps(result)) == result
    assert set(result) >= {
        "positions",
        "style",
        "profile",
        "fit",
        "flags",
        "recommendations",
        "subscales",
        "version",
    }
    assert set(result["positions"]) == {"preference", "behavior"}
    for part in ("style", "profile", "fit"):
        assert set(result[part]) == {"id", "label", "text"}
    assert [s["id"] for s in result["subscales"]] == [s.id for s in QUIZ.subscales]
    for sub in result["subscales"]:
        assert {"id", "label", "score", "summary", "why"} <= set(sub)
        assert sub["sources"]
    assert "not a clinical test" in result["disclaimer"]
