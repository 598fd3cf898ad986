"""The workshop kit (docs/workshop/): a 45-minute agenda, questions, handouts and a screen deck,
all drawn from the guide's data, and adapted when a build hides the team map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.guide_data import load_guide
from macros.workshop import SESSION_MINUTES, agenda
from tests.site.html_tree import parse

STYLES = Path(__file__).resolve().parents[2] / "docs" / "assets" / "stylesheets" / "workshop.css"


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("team_map", [True, False])
def test_agenda_always_fills_45_minutes(team_map: bool) -> None:
    steps = agenda(team_map=team_map)
    assert sum(step.minutes for step in steps) == SESSION_MINUTES == 45
    assert ("map" in [s.key for s in steps]) is team_map


def test_facilitator_page_has_the_agenda_and_questions(site_dir: Path) -> None:
    html = _page(site_dir, "workshop/facilitator")
    tree = parse(html)
    table = tree.find_all("table")[0]
    rows = [row.text for row in table.find_all("tr")[1:]]
    assert rows[0].startswith("0\u20135 min")
    assert rows[-1].startswith("40\u201345 min")
    assert any("team map" in row for row in rows)
    assert "In all: 45 minutes." in tree.text
    guide = load_guide()
    # One question per row of the comparison, and the FAQ's questions for leaders.
    for dimension in guide.dimensions:
        assert f"{dimension.title}." in tree.text
    for item in guide.faq:
        if item.group == "leading":
            assert f'href="../../faq/#{item.slug}"' in html


def test_handouts_have_the_worksheet_and_a_blank_norms_sheet(site_dir: Path) -> None:
    html = _page(site_dir, "workshop/handouts")
    assert 'href="../../quiz/worksheet/"' in html
    tree = parse(html)
    sheet = tree.by_id("team-norms")
    assert sheet
    rows = tree.find_all("table")[0].find_all("tr")[1:]
    assert len(rows) >= 6
    # Blank: the second column waits for the team's own words.
    assert all(row.find_all("td")[1].text == "" for row in rows)
    assert "Right-to-disconnect guidelines" in tree.text


def test_deck_has_one_slide_per_idea_from_the_data(site_dir: Path) -> None:
    tree = parse(_page(site_dir, "workshop/deck"))
    slides = [s for s in tree.find_all("section") if "deck-slide" in s.classes()]
    guide = load_guide()
    titles = [s.find_all("h2")[0].text for s in slides]
    for item in [*guide.dimensions, *guide.habits]:
        assert item.title in titles, item.slug
    assert "Where do you stand?" in titles
    # Title, two models, the comparison, the quiz and team map, the practices, the agreement.
    assert len(slides) == 2 + len(guide.dimensions) + 1 + len(guide.habits) + 1
    quiz = next(s for s in slides if s.find_all("h2")[0].text == "Where do you stand?")
    assert "team map" in quiz.text


def test_deck_prints_one_slide_per_landscape_page() -> None:
    css = STYLES.read_text(encoding="utf-8")
    assert re.search(r"@page slide \{\s*size: A4 landscape;", css)
    print_rules = css[css.index("@media print") :]
    assert "page: slide;" in print_rules
    assert "break-after: page;" in print_rules


def test_kit_is_in_the_nav_and_the_deck_stays_out_of_the_print_page(site_dir: Path) -> None:
    home = _page(site_dir, "")
    for url in ("workshop/facilitator/", "workshop/handouts/", "workshop/deck/"):
        assert f'href="{url}"' in home, url
    printed = (site_dir / "print_page" / "index.html").read_text(encoding="utf-8")
    assert 'id="workshop-facilitator"' in printed
    assert 'id="workshop-deck"' not in printed
