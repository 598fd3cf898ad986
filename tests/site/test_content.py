"""The built guide shows every data item exactly once, on its page, under its slug as id."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from macros.guide_data import KINDS, Alias, Guide, Item, Kind, load_guide
from tests.site.html_tree import Element, collapse, parse
from tests.support.site import REPO_ROOT

DOCS = REPO_ROOT / "docs"
# The pages this guide's content lives on (the quiz and the about pages have their own tests).
GUIDE_PAGES = sorted({kind.page for kind in KINDS} | {"index.md"})
# Kinds rendered as headings: each gets a permalink and a table-of-contents entry.
HEADING_KINDS = {
    "definitions": "h2",
    "settings": "h3",
    "forces": "h3",
    "benefits": "h3",
    "practices": "h3",
    "policies": "h3",
    "sources": "h3",
}
# Every other kind and the element that carries its id.
ELEMENT_KINDS = {
    "examples": "li",
    "dimensions": "tr",
    "actions": "li",
    "faq": "details",
    "claims": "li",
    "personas": "div",
    "questions": "div",
    "outcomes": "div",
}


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide()


def page_url(page: str) -> str:
    """The site-relative URL of a docs page (use_directory_urls)."""
    return "" if page == "index.md" else page.removesuffix(".md").removesuffix("index") + "/"


def html_file(site_dir: Path, page: str) -> Path:
    return site_dir / page_url(page) / "index.html"


_trees: dict[Path, Element] = {}


def tree(site_dir: Path, page: str) -> Element:
    path = html_file(site_dir, page)
    if path not in _trees:
        _trees[path] = parse(path.read_text(encoding="utf-8"))
    return _trees[path]


def article(site_dir: Path, page: str) -> Element:
    """The page's own content (Material's article), without navigation and footer."""
    (content,) = tree(site_dir, page).find_all("article")
    return content


def front_matter(page: str) -> dict[str, object]:
    text = (DOCS / page).read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{page} has no front matter"
    data = yaml.safe_load(text.split("---\n", 2)[1])
    assert isinstance(data, dict)
    return data


def kind_items(guide: Guide) -> list[tuple[Kind, Item]]:
    return list(guide.all_items())


def test_kinds_cover_every_rendering_rule() -> None:
    assert set(HEADING_KINDS) | set(ELEMENT_KINDS) == {kind.name for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_item_appears_exactly_once_under_its_slug(
    site_dir: Path, guide: Guide, kind: Kind
) -> None:
    page = tree(site_dir, kind.page)
    expected_tag = HEADING_KINDS.get(kind.name) or ELEMENT_KINDS[kind.name]
    for item in guide.items(kind.name):
        found = page.by_id(item.slug)
        if isinstance(item, Alias):
            # An old slug: an empty anchor just before the item it moved to.
            assert [element.tag for element in found] == ["span"], f"#{item.slug} on {kind.page}"
            continue
        assert len(found) == 1, f"#{item.slug} appears {len(found)} times on {kind.page}"
        (element,) = found
        assert element.tag == expected_tag, f"#{item.slug} is a <{element.tag}>"
        assert collapse(item.title) in element.text, f"#{item.slug} does not show its title"
        # Nowhere else among the guide's pages: an item has one home.
        for other in GUIDE_PAGES:
            if other != kind.page:
                assert not tree(site_dir, other).by_id(item.slug), f"#{item.slug} on {other}"


@pytest.mark.parametrize("kind_name", sorted(HEADING_KINDS))
def test_item_headings_have_permalinks_and_toc_entries(
    site_dir: Path, guide: Guide, kind_name: str
) -> None:
    kind = next(kind for kind in KINDS if kind.name == kind_name)
    page = tree(site_dir, kind.page)
    toc_links = {
        link.attrs.get("href")
        for nav in page.find_all("nav")
        if "md-nav--secondary" in nav.classes()
        for link in nav.find_all("a")
    }
    for item in guide.items(kind_name):
        if isinstance(item, Alias):
            continue
        (heading,) = page.by_id(item.slug)
        permalinks = [a for a in heading.find_all("a") if "headerlink" in a.classes()]
        assert [a.attrs["href"] for a in permalinks] == [f"#{item.slug}"]
        assert f"#{item.slug}" in toc_links, f"#{item.slug} is missing from the TOC"


def test_comparison_table_rows_match_the_dimensions(site_dir: Path, guide: Guide) -> None:
    content = article(site_dir, "side-by-side.md")
    (table,) = [t for t in content.find_all("table") if t.find_all("caption")]
    rows = table.find_all("tbody")[0].find_all("tr")
    assert [row.attrs.get("id") for row in rows] == [d.slug for d in guide.dimensions]
    for row, dimension in zip(rows, guide.dimensions, strict=True):
        (header,) = row.find_all("th")
        cells = row.find_all("td")
        assert header.attrs.get("scope") == "row"
        assert header.text == collapse(dimension.title)
        assert [cell.text for cell in cells] == [
            collapse(dimension.balance),
            collapse(dimension.integration),
        ]


def test_universal_challenge_of_each_model_is_shown(site_dir: Path, guide: Guide) -> None:
    text = article(site_dir, "side-by-side.md").text
    for definition in guide.definitions:
        assert collapse(definition.challenge.text) in text
        assert definition.challenge.name.lower() in text


def test_definitions_show_their_metaphor(site_dir: Path, guide: Guide) -> None:
    page = tree(site_dir, "balance-and-integration.md")
    for definition in guide.definitions:
        (heading,) = page.by_id(definition.slug)
        section_text = _section_text(heading)
        assert collapse(definition.metaphor.text) in section_text
        assert collapse(definition.summary) in section_text


def _section_text(heading: Element) -> str:
    """Text from a heading up to the next heading of the same or a higher level."""
    assert heading.parent is not None
    siblings = heading.parent.children
    start = siblings.index(heading)
    level = heading.tag
    parts: list[str] = []
    for node in siblings[start + 1 :]:
        if isinstance(node, Element) and node.tag in ("h1", "h2", "h3")[: int(level[1])]:
            break
        parts.append(node if isinstance(node, str) else node.raw_text)
    return collapse(" ".join(parts))


def test_faq_items_are_expandable_with_question_and_answer(site_dir: Path, guide: Guide) -> None:
    page = tree(site_dir, "faq.md")
    for item in guide.faq:
        (details,) = page.by_id(item.slug)
        summaries = [child for child in details.children if isinstance(child, Element)]
        assert summaries[0].tag == "summary", "the question must be the details' summary"
        assert summaries[0].text == collapse(item.question)
        assert collapse(item.answer) in details.text
        assert "open" not in details.attrs


def _jsonld_blocks(page: Element) -> list[object]:
    return [
        json.loads(script.raw_text)
        for script in page.find_all("script")
        if script.attrs.get("type") == "application/ld+json"
    ]


def test_faq_jsonld_parses_and_matches_the_data(site_dir: Path, guide: Guide) -> None:
    blocks = _jsonld_blocks(tree(site_dir, "faq.md"))
    assert len(blocks) == 1
    (data,) = blocks
    assert isinstance(data, dict)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    entities = data["mainEntity"]
    assert [entity["@type"] for entity in entities] == ["Question"] * len(guide.faq)
    assert [(e["name"], e["acceptedAnswer"]["text"]) for e in entities] == [
        (item.question, item.answer) for item in guide.faq
    ]
    assert {e["acceptedAnswer"]["@type"] for e in entities} == {"Answer"}


def test_only_the_faq_page_has_faq_jsonld(site_dir: Path) -> None:
    for page in GUIDE_PAGES:
        if page != "faq.md":
            assert not _jsonld_blocks(tree(site_dir, page)), page


@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_guide_pages_have_their_own_meta_description(site_dir: Path, page: str) -> None:
    description = front_matter(page).get("description")
    assert isinstance(description, str)
    assert 50 <= len(description) <= 300, "a description is a sentence or two"
    metas = tree(site_dir, page).find_all("meta", name="description")
    assert [meta.attrs["content"] for meta in metas] == [collapse(description)]


def test_meta_descriptions_differ_between_pages() -> None:
    descriptions = [front_matter(page)["description"] for page in GUIDE_PAGES]
    assert len(set(descriptions)) == len(descriptions)


def test_every_built_page_has_one_meta_description(site_dir: Path) -> None:
    for path in site_dir.rglob("*.html"):
        metas = parse(path.read_text(encoding="utf-8")).find_all("meta", name="description")
        if not metas:
            continue  # redirect stubs and embeds are not pages people arrive at from search
        assert len(metas) == 1, path
        assert metas[0].attrs.get("content", "").strip(), path


def test_claims_are_cited_with_a_link_on_every_page_that_makes_them(
    site_dir: Path, guide: Guide
) -> None:
    for claim in guide.claims:
        for page in claim.pages:
            base = f"http://site.invalid/{page_url(page)}"
            targets = {
                urljoin(base, a.attrs["href"])
                for a in article(site_dir, page).find_all("a")
                if "href" in a.attrs
            }
            wanted = f"http://site.invalid/{page_url('sources.md')}#{claim.source}"
            assert wanted in targets, f"{page} does not link to its source #{claim.source}"


def test_sources_list_each_claim_under_its_source(site_dir: Path, guide: Guide) -> None:
    ids = [
        element.attrs["id"]
        for element in article(site_dir, "sources.md").iter()
        if element.attrs.get("id")
    ]
    source_positions = sorted(ids.index(source.slug) for source in guide.works)
    for claim in guide.claims:
        start = ids.index(claim.source)
        end = next((p for p in source_positions if p > start), len(ids))
        assert start < ids.index(claim.slug) < end, f"{claim.slug} is not under #{claim.source}"


def test_every_source_is_cited_for_something(guide: Guide) -> None:
    cited = {claim.source for claim in guide.claims}
    verified = [s for s in guide.works if s.status == "verified"]
    assert [s.slug for s in verified if s.slug not in cited] == []
    assert not [s.slug for s in guide.works if s.status != "verified" and s.slug in cited]


def test_home_page_offers_three_paths(site_dir: Path) -> None:
    content = article(site_dir, "index.md")
    base = "http://site.invalid/"
    targets = {urlsplit(urljoin(base, a.attrs.get("href", ""))) for a in content.find_all("a")}
    paths = {(t.path, t.fragment) for t in targets}
    for expected in [
        ("/quiz/", ""),
        ("/design-your-blend/", ""),
        ("/organizations/", "managers"),
        ("/faq/", "what-managers-can-do"),
        ("/organizations/", ""),
        ("/use-at-your-organization/", ""),
    ]:
        assert expected in paths, f"the home page does not link to {expected}"
    assert "designed blend" in content.text


def test_404_page_is_helpful(site_dir: Path) -> None:
    path = site_dir / "404.html"
    assert path.is_file()
    page = parse(path.read_text(encoding="utf-8"))
    (content,) = page.find_all("article")
    assert [h.text for h in content.find_all("h1")] == ["Page not found"]
    hrefs = [a.attrs.get("href", "") for a in content.find_all("a")]
    # Served at any depth, so its links are absolute from the site root.
    assert hrefs
    assert all(href.startswith("/") for href in hrefs)
    assert {"/", "/quiz/", "/faq/"} <= set(hrefs)
    for href in hrefs:
        target = site_dir / href.lstrip("/") / "index.html"
        assert target.is_file(), f"404 page links to missing {href}"


def _load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "external_links", REPO_ROOT / "hooks" / "external_links.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_external_link_marking() -> None:
    mark = _load_hook().mark_external_links
    assert mark('<a href="https://doi.org/x">x</a>', "guide.example") == (
        '<a href="https://doi.org/x" class="external">x</a>'
    )
    assert mark('<a class="a" href="//doi.org/x">', "guide.example") == (
        '<a class="a external" href="//doi.org/x">'
    )
    for unchanged in [
        '<a href="../faq/#long-hours">',
        '<a href="https://guide.example/faq/">',
        '<a class="external" href="https://doi.org/x">',
        '<a href="#top">',
    ]:
        assert mark(unchanged, "guide.example") == unchanged


def test_links_to_other_sites_are_marked_for_print(site_dir: Path) -> None:
    for path in site_dir.rglob("*.html"):
        for content in parse(path.read_text(encoding="utf-8")).find_all("article"):
            for link in content.find_all("a"):
                href = link.attrs.get("href", "")
                if re.match(r"(?:https?:)?//", href) and "127.0.0.1" not in href:
                    assert "external" in link.classes(), f"{path}: {href}"


def test_every_verified_source_shows_a_doi_or_a_link(site_dir: Path, guide: Guide) -> None:
    page = tree(site_dir, "sources.md")
    for source in guide.works:
        (heading,) = page.by_id(source.slug)
        text = _section_text(heading)
        if source.status == "verified":
            assert source.doi or source.url
            assert (source.doi and f"DOI: {source.doi}" in text) or (
                source.url_label and collapse(source.url_label) in text
            ), source.slug
        else:
            assert "could not find" in text, source.slug


def test_the_faq_answers_which_to_pick_like_the_home_page(site_dir: Path, guide: Guide) -> None:
    (entry,) = [item for item in guide.faq if item.slug == "which-should-i-pick"]
    for question in guide.questions:
        assert question.title in entry.answer, question.slug
    for outcome in guide.outcomes:
        assert outcome.title.lower() in entry.answer.lower(), outcome.slug
    (data,) = _jsonld_blocks(tree(site_dir, "faq.md"))
    assert isinstance(data, dict)
    assert entry.question in [e["name"] for e in data["mainEntity"]]


def test_home_page_opens_with_a_picture_and_the_decision_guide(site_dir: Path) -> None:
    html = html_file(site_dir, "index.md").read_text(encoding="utf-8")
    start = html.index("md-content__inner")
    positions = [
        html.index(marker, start)
        for marker in ('<svg class="bb-svg"', 'id="quick-answer"', 'id="want-work-kept-out"')
    ]
    assert positions == sorted(positions)
    # Both come before any other section of the page.
    assert positions[-1] < html.index('id="short-answer"')


def test_pictures_are_labeled_images(site_dir: Path) -> None:
    found = 0
    for page in GUIDE_PAGES:
        for svg in article(site_dir, page).find_all("svg"):
            found += 1
            assert svg.attrs.get("role") == "img", page
            ids = svg.attrs["aria-labelledby"].split()
            titles = [e for e in svg.iter() if e.attrs.get("id") in ids]
            assert [e.tag for e in titles] == ["title", "desc"], page
            assert all(len(e.text) > 10 for e in titles), page
            assert "style" not in svg.raw_text, "colors come from CSS classes (the CSP)"
    assert found >= 5
