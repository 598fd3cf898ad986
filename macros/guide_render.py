"""Macros that render the guide's data into pages. Markup lives in templates/guide/*.j2.

Each list macro renders every item of its kind, and only on the page that owns that kind (see
``guide_data.KINDS``), so every item appears exactly once, under its slug as the HTML id.
Templates emit Markdown, with md_in_html blocks where an element needs an id, so headings get
permalinks and TOC entries and links are checked by MkDocs like any other link.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from mkdocs.exceptions import PluginError

from macros import guide_pictures
from macros.context import BuildContext
from macros.guide_data import KIND_BY_NAME, Guide, Item
from macros.templating import templates


class GuideRenderError(Exception):
    """A page called a guide macro wrongly (wrong page, unknown slug or option)."""


def faq_jsonld(guide: Guide) -> str:
    """schema.org FAQPage for the FAQ data, safe to place inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.question,
                "acceptedAnswer": {"@type": "Answer", "text": item.answer},
            }
            for item in guide.faq
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # "</script>" or "<!--" inside the data must not end or confuse the script element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def nav_titles(nav: object) -> dict[str, str]:
    """Map each docs page in the MkDocs nav config to its title there."""
    titles: dict[str, str] = {}

    def walk(entries: object, section: str | None) -> None:
        if isinstance(entries, str):
            titles.setdefault(entries, section or entries)
        elif isinstance(entries, list):
            for entry in entries:
                walk(entry, section)
        elif isinstance(entries, dict):
            for title, value in entries.items():
                if isinstance(value, str):
                    titles.setdefault(value, str(title))
                else:
                    walk(value, str(title))

    walk(nav, None)
    return titles


