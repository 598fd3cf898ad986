"""The pages generated from the quiz data: citations and the persona table on the scoring page, a
worksheet without points, and a scoring key whose arithmetic reaches the same scores as the code."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from quiz import load_personas, load_quiz
from quiz._model import Scale
from quiz._scoring import decide
from tests.site.html_tree import Element, parse

QUIZ = load_quiz()


def page(site_dir: Path, path: str) -> Element:
    return parse((site_dir / path / "index.html").read_text(encoding="utf-8"))


def section(root: Element, heading_id: str) -> list[Element]:
    """The heading with this id and every element after it, up to the next heading."""
    (heading,) = root.by_id(heading_id)
    assert heading.parent is not None
    siblings = [c for c in heading.parent.children if isinstance(c, Element)]
    start = siblings.index(heading)
    out = [heading]
    for element in siblings[start + 1 :]:
        if element.tag in {"h2", "h3", "h4"}:
            break
        out.append(element)
    return out


def links(elements: list[Element]) -> list[str]:
    return [a.attrs.get("href", "") for e in elements for a in e.find_all("a")]


@pytest.mark.parametrize("scale", QUIZ.scales, ids=lambda s: s.id)
def test_each_scale_cites_its_sources_on_the_scoring_page(site_dir: Path, scale: Scale) -> None:
    root = page(site_dir, "quiz/how-scoring-works")
    heading = scale.id if root.by_id(scale.id) else scale.construct
    found = links(section(root, heading))
    for slug in scale.sources:
        assert f"../../sources/#{slug}" in found, f"{scale.id} does not cite {slug}"
    sources = page(site_dir, "sources")
    for slug in scale.sources:
        assert sources.by_id(slug), slug


def test_the_scoring_page_lists_every_question_rule_flag_and_persona(site_dir: Path) -> None:
    root = page(site_dir, "quiz/how-scoring-works")
    text = " ".join(root.text.split())
    for question in QUIZ.questions:
        if question.scale is not None:
            assert f"{question.number}. {' '.join(question.text.split())}" in text
    for flag in QUIZ.flags:
        assert root.by_id(f"flag-{flag.id}"), flag.id
    (rules,) = [t for t in root.find_all("table") if "Relevance" in t.text]
    assert len(rules.find_all("tr")) == len(QUIZ.rules) + 1
    (personas,) = [t for t in root.find_all("table") if "First suggestions" in t.text]
    assert len(personas.find_all("tr")) == len(load_personas()) + 1
    for persona in load_personas():
        assert " ".join(persona.label.split()) in text
    assert f"by {QUIZ.fit.intrusion} points or more" in text
    assert f"by {QUIZ.fit.restriction} points or more" in text
    assert "not a validated psychological instrument" in text
    for gone in ("hbr-2023", "li-2019", "frontiers-2023", "#newport"):
        assert not [href for href in links([root]) if href.endswith(gone)], gone


def test_the_worksheet_has_no_points_beside_its_options(site_dir: Path) -> None:
    root = page(site_dir, "quiz/worksheet")
    texts = [" ".join(li.text.split()) for li in root.find_all("li") if li.text.startswith("☐")]
    expected = [" ".join(f"☐ {o.text}".split()) for q in QUIZ.questions for o in q.options]
    assert texts == expected
    assert "point" not in " ".join(texts)
    assert any(href.startswith("../scoring-key/") for href in links([root]))


def key_points(root: Element) -> dict[int, dict[str, int]]:
    """question number -> option text -> points, as printed in the key's first table."""
    table = root.find_all("table")[0]
    printed: dict[int, dict[str, int]] = {}
    for row in table.find_all("tr")[1:]:
        cells = row.find_all("td")
        number = int(re.match(r"(\d+)\. ", cells[0].text).group(1))  # type: ignore[union-attr]
        printed[number] = {
            " ".join(text.split()): int(points)
            for text, points in re.findall(r"([^;]+?): (\d+)(?:;|$)", cells[2].text)
        }
    return printed


def tally(elements: list[Element]) -> tuple[list[int], int | None, dict[int, int] | None]:
    """A tally section's question numbers, multiplier (or None) and lookup list (or None)."""
    table = next(e for e in elements if e.tag == "table")
    numbers = [int(h.text) for h in table.find_all("th") if h.text.isdigit()]
    factor = re.search(r"total \u00d7 (\d+) =", table.text)
    lookup = None
    for element in elements:
        if element.tag == "p" and element.text.startswith("Total \u2192 score:"):
            pairs = re.findall(r"(\d+)\s*\u2192\s*(\d+)", element.raw_text)
            lookup = {int(t): int(s) for t, s in pairs}
    return numbers, int(factor.group(1)) if factor else None, lookup


def test_the_scoring_key_reaches_the_same_scores_as_the_code(site_dir: Path) -> None:
    root = page(site_dir, "quiz/scoring-key")
    printed = key_points(root)
    scored = [q for q in QUIZ.questions if q.scale is not None]
    for question in scored:
        assert len(printed[question.number]) == len(question.options), question.id
    rng = random.Random(11)
    for _ in range(60):
        answers = {q.id: rng.choice(q.options).id for q in QUIZ.questions}
        ticked = {
            q.number: printed[q.number][" ".join(QUIZ.option_text(q.id, answers[q.id]).split())]
            for q in scored
        }
        expected = decide(QUIZ, answers).scores
        for scale in QUIZ.scales:
            numbers, factor, lookup = tally(section(root, f"tally-{scale.id}"))
            assert numbers == [q.number for q in scale.questions]
            total = sum(ticked[n] for n in numbers)
            overall = total * factor if factor is not None else (lookup or {})[total]
            assert overall == expected[scale.id], scale.id


def test_the_scoring_key_states_every_rule(site_dir: Path) -> None:
    root = page(site_dir, "quiz/scoring-key")
    for kind in ("style", "days", "control", "identity"):
        listed = section(root, f"key-{kind}")
        count = sum(len(e.find_all("li")) for e in listed)
        assert count == len(QUIZ.classification(kind).outcomes), kind
    flags = section(root, "key-flags")
    assert sum(len(e.find_all("li")) for e in flags) == len(QUIZ.flags)
    suggestions = section(root, "key-suggestions")
    table = next(e for e in suggestions if e.tag == "table")
    assert len(table.find_all("tr")) == len(QUIZ.rules) + 1
    fit = " ".join(e.text for e in section(root, "key-fit"))
    assert f"intrusion gap is {QUIZ.fit.intrusion} or more" in fit
    assert f"restriction gap is {QUIZ.fit.restriction} or more" in fit
