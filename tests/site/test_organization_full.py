"""Branding and sections by organization.yml: every kind of bad setting is refused with a named
message, and a build with every setting (tests/fixtures/organization-full/) shows each feature.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from devtools.build import build_or_fail
from devtools.project import REPO_ROOT
from hooks import organization as org_hook
from macros.colors import (
    LIGHT_PAGE,
    SLATE_PAGE,
    WHITE,
    check_brand_color,
    contrast,
    lighter_for_dark_page,
    palette_css,
)
from macros.context import BuildContext
from macros.guide_data import load_guide
from macros.organization import (
    ENV_VAR,
    OrganizationConfigError,
    load_organization,
    page_title,
    parse_organization,
)
from macros.quiz_form import link_targets
from scripts import permalinks
from tests.site.html_tree import parse as parse_html

FULL_DIR = REPO_ROOT / "tests" / "fixtures" / "organization-full"
FULL = FULL_DIR / "organization.yml"
NAME = "Example Corp"
SITE_NAME = "Balance or Blend at Example Corp"


@pytest.fixture(scope="module")
def guide_slugs() -> tuple[list[str], list[str]]:
    guide = load_guide()
    recommendable = [item.slug for item in [*guide.practices, *guide.policies]]
    return recommendable, [item.slug for _, item in guide.all_items()]


def _load_changed(tmp_path: Path, slugs: tuple[list[str], list[str]], change: Any) -> None:
    """Copy the full example next to tmp_path, change its settings, and load it."""
    folder = tmp_path / "org"
    shutil.copytree(FULL_DIR, folder)
    data = yaml.safe_load(FULL.read_text(encoding="utf-8"))
    change(data, folder)
    (folder / "organization.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    load_organization(
        REPO_ROOT,
        slugs[0],
        environ={ENV_VAR: str(folder / "organization.yml")},
        guide_slugs=slugs[1],
    )


# --- validation: each kind of bad setting, named --------------------------------------------


def test_full_example_is_valid(guide_slugs: tuple[list[str], list[str]]) -> None:
    org = load_organization(
        REPO_ROOT, guide_slugs[0], environ={ENV_VAR: str(FULL)}, guide_slugs=guide_slugs[1]
    )
    assert org is not None
    assert org.logo_path == (FULL_DIR / "logo.svg").resolve()
    assert [page.title for page in org.extra_pages()] == [
        "Parental leave at Example Corp",
        "Quiet hours",
    ]
    assert org.hidden_pages() == {"quiz/team-map.md"}


def _write_untitled(folder: Path) -> None:
    (folder / "pages" / "no-title.md").write_text("Just a paragraph, no heading.\n")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d, f: d.update(colour={"primary": "#000000"}),
            "colour: unknown setting (did you mean 'colors'?)",
        ),
        (
            lambda d, f: d["colors"].update(primary="navy"),
            "colors.primary: not a hex color such as '#1f4e79': 'navy'",
        ),
        (
            lambda d, f: d["colors"].update(primary="#f2c200"),
            "colors.primary: #f2c200 is too light: white text on it in the header and on "
            "buttons (light palette) has a contrast of 1.68:1, below the 4.5:1",
        ),
        (
            lambda d, f: d["colors"].update(accent="#ff6e42"),
            "colors.accent: #ff6e42 is too light: white text on a button under the pointer "
            "(light palette)",
        ),
        (
            lambda d, f: d.update(logo="images/missing.svg"),
            "logo: logo file not found: ",
        ),
        (
            lambda d, f: _write_untitled(f),
            "pages: no-title.md has no title: start it with front matter `title: ...` or a "
            "first heading `# ...`",
        ),
        (
            lambda d, f: d.update(hide=["team-map"]),
            "hide[0]: Input should be 'team_map', 'worksheet' or 'organizations'",
        ),
        (
            lambda d, f: d["faq"][0].update(slug="long-hours"),
            "faq: entry 1: slug 'long-hours' is already used",
        ),
        (
            lambda d, f: d["faq"][0].update(related=["flexible-async-wrok"]),
            "faq: entry 1: related: unknown slug 'flexible-async-wrok' (did you mean "
            "'flexible-async-work'?)",
        ),
        (
            lambda d, f: d.update(repository="git@example.com:people/guide.git"),
            "repository: not a web address",
        ),
    ],
    ids=[
        "unknown-key",
        "bad-color",
        "low-contrast-primary",
        "low-contrast-accent",
        "missing-logo",
        "page-without-title",
        "unknown-section",
        "faq-slug-taken",
        "faq-unknown-related",
        "bad-repository",
    ],
)
def test_each_bad_setting_is_named(
    tmp_path: Path, guide_slugs: tuple[list[str], list[str]], change: Any, message: str
) -> None:
    with pytest.raises(OrganizationConfigError) as caught:
        _load_changed(tmp_path, guide_slugs, change)
    text = str(caught.value)
    assert "organization.yml: " + message in text, text


def test_page_titles_come_from_front_matter_or_the_first_heading() -> None:
    assert page_title("---\ntitle: From meta\n---\n# Heading\n") == "From meta"
    assert page_title("Intro line\n\n# The heading\n") == "The heading"
    assert page_title("---\ndescription: x\n---\nNo heading\n") is None


# --- colors -------------------------------------------------------------------------------


def test_contrast_matches_wcag_reference_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#00796b", "#ffffff") == pytest.approx(5.32, abs=0.01)


@pytest.mark.parametrize("color", ["#1f4e79", "#a4262c", "#00796b", "#000000", "#4b0082"])
def test_dark_palette_shades_read_on_the_dark_page(color: str) -> None:
    check_brand_color(color, role="primary")
    check_brand_color(color, role="accent")
    shade = lighter_for_dark_page(color)
    assert contrast(shade, SLATE_PAGE) >= 4.5
    assert contrast(color, LIGHT_PAGE) >= 4.5
    assert contrast(WHITE, color) >= 4.5


def test_palette_css_sets_both_schemes() -> None:
    css = palette_css("#1f4e79", "#a4262c")
    assert '[data-md-color-primary="custom"]' in css
    assert '[data-md-color-scheme="slate"][data-md-color-accent="custom"]' in css
    assert "--md-primary-fg-color: #1f4e79;" in css
    assert f"--md-typeset-a-color: {lighter_for_dark_page('#1f4e79')};" in css


# --- links to hidden pages ------------------------------------------------------------------

HIDDEN_URLS = {"quiz/team-map/": "team_map", "organizations/": "organizations"}


def test_markdown_links_to_hidden_pages_become_text() -> None:
    hidden = frozenset({"quiz/team-map.md"})
    text = "See [the team map](team-map.md#x) and [the quiz](index.md); ![map](team-map.md)."
    out = org_hook.unlink_markdown(text, "quiz/index.md", hidden)
    assert out == "See the team map and [the quiz](index.md); ![map](team-map.md)."
    other = org_hook.unlink_markdown("[map](quiz/team-map.md)", "index.md", hidden)
    assert other == "map"


def test_html_links_to_hidden_pages_become_text() -> None:
    html = (
        '<p><a href="../quiz/team-map/">team map</a>, <a href="../faq/">FAQ</a>, '
        '<a class="x" href="../organizations/#right-to-disconnect">policy</a></p>'
    )
    out = org_hook.unlink_html(html, "use-at-your-organization/", HIDDEN_URLS)
    assert out == '<p>team map, <a href="../faq/">FAQ</a>, policy</p>'


def test_quiz_slug_map_leaves_out_items_on_hidden_pages() -> None:
    ctx = BuildContext.for_page("quiz/index.md")
    slugs = [item.slug for _kind, item in ctx.guide.recommendable()]
    org = parse_organization({"name": "Example Corp", "hide": ["organizations"]}, slugs)
    targets = link_targets(dataclasses.replace(ctx, organization=org))
    assert "micro-boundaries" in targets
    assert not [slug for slug, target in targets.items() if target["kind"] == "policies"]
    assert "right-to-disconnect" in link_targets(ctx)  # shown when nothing is hidden


def test_other_references_to_hidden_pages_stop_the_build() -> None:
    org_hook._hidden_urls = dict(HIDDEN_URLS)
    try:
        html = '<div data-map-url="../quiz/team-map/" data-total="12"></div>'
        with pytest.raises(
            Exception, match=r"data-map-url='\.\./quiz/team-map/' \(hide: team_map\)"
        ):
            org_hook._check(html, "faq/", "faq.md")
    finally:
        org_hook._hidden_urls = {}


# --- the full example, built ----------------------------------------------------------------


@pytest.fixture(scope="module")
def full_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_or_fail(tmp_path_factory.mktemp("org-full"), extra_env={ENV_VAR: str(FULL)})


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_name_in_header_titles_and_home(full_site: Path) -> None:
    home = parse_html(_html(full_site, ""))
    assert home.find_all("head")[0].find_all("title")[0].text == SITE_NAME
    header = [e for e in home.iter() if "md-header__topic" in e.classes()]
    assert SITE_NAME in header[0].text
    faq = parse_html(_html(full_site, "faq"))
    assert faq.find_all("title")[0].text.endswith(f" - {SITE_NAME}")
    intro = home.by_id("organization-intro")
    assert intro, "the home page has no introduction"
    assert intro[0].text.rstrip("¶") == f"At {NAME}"
    assert "The People Team at Example Corp put this guide here" in home.text


def test_logo_is_copied_and_shown(full_site: Path) -> None:
    logo = full_site / "assets" / "organization" / "logo.svg"
    assert logo.read_bytes() == (FULL_DIR / "logo.svg").read_bytes()
    assert 'src="assets/organization/logo.svg"' in _html(full_site, "")
    assert 'src="../assets/organization/logo.svg"' in _html(full_site, "faq")


def test_colors_apply_to_both_palettes(full_site: Path) -> None:
    html = _html(full_site, "")
    assert html.count('data-md-color-primary="custom"') >= 2
    assert html.count('data-md-color-accent="custom"') >= 2
    assert 'href="assets/stylesheets/organization-colors.css"' in html
    css = (full_site / "assets" / "stylesheets" / "organization-colors.css").read_text()
    assert css == palette_css("#1f4e79", "#a4262c")


def test_faq_entry_on_the_page_and_in_json_ld(full_site: Path) -> None:
    html = _html(full_site, "faq")
    tree = parse_html(html)
    entry = tree.by_id("example-corp-core-hours")
    assert entry, "the organization's question is not on the FAQ page"
    assert "Does Example Corp have core hours?" in entry[0].text
    # In its group's section: after "Day to day", before "For leaders and managers".
    assert html.index('id="day-to-day"') < html.index('id="example-corp-core-hours"')
    assert html.index('id="example-corp-core-hours"') < html.index('id="for-leaders-and-managers"')
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match
    names = [q["name"] for q in json.loads(match.group(1))["mainEntity"]]
    assert "Does Example Corp have core hours?" in names
    assert len(names) == len(load_guide().faq) + 1


def test_extra_pages_are_built_and_in_their_nav_section(full_site: Path) -> None:
    page = parse_html(_html(full_site, "local/parental-leave"))
    assert page.find_all("h1")[0].text.startswith("Parental leave at Example Corp")
    assert (full_site / "local" / "quiet-hours" / "index.html").is_file()
    home = _html(full_site, "")
    section = home[home.index("At Example Corp") :]
    assert section.index('href="local/parental-leave/"') < section.index(
        'href="local/quiet-hours/"'
    )
    index = json.loads((full_site / "search" / "search_index.json").read_text())
    assert any(doc["location"].startswith("local/parental-leave/") for doc in index["docs"])


def test_hidden_team_map_is_gone_everywhere(full_site: Path) -> None:
    assert not (full_site / "quiz" / "team-map").exists()
    for page in full_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "team-map/" not in html, f"{page} still links to the team map"
        assert "data-team-map" not in html, page
    index = (full_site / "search" / "search_index.json").read_text()
    assert "quiz/team-map/" not in index
    assert "team-map" not in (full_site / "sitemap.xml").read_text()
    printed = (full_site / "print_page" / "index.html").read_text()
    assert 'id="quiz-team-map"' not in printed
    # The page that described the team map still reads, without the link.
    use = parse_html(_html(full_site, "use-at-your-organization"))
    assert "The team map lets a team lead paste the team codes" in use.text


def test_hidden_pages_permalinks_are_the_only_ones_missing(full_site: Path) -> None:
    problems = permalinks.missing(permalinks.read_list(), permalinks.read_site(full_site))
    assert problems, "the hidden team map's entries should be missing in this build"
    assert all(entry.startswith("/quiz/team-map/") for entry in problems), problems


def test_csp_covers_the_branded_build(full_site: Path) -> None:
    policy = (full_site / "csp" / "policy.txt").read_text()
    assert "frame-ancestors 'self'" in policy
    assert "style-src 'self'" in policy
    assert "https:" not in policy


def test_use_page_links_to_the_configured_repository_and_releases(full_site: Path) -> None:
    html = _html(full_site, "use-at-your-organization")
    assert 'href="https://git.example.com/people/balance-or-blend"' in html
    assert 'href="https://git.example.com/people/balance-or-blend/releases"' in html


def test_default_build_links_to_the_default_repository(site_dir: Path) -> None:
    html = _html(site_dir, "use-at-your-organization")
    assert re.search(r'href="https://github\.com/[^"/]+/[^"/]+/releases"', html)
    version = (REPO_ROOT / "VERSION").read_text().strip()
    assert f"This is version {version} of the guide." in parse_html(html).text
    home = _html(site_dir, "")
    assert "organization-intro" not in home
    assert "organization-colors.css" not in home


def test_hidden_organizations_page_leaves_no_link_and_no_policy_in_the_quiz(
    tmp_path: Path,
) -> None:
    settings = tmp_path / "organization.yml"
    settings.write_text("name: Example Corp\nhide: [organizations]\n", encoding="utf-8")
    site = build_or_fail(tmp_path / "site", extra_env={ENV_VAR: str(settings)})
    assert not (site / "organizations").exists()
    for page in site.rglob("*.html"):
        hrefs = re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8"))
        assert not [h for h in hrefs if "organizations/" in h], page
    quiz = _html(site, "quiz")
    block = re.search(r'<script type="application/json" data-quiz-links>(.*?)</script>', quiz)
    assert block is not None
    links = json.loads(block.group(1))
    guide = load_guide()
    assert set(links) == {item.slug for item in guide.habits}
