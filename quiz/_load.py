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
    CLASSIFICATIONS,
    CONSTRUCTS,
    DIRECTIONAL,
    DIRECTIONS,
    FIT_IDS,
    OUTCOME_KINDS,
    TACTIC_IDS,
    Band,
    CatalogEntry,
    Classification,
    Cycling,
    Direction,
    FitSpec,
    Flag,
    Option,
    Outcome,
    Question,
    Quiz,
    Rule,
    RuleItem,
    Scale,
    Section,
    Support,
    Tactic,
    gap_metrics,
    scale_id,
)

DATA_FILE = "quiz.toml"
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# A share code stores one option per question in four bits; 0 means "not answered".
MAX_OPTIONS = 15
MAX_QUESTION_CODE = 511
MAX_POINTS = 10
MAX_QUESTIONS = 36
# Fixed words every consumer needs; more may be added freely.
REQUIRED_TEXTS = (
    "result_heading",
    "support_heading",
    "support_fallback",
    "flags_heading",
    "flags_empty",
    "recommendations_heading",
    "why_heading",
    "why_intro",
    "you_answered",
    "of_100",
    "points_up",
    "points_down",
    "points_none",
    "basis_style",
    "basis_days",
    "older_version",
    "older_version_complete",
    "kind_style",
    "kind_days",
    "kind_control",
    "kind_identity",
    "kind_cycling",
    "kind_fit",
)


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
        retired_ids = frozenset(root.slugs("retired_question_ids"))
        max_recs = root.integer("max_recommendations", 1, 50)
        texts = self._texts(root.table("texts", "texts"))
        directions = self._directions(root)
        option_sets = self._option_sets(root.table("option_sets", "option_sets"))
        section_meta = [
            (t.ident("id"), t.text("title"), t.text("intro"), t)
            for t in root.tables("sections", "sections")
        ]
        for *_, t in section_meta:
            t.done()
        _unique([s[0] for s in section_meta], "section id", self.error)
        scale_ids = self._scale_ids(root)
        questions = self._questions(
            root, option_sets, retired, [s[0] for s in section_meta], scale_ids
        )
        reused = sorted(retired_ids & {q.id for q in questions})
        if reused:
            raise self.error(f"question id '{reused[0]}' is retired and may not be reused")
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
        if len(questions) > MAX_QUESTIONS:
            raise self.error(f"{len(questions)} questions; the quiz asks at most {MAX_QUESTIONS}")
        scales = self._scales(root, questions, directions)
        classifications = {
            kind: self._classification(root.table(kind, kind), kind) for kind in CLASSIFICATIONS
        }
        cycling = self._cycling(root.table("cycling", "cycling"), questions)
        fit = self._fit(root.table("fit", "fit"))
        support = self._support(root.table("support", "support"))
        flags = self._flags(root)
        tactics = self._tactics(root)
        catalog = self._catalog(root.table("catalog", "catalog"))
        rules = self._rules(root, catalog)
        root.done()
        quiz = Quiz(
            version=version,
            title=title,
            disclaimer=disclaimer,
            texts=texts,
            directions=directions,
            sections=tuple(sections),
            scales=scales,
            style=classifications["style"],
            days=classifications["days"],
            control=classifications["control"],
            identity=classifications["identity"],
            cycling=cycling,
            fit=fit,
            support=support,
            flags=flags,
            tactics=tactics,
            catalog=catalog,
            rules=rules,
            max_recommendations=max_recs,
            retired_question_codes=retired,
            retired_question_ids=retired_ids,
        )
        self._check_conditions(quiz)
        self._check_texts(quiz)
        return quiz

    def _texts(self, table: _Table) -> dict[str, str]:
        texts: dict[str, str] = {}
        for key in list(table.data):
            if not re.fullmatch(r"[a-z0-9_]+", key):
                raise table.error(f"'{key}' is not a valid text key (lowercase, digits, _)")
            texts[key] = table.text(key)
        for key in REQUIRED_TEXTS:
            if key not in texts:
                raise table.error(f"missing key '{key}'")
        table.done()
        return texts

    def _directions(self, root: _Table) -> tuple[Direction, ...]:
        directions = []
        for t in root.tables("directions", "directions"):
            directions.append(Direction(t.ident("id"), t.ident("key"), t.text("label")))
            t.done()
        if tuple(d.id for d in directions) != DIRECTIONS:
            raise self.error(f"[[directions]] must list {', '.join(DIRECTIONS)} in that order")
        _unique([d.key for d in directions], "direction key", self.error)
        return tuple(directions)

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
                raise t.error("missing key 'points' (questions that feed a scale need points)")
            options.append(
                Option(t.ident("id"), t.integer("code", 0, MAX_OPTIONS - 1), t.text("text"), points)
            )
            t.done()
        if not 2 <= len(options) <= MAX_OPTIONS:
            raise table.error(f"needs 2 to {MAX_OPTIONS} options, has {len(options)}")
        _unique([o.id for o in options], "option id", table.error)
        _unique([str(o.code) for o in options], "option code", table.error)
        return tuple(options)

    def _scale_ids(self, root: _Table) -> list[str]:
        return [
            t.data["id"]
            for t in root.tables("scales", "scales")
            if isinstance(t.data.get("id"), str)
        ]

    def _questions(
        self,
        root: _Table,
        option_sets: dict[str, tuple[Option, ...]],
        retired: frozenset[int],
        section_ids: list[str],
        scale_ids: list[str],
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
            scale = t.ident("scale") if t.has("scale") else None
            if scale is not None and scale not in scale_ids:
                raise t.error(f"scale '{scale}' is not defined under [[scales]]")
            if t.has("options") == t.has("option_set"):
                raise t.error("give either 'options' or 'option_set', not both or neither")
            if t.has("option_set"):
                set_name = t.text("option_set")
                if set_name not in option_sets:
                    raise t.error(f"option_set '{set_name}' is not defined under [option_sets]")
                options = option_sets[set_name]
            else:
                options = self._options(t, t.where, need_points=scale is not None)
            reverse = t.flag("reverse", False)
            if scale is None:
                if t.has("reverse"):
                    raise t.error("'reverse' only applies to a question with a scale")
                if any(o.points is not None for o in options):
                    raise t.error("a question without a scale cannot give options points")
            if reverse:
                top = max(o.points or 0 for o in options)
                options = tuple(
                    Option(o.id, o.code, o.text, top - (o.points or 0)) for o in options
                )
            required = t.flag("required", True)
            if scale is not None and not required:
                raise t.error("a question that feeds a scale must be required")
            if scale is not None and max(o.points or 0 for o in options) == 0:
                raise t.error("every option has 0 points, so the question cannot move its scale")
            questions.append(
                Question(
                    id=qid,
                    code=code,
                    number=0,
                    section=section,
                    text=t.text("text"),
                    options=options,
                    scale=scale,
                    required=required,
                )
            )
            t.done()
        if not questions:
            raise self.error("there are no questions")
        _unique([q.id for q in questions], "question id", self.error)
        _unique([str(q.code) for q in questions], "question code", self.error)
        return questions

    def _scales(
        self, root: _Table, questions: list[Question], directions: tuple[Direction, ...]
    ) -> tuple[Scale, ...]:
        scales: list[Scale] = []
        for t in root.tables("scales", "scales"):
            sid = t.ident("id")
            construct = t.ident("construct")
            if construct not in CONSTRUCTS:
                raise t.error(f"unknown construct '{construct}' (known: {', '.join(CONSTRUCTS)})")
            direction = t.ident("direction") if t.has("direction") else None
            if (direction is not None) != (construct in DIRECTIONAL):
                raise t.error(
                    "a direction is needed exactly for "
                    + ", ".join(DIRECTIONAL)
                    + f" (this scale measures {construct})"
                )
            if direction is not None:
                if direction not in DIRECTIONS:
                    raise t.error(f"direction must be one of {', '.join(DIRECTIONS)}")
                expected = scale_id(construct, next(d for d in directions if d.id == direction))
                if sid != expected:
                    raise t.error(f"a {construct} scale for {direction} must have id '{expected}'")
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
            members = tuple(q for q in questions if q.scale == sid)
            if not members:
                raise t.error("no question feeds this scale")
            scales.append(
                Scale(
                    sid,
                    construct,
                    direction,
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
        _unique([s.id for s in scales], "scale id", self.error)
        ids = {s.id for s in scales}
        needed = [scale_id(c, d) for c in DIRECTIONAL for d in directions]
        needed += ["control", "identity-work", "identity-life", "strain"]
        missing = [s for s in needed if s not in ids]
        if missing:
            raise self.error(f"scale '{missing[0]}' is not defined under [[scales]]")
        return tuple(scales)

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

    def _unless(self, t: _Table) -> Condition | None:
        return self._condition(t.raw("unless"), f"{t.where}.unless") if t.has("unless") else None

    def _catalog(self, table: _Table) -> dict[str, CatalogEntry]:
        catalog: dict[str, CatalogEntry] = {}
        for slug in list(table.data):
            entry = table.table(slug, f"catalog.{slug}")
            if not _ID.fullmatch(slug):
                raise entry.error("not a valid slug")
            tactic = entry.text("tactic")
            if tactic not in TACTIC_IDS:
                raise entry.error(f"tactic must be one of {', '.join(TACTIC_IDS)}")
            catalog[slug] = CatalogEntry(slug, tactic, self._unless(entry))
            entry.done()
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

    def _cycling(self, table: _Table, questions: list[Question]) -> Cycling:
        question_id = table.ident("question")
        question = next((q for q in questions if q.id == question_id), None)
        if question is None or question.scale is not None:
            raise table.error(f"'question' must name a context question, not {question_id!r}")
        options = tuple(table.items("options"))
        if not options or any(question.option(str(o)) is None for o in options):
            raise table.error(f"'options' must list options of question '{question_id}'")
        outcome = Outcome(table.ident("id"), table.text("label"), table.text("text"), None)
        cycling = Cycling(
            question_id, tuple(str(o) for o in options), outcome, table.slugs("sources")
        )
        table.done()
        return cycling

    def _fit(self, table: _Table) -> FitSpec:
        outcomes: dict[str, dict[str, Outcome]] = {}
        for direction in DIRECTIONS:
            entries = table.table(direction, f"fit.{direction}")
            outcomes[direction] = {}
            for fid in FIT_IDS:
                if not entries.has(fid):
                    raise entries.error(f"missing outcome '{fid}'")
                outcomes[direction][fid] = self._outcome(
                    entries.table(fid, f"fit.{direction}.{fid}"), fid, conditional=False
                )
            entries.done()
        summary = table.table("summary", "fit.summary")
        fit = FitSpec(
            table.text("label"),
            table.integer("intrusion", 1, 100),
            table.integer("restriction", 1, 100),
            table.slugs("sources"),
            outcomes,
            summary.text("good-fit"),
            summary.text("misfit"),
        )
        summary.done()
        table.done()
        return fit

    def _support(self, table: _Table) -> Support:
        support = Support(
            table.integer("min_strain", 0, 100), table.text("text"), table.slugs("sources")
        )
        table.done()
        return support

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
                items.append(RuleItem(slug, i.text("reason"), self._unless(i)))
                i.done()
            if not items:
                raise t.error("'items' must name at least one slug")
            when = self._condition(t.raw("when"), f"{t.where}.when") if t.has("when") else None
            rules.append(
                Rule(
                    t.ident("id"),
                    t.integer("relevance", 1, 1000),
                    when,
                    self._unless(t),
                    t.opt_text("note"),
                    t.slugs("sources"),
                    tuple(items),
                )
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
        elif "outcome" in keys:
            kind = t.text("outcome")
            if kind not in OUTCOME_KINDS:
                raise t.error(f"unknown outcome kind '{kind}' (known: {', '.join(OUTCOME_KINDS)})")
            condition = OutcomeIs(kind, t.text("is"))
        elif "flag" in keys:
            condition = FlagRaised(t.text("flag"))
        else:
            raise t.error(
                "not a condition (expected score, answer, outcome, flag, all, any or not)"
            )
        t.done()
        return condition

    def _check_conditions(self, quiz: Quiz) -> None:
        """Every condition refers to things that exist, and only to earlier stages."""
        metrics = set(quiz.metrics())
        outcome_ids: dict[str, set[str]] = {
            kind: {o.id for o in quiz.classification(kind).outcomes} for kind in CLASSIFICATIONS
        }
        outcome_ids["cycling"] = {quiz.cycling.outcome.id}
        for direction in quiz.directions:
            outcome_ids[f"fit-{direction.key}"] = set(FIT_IDS)
        flag_ids = {f.id for f in quiz.flags}
        staged: list[tuple[str, Condition | None, tuple[type, ...]]] = []
        for kind in CLASSIFICATIONS:
            staged += [
                (f"{kind} outcome '{o.id}'", o.when, ()) for o in quiz.classification(kind).outcomes
            ]
        staged += [(f"flag '{f.id}'", f.when, (OutcomeIs,)) for f in quiz.flags]
        for rule in quiz.rules:
            staged.append((f"rule '{rule.id}'", rule.when, (OutcomeIs, FlagRaised)))
            staged.append((f"rule '{rule.id}' unless", rule.unless, (OutcomeIs, FlagRaised)))
            staged += [
                (f"rule '{rule.id}' item '{i.slug}' unless", i.unless, (OutcomeIs, FlagRaised))
                for i in rule.items
            ]
        staged += [
            (f"catalog '{e.slug}' unless", e.unless, (OutcomeIs, FlagRaised))
            for e in quiz.catalog.values()
        ]
        for where, condition, allowed in staged:
            if condition is None:
                continue
            for part in walk(condition):
                self._check_part(quiz, where, part, allowed, metrics, outcome_ids, flag_ids)

    def _check_texts(self, quiz: Quiz) -> None:
        """Every {name} in a flag reason or a basis text is a score the result has."""
        metrics = set(quiz.metrics())
        checked = [(f"flag '{f.id}'", f.reason) for f in quiz.flags]
        checked += [(f"texts.{k}", quiz.texts[k]) for k in ("basis_style", "basis_days")]
        for where, text in checked:
            for _, field, spec, conversion in string.Formatter().parse(text):
                if field is None:
                    continue
                if field not in metrics or spec or conversion:
                    raise self.error(f"{where}: uses unknown score '{{{field}}}'")
        scales = {s.id for s in quiz.scales}
        for direction in quiz.directions:
            for metric in gap_metrics(direction):
                assert metric not in scales

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
