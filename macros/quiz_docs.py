"""Pages generated from the quiz's own data: "How the quiz scores", the paper worksheet and its
scoring key.

All three read quiz.toml (and the persona table, quiz/personas.toml) through the quiz package, so
the pages state exactly the rules the code runs and the results the tests expect. Markup lives in
templates/quiz_docs/*.md.j2 and is Markdown: headings get permalinks and MkDocs checks every link,
including the citations into the sources page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from macros.context import BuildContext
from macros.templating import templates
from quiz import Persona, load_personas
from quiz._arith import percent
from quiz._conditions import Condition, describe
from quiz._model import Flag, Scale
from quiz._scoring import score_answers

# How the tactic table names each kind of guide item.
KIND_WORDS = {"practices": "practice", "policies": "policy"}
SCORING_PARTS = (
    "overview",
    "scales",
    "fit",
    "outcomes",
    "flags",
    "recommendations",
    "personas",
)
WORKSHEET_PARTS = ("questions",)
KEY_PARTS = ("points", "tally", "result")


class QuizDocsError(Exception):
    """A page called a quiz macro wrongly, or the quiz cites something the guide lacks."""


def md_text(value: object) -> str:
    """Plain text made safe inside Markdown (and its tables)."""
    text = str(value)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), ("|", "&#124;"), ("*", "&#42;")):
        text = text.replace(char, entity)
    return text


@dataclass(frozen=True)
class Conversion:
    """How a total becomes a 0-100 score: a multiplier when exact, else a lookup table."""

    maximum: int
    factor: int | None
    table: tuple[tuple[int, int], ...]


def conversion(maximum: int) -> Conversion:
    factor = 100 // maximum if 100 % maximum == 0 else None
    table = tuple((total, percent(total, maximum)) for total in range(maximum + 1))
    return Conversion(maximum, factor, table)


@dataclass(frozen=True)
class PersonaRow:
    """One row of the persona table: who, what the tests demand, and the headline it gets."""

    persona: Persona
    expected: tuple[str, ...]
    style: str
    days: str
    fits: tuple[str, ...]
    first: tuple[str, ...]


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


class QuizDocs:
    """Renders the quiz pages for one page of one build."""

    def __init__(self, ctx: BuildContext, personas: tuple[Persona, ...] = ()) -> None:
        quiz = self.quiz = ctx.quiz
        self.ctx = ctx
        self._source_titles = {s.slug: s.title for s in ctx.guide.works}
        recommendable = ctx.guide.recommendable()
        self._item_titles = {item.slug: item.title for _kind, item in recommendable}
        self._item_kinds = {item.slug: KIND_WORDS.get(kind, kind) for kind, item in recommendable}
        self.personas = personas
        # Output is Markdown; every text from the data goes through |md.
        self._jinja = templates(markdown=True)
        self._jinja.filters["md"] = md_text
        self._jinja.filters["capitalize_first"] = _first_upper
        self._jinja.globals.update(
            cite=self.cite,
            item=self.item,
            when=self.when,
            reason=self.reason,
            conversion=conversion,
            direction_label=lambda d: quiz.direction(d).label,
            constructs=self.constructs(),
            tactic_sources=list(dict.fromkeys(s for t in quiz.tactics for s in t.sources)),
            persona_rows=self.persona_rows,
            kind_of=self._item_kinds.get,
            classifications=[quiz.style, quiz.days, quiz.control, quiz.identity],
            ranked_rules=sorted(quiz.rules, key=lambda r: -r.relevance),
        )
        self.check_links()

    def check_links(self) -> None:
        """Every source the quiz cites and every slug it recommends must exist in the guide."""
        quiz = self.quiz
        cited: list[str] = [s for scale in quiz.scales for s in scale.sources]
        for cls in (quiz.style, quiz.days, quiz.control, quiz.identity):
            cited += cls.sources
        cited += [*quiz.fit.sources, *quiz.support.sources, *quiz.cycling.sources]
        cited += [s for f in quiz.flags for s in f.sources]
        cited += [s for r in quiz.rules for s in r.sources]
        cited += [s for t in quiz.tactics for s in t.sources]
        for slug in cited:
            if slug not in self._source_titles:
                raise QuizDocsError(f"quiz.toml cites '{slug}', which is not in data/sources.yml")
        for slug in quiz.catalog:
            if slug not in self._item_titles:
                raise QuizDocsError(
                    f"quiz.toml recommends '{slug}', which is in neither data/practices.yml "
                    "nor data/policies.yml"
                )

    def constructs(self) -> list[tuple[str, list[Scale]]]:
        """The scales grouped by construct, in the order they appear in quiz.toml."""
        groups: dict[str, list[Scale]] = {}
        for scale in self.quiz.scales:
            groups.setdefault(scale.construct, []).append(scale)
        return list(groups.items())

    def reason(self, flag: Flag) -> str:
        """A flag's reason with each score shown by name, e.g. [Strain]."""
        labels = {
            m: self.quiz.metric_label(m).replace("“", "").replace("”", "")
            for m in self.quiz.metrics()
        }
        return flag.reason.format_map({m: f"[{label}]" for m, label in labels.items()})

    def cite(self, slugs: Iterable[str]) -> str:
        """Markdown links into the sources page, e.g. [Kossek et al. (2012)](../sources.md#...)."""
        return ", ".join(
            f"[{md_text(self._source_titles[s])}]({self.ctx.url_for(s)})" for s in slugs
        )

    def item(self, slug: str) -> str:
        """A Markdown link to the practice or policy a rule recommends."""
        return f"[{md_text(self._item_titles[slug])}]({self.ctx.url_for(slug)})"

    def when(self, condition: Condition | None) -> str:
        return md_text(describe(condition, self.quiz))

    def persona_rows(self) -> list[PersonaRow]:
        quiz = self.quiz
        rows = []
        for persona in self.personas:
            result = score_answers(quiz, persona.answers)
            expected = [
                f"{quiz.outcome_kind_label(kind)}: {quiz.outcome_label(kind, outcome)}"
                for kind, outcome in persona.outcomes.items()
            ]
            if persona.cycling is not None:
                label = quiz.cycling.outcome.label
                expected.append(label if persona.cycling else f"not {label}")
            if persona.support:
                expected.append("support first")
            lists = persona.lists
            expected += [f"flag {quiz.flag_label(f)}" for f in lists["flags"]]
            expected += [f"no flag {quiz.flag_label(f)}" for f in lists["not_flags"]]
            expected += [f"suggests {self._item_titles[s]}" for s in lists["slugs"]]
            expected += [f"never {self._item_titles[s]}" for s in lists["not_slugs"]]
            expected += [f"the note of rule {n}" for n in lists["notes"]]
            fits = {f.direction.id: f.outcome.label for f in result.fits}
            rows.append(
                PersonaRow(
                    persona,
                    tuple(expected),
                    result.style.label,
                    result.days.label,
                    tuple(f"{_first_upper(d.label)}: {fits[d.id]}" for d in quiz.directions),
                    tuple(self.item(r.slug) for r in result.recommendations[:3]),
                )
            )
        return rows

    def render(self, template: str, part: str) -> str:
        return self._jinja.get_template(f"quiz_docs/{template}").render(quiz=self.quiz, part=part)


