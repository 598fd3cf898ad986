"""The pages generated from the quiz data: citations on the scoring page, and a worksheet whose
arithmetic reaches the same scores as the code."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from quiz import load_quiz
from quiz._model import Subscale, direction_metric
from quiz._scoring import decide
from tests.site.html_tree import Element, parse

QUIZ = load_quiz()


def page(site_dir: Path, path: str) -> Element:
    return parse((site_dir / path / "index.html").read_text(encoding="utf-8"))


def section(root: Element, heading_id: str) -> list[Element]:
    """The heading with this id and every element after it, up to the next h2 or h3."""
    (heading,) = root.by_id(heading_id)
    assert heading.parent is not None
    siblings = [c for c in heading.parent.children if isinstance(c, Element)]
    start = siblings.index(heading)
    out = [heading]
    for element in siblings[start + 1 :]:
        if element.tag in {"h2", "h3"}:
            break
        out.append(element)
    return out


def links(elements: list[Element]) -> list[str]:
    return [a.attrs.get("href", "") for e in elements for a in e.find_all("a")]


@pytest.mark.parametrize("sub", QUIZ.subscales, ids=lambda s: s.id)
def test_each_subscale_cites_its_sources_on_the_scoring_page(site_dir: Path, sub: Subscale) -> None:
    found = links(section(page(site_dir, "quiz/how-scoring-works"), sub.id))
    for slug in sub.sources:
        assert f"../../sources/#{slug}" in found, f"{sub.id} does not cite {slug}"
    # The sources page has the anchors the citations point to.
    sources = page(site_dir, "sources")
    for slug in sub.sources:
        assert sources.by_id(slug), slug


def test_the_scoring_page_lists_every_question_rule_and_flag(site_dir: Path) -> None:
    root = page(site_dir, "quiz/how-scoring-works")
    text = root.text
    for question in QUIZ.questions:
        if question.subscale is not None:
            assert f"{question.number}. {' '.join(question.text.split())}" in text
    for flag in QUIZ.flags:
        assert root.by_id(f"flag-{flag.id}"), flag.id
    (rules,) = [t for t in root.find_all("table") if "Suggests" in t.text]
    assert len(rules.find_all("tr")) == len(QUIZ.rules) + 1
    assert "not a validated psychological instrument" in text
    assert "../../sources/#hbr-2023" in links([root])


def worksheet_points(root: Element) -> dict[int, dict[str, int]]:
    """question number -> option text -> points, as printed on the worksheet."""
    printed: dict[int, dict[str, int]] = {}
    for block in root.find_all("p"):
        strong = block.find_all("strong")
        match = re.match(r"(\d+)\. ", strong[0].text) if strong else None
        if not match:
            continue
        siblings = (
            [c for c in block.parent.children if isinstance(c, Element)] if block.parent else []
        )
        options = siblings[siblings.index(block) + 1]
        assert options.tag == "ul"
        number = int(match.group(1))
        printed[number] = {}
        for item in options.find_all("li"):
            found = re.fullmatch(r"☐ (.*?)(?: → (\d+) points?)?", item.text)
            assert found, item.text
            if found.group(2) is not None:
                printed[number][found.group(1)] = int(found.group(2))
    return printed


def conversion(elements: list[Element]) -> tuple[list[int], int | None]:
    """The question numbers of a tally table, and its multiplier (None: use the lookup table)."""
    table = next(e for e in elements if e.tag == "table")
    header = [c.text for c in table.find_all("th")]
    numbers = [int(h) for h in header if h.isdigit()]
    factor = re.search(r"total \u00d7 (\d+) =", table.text)
    return numbers, int(factor.group(1)) if factor else None


def score_lists(elements: list[Element]) -> list[dict[int, int]]:
    """Every "Total -> score" list in a tally section, in order."""
    lists = []
    for element in elements:
        if element.tag == "p" and element.text.startswith("Total \u2192 score:"):
            pairs = re.findall(r"(\d+)\s*\u2192\s*(\d+)", element.raw_text)
            lists.append({int(t): int(s) for t, s in pairs})
            assert sorted(lists[-1]) == list(range(len(pairs)))
    return lists


def direction_numbers(elements: list[Element]) -> list[list[int]]:
    """The question numbers of each direction tallied separately."""
    found = []
    for element in elements:
        if element.tag == "p" and "Add the points of questions" in element.text:
            numbers = re.search(r"questions ([\d, ]+) only", element.text)
            assert numbers
            found.append([int(n) for n in numbers.group(1).split(",")])
    return found


def option_text(question: str, option: str) -> str:
    return " ".join(QUIZ.option_text(question, option).split())


def test_the_worksheet_reaches_the_same_scores_as_the_code(site_dir: Path) -> None:
    root = page(site_dir, "quiz/worksheet")
    printed = worksheet_points(root)
    assert sorted(printed) == [q.number for q in QUIZ.questions]
    rng = random.Random(11)
    for _ in range(60):
        answers = {q.id: rng.choice(q.options).id for q in QUIZ.questions}
        ticked = {
            q.number: printed[q.number].get(option_text(q.id, answers[q.id]))
            for q in QUIZ.questions
        }
        expected = decide(QUIZ, answers).scores
        for sub in QUIZ.subscales:
            elements = section(root, f"tally-{sub.id}")
            numbers, factor = conversion(elements)
            lists = score_lists(elements)
            total = sum(ticked[n] or 0 for n in numbers)
            # Whole-number factors are multiplied; other totals are looked up in the first list.
            overall = total * factor if factor is not None else lists.pop(0)[total]
            assert overall == expected[sub.id], sub.id
            directions = direction_numbers(elements)
            assert len(directions) == len(lists)
            for index, (numbers_of_direction, table) in enumerate(
                zip(directions, lists, strict=True)
            ):
                direction = sub.directions[index]
                assert numbers_of_direction == [
                    q.number for q in sub.direction_questions(direction)
                ]
                part = sum(ticked[n] or 0 for n in numbers_of_direction)
                assert table[part] == expected[direction_metric(sub.id, direction)], direction


def test_the_worksheet_states_every_rule(site_dir: Path) -> None:
    root = page(site_dir, "quiz/worksheet")
    style = section(root, "result-style")
    assert sum(len(e.find_all("li")) for e in style) == len(QUIZ.style.outcomes)
    profile = section(root, "result-profile")
    assert sum(len(e.find_all("li")) for e in profile) == len(QUIZ.profile.outcomes)
    flags = section(root, "result-flags")
    assert sum(len(e.find_all("li")) for e in flags) == len(QUIZ.flags)
    suggestions = section(root, "result-suggestions")
    table = next(e for e in suggestions if e.tag == "table")
    assert len(table.find_all("tr")) == len(QUIZ.rules) + 1
    fit = " ".join(e.text for e in section(root, "result-fit"))
    assert f"is {QUIZ.fit.band} or more" in fit
    assert f"is \u2212{QUIZ.fit.band} or less" in fit
