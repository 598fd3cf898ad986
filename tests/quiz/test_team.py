"""The team map: anonymous positions, one error per bad or duplicate code, an accessible SVG."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

import pytest

from quiz import QuizError, decode_answers, encode_answers, score, team_map
from quiz._svg import LEFT, TOP

from .helpers import middle, random_answers, with_score

SVG = "{http://www.w3.org/2000/svg}"


def codes(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    made = [encode_answers(random_answers(rng)) for _ in range(count)]
    assert len(set(made)) == count
    return made


def dots(svg: str) -> list[str]:
    """The member numbers drawn in the dots layer (the last group)."""
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.findall(f"{SVG}g")[-1].findall(f"{SVG}text")]


def test_members_carry_positions_and_fit_but_no_names() -> None:
    given = codes(3)
    team = team_map(given).to_dict()
    assert team["errors"] == []
    assert [m["member"] for m in team["members"]] == [1, 2, 3]
    for member, code in zip(team["members"], given, strict=True):
        result = score(decode_answers(code))
        assert member["positions"] == {"preference": result.preference, "behavior": result.behavior}
        assert member["supplies"] == result.supplies
        assert member["fit"] == result.fit.id
        assert set(member) == {"member", "position", "positions", "supplies", "fit"}
    assert dots(team["svg"]) == ["1", "2", "3"]


def test_bad_and_duplicate_codes_are_reported_one_by_one_and_the_rest_plotted() -> None:
    good = codes(3)
    partial = encode_answers({"rhythm": "steady"})
    given = [good[0], "hello", good[1], good[0], good[2][:-3], 42, partial, good[2]]
    team = team_map(given).to_dict()
    assert [m["position"] for m in team["members"]] == [1, 3, 8]
    assert [m["member"] for m in team["members"]] == [1, 2, 3]
    errors = {e["position"]: e for e in team["errors"]}
    assert sorted(errors) == [2, 4, 5, 6, 7]
    assert "not a known code version" in errors[2]["reason"]
    assert errors[4]["reason"] == "a duplicate of code 1 (the same answers)"
    assert "does not check out" in errors[5]["reason"] or "missing or extra" in errors[5]["reason"]
    assert errors[6]["reason"] == "a quiz code must be text, got int"
    assert "questions are not answered" in errors[7]["reason"]
    assert errors[2]["code"] == "hello"
    assert dots(team["svg"]) == ["1", "2", "3"]


def test_long_bad_codes_are_shortened_in_the_report() -> None:
    team = team_map(["x" * 300]).to_dict()
    assert len(team["errors"][0]["code"]) <= 40


def test_the_svg_is_accessible() -> None:
    svg = team_map(codes(2)).to_dict()["svg"]
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    names = (root.get("aria-labelledby") or "").split()
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert names == [title.get("id"), desc.get("id")]
    assert "Team map" in (title.text or "")
    text = desc.text or ""
    assert "2 members" in text
    assert "member 1:" in text
    assert "member 2:" in text
    # Everything decorative is hidden from screen readers; the desc carries the content.
    for group in root.findall(f"{SVG}g"):
        assert group.get("aria-hidden") == "true"


def test_positions_are_drawn_where_they_belong() -> None:
    low = {**with_score(with_score(middle(), "preference", 0), "supplies", 100)}
    team = team_map([encode_answers(low)]).to_dict()
    root = ET.fromstring(team["svg"])
    mark = root.findall(f"{SVG}g")[-1][0]
    # Preference 0 is the left edge; supplies 100 the top edge of the plot area.
    assert (mark.get("cx"), mark.get("cy")) == (str(LEFT), str(TOP))


def test_members_at_the_same_spot_are_nudged_apart() -> None:
    first = middle()
    second = {**middle(), "career-stage": "later"}  # same scores, different answers
    svg = team_map([encode_answers(first), encode_answers(second)]).to_dict()["svg"]
    marks = [m for m in ET.fromstring(svg).findall(f"{SVG}g")[-1] if m.tag != f"{SVG}text"]
    assert len({(m.get("cx"), m.get("cy")) for m in marks}) == 2


def test_an_empty_team_still_draws_a_labelled_map() -> None:
    team = team_map([]).to_dict()
    assert team["members"] == []
    assert team["errors"] == []
    assert "No valid codes" in team["svg"]
    assert dots(team["svg"]) == []


def test_the_map_has_a_size_limit() -> None:
    rng = random.Random(3)
    many = list(dict.fromkeys(encode_answers(random_answers(rng)) for _ in range(105)))[:101]
    team = team_map(many).to_dict()
    assert len(team["members"]) == 100
    assert [e["position"] for e in team["errors"]] == [101]
    assert "at most 100" in team["errors"][0]["reason"]


@pytest.mark.parametrize("bad", ["1abc", None, {"a": 1}, 3])
def test_codes_must_come_as_a_list(bad: object) -> None:
    with pytest.raises(QuizError, match="needs a list of quiz codes"):
        team_map(bad)


def test_the_map_is_deterministic() -> None:
    given = codes(5)
    assert team_map(given).to_dict() == team_map(tuple(given)).to_dict()
