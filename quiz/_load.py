"""Reading and checking quiz.toml. Every mistake in the data names its place in the file."""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from quiz._conditions import (
    AllOf,
    AnswerOneOf,
    AnyOf,
    Condition,
    FlagRaised,
    Not,
    OutcomeIs,
    ScoreWithin,
    walk,
)
from quiz._errors import QuizError
from quiz._model import (
    DIRECTIONS,
    FIT_IDS,
    KINDS,
    SUBSCALE_IDS,
    TACTIC_IDS,
    Band,
    CatalogEntry,
    Classification,
    FitSpec,
    Flag,
    Option,
    Outcome,
    Question,
    Quiz,
    Rule,
    RuleItem,
    Section,
    Subscale,
    Tactic,
)

DATA_FILE = "quiz.toml"
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# A share code stores one option per question in four bits; 0 means "not answered".
MAX_OPTIONS = 15
MAX_QUESTION_CODE = 511
MAX_POINTS = 10
MAX_WEIGHT = 5


@lru_cache(maxsize=1)
def load_default() -> Quiz:
    """The packaged quiz, read and checked once per process."""
    text = resources.files("quiz").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return parse_text(text)


def parse_text(text: str, source: str = DATA_FILE) -> Quiz:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise QuizError(f"{source}: not valid TOML: {exc}") from None
    return parse(data, source)


def parse(data: dict[str, Any], source: str = DATA_FILE) -> Quiz:
    """Build a Quiz from the data file's content, or raise QuizError naming the first mistake."""
    return _Parser(source).quiz(_Table(data, "the file", source))


class _Table:
    """A TOML table that remembers where it is, for precise errors and unknown-key checks."""

    def __init__(self, data: object, where: str, source: str) -> None:
        if not isinstance(data, dict):
            raise QuizError(f"{source}: {where} must be a table")
        self.data: dict[str, Any] = data
        self.where = where
        self.source = source
        self.used: set[str] = set()

    def error(self, message: str) -> QuizError:
        return QuizError(f"{self.source}: {self.where}: {message}")

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str) -> Any:
        if key not in self.data:
            raise self.error(f"missing key '{key}'")
        self.used.add(key)
        return self.data[key]

    def text(self, key: str) -> str:
        value = self.raw(key)
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"'{key}' must be non-empty text")
        return value

    def opt_text(self, key: str) -> str | None:
        return self.text(key) if self.has(key) else None

    def ident(self, key: str) -> str:
        value = self.text(key)
        if not _ID.fullmatch(value):
            raise self.error(f"'{key}' = {value!r} is not a valid id (lowercase, digits, hyphens)")
        return value

    def integer(self, key: str, lo: int, hi: int, default: int | None = None) -> int:
        if default is not None and not self.has(key):
            return default
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise self.error(f"'{key}' must be a whole number from {lo} to {hi}, got {value!r}")
        return value

    def flag(self, key: str, default: bool) -> bool:
        if not self.has(key):
            return default
        value = self.raw(key)
        if not isinstance(value, bool):
            raise self.error(f"'{key}' must be true or false")
        return value

    def items(self, key: str) -> list[Any]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise self.error(f"'{key}' must be a list")
        return value

    def tables(self, key: str, label: str) -> Iterator[_Table]:
        for index, item in enumerate(self.items(key)):
            name = item.get("id") if isinstance(item, dict) else None
            where = f"{label}[{index}]" + (f" '{name}'" if isinstance(name, str) else "")
            yield _Table(item, where, self.source)

    def table(self, key: str, where: str) -> _Table:
        return _Table(self.raw(key), where, self.source)

    def slugs(self, key: str) -> tuple[str, ...]:
        values = self.items(key) if self.has(key) else []
        for value in values:
            if not isinstance(value, str) or not _ID.fullmatch(value):
                raise self.error(f"'{key}' holds {value!r}, which is not a valid slug")
        return tuple(values)

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise self.error(f"unknown key '{unknown[0]}'")