def _check_part(macro: str, part: str, allowed: tuple[str, ...]) -> None:
    if part not in allowed:
        raise QuizDocsError(f"{macro}(part={part!r}): part must be one of {', '.join(allowed)}")


def register(ctx: BuildContext) -> None:
    """Add the quiz_scoring(), quiz_worksheet() and quiz_key() macros to this build."""
    docs = QuizDocs(ctx, personas=load_personas())

    def quiz_scoring(part: str) -> str:
        """Part of "How the quiz scores": see SCORING_PARTS."""
        _check_part("quiz_scoring", part, SCORING_PARTS)
        return docs.render("scoring.md.j2", part)

    def quiz_worksheet(part: str) -> str:
        """The paper worksheet's questions, without points (the key is its own page)."""
        _check_part("quiz_worksheet", part, WORKSHEET_PARTS)
        return docs.render("worksheet.md.j2", part)

    def quiz_key(part: str) -> str:
        """Part of the worksheet's scoring key: points, tally, result."""
        _check_part("quiz_key", part, KEY_PARTS)
        return docs.render("key.md.j2", part)

    ctx.env.macro(quiz_scoring, "quiz_scoring")
    ctx.env.macro(quiz_worksheet, "quiz_worksheet")
    ctx.env.macro(quiz_key, "quiz_key")
