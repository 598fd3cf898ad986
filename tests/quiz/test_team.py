"""The team map: team codes only, the spread first, nobody drawn until three people are on it,
members sorted by value (never in the order pasted), identical answers welcome, no strain."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

import pytest

from quiz import QuizError, encode_answers, encode_team_code, load_quiz, team_map
from quiz._codes import TeamEntry, decode_team, encode_team, team_entry

from .helpers import leaning_answers, middle, random_answers, with_points

SVG = "{http://www.w3.org/2000/svg}"
QUIZ = load_quiz()


def codes(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [encode_team_code(leaning_answers(rng)) for _ in range(count)]


def dots(svg: str) -> list[str]:
    """The member numbers drawn in the dots layer (the last group)."""
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.findall(f"{SVG}g")[-1].findall(f"{SVG}text")]


def test_a_team_code_is_short_and_holds_only_what_the_map_needs() -> None:
    answers = with_points(middle(), "strain", 4)
    code = encode_team_code(answers)
    assert code.startswith("T1")
    assert len(code) <= 16
    entry = decode_team(code)
    assert entry == team_entry(QUIZ, answers)
    assert set(TeamEntry.__dataclass_fields__) == {"preference", "behavior", "fit"}
    # Strain and identity do not change the team code (care counts only through the fit).
    calmer = with_points(with_points(answers, "identity-work", 4), "strain", 0)
    assert encode_team_code(calmer) == code


def test_team_codes_round_trip() -> None:
    rng = random.Random(3)
    for _ in range(50):
        entry = team_entry(QUIZ, random_answers(rng))
        assert decode_team(encode_team(entry)) == entry


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "the team code is empty"),
        (None, "a team code must be text"),
        ("X1AAAA", "a team code starts with 'T1'"),
        ("T1AAAAAAAAAAA", "does not check out"),
        ("T1A!", "contains '!'"),
    ],
)
def test_bad_team_codes_say_what_is_wrong(code: object, message: str) -> None:
    with pytest.raises(QuizError, match=message):
        decode_team(code)


def test_a_full_share_code_is_refused_with_a_pointer_to_the_team_code() -> None:
    team = team_map([encode_answers(middle()), *codes(3)]).to_dict()
    (error,) = team["errors"]
    assert error["position"] == 1
    assert "share code" in error["reason"]
    assert "team code" in error["reason"]
    assert team["count"] == 3


def test_nobody_is_drawn_until_three_people_are_on_the_map() -> None:
    for count in (0, 1, 2):
        team = team_map(codes(count)).to_dict()
        assert team["shown"] is False
        assert team["members"] == []
        assert team["spread"] == []
        assert dots(team["svg"]) == []
        assert team["note"] == QUIZ.texts["team_too_few"].format(min=3)
        assert team["note"] in ET.fromstring(team["svg"]).findtext(f"{SVG}desc", "")
    team = team_map(codes(3)).to_dict()
    assert team["shown"] is True
    assert dots(team["svg"]) == ["1", "2", "3"]
    assert team["note"] is None


def test_the_spread_comes_first_per_direction() -> None:
    team = team_map(codes(9)).to_dict()
    assert list(team)[:6] == ["count", "min_members", "shown", "note", "spread", "members"]
    assert [d["direction"] for d in team["spread"]] == ["work-to-life", "life-to-work"]
    for d in team["spread"]:
        assert sum(f["count"] for f in d["fit"]) == 9
        assert d["preference"]["low"] <= d["preference"]["median"] <= d["preference"]["high"]


def test_members_are_sorted_by_value_not_by_the_order_pasted() -> None:
    given = codes(6)
    forward = team_map(given).to_dict()
    backward = team_map(list(reversed(given))).to_dict()
    assert forward["members"] == backward["members"]
    assert forward["svg"] == backward["svg"]
    prefs = [[d["preference"] for d in m["directions"]] for m in forward["members"]]
    assert prefs == sorted(prefs)
    assert all("position" not in m for m in forward["members"])


def test_identical_answers_from_different_people_are_welcome() -> None:
    same = encode_team_code(middle())
    team = team_map([same, same, same]).to_dict()
    assert team["errors"] == []
    assert team["count"] == 3
    assert dots(team["svg"]) == ["1", "2", "3"]


def test_no_strain_ever_reaches_the_map() -> None:
    strained = encode_team_code(with_points(middle(), "strain", 4))
    team = team_map([strained, *codes(3)]).to_dict()
    text = str(team).lower()
    assert "strain" not in text
    assert "care" not in text


def test_bad_codes_are_reported_one_by_one_and_the_rest_plotted() -> None:
    good = codes(3)
    team = team_map([good[0], "nope", good[1], good[2][:-2], good[2]]).to_dict()
    assert [e["position"] for e in team["errors"]] == [2, 4]
    assert team["count"] == 3


def test_long_bad_codes_are_shortened_in_the_report() -> None:
    (error,) = team_map(["T" + "x" * 80]).errors
    assert error.code.endswith("…")
    assert len(error.code) == 40


def test_the_svg_is_accessible() -> None:
    root = ET.fromstring(team_map(codes(4)).svg)
    assert root.get("role") == "img"
    title = root.findtext(f"{SVG}title")
    assert title == QUIZ.texts["team_title"]
    desc = root.findtext(f"{SVG}desc") or ""
    assert desc.count("one member wants") == 4


def test_the_map_has_a_size_limit() -> None:
    many = team_map([encode_team_code(middle())] * 105)
    assert len(many.members) == 100
    assert len(many.errors) == 5


@pytest.mark.parametrize("bad", ["T1AAAA", None, 3, {"a": 1}])
def test_codes_must_come_as_a_list(bad: object) -> None:
    with pytest.raises(QuizError, match="needs a list of team codes"):
        team_map(bad)


def test_the_map_is_deterministic() -> None:
    given = codes(5)
    assert team_map(given).to_dict() == team_map(given).to_dict()
