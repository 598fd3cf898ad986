"""Broken guide data fails loudly: the message names the file, the item and the field.

Fast unit tests call load_guide() on a modified copy of data/; a few slower tests prove the same
problems stop `mkdocs build --strict` before any page is written.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from macros.context import BuildContext
from macros.guide_data import KINDS, Guide, GuideDataError, load_guide
from macros.guide_render import GuideRenderer, GuideRenderError, faq_jsonld
from quiz import load_quiz
from tests.support.site import REPO_ROOT, build_site, copy_project

Items = list[dict[str, Any]]
Mutation = Callable[[Path], None]


def edit(filename: str, change: Callable[[Items], None]) -> Mutation:
    """A mutation of one data file: load its items, change them in place, write them back."""

    def apply(data_dir: Path) -> None:
        path = data_dir / filename
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(items)
        path.write_text(yaml.safe_dump(items, sort_keys=False), encoding="utf-8")

    return apply


def item(items: Items, slug: str) -> dict[str, Any]:
    return next(entry for entry in items if entry["slug"] == slug)


def set_field(slug: str, field: str, value: object) -> Callable[[Items], None]:
    def change(items: Items) -> None:
        item(items, slug)[field] = value

    return change


def drop_field(slug: str, field: str) -> Callable[[Items], None]:
    def change(items: Items) -> None:
        del item(items, slug)[field]

    return change


def copy_slug(from_slug: str, to_slug: str) -> Callable[[Items], None]:
    def change(items: Items) -> None:
        item(items, to_slug)["slug"] = from_slug

    return change


# One case per kind of broken data: (id, file, change, words the message must contain).
CASES: list[tuple[str, str, Callable[[Items], None], list[str]]] = [
    (
        "unknown-key",
        "faq.yml",
        set_field("set-boundaries", "answr", "A typo in the key."),
        ["data/faq.yml", "item 'set-boundaries'", "field 'answr'", "is not a known field"],
    ),
    (
        "missing-field",
        "practices.yml",
        drop_field("micro-boundaries", "summary"),
        ["data/practices.yml", "item 'micro-boundaries'", "field 'summary'", "is required"],
    ),
    (
        "duplicate-slug",
        "policies.yml",
        copy_slug("right-to-disconnect", "lead-by-example"),
        ["data/policies.yml", "item 'right-to-disconnect'", "field 'slug'", "duplicate slug"],
    ),
    (
        "dangling-reference",
        "claims.yml",
        set_field("claim-kreiner-tactics", "source", "kreiner-2099"),
        ["data/claims.yml", "item 'claim-kreiner-tactics'", "field 'source'", "'kreiner-2099'"],
    ),
    (
        "source-without-doi-or-link",
        "sources.yml",
        drop_field("kreiner-2009", "doi"),
        ["data/sources.yml", "item 'kreiner-2009'", "field 'doi'", "needs a doi or a url"],
    ),
    (
        "link-without-label",
        "sources.yml",
        drop_field("clark-2000", "url_label"),
        ["data/sources.yml", "item 'clark-2000'", "field 'url_label'", "say what the url"],
    ),
    (
        "claim-citing-an-old-slug",
        "claims.yml",
        set_field("claim-li-fit", "source", "li-2019"),
        ["data/claims.yml", "item 'claim-li-fit'", "field 'source'", "old slug", "'liu-2019'"],
    ),
    (
        "claim-citing-a-work-not-found",
        "claims.yml",
        set_field("claim-li-fit", "source", "hbr-2023"),
        ["data/claims.yml", "item 'claim-li-fit'", "field 'source'", "could not be found"],
    ),
    (
        "alias-to-nowhere",
        "practices.yml",
        set_field("intentional-technology", "moved_to", "no-such-habit"),
        ["data/practices.yml", "item 'intentional-technology'", "field 'moved_to'"],
    ),
    (
        "decision-step-unknown",
        "questions.yml",
        set_field("have-a-say", "if_yes", "mostly-bland"),
        ["data/questions.yml", "item 'have-a-say'", "field 'if_yes'", "'mostly-bland'"],
    ),
    (
        "outcome-off-the-line",
        "outcomes.yml",
        set_field("mostly-blend", "position", 120),
        ["data/outcomes.yml", "item 'mostly-blend'", "field 'position'", "too large"],
    ),
    (
        "empty-text",
        "faq.yml",
        set_field("set-boundaries", "answer", "   "),
        ["data/faq.yml", "item 'set-boundaries'", "field 'answer'", "must not be empty"],
    ),
]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of data/, named like the original so messages read data/<file>."""
    return Path(shutil.copytree(REPO_ROOT / "data", tmp_path / "data"))


def errors_for(data_dir: Path) -> list[str]:
    with pytest.raises(GuideDataError) as caught:
        load_guide(data_dir)
    return caught.value.errors