class GuideRenderer:
    """Renders guide data for one build; the context says which page is being rendered."""

    def __init__(self, ctx: BuildContext, page_titles: Mapping[str, str] | None = None) -> None:
        self.ctx = ctx
        self.guide = ctx.guide
        # Set by the organization macros: a note under an item naming the org's own pages on it.
        self.item_note: Callable[[str], str] = lambda slug: ""
        self._page_titles = dict(page_titles or {})
        self._jinja = templates(markdown=True)
        self._jinja.globals["link"] = self.link
        self._jinja.globals["links"] = self.links
        self._jinja.globals["page_link"] = self.page_link
        self._jinja.globals["picture"] = self.picture

    # --- helpers shared by templates and pages ---

    def href(self, slug: str) -> str:
        """A relative Markdown link target for an item, from the page being rendered."""
        try:
            return self.ctx.url_for(slug)
        except PluginError as exc:
            raise GuideRenderError(str(exc)) from None

    def link(self, slug: str, text: str | None = None) -> str:
        """A Markdown link to any guide item, titled with the item's title by default."""
        title = text if text is not None else self.guide.locate(slug).title
        return f"[{title}]({self.href(slug)})"

    def links(self, slugs: Iterable[str]) -> str:
        return ", ".join(self.link(slug) for slug in slugs)

    def page_link(self, page: str) -> str:
        title = self._page_titles.get(page, page)
        return f"[{title}]({self.ctx.url_for(page)})"

    def _render(self, template: str, **context: Any) -> str:
        return self._jinja.get_template(f"guide/{template}").render(**context)

    def _require_page(self, macro: str, kind: str) -> None:
        page = KIND_BY_NAME[kind].page
        if self.ctx.page_src != page:
            raise GuideRenderError(
                f"{macro}() renders data/{kind}.yml, whose items live on {page}; "
                f"it was called on {self.ctx.page_src}"
            )

    @staticmethod
    def _choose(items: Iterable[Item], field: str, value: str, macro: str) -> list[Item]:
        chosen = [item for item in items if getattr(item, field) == value]
        if not chosen:
            raise GuideRenderError(f"{macro}({field}={value!r}): no item has that {field}")
        return chosen

    # --- macros called from pages ---

    def definition(self, slug: str) -> str:
        """One model (``balance`` or ``integration``) with its metaphor, as an h2 section."""
        self._require_page("definition", "definitions")
        try:
            item = self.guide.definition(slug)
        except KeyError as exc:
            raise GuideRenderError(str(exc.args[0])) from None
        return self._render("definition.md.j2", d=item)

    def example_list(self) -> str:
        """A week of balance beside a week of integration."""
        self._require_page("example_list", "examples")
        models = [self.guide.definition(slug) for slug in ("balance", "integration")]
        return self._render("examples.md.j2", examples=self.guide.examples, models=models)

    def persona_list(self) -> str:
        self._require_page("persona_list", "personas")
        return self._render("personas.md.j2", personas=self.guide.personas)

    def decision_guide(self) -> str:
        """The decision guide ("Which should I pick?"): its questions and their outcomes."""
        self._require_page("decision_guide", "questions")
        return self._render(
            "decision.md.j2",
            questions=self.guide.questions,
            outcomes=self.guide.outcomes,
            q_number={q.slug: n for n, q in enumerate(self.guide.questions, start=1)},
            outcome_title={o.slug: o.title for o in self.guide.outcomes},
        )

    def picture(self, name: str, ident: str | None = None) -> str:
        """One of the guide's pictures, as an inline SVG figure (see guide_pictures)."""
        if name == "continuum":
            return guide_pictures.continuum(self.guide)
        if name == "decision-flow":
            return guide_pictures.flow(self.guide)
        if name == "two-directions":
            return guide_pictures.directions()
        if name in ("scale", "mosaic"):
            return guide_pictures.metaphor(name, ident or name)
        raise GuideRenderError(f"picture({name!r}): no such picture")

    def comparison_table(self) -> str:
        self._require_page("comparison_table", "dimensions")
        return self._render(
            "comparison.md.j2",
            dimensions=self.guide.dimensions,
            balance=self.guide.definition("balance"),
            integration=self.guide.definition("integration"),
        )

    def challenge_list(self) -> str:
        """The universal challenge of each model (a field of the definitions, so no ids)."""
        return self._render(
            "challenges.md.j2",
            models=[self.guide.definition("balance"), self.guide.definition("integration")],
        )

    def setting_list(self, place: str) -> str:
        self._require_page("setting_list", "settings")
        settings = self._choose(self.guide.settings, "place", place, "setting_list")
        return self._render("settings.md.j2", settings=settings)

    def force_list(self) -> str:
        self._require_page("force_list", "forces")
        return self._render("simple_list.md.j2", items=self.guide.forces)

    def benefit_list(self) -> str:
        self._require_page("benefit_list", "benefits")
        return self._render("simple_list.md.j2", items=self.guide.benefits)

    def practice_list(self) -> str:
        self._require_page("practice_list", "practices")
        return self._render(
            "practices.md.j2", practices=self.guide.habits, aliases=self.guide.aliases
        )

    def policy_list(self) -> str:
        self._require_page("policy_list", "policies")
        return self._render("policies.md.j2", policies=self.guide.policies, note=self.item_note)

    def action_list(self, audience: str) -> str:
        self._require_page("action_list", "actions")
        actions = self._choose(self.guide.actions, "audience", audience, "action_list")
        return self._render("actions.md.j2", actions=actions)

    def faq_list(self, group: str) -> str:
        self._require_page("faq_list", "faq")
        items = self._choose(self.guide.faq, "group", group, "faq_list")
        return self._render("faq.md.j2", items=items)

    def source_list(self, status: str = "verified") -> str:
        """The works of one status ("verified" or "not-found"), with their claims and aliases."""
        self._require_page("source_list", "sources")
        works = self._choose(self.guide.works, "status", status, "source_list")
        return self._render(
            "sources.md.j2",
            sources=[
                (work, self.guide.claims_for(work.slug), self.guide.aliases_of(work.slug))
                for work in works
            ],
        )

    def cite(self, source: str, text: str | None = None) -> str:
        """A link from prose to a source's entry on the sources page."""
        try:
            item = self.guide.source(source)
        except KeyError as exc:
            raise GuideRenderError(str(exc.args[0])) from None
        return self.link(item.slug, text if text is not None else item.title)

    def macros(self) -> dict[str, Callable[..., str]]:
        return {
            "definition": self.definition,
            "example_list": self.example_list,
            "persona_list": self.persona_list,
            "decision_guide": self.decision_guide,
            "picture": self.picture,
            "comparison_table": self.comparison_table,
            "challenge_list": self.challenge_list,
            "setting_list": self.setting_list,
            "force_list": self.force_list,
            "benefit_list": self.benefit_list,
            "practice_list": self.practice_list,
            "policy_list": self.policy_list,
            "action_list": self.action_list,
            "faq_list": self.faq_list,
            "source_list": self.source_list,
            "cite": self.cite,
            "guide_link": self.link,
        }


def register_guide(ctx: BuildContext) -> GuideRenderer:
    """Add the guide's macros; the theme's main.html reads the FAQ's JSON-LD from the config."""
    renderer = GuideRenderer(ctx, nav_titles(ctx.env.conf.get("nav")))
    for name, function in renderer.macros().items():
        ctx.env.macro(function, name)
    ctx.env.conf["extra"]["guide_jsonld"] = {"faq": faq_jsonld(ctx.guide)}
    return renderer
