"""The one build context every macro module is handed: the guide's data, the quiz, the
organization's settings, and `url_for`, the only place that turns a slug or a page into a link.

`define_env` builds it once per build; invalid data or settings fail the build here, naming the
file, the item and the field, before any page is rendered.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from macros.guide_data import Guide, GuideDataError, load_guide
from macros.organization import Organization, OrganizationConfigError, load_organization
from quiz import Quiz, QuizError, load_quiz


@dataclass(frozen=True)
class BuildContext:
    env: Any
    guide: Guide
    quiz: Quiz
    organization: Organization | None

    @classmethod
    def load(cls, env: Any) -> BuildContext:
        project_dir = Path(env.conf["config_file_path"]).parent
        try:
            guide = load_guide(project_dir / "data")
        except GuideDataError as exc:
            raise PluginError("Guide data is invalid:\n" + str(exc)) from None
        try:
            quiz = load_quiz()
        except QuizError as exc:
            raise PluginError(f"The quiz is invalid: {exc}") from None
        recommendable = [item.slug for _kind, item in guide.recommendable()]
        every_slug = [item.slug for _, item in guide.all_items()]
        try:
            organization = load_organization(project_dir, recommendable, guide_slugs=every_slug)
        except OrganizationConfigError as exc:
            raise PluginError(str(exc)) from None
        if organization is not None and organization.faq:
            # The organization's own questions join the FAQ page and its JSON-LD, in their group.
            guide = guide.model_copy(update={"faq": [*guide.faq, *organization.faq]})
        return cls(env, guide, quiz, organization)

    @classmethod
    def for_page(cls, page_src: str, *, project_dir: Path | None = None) -> BuildContext:
        """A context outside a build, as if rendering page_src: for tests and scripts."""
        project_dir = project_dir or Path(__file__).resolve().parents[1]
        stem = page_src.removesuffix(".md").removesuffix("index")
        url = stem.rstrip("/") + "/" if stem else ""  # the home page's address is ""
        page = SimpleNamespace(file=SimpleNamespace(src_uri=page_src), url=url)
        conf = {
            "config_file_path": str(project_dir / "mkdocs.yml"),
            "use_directory_urls": True,
            "extra": {"quiz_engine": {"wheel": "quiz-0-py3-none-any.whl", "sha256": "0" * 64}},
        }
        return cls.load(SimpleNamespace(page=page, conf=conf))

    # --- what this build publishes ---

    @property
    def hidden_pages(self) -> frozenset[str]:
        """Docs pages the organization's settings leave out of this build (`hide:`)."""
        return self.organization.hidden_pages() if self.organization else frozenset()

    def shows(self, target: str) -> bool:
        """Whether a page or a guide item's page is published in this build."""
        return self._split(target)[0] not in self.hidden_pages

    # --- the page being rendered ---

    @property
    def page_src(self) -> str:
        """The docs-relative source path of the page being rendered, e.g. 'quiz/index.md'."""
        page = self.env.page
        return str(page.file.src_uri) if page is not None else ""

    @property
    def page_url(self) -> str:
        page = self.env.page
        return str(page.url) if page is not None else ""

    @property
    def engine(self) -> dict[str, str]:
        """The quiz engine's wheel name and SHA-256, written into the config by hooks/engine.py."""
        engine = self.env.conf["extra"].get("quiz_engine")
        if not engine:
            raise PluginError("the quiz engine is missing: hooks/engine.py did not run")
        return dict(engine)

    # --- links ---

    def url_for(self, target: str, *, html: bool = False) -> str:
        """Where a guide item (by slug) or a docs page ('faq.md', 'faq.md#x') is, from this page.

        The Markdown form ('../design-your-blend.md#micro-boundaries') lets MkDocs check the link
        and write the page's address; `html=True` gives that address ('../design-your-blend/#…')
        for raw HTML and scripts, which MkDocs does not rewrite.
        """
        page, anchor = self._split(target)
        if not html:
            if page == self.page_src and anchor:
                return f"#{anchor}"
            here = posixpath.dirname(self.page_src) or "."
            path = posixpath.relpath(page, here)
        else:
            use_directory_urls = bool(self.env.conf["use_directory_urls"])
            url = File(page, "", "", use_directory_urls).url
            if url == self.page_url and anchor:
                return f"#{anchor}"
            path = get_relative_url(url, self.page_url)
        return f"{path}#{anchor}" if anchor else path

    def _split(self, target: str) -> tuple[str, str]:
        if target.endswith(".md") or ".md#" in target:
            page, _, anchor = target.partition("#")
            return page, anchor
        try:
            location = self.guide.locate(target)
        except KeyError as exc:
            raise PluginError(f"url_for({target!r}): {exc.args[0]}") from None
        return location.page, location.slug