def test_the_real_data_is_valid() -> None:
    guide = load_guide()
    assert {kind.name for kind in KINDS} == set(type(guide).model_fields)
    assert all(guide.items(kind.name) for kind in KINDS)


@pytest.mark.parametrize(
    ("filename", "change", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_broken_data_names_file_item_and_field(
    data_dir: Path, filename: str, change: Callable[[Items], None], words: list[str]
) -> None:
    edit(filename, change)(data_dir)
    errors = errors_for(data_dir)
    assert any(all(word in line for word in words) for line in errors), errors


def test_the_documented_message_format(data_dir: Path) -> None:
    edit("faq.yml", set_field("set-boundaries", "answer", ""))(data_dir)
    assert errors_for(data_dir) == [
        "data/faq.yml: item 'set-boundaries': field 'answer': must not be empty"
    ]


def test_decision_guide_must_not_loop_or_strand_a_step(data_dir: Path) -> None:
    edit("questions.yml", set_field("have-a-say", "if_no", "want-work-kept-out"))(data_dir)
    errors = errors_for(data_dir)
    assert any("the questions loop" in line for line in errors), errors
    # With have-a-say's "no" pointing back, nothing else changes: every outcome is still reached.
    edit("questions.yml", set_field("have-a-say", "if_no", "mostly-blend"))(data_dir)
    edit("questions.yml", set_field("home-needs-room", "if_yes", "mostly-separate"))(data_dir)
    assert "data/outcomes.yml: item 'designed-mix': field 'slug': no answer leads here" in (
        errors_for(data_dir)
    )


def test_old_slugs_take_the_title_of_their_item() -> None:
    guide = load_guide()
    titles = {item.slug: item.title for item in guide.sources}
    assert titles["li-2019"] == titles["liu-2019"]
    assert titles["newport"] == titles["newport-2016"]
    assert guide.locate("intentional-technology").page == "design-your-blend.md"
    assert [a.slug for a in guide.aliases("technology-for-you")] == ["intentional-technology"]


def test_item_without_a_slug_is_named_by_position(data_dir: Path) -> None:
    edit("forces.yml", drop_field("caregiving", "slug"))(data_dir)
    errors = errors_for(data_dir)
    assert "data/forces.yml: item #5: field 'slug': is required" in errors


def test_slugs_are_unique_across_files(data_dir: Path) -> None:
    edit("benefits.yml", set_field("whole-self", "slug", "caregiving"))(data_dir)
    (error,) = errors_for(data_dir)
    assert error.startswith("data/benefits.yml: item 'caregiving': field 'slug': duplicate slug")
    assert error.endswith("already used by data/forces.yml: item 'caregiving'")


def test_dangling_related_link(data_dir: Path) -> None:
    edit("faq.yml", set_field("long-hours", "related", ["conscious-transitions", "nap-pods"]))(
        data_dir
    )
    assert errors_for(data_dir) == [
        "data/faq.yml: item 'long-hours': field 'related': "
        "'nap-pods' is not the slug of an item in any data file"
    ]


def test_setting_must_name_a_definition(data_dir: Path) -> None:
    edit("settings.yml", set_field("home-balance", "model", "micro-boundaries"))(data_dir)
    (error,) = errors_for(data_dir)
    assert "item 'home-balance': field 'model'" in error
    assert "definitions.yml" in error


def test_empty_list_and_empty_list_entry(data_dir: Path) -> None:
    edit("settings.yml", set_field("home-balance", "challenges", []))(data_dir)
    edit("definitions.yml", set_field("balance", "points", ["A point.", " "]))(data_dir)
    errors = errors_for(data_dir)
    assert "data/settings.yml: item 'home-balance': field 'challenges': must not be empty" in errors
    assert "data/definitions.yml: item 'balance': field 'points[1]': must not be empty" in errors


def test_nested_field_is_named_with_its_path(data_dir: Path) -> None:
    change = set_field("integration", "metaphor", {"name": "A mosaic", "picture": "mosaic"})
    edit("definitions.yml", change)(data_dir)
    assert errors_for(data_dir) == [
        "data/definitions.yml: item 'integration': field 'metaphor.text': is required"
    ]


def test_bad_slug_and_markup_in_faq(data_dir: Path) -> None:
    edit("practices.yml", set_field("micro-boundaries", "slug", "Micro Boundaries"))(data_dir)
    edit("faq.yml", set_field("set-boundaries", "answer", "See [this](faq.md)."))(data_dir)
    errors = errors_for(data_dir)
    assert any(
        "item 'Micro Boundaries': field 'slug': must be a slug" in line for line in errors
    ), errors
    assert any(
        "item 'set-boundaries': field 'answer': must be plain text" in line for line in errors
    ), errors


def test_every_problem_is_reported_at_once(data_dir: Path) -> None:
    for _, filename, change, _ in CASES:
        edit(filename, change)(data_dir)
    assert len(errors_for(data_dir)) >= len(CASES)


def test_file_level_problems(data_dir: Path) -> None:
    (data_dir / "examples.yml").unlink()
    (data_dir / "forces.yml").write_text("slug: [unclosed\n", encoding="utf-8")
    (data_dir / "benefits.yml").write_text("slug: not-a-list\n", encoding="utf-8")
    errors = errors_for(data_dir)
    assert "data/examples.yml: file is missing" in errors
    assert any(line.startswith("data/forces.yml: not valid YAML") for line in errors)
    assert "data/benefits.yml: must be a non-empty list of items" in errors


def test_both_definitions_are_required(data_dir: Path) -> None:
    edit("definitions.yml", lambda items: items.pop())(data_dir)
    errors = errors_for(data_dir)
    assert any(
        line.startswith("data/definitions.yml: item 'integration': field 'slug'") for line in errors
    ), errors


def test_command_line_check(data_dir: Path) -> None:
    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "macros.guide_data", str(data_dir)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=False,
        )

    good = run()
    assert good.returncode == 0, good.stderr
    assert "all valid" in good.stdout
    edit("faq.yml", set_field("set-boundaries", "answer", ""))(data_dir)
    bad = run()
    assert bad.returncode == 1
    assert "data/faq.yml: item 'set-boundaries': field 'answer': must not be empty" in bad.stderr


# --- rendering guards ---------------------------------------------------------------------------


class _Page:
    """What the build context reads of mkdocs-macros' env: the page being rendered."""

    def __init__(self, src: str) -> None:
        url = "" if src == "index.md" else src.removesuffix("index.md").removesuffix(".md")
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri=src), url=url.rstrip("/") + "/")
        self.conf = {"use_directory_urls": True, "extra": {}}


