"""Pages generated from the quiz's own data file: "How the quiz scores" and the paper worksheet.

Both read quiz.toml through the quiz package, so the pages state exactly the rules the code runs.
Markup lives in templates/quiz_docs/*.md.j2 and is Markdown: headings get permalinks and MkDocs
checks every link, including the citations into the sources page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from macros.context import BuildContext
from macros.guide_data import RECOMMENDED_KINDS
from macros.templating import templates
from quiz._arith import percent
from quiz._conditions import Condition, ScoreWithin, describe, walk
from quiz._model import Flag, Question, Subscale, direction_metric

SCORING_PARTS = ("overview", "subscales", "outcomes", "flags", "recommendations")
WORKSHEET_PARTS = ("questions", "tally", "result")
DIRECTION_WORDS = {
    "work-to-home": "work into personal time",
    "home-to-work": "personal matters into work time",
}


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
class Part:
    """One direction of a sub-scale: which questions, and how its total converts."""

    metric: str
    words: str
    questions: tuple[Question, ...]
    conversion: Conversion


def parts_of(sub: Subscale) -> tuple[Part, ...]:
    parts = []
    for direction in sub.directions:
        questions = sub.direction_questions(direction)
        maximum = sum(q.weight * q.max_points for q in questions)
        parts.append(
            Part(
                direction_metric(sub.id, direction),
                DIRECTION_WORDS[direction],
                questions,
                conversion(maximum),
            )
        )
    return tuple(parts)


class QuizDocs:
    """Renders the quiz pages for one page of one build."""

    def __init__(self, ctx: BuildContext) -> None:
        self.quiz = ctx.quiz
        self.ctx = ctx
        self._source_titles = {s.slug: s.title for s in ctx.guide.sources}
        self._item_titles = {
            i.slug: i.title for kind in RECOMMENDED_KINDS for i in ctx.guide.items(kind)
        }
        # Output is Markdown; every text from the data goes through |md.
        self._jinja = templates(markdown=True)
        self._jinja.filters["md"] = md_text
        self._jinja.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]
        self._jinja.globals.update(
            cite=self.cite,
            item=self.item,
            when=self.when,
            reason=self.reason,
            conversion=conversion,
            parts_of=parts_of,
            directions=DIRECTION_WORDS,
            tactic_sources=list(dict.fromkeys(s for t in ctx.quiz.tactics for s in t.sources)),
            tallied_directions=self.tallied_directions(),
        )
        self.check_links()

    def check_links(self) -> None:
        """Every source the quiz cites and every slug it recommends must exist in the guide."""
        quiz = self.quiz
        cited: list[str] = [s for sub in quiz.subscales for s in sub.sources]
        cited += [s for c in (quiz.style, quiz.profile) for s in c.sources] + list(quiz.fit.sources)
        cited += [s for f in quiz.flags for s in f.sources] + [
            s for r in quiz.rules for s in r.sources
        ]
        cited += [s for t in quiz.tactics for s in t.sources]
        for slug in cited:
            if slug not in self._source_titles:
                raise QuizDocsError(f"quiz.toml cites '{slug}', which is not in data/sources.yml")
        for slug, entry in quiz.catalog.items():
            if slug not in self._item_titles:
                raise QuizDocsError(
                    f"quiz.toml recommends {entry.kind} '{slug}', which is not in "
                    f"data/{entry.kind}s.yml"
                )

    def tallied_directions(self) -> set[str]:
        """Sub-scales whose separate directions some rule looks at: the worksheet tallies those."""
        quiz = self.quiz
        conditions = [o.when for c in (quiz.style, quiz.profile) for o in c.outcomes]
        conditions += [f.when for f in quiz.flags] + [r.when for r in quiz.rules]
        used = {
            part.metric
            for condition in conditions
            if condition is not None
            for part in walk(condition)
            if isinstance(part, ScoreWithin)
        }
        return {
            sub.id
            for sub in quiz.subscales
            if any(direction_metric(sub.id, d) in used for d in sub.directions)
        }

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

    def render(self, template: str, part: str) -> str:
        return self._jinja.get_template(f"quiz_docs/{template}").render(quiz=self.quiz, part=part)


def _check_part(macro: str, part: str, allowed: tuple[str, ...]) -> None:
    if part not in allowed:
        raise QuizDocsError(f"{macro}(part={part!r}): part must be one of {', '.join(allowed)}")


def register(ctx: BuildContext) -> None:
    """Add the quiz_scoring() and quiz_worksheet() macros to this build."""
    docs = QuizDocs(ctx)

    def quiz_scoring(part: str) -> str:
        """Part of "How the quiz scores": overview, subscales, outcomes, flags, recommendations."""
        _check_part("quiz_scoring", part, SCORING_PARTS)
        return docs.render("scoring.md.j2", part)

    def quiz_worksheet(part: str) -> str:
        """One part of the paper worksheet: questions, tally, result."""
        _check_part("quiz_worksheet", part, WORKSHEET_PARTS)
        return docs.render("worksheet.md.j2", part)

    ctx.env.macro(quiz_scoring, "quiz_scoring")
    ctx.env.macro(quiz_worksheet, "quiz_worksheet")
