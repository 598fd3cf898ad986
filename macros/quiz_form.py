"""The quiz page's form, rendered at build time from the quiz package's own questions.

The form works before any script runs: native radios in one fieldset per question. The markup also
carries what the browser modules need in data-* attributes (the engine wheel and its hash, the
guide's link targets as JSON), so the modules never guess a URL.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from macros.guide_data import KIND_BY_NAME, Guide, load_guide
from macros.organization import organization_links_for
from macros.templating import templates
from quiz import Quiz

# The kinds of guide item the quiz recommends; data/<kind>.yml says which page shows them.
LINKED_KINDS = ("practices", "policies")
WORKSHEET_PAGE = "quiz/worksheet.md"
STORAGE_KEY = "balance-or-blend/quiz/v1"


def _page_url(src: str, use_directory_urls: bool) -> str:
    return str(File(src, "", "", use_directory_urls).url)


def link_targets(
    guide: Guide,
    *,
    page_url: str,
    use_directory_urls: bool,
    organization: Any = None,
) -> dict[str, dict[str, Any]]:
    """slug -> {"title", "url" (relative to the page), "organization": [...]} for every item."""
    targets: dict[str, dict[str, Any]] = {}
    for kind in LINKED_KINDS:
        href = get_relative_url(_page_url(KIND_BY_NAME[kind].page, use_directory_urls), page_url)
        for item in guide.items(kind):
            targets[item.slug] = {
                "title": item.title,
                "url": f"{href}#{item.slug}",
                "organization": organization_links_for(organization, item.slug),
            }
    return targets


def source_targets(guide: Guide, *, page_url: str, use_directory_urls: bool) -> dict[str, Any]:
    """slug -> {"label": "Authors (year)", "url"} for the citations shown in a result."""
    href = get_relative_url(_page_url(KIND_BY_NAME["sources"].page, use_directory_urls), page_url)
    return {
        source.slug: {
            "label": f"{source.authors} ({source.year})" if source.year else source.authors,
            "url": f"{href}#{source.slug}",
        }
        for source in guide.sources
    }


def _json(value: object) -> str:
    # For a data-* attribute: the template's autoescaping makes it safe there.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def render_quiz_form(
    quiz: Quiz,
    targets: dict[str, dict[str, Any]],
    sources: dict[str, Any],
    *,
    engine: dict[str, str],
    worksheet_url: str,
) -> str:
    sections = quiz.sections
    questions = [q for s in sections for q in s.questions]
    html = (
        templates(markdown=False)
        .get_template("quiz_form.j2")
        .render(
            sections=sections,
            total=len(questions),
            required=sum(q.required for q in questions),
            engine=engine,
            storage_key=STORAGE_KEY,
            worksheet_url=worksheet_url,
            links_json=_json(targets),
            sources_json=_json(sources),
        )
    )
    # Python-Markdown ends a raw HTML block at a blank line; keep the block in one piece.
    return "\n".join(line for line in html.splitlines() if line.strip())


def make_quiz_form(env: Any) -> Callable[[], str]:
    """Build the `quiz_form()` macro for this build's configuration."""

    def quiz_form() -> str:
        """The whole quiz: form, engine status, result area, and the data the scripts read."""
        from quiz import load_quiz

        engine = env.conf["extra"].get("quiz_engine")
        if not engine:
            raise PluginError("quiz_form(): hooks/engine.py did not run (see mkdocs.yml hooks)")
        page_url = str(env.page.url)
        use_directory_urls = bool(env.conf["use_directory_urls"])
        guide = load_guide()
        targets = link_targets(
            guide,
            page_url=page_url,
            use_directory_urls=use_directory_urls,
            organization=env.variables.get("organization"),
        )
        sources = source_targets(guide, page_url=page_url, use_directory_urls=use_directory_urls)
        worksheet = get_relative_url(_page_url(WORKSHEET_PAGE, use_directory_urls), page_url)
        return render_quiz_form(
            load_quiz(), targets, sources, engine=dict(engine), worksheet_url=worksheet
        )

    return quiz_form
