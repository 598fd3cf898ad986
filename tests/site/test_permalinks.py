"""The committed permalinks.txt: every entry still resolves, and a lost page or anchor is caught.

An entry resolves when its page exists with that id, or the page became a mkdocs-redirects stub
whose target has it (see scripts/permalinks.py).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mkdocs_redirects.plugin import write_html  # type: ignore[import-untyped]

from devtools.build import build_or_fail, copy_project
from devtools.project import REPO_ROOT
from scripts import permalinks


def _html_copy(site_dir: Path, dest: Path) -> Path:
    """The built pages alone (no engine files): what the checker reads, cheap to modify."""
    shutil.copytree(
        site_dir,
        dest,
        ignore=lambda _d, names: [
            n for n in names if n in {"assets", "search", "csp"} or n.endswith((".xml", ".gz"))
        ],
    )
    return dest


def _drop_id(page: Path, ident: str) -> None:
    html = page.read_text(encoding="utf-8")
    changed, count = re.subn(rf'\sid="{re.escape(ident)}"', "", html)
    assert count >= 1, f"{page} has no id {ident!r}"
    page.write_text(changed, encoding="utf-8")


def test_committed_list_still_resolves(site_dir: Path) -> None:
    listed = permalinks.read_list()
    assert len(listed) > 20, "permalinks.txt looks truncated; regenerate with `make permalinks`"
    assert permalinks.missing(listed, permalinks.read_site(site_dir)) == {}


def test_committed_list_covers_the_build(site_dir: Path) -> None:
    # New pages and anchors must be listed too, or nothing protects them.
    built = set(permalinks.entries(permalinks.read_site(site_dir)))
    unlisted = sorted(built - set(permalinks.read_list()))
    assert unlisted == [], f"not in permalinks.txt yet (run `make permalinks`): {unlisted[:20]}"


def test_list_holds_pages_headings_and_data_items_but_no_internals(site_dir: Path) -> None:
    listed = set(permalinks.read_list())
    assert {"/", "/faq/", "/organizations/", "/quiz/", "/quiz/embed/", "/print_page/"} <= listed
    assert "/design-your-blend/#micro-boundaries" in listed  # a practice
    assert "/organizations/#right-to-disconnect" in listed  # a policy
    assert "/use-at-your-organization/#embed-the-quiz" in listed  # a heading
    anchors = [entry.partition("#")[2] for entry in listed if "#" in entry]
    assert not [a for a in anchors if permalinks.is_internal_id(a)]
    # Widget internals (a quiz question's fieldset) are not link targets.
    assert not [a for a in anchors if a.startswith("quiz-q-")]
    assert not [e for e in listed if e.startswith("/print_page/#")]


def test_removed_page_and_anchor_are_reported(site_dir: Path, tmp_path: Path) -> None:
    site = _html_copy(site_dir, tmp_path / "site")
    listed = permalinks.read_list()
    (site / "faq" / "index.html").unlink()
    _drop_id(site / "design-your-blend" / "index.html", "micro-boundaries")

    problems = permalinks.missing(listed, permalinks.read_site(site))

    assert problems["/faq/"] == "page is gone and no redirect replaces it"
    assert "/faq/#what-managers-can-do" in problems
    assert problems["/design-your-blend/#micro-boundaries"] == (
        "anchor #micro-boundaries is gone from /design-your-blend/"
    )
    lost = {e for e in listed if e == "/faq/" or e.startswith("/faq/#")}
    assert set(problems) == lost | {"/design-your-blend/#micro-boundaries"}


def test_redirect_stub_and_alias_anchor_keep_entries(site_dir: Path, tmp_path: Path) -> None:
    site = _html_copy(site_dir, tmp_path / "site")
    page = site / "design-your-blend" / "index.html"
    _drop_id(page, "micro-boundaries")
    # An alias anchor left behind where the item used to be.
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", '<a id="micro-boundaries"></a></article>', 1))
    # A page moved elsewhere, with the stub mkdocs-redirects itself writes.
    shutil.rmtree(site / "faq")
    shutil.copytree(site_dir / "faq", site / "questions")
    write_html(str(site), "faq/index.html", "../questions/")

    assert permalinks.missing(permalinks.read_list(), permalinks.read_site(site)) == {}


def test_generate_refuses_to_drop_entries(site_dir: Path, tmp_path: Path) -> None:
    site = _html_copy(site_dir, tmp_path / "site")
    shutil.rmtree(site / "sources")
    committed = tmp_path / "permalinks.txt"
    shutil.copy(permalinks.LIST_FILE, committed)

    assert permalinks.main(["generate", "--site", str(site), "--list", str(committed)]) == 1
    assert committed.read_text() == permalinks.LIST_FILE.read_text()
    assert permalinks.main(["check", "--site", str(site), "--list", str(committed)]) == 1
    assert permalinks.main(["check", "--site", str(site_dir), "--list", str(committed)]) == 0


def test_moved_page_with_redirect_map_passes_and_without_fails(tmp_path: Path) -> None:
    """A real build: the page moves, mkdocs.yml maps the old name, every old entry resolves."""
    project = copy_project(tmp_path / "project")
    old, new = "use-at-your-organization.md", "host-this-guide.md"
    (project / "docs" / old).rename(project / "docs" / new)
    for path in [project / "mkdocs.yml", *project.joinpath("docs").rglob("*.md")]:
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "redirect_maps: {}" in text
    config.write_text(text.replace("redirect_maps: {}", f"redirect_maps: {{{old}: {new}}}"))

    site = build_or_fail(tmp_path / "site", project=project)
    listed = permalinks.read_list(REPO_ROOT / "permalinks.txt")
    pages = permalinks.read_site(site)
    assert pages["/use-at-your-organization/"].redirect == "../host-this-guide/"
    assert permalinks.missing(listed, pages) == {}

    (site / "use-at-your-organization" / "index.html").unlink()
    problems = permalinks.missing(listed, permalinks.read_site(site))
    assert "/use-at-your-organization/#customize" in problems


def test_addresses_shown_in_the_docs_exist() -> None:
    # docs/use-at-your-organization.md tells readers which addresses to link to.
    text = (REPO_ROOT / "docs" / "use-at-your-organization.md").read_text(encoding="utf-8")
    shown = re.findall(r"\| `([a-z0-9/#-]+/(?:#[a-z0-9-]+)?)` \|", text)
    assert len(shown) >= 6
    listed = set(permalinks.read_list())
    assert [f"/{address}" for address in shown if f"/{address}" not in listed] == []