def renderer_on(page: str, guide: Guide | None = None) -> GuideRenderer:
    return GuideRenderer(BuildContext(_Page(page), guide or load_guide(), load_quiz(), None))


def test_list_macro_refuses_a_page_that_is_not_its_home() -> None:
    renderer = renderer_on("faq.md")
    with pytest.raises(GuideRenderError, match=r"practice_list\(\).*design-your-blend\.md"):
        renderer.practice_list()


def test_unknown_slugs_and_options_fail() -> None:
    renderer = renderer_on("faq.md")
    with pytest.raises(GuideRenderError, match="no-such-source"):
        renderer.cite(source="no-such-source")
    with pytest.raises(GuideRenderError, match="nap-pods"):
        renderer.href("nap-pods")
    with pytest.raises(GuideRenderError, match="group='misc'"):
        renderer.faq_list(group="misc")


def test_links_are_relative_to_the_current_page() -> None:
    assert renderer_on("faq.md").href("micro-boundaries") == (
        "design-your-blend.md#micro-boundaries"
    )
    assert renderer_on("quiz/index.md").href("micro-boundaries") == (
        "../design-your-blend.md#micro-boundaries"
    )
    assert renderer_on("design-your-blend.md").href("micro-boundaries") == "#micro-boundaries"


def test_html_links_are_built_addresses_relative_to_the_current_page() -> None:
    ctx = renderer_on("quiz/index.md").ctx
    assert ctx.url_for("micro-boundaries", html=True) == "../design-your-blend/#micro-boundaries"
    assert ctx.url_for("quiz/worksheet.md", html=True) == "worksheet/"
    assert ctx.url_for("quiz/index.md#quiz", html=True) == "#quiz"
    assert ctx.url_for("kinnunen-2016") == "../sources.md#kinnunen-2016"


def test_faq_jsonld_cannot_close_its_script_element() -> None:
    guide = load_guide()
    first = guide.faq[0].model_copy(update={"answer": "Oops </script><script>alert(1)</script>"})
    hostile = guide.model_copy(update={"faq": [first, *guide.faq[1:]]})
    text = faq_jsonld(hostile)
    assert "<" not in text
    assert ">" not in text
    assert "\\u003c/script\\u003e" in text


# --- the build refuses bad data ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "change", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_data_fails_the_build_before_writing_pages(
    tmp_path: Path, filename: str, change: Callable[[Items], None], words: list[str]
) -> None:
    project = copy_project(tmp_path / "project")
    edit(filename, change)(project / "data")
    out = tmp_path / "site"
    proc = build_site(out, project=project)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert any(all(word in line for word in words) for line in output.splitlines()), output
    written = list(out.rglob("*.html")) if out.exists() else []
    assert written == [], "a failed build must not leave pages behind"