def _unique(ids: list[str], what: str, error: Callable[[str], QuizError]) -> None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise error(f"{what} '{value}' is used twice")
        seen.add(value)


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, message: str) -> QuizError:
        return QuizError(f"{self.source}: {message}")

    def quiz(self, root: _Table) -> Quiz:
        version = root.integer("version", 1, 10_000)
        title = root.text("title")
        disclaimer = root.text("disclaimer")
        retired = frozenset(self._retired(root))
        max_recs = root.integer("max_recommendations", 1, 50)
        option_sets = self._option_sets(root.table("option_sets", "option_sets"))
        section_meta = [
            (t.ident("id"), t.text("title"), t.text("intro"), t)
            for t in root.tables("sections", "sections")
        ]
        for *_, t in section_meta:
            t.done()
        _unique([s[0] for s in section_meta], "section id", self.error)
        questions = self._questions(root, option_sets, retired, [s[0] for s in section_meta])
        sections = []
        for section_id, section_title, intro, _ in section_meta:
            members = tuple(q for q in questions if q.section == section_id)
            if not members:
                raise self.error(f"section '{section_id}' has no questions")
            sections.append(Section(section_id, section_title, intro, members))
        # Number questions in the order they are asked: section by section.
        ordered = [q for s in sections for q in s.questions]
        numbers = {q.id: n for n, q in enumerate(ordered, start=1)}
        sections = [
            Section(
                s.id,
                s.title,
                s.intro,
                tuple(replace(q, number=numbers[q.id]) for q in s.questions),
            )
            for s in sections
        ]
        questions = [q for s in sections for q in s.questions]
        subscales = self._subscales(root, questions)
        tactics = self._tactics(root)
        catalog = self._catalog(root.table("catalog", "catalog"))
        fit = self._fit(root.table("fit", "fit"))
        style = self._classification(root.table("style", "style"), "style")
        profile = self._classification(root.table("profile", "profile"), "profile")
        flags = self._flags(root)
        rules = self._rules(root, catalog)
        root.done()
        quiz = Quiz(
            version=version,
            title=title,
            disclaimer=disclaimer,
            sections=tuple(sections),
            subscales=subscales,
            style=style,
            profile=profile,
            fit=fit,
            flags=flags,
            tactics=tactics,
            catalog=catalog,
            rules=rules,
            max_recommendations=max_recs,
            retired_question_codes=retired,
        )
        self._check_conditions(quiz)
        return quiz

    def _retired(self, root: _Table) -> list[int]:
        codes = root.items("retired_question_codes")
        for code in codes:
            if isinstance(code, bool) or not isinstance(code, int) or code < 0:
                raise root.error(f"'retired_question_codes' holds {code!r}, not a question code")
        return codes

    def _option_sets(self, table: _Table) -> dict[str, tuple[Option, ...]]:
        sets: dict[str, tuple[Option, ...]] = {}
        for name in list(table.data):
            entry = table.table(name, f"option_sets.{name}")
            sets[name] = self._options(entry, f"option_sets.{name}", need_points=True)
            entry.done()
        table.done()
        return sets

    def _options(self, table: _Table, where: str, *, need_points: bool) -> tuple[Option, ...]:
        options: list[Option] = []
        for t in table.tables("options", f"{where}.options"):
            points: int | None = None
            if t.has("points"):
                points = t.integer("points", 0, MAX_POINTS)
            elif need_points:
                raise t.error("missing key 'points' (questions that feed a sub-scale need points)")
            options.append(
                Option(t.ident("id"), t.integer("code", 0, MAX_OPTIONS - 1), t.text("text"), points)
            )
            t.done()
        if not 2 <= len(options) <= MAX_OPTIONS:
            raise table.error(f"needs 2 to {MAX_OPTIONS} options, has {len(options)}")
        _unique([o.id for o in options], "option id", table.error)
        _unique([str(o.code) for o in options], "option code", table.error)
        return tuple(options)

    def _questions(
        self,
        root: _Table,
        option_sets: dict[str, tuple[Option, ...]],
        retired: frozenset[int],
        section_ids: list[str],
    ) -> list[Question]:
        questions: list[Question] = []
        for t in root.tables("questions", "questions"):
            qid = t.ident("id")
            code = t.integer("code", 0, MAX_QUESTION_CODE)
            if code in retired:
                raise t.error(f"code {code} belongs to a retired question and may not be reused")
            section = t.ident("section")
            if section not in section_ids:
                raise t.error(f"section '{section}' is not defined under [[sections]]")
            subscale = t.ident("subscale") if t.has("subscale") else None
            if subscale is not None and subscale not in SUBSCALE_IDS:
                raise t.error(f"unknown subscale '{subscale}' (known: {', '.join(SUBSCALE_IDS)})")
            if t.has("options") == t.has("option_set"):
                raise t.error("give either 'options' or 'option_set', not both or neither")
            if t.has("option_set"):
                set_name = t.text("option_set")
                if set_name not in option_sets:
                    raise t.error(f"option_set '{set_name}' is not defined under [option_sets]")
                options = option_sets[set_name]
            else:
                options = self._options(t, t.where, need_points=subscale is not None)
            reverse = t.flag("reverse", False)
            if subscale is None:
                for key in ("weight", "direction", "reverse"):
                    if t.has(key):
                        raise t.error(f"'{key}' only applies to a question with a subscale")
                if any(o.points is not None for o in options):
                    raise t.error("a question without a subscale cannot give options points")
            if reverse:
                top = max(o.points or 0 for o in options)
                options = tuple(
                    Option(o.id, o.code, o.text, top - (o.points or 0)) for o in options
                )
            direction = t.text("direction") if t.has("direction") else None
            if direction is not None and direction not in DIRECTIONS:
                raise t.error(f"direction must be one of {', '.join(DIRECTIONS)}")
            required = t.flag("required", True)
            if subscale is not None and not required:
                raise t.error("a question that feeds a subscale must be required")
            if subscale is not None and max(o.points or 0 for o in options) == 0:
                raise t.error("every option has 0 points, so the question cannot move its subscale")
            questions.append(
                Question(
                    id=qid,
                    code=code,
                    number=0,
                    section=section,
                    text=t.text("text"),
                    options=options,
                    subscale=subscale,
                    direction=direction,
                    weight=t.integer("weight", 1, MAX_WEIGHT, default=1),
                    required=required,
                )
            )
            t.done()
        if not questions:
            raise self.error("there are no questions")
        _unique([q.id for q in questions], "question id", self.error)
        _unique([str(q.code) for q in questions], "question code", self.error)
        return questions

    def _subscales(self, root: _Table, questions: list[Question]) -> tuple[Subscale, ...]:
        subscales: list[Subscale] = []
        for t in root.tables("subscales", "subscales"):
            sid = t.ident("id")
            if sid not in SUBSCALE_IDS:
                raise t.error(f"unknown subscale '{sid}' (known: {', '.join(SUBSCALE_IDS)})")
            bands: list[Band] = []
            for b in t.tables("bands", f"{t.where}.bands"):
                bands.append(Band(b.integer("max", 0, 100), b.text("summary")))
                b.done()
            if not bands or bands[-1].max != 100:
                raise t.error("'bands' must end with a band whose max is 100")
            if any(a.max >= b.max for a, b in pairwise(bands)):
                raise t.error("'bands' must be in increasing order of max")
            sources = t.slugs("sources")
            if not sources:
                raise t.error("'sources' must cite at least one source")
            members = tuple(q for q in questions if q.subscale == sid)
            if not members:
                raise t.error("no question feeds this subscale")
            directed = {q.direction for q in members} - {None}
            if directed and set(directed) != set(DIRECTIONS):
                raise t.error("questions with a direction must cover both directions")
            subscales.append(
                Subscale(
                    sid,
                    t.text("label"),
                    t.text("description"),
                    t.text("low"),
                    t.text("high"),
                    sources,
                    tuple(bands),
                    members,
                )
            )
            t.done()
        _unique([s.id for s in subscales], "subscale id", self.error)
        missing = [s for s in SUBSCALE_IDS if s not in {x.id for x in subscales}]
        if missing:
            raise self.error(f"subscale '{missing[0]}' is not defined under [[subscales]]")
        return tuple(subscales)

    def _tactics(self, root: _Table) -> tuple[Tactic, ...]:
        tactics = []
        for t in root.tables("tactics", "tactics"):
            tactics.append(
                Tactic(t.ident("id"), t.text("label"), t.text("text"), t.slugs("sources"))
            )
            t.done()
        if tuple(t.id for t in tactics) != TACTIC_IDS:
            raise self.error(f"[[tactics]] must list {', '.join(TACTIC_IDS)} in that order")
        return tuple(tactics)

    def _catalog(self, table: _Table) -> dict[str, CatalogEntry]:
        catalog: dict[str, CatalogEntry] = {}
        for slug in list(table.data):
            entry = table.table(slug, f"catalog.{slug}")
            if not _ID.fullmatch(slug):
                raise entry.error("not a valid slug")
            kind = entry.text("kind")
            if kind not in KINDS:
                raise entry.error(f"kind must be one of {', '.join(KINDS)}")
            tactic = entry.text("tactic")
            if tactic not in TACTIC_IDS:
                raise entry.error(f"tactic must be one of {', '.join(TACTIC_IDS)}")
            entry.done()
            catalog[slug] = CatalogEntry(slug, kind, tactic)
        table.done()
        return catalog

    def _outcome(self, t: _Table, outcome_id: str, *, conditional: bool) -> Outcome:
        when = self._condition(t.raw("when"), f"{t.where}.when") if conditional else None
        outcome = Outcome(outcome_id, t.text("label"), t.text("text"), when)
        t.done()
        return outcome

    def _classification(self, table: _Table, kind: str) -> Classification:
        entries = list(table.tables("outcomes", f"{kind}.outcomes"))
        if not entries:
            raise table.error("needs at least one outcome")
        outcomes = []
        for index, t in enumerate(entries):
            last = index == len(entries) - 1
            if last and t.has("when"):
                raise t.error("the last outcome must have no 'when': it catches everything else")
            if not last and not t.has("when"):
                raise t.error("only the last outcome may leave out 'when'")
            outcomes.append(self._outcome(t, t.ident("id"), conditional=not last))
        _unique([o.id for o in outcomes], f"{kind} outcome id", table.error)
        result = Classification(kind, table.text("label"), table.slugs("sources"), tuple(outcomes))
        table.done()
        return result

    def _fit(self, table: _Table) -> FitSpec:
        entries = table.table("outcomes", "fit.outcomes")
        outcomes = {}
        for fid in FIT_IDS:
            if not entries.has(fid):
                raise entries.error(f"missing outcome '{fid}'")
            outcomes[fid] = self._outcome(
                entries.table(fid, f"fit.outcomes.{fid}"), fid, conditional=False
            )
        entries.done()
        fit = FitSpec(
            table.text("label"), table.integer("band", 1, 100), table.slugs("sources"), outcomes
        )
        table.done()
        return fit

    def _flags(self, root: _Table) -> tuple[Flag, ...]:
        flags = []
        for t in root.tables("flags", "flags"):
            flags.append(
                Flag(
                    t.ident("id"),
                    t.text("label"),
                    t.text("reason"),
                    self._condition(t.raw("when"), f"{t.where}.when"),
                    t.slugs("sources"),
                )
            )
            t.done()
        _unique([f.id for f in flags], "flag id", self.error)
        return tuple(flags)

    def _rules(self, root: _Table, catalog: dict[str, CatalogEntry]) -> tuple[Rule, ...]:
        rules = []
        for t in root.tables("rules", "rules"):
            items = []
            for i in t.tables("items", f"{t.where}.items"):
                slug = i.text("slug")
                if slug not in catalog:
                    raise i.error(f"slug '{slug}' is not in [catalog]")
                items.append(RuleItem(slug, i.text("reason")))
                i.done()
            if not items:
                raise t.error("'items' must name at least one slug")
            when = self._condition(t.raw("when"), f"{t.where}.when") if t.has("when") else None
            rules.append(
                Rule(t.ident("id"), when, t.opt_text("note"), t.slugs("sources"), tuple(items))
            )
            t.done()
        _unique([r.id for r in rules], "rule id", self.error)
        return tuple(rules)

    def _condition(self, data: object, where: str) -> Condition:
        t = _Table(data, where, self.source)
        keys = set(t.data)
        condition: Condition
        if keys & {"all", "any"}:
            key = "all" if "all" in keys else "any"
            parts = t.items(key)
            if not parts:
                raise t.error(f"'{key}' needs at least one condition")
            items = tuple(self._condition(p, f"{where}.{key}[{n}]") for n, p in enumerate(parts))
            condition = AllOf(items) if key == "all" else AnyOf(items)
        elif "not" in keys:
            condition = Not(self._condition(t.raw("not"), f"{where}.not"))
        elif "score" in keys:
            metric = t.text("score")
            low = t.integer("min", -100, 100) if t.has("min") else None
            high = t.integer("max", -100, 100) if t.has("max") else None
            if low is None and high is None:
                raise t.error("a score condition needs 'min', 'max' or both")
            if low is not None and high is not None and low > high:
                raise t.error(f"'min' ({low}) is above 'max' ({high})")
            condition = ScoreWithin(metric, low, high)
        elif "answer" in keys:
            options = t.items("in")
            if not options or not all(isinstance(o, str) for o in options):
                raise t.error("'in' must list one or more option ids")
            condition = AnswerOneOf(t.text("answer"), tuple(options))
        elif keys & {"style", "profile", "fit"}:
            kind = next(k for k in ("style", "profile", "fit") if k in keys)
            condition = OutcomeIs(kind, t.text(kind))
        elif "flag" in keys:
            condition = FlagRaised(t.text("flag"))
        else:
            raise t.error(
                "not a condition (expected score, answer, style, profile, fit, flag, "
                "all, any or not)"
            )
        t.done()
        return condition

    def _check_conditions(self, quiz: Quiz) -> None:
        """Every condition refers to things that exist, and only to earlier stages."""
        metrics = set(quiz.metrics())
        outcome_ids = {
            "style": {o.id for o in quiz.style.outcomes},
            "profile": {o.id for o in quiz.profile.outcomes},
            "fit": set(FIT_IDS),
        }
        flag_ids = {f.id for f in quiz.flags}
        staged: list[tuple[str, Condition | None, tuple[type, ...]]] = []
        for kind, cls in (("style", quiz.style), ("profile", quiz.profile)):
            staged += [(f"{kind} outcome '{o.id}'", o.when, ()) for o in cls.outcomes]
        staged += [(f"flag '{f.id}'", f.when, (OutcomeIs,)) for f in quiz.flags]
        staged += [(f"rule '{r.id}'", r.when, (OutcomeIs, FlagRaised)) for r in quiz.rules]
        for where, condition, allowed in staged:
            if condition is None:
                continue
            for part in walk(condition):
                self._check_part(quiz, where, part, allowed, metrics, outcome_ids, flag_ids)
        for flag in quiz.flags:
            for _, field, spec, conversion in string.Formatter().parse(flag.reason):
                if field is None:
                    continue
                if field not in metrics or spec or conversion:
                    raise self.error(f"flag '{flag.id}': reason uses unknown score '{{{field}}}'")

    def _check_part(
        self,
        quiz: Quiz,
        where: str,
        part: Condition,
        allowed: tuple[type, ...],
        metrics: set[str],
        outcome_ids: dict[str, set[str]],
        flag_ids: set[str],
    ) -> None:
        if isinstance(part, OutcomeIs | FlagRaised) and not isinstance(part, allowed):
            tested = f"the {part.kind}" if isinstance(part, OutcomeIs) else "a flag"
            raise self.error(f"{where}: cannot test {tested}, which is decided later")
        if isinstance(part, ScoreWithin) and part.metric not in metrics:
            raise self.error(
                f"{where}: unknown score '{part.metric}' (known: {', '.join(sorted(metrics))})"
            )
        if isinstance(part, AnswerOneOf):
            question = quiz.question(part.question)
            if question is None:
                raise self.error(f"{where}: unknown question '{part.question}'")
            for option in part.options:
                if question.option(option) is None:
                    raise self.error(
                        f"{where}: question '{part.question}' has no option '{option}'"
                    )
        if isinstance(part, OutcomeIs) and part.outcome not in outcome_ids[part.kind]:
            raise self.error(f"{where}: unknown {part.kind} '{part.outcome}'")
        if isinstance(part, FlagRaised) and part.flag not in flag_ids:
            raise self.error(f"{where}: unknown flag '{part.flag}'")
