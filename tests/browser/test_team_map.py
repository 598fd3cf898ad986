"""The team map page: pasted team codes are drawn in the browser by the same Python as the CLI.

The group's spread comes first; nobody is drawn until three people are on it; N valid codes give
N marks (two people may answer alike); each bad code, and any full share code, is listed on its
own while the rest are plotted. Nothing is sent anywhere: only the site's own files are fetched.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Page, expect

from quiz import encode_answers, load_personas, team_map
from tests.team_codes import plotted, sample_codes, tampered

ENGINE_TIMEOUT_MS = 90_000


def draw(page: Page, text: str) -> None:
    page.locator("[data-team-map-codes]").fill(text)
    page.locator("[data-team-map-submit]").click()
    expect(page.locator("[data-team-map]")).to_have_attribute(
        "data-state", re.compile("drawn|error"), timeout=ENGINE_TIMEOUT_MS
    )


@pytest.fixture
def team_page(page: Page, base_url: str) -> Page:
    page.goto("quiz/team-map/")
    # team-map.js has taken over the form: a click now reaches it.
    expect(page.locator("[data-team-map][data-state=idle]")).to_have_count(1)
    return page


def test_valid_codes_are_all_plotted(team_page: Page) -> None:
    codes = sample_codes(5)
    draw(team_page, "\n".join(codes))

    svg = team_page.locator("[data-team-map-figure] svg")
    expect(svg).to_have_count(1)
    assert plotted(svg.evaluate("e => e.outerHTML")) == 5
    # The very SVG Python draws: its description lists every member's position.
    expected = re.search(r"<desc[^>]*>(.*?)</desc>", team_map(codes).to_dict()["svg"], re.S)
    assert expected
    expect(svg.locator("desc")).to_have_text(html.unescape(expected.group(1)))
    expect(team_page.locator("[data-team-map-problems]")).to_be_hidden()
    expect(team_page.locator("[data-team-map-status]")).to_have_text("5 people on the map.")

    # The spread first, one line per direction, with the engine's own numbers.
    spread = team_map(codes).to_dict()["spread"]
    lines = team_page.locator(".team-map__spread li")
    expect(lines).to_have_count(len(spread))
    for line, direction in zip(lines.all(), spread, strict=True):
        expect(line).to_contain_text(direction["direction_label"])
        low, high = direction["preference"]["low"], direction["preference"]["high"]
        expect(line).to_contain_text(f"runs from {low} to {high}")
    order = team_page.locator(".team-map__spread, [data-team-map-figure] svg").evaluate_all(
        "(els) => els.map((e) => e.localName)"
    )
    assert order == ["ul", "svg"]
    assert "strain" not in (team_page.locator("[data-team-map-result]").inner_text()).lower()


def test_nobody_is_drawn_until_three_people_are_on_the_map(team_page: Page) -> None:
    draw(team_page, "\n".join(sample_codes(2)))
    status = team_page.locator("[data-team-map-status]")
    expect(status).to_contain_text("2 people so far")
    expect(status).to_contain_text("at least 3")
    expect(team_page.locator("[data-team-map-figure]")).to_be_hidden()
    expect(team_page.locator(".team-map__spread")).to_have_count(0)


def test_each_bad_code_is_reported_and_the_rest_plotted(team_page: Page) -> None:
    requests: list[str] = []
    team_page.on("request", lambda r: requests.append(r.method + " " + r.url))
    codes = sample_codes(3)
    full_code = encode_answers(load_personas()[0].answers)  # a share code: every answer
    given = [codes[0], "not-a-code", codes[1], codes[0], tampered(codes[2]), full_code, codes[2]]
    # Mixed separators, and one member pasted as a whole link.
    pasted = f"{given[0]} {given[1]}\n{given[2]}, {given[3]}\n{given[4]}\n{given[5]}\n\n"
    pasted += f"https://intranet.example.com/guide/quiz/#answers={given[6]}"
    draw(team_page, pasted)

    svg = team_page.locator("[data-team-map-figure] svg")
    # Two people may answer alike: the repeated code is a second person, not a mistake.
    assert plotted(svg.evaluate("e => e.outerHTML")) == 4
    items = team_page.locator("[data-team-map-errors] li")
    expect(items).to_have_count(3)
    errors = team_map(given).to_dict()["errors"]
    assert [e["position"] for e in errors] == [2, 5, 6]
    expect(items.nth(2)).to_contain_text("team code")
    for item, error in zip(items.all(), errors, strict=True):
        expect(item).to_contain_text(f"Code {error['position']}")
        expect(item).to_contain_text(error["reason"])
    expect(team_page.locator("[data-team-map-status]")).to_contain_text("4 people on the map")

    # Nothing uploaded: only GETs for the site's own files, none carrying a code.
    host = urlsplit(team_page.url).netloc
    assert all(r.startswith("GET ") and urlsplit(r[4:]).netloc == host for r in requests)
    assert not [r for r in requests if any(code in r for code in codes)]


def test_empty_input_asks_for_codes(team_page: Page) -> None:
    team_page.locator("[data-team-map-submit]").click()
    expect(team_page.locator("[data-team-map-status]")).to_have_text(
        "Paste at least one team code first."
    )
    expect(team_page.locator("[data-team-map-result]")).to_be_hidden()


def test_drawn_map_and_problem_list_have_no_axe_violations(team_page: Page) -> None:
    codes = sample_codes(4)
    draw(team_page, "\n".join([*codes, "not-a-code", tampered(codes[1])]))
    expect(team_page.locator("[data-team-map-errors] li")).to_have_count(2)
    # The heading of the drawn map takes focus, so a screen reader starts there.
    expect(team_page.locator("#team-map-heading")).to_be_focused()
    results = Axe().run(team_page)
    violations = results.response["violations"]
    found = [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in violations]
    assert found == []
