"""The guide's structured content: typed models for data/*.yml, loading and validation.

Every item has a slug that becomes its HTML id on the page that shows it, so slugs are unique
across all files and references between items are checked. Errors name the file, the item and the
field, e.g. ``data/faq.yml: item 'set-boundaries': field 'answer': must not be empty``.

Run ``python -m macros.guide_data [DATA_DIR]`` to validate without building the site.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PLAIN_PATTERN = r"^[^<>\[\]*_`]*$"
PAGE_PATTERN = r"^(?:[a-z0-9-]+/)*[a-z0-9-]+\.md$"
URL_PATTERN = r"^https://[^\s<>\"']+$"
DOI_PATTERN = r"^10\.\d{4,9}/\S+$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
# Text is stripped first, so a value of only spaces counts as empty.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
TextList = Annotated[list[Text], Field(min_length=1)]
# FAQ text is also published as JSON-LD, where Markdown or HTML would show up literally.
PlainText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, pattern=PLAIN_PATTERN)
]
DocPage = Annotated[str, StringConstraints(pattern=PAGE_PATTERN)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
Doi = Annotated[str, StringConstraints(pattern=DOI_PATTERN)]


# `related` links may point to an item of any kind; other references name their kinds.
ANY_KIND = ("*",)


class GuideDataError(Exception):
    """Raised with every problem found; ``errors`` holds one readable line per problem."""

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(_Model):
    """Base of every data item: a stable slug (its anchor) and a title."""

    slug: Slug
    title: Text

    # Fields holding slugs of other items, mapped to the kinds they may point to.
    references: ClassVar[dict[str, tuple[str, ...]]] = {}

    def referenced_slugs(self, field: str) -> list[str]:
        value = getattr(self, field)
        return [value] if isinstance(value, str) else list(value)


class Metaphor(_Model):
    name: Text
    text: Text
    # The picture drawn beside it (templates/guide/pictures/<picture>.svg.j2).
    picture: Literal["scale", "mosaic"]


class Challenge(_Model):
    name: Text
    text: Text


class Definition(Item):
    """One of the two models: balance or integration."""

    short: Text
    contrast: Text
    summary: Text
    points: TextList
    helps: Text
    strains: Text
    metaphor: Metaphor
    challenge: Challenge


class Example(Item):
    """A moment from an ordinary week, under one of the two models."""

    model: Literal["balance", "integration"]
    text: Text


class Persona(Item):
    """A kind of reader, what tends to fit them and why."""

    leans: Literal["separate", "mix", "blend"]
    fits: Text
    why: Text
    related: list[Slug] = []

    references: ClassVar[dict[str, tuple[str, ...]]] = {"related": ANY_KIND}


class Question(Item):
    """A step of the "Which should I pick?" guide: the title is the question, asked plainly.

    ``if_yes`` and ``if_no`` name the next question or the outcome each answer leads to (not
    ``yes``/``no``: YAML reads those keys as booleans).
    """

    hint: Text | None = None
    if_yes: Slug
    if_no: Slug

    references: ClassVar[dict[str, tuple[str, ...]]] = {
        "if_yes": ("questions", "outcomes"),
        "if_no": ("questions", "outcomes"),
    }


class Outcome(Item):
    """Where the decision guide can end, and where it sits on the continuum picture."""

    short: Text
    leans: Literal["separate", "mix", "blend"]
    # 0 is full separation, 100 full integration: the outcome's place on the continuum.
    position: Annotated[int, Field(ge=0, le=100)]
    summary: Text
    practices: Annotated[list[Slug], Field(min_length=1)]

    references: ClassVar[dict[str, tuple[str, ...]]] = {"practices": ("practices", "policies")}


class Dimension(Item):
    """A row of the side-by-side table."""

    balance: Text
    integration: Text


class Setting(Item):
    place: Literal["workplace", "home"]
    model: Slug
    summary: Text
    looks_like: TextList
    challenges: TextList

    references: ClassVar[dict[str, tuple[str, ...]]] = {"model": ("definitions",)}


class Force(Item):
    text: Text


class Benefit(Item):
    text: Text


TIME_PATTERN = r"^(?:[01]\d|2[0-3]):[0-5]\d$"
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class Routine(_Model):
    """A practice done at a set time, which the quiz's plan can put in a calendar (.ics): every
    day, or every week on one day, at a suggested local time, for a few minutes."""

    cadence: Literal["daily", "weekly"]
    day: Weekday | None = None
    time: Annotated[str, StringConstraints(pattern=TIME_PATTERN)]
    minutes: Annotated[int, Field(ge=5, le=180)]
    # What the calendar entry says to do: one or two plain sentences (no Markdown in a calendar).
    text: PlainText

    @model_validator(mode="after")
    def _day_fits_cadence(self) -> Routine:
        if self.cadence == "weekly" and self.day is None:
            raise ValueError("day: a weekly routine needs the day it falls on")
        if self.cadence == "daily" and self.day is not None:
            raise ValueError("day: a daily routine falls on every day, so it takes no day")
        return self


class Practice(Item):
    summary: Text
    text: Text
    examples: list[Text] = []
    related: list[Slug] = []
    routine: Routine | None = None

    references: ClassVar[dict[str, tuple[str, ...]]] = {"related": ANY_KIND}


class Policy(Item):
    summary: Text
    text: Text
    points: list[Text] = []
    related: list[Slug] = []

    references: ClassVar[dict[str, tuple[str, ...]]] = {"related": ANY_KIND}


class Action(Item):
    """Something a manager or a senior leader can do."""

    audience: Literal["managers", "leaders"]
    text: Text
    related: list[Slug] = []

    references: ClassVar[dict[str, tuple[str, ...]]] = {"related": ANY_KIND}


class Faq(Item):
    """A question and its answer; the data file says ``question``, the code ``title``."""

    title: PlainText = Field(alias="question")
    group: Literal["models", "day-to-day", "leading"]
    answer: PlainText
    related: list[Slug] = []

    references: ClassVar[dict[str, tuple[str, ...]]] = {"related": ANY_KIND}

    @property
    def question(self) -> str:
        return self.title


class Source(Item):
    """A work the guide cites. Only details we are sure of: no invented titles, pages or DOIs.

    A verified work has a DOI or a checked link, so a reader can find it. ``status: not-found``
    marks a work that circulates as evidence but could not be traced: it is listed so that
    readers (and old links) learn that, it has no DOI or link, and no claim may cite it.
    """

    status: Literal["verified", "not-found"] = "verified"
    authors: Text
    year: int | None = None
    work: Text | None = None
    # A journal (italic in the citation) or, for a book, its publisher.
    venue: Text | None = None
    publisher: Text | None = None
    volume: Text | None = None
    issue: Text | None = None
    pages: Text | None = None
    doi: Doi | None = None
    # Only a link we have checked: a record of the work, or the journal's own site.
    url: Url | None = None
    url_label: Text | None = None
    about: Text
    # Ids of withdrawn entries (e.g. a claim that rested on this work), kept as anchors here.
    old_anchors: list[Slug] = []

    @model_validator(mode="after")
    def _findable(self) -> Source:
        if self.status == "verified" and self.doi is None and self.url is None:
            raise ValueError("doi: a verified source needs a doi or a url, so readers can find it")
        if self.status == "not-found" and (self.doi or self.url):
            raise ValueError("doi: a source that could not be found has no doi or url")
        if self.url is not None and self.url_label is None:
            raise ValueError("url_label: say what the url leads to, e.g. 'the journal's website'")
        return self

    @property
    def doi_url(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else None


class Alias(Item):
    """An old slug of an item, kept as an extra anchor next to it so that links keep working.

    Its title is the title of the item it moved to (filled in when the data is loaded), so code
    that lists titles by slug, such as the quiz pages, can still name it.
    """

    moved_to: Slug
    title: str = ""


class SourceAlias(Alias):
    """An old slug of a source. Like the title, ``authors`` and ``year`` are copied from the
    source at load time, so code that labels citations by slug (the quiz) still can."""

    authors: str = ""
    year: int | None = None

    references: ClassVar[dict[str, tuple[str, ...]]] = {"moved_to": ("sources",)}


class PracticeAlias(Alias):
    references: ClassVar[dict[str, tuple[str, ...]]] = {"moved_to": ("practices",)}


class Claim(Item):
    """An attributed statement the guide makes, and the pages that make it."""

    source: Slug
    text: Text
    pages: Annotated[list[DocPage], Field(min_length=1)]

    references: ClassVar[dict[str, tuple[str, ...]]] = {"source": ("sources",)}


@dataclass(frozen=True)
class Kind:
    """One data file: its items' model and the page where the items are rendered."""

    name: str
    model: type[Item]
    page: str
    # Entries holding this key are validated with ``alias_model`` instead (old slugs).
    alias_key: str | None = None
    alias_model: type[Item] | None = None

    @property
    def filename(self) -> str:
        return f"{self.name}.yml"

    def model_for(self, raw: object) -> type[Item]:
        if self.alias_model is not None and isinstance(raw, dict) and self.alias_key in raw:
            return self.alias_model
        return self.model


KINDS: tuple[Kind, ...] = (
    Kind("definitions", Definition, "balance-and-integration.md"),
    Kind("examples", Example, "balance-and-integration.md"),
    Kind("personas", Persona, "balance-and-integration.md"),
    Kind("questions", Question, "index.md"),
    Kind("outcomes", Outcome, "index.md"),
    Kind("dimensions", Dimension, "side-by-side.md"),
    Kind("settings", Setting, "work-and-home.md"),
    Kind("forces", Force, "why-the-shift.md"),
    Kind("benefits", Benefit, "why-the-shift.md"),
    Kind(
        "practices",
        Practice,
        "design-your-blend.md",
        alias_key="moved_to",
        alias_model=PracticeAlias,
    ),
    Kind("policies", Policy, "organizations.md"),
    Kind("actions", Action, "organizations.md"),
    Kind("faq", Faq, "faq.md"),
    Kind("sources", Source, "sources.md", alias_key="moved_to", alias_model=SourceAlias),
    Kind("claims", Claim, "sources.md"),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}
# The kinds the quiz recommends and an organization's own links may relate to.
RECOMMENDED_KINDS = ("practices", "policies")

# The side-by-side table compares exactly these two definitions.
REQUIRED_DEFINITIONS = ("balance", "integration")


@dataclass(frozen=True)
class Location:
    """Where an item is shown: ``page`` (docs-relative .md path) and ``slug`` as its anchor."""

    kind: str
    page: str
    slug: str
    title: str

    @property
    def target(self) -> str:
        return f"{self.page}#{self.slug}"


class Guide(_Model):
    definitions: list[Definition]
    examples: list[Example]
    personas: list[Persona]
    questions: list[Question]
    outcomes: list[Outcome]
    dimensions: list[Dimension]
    settings: list[Setting]
    forces: list[Force]
    benefits: list[Benefit]
    practices: list[Practice | PracticeAlias]
    policies: list[Policy]
    actions: list[Action]
    faq: list[Faq]
    sources: list[Source | SourceAlias]
    claims: list[Claim]

    def items(self, kind: str) -> list[Item]:
        return list(getattr(self, kind))

    def all_items(self) -> Iterator[tuple[Kind, Item]]:
        for kind in KINDS:
            for item in self.items(kind.name):
                yield kind, item

    def locate(self, slug: str) -> Location:
        """The page and anchor of any item, e.g. for links from the quiz."""
        for kind, item in self.all_items():
            if item.slug == slug:
                return Location(kind.name, kind.page, item.slug, item.title)
        raise KeyError(f"no guide item has the slug {slug!r}")

    def definition(self, slug: str) -> Definition:
        for item in self.definitions:
            if item.slug == slug:
                return item
        raise KeyError(f"no definition has the slug {slug!r}")

    @property
    def works(self) -> list[Source]:
        """The sources themselves, without the aliases that keep old slugs working."""
        return [item for item in self.sources if isinstance(item, Source)]

    @property
    def source_aliases(self) -> list[SourceAlias]:
        return [item for item in self.sources if isinstance(item, SourceAlias)]

    @property
    def habits(self) -> list[Practice]:
        """The practices themselves, without the aliases that keep old slugs working."""
        return [item for item in self.practices if isinstance(item, Practice)]

    def recommendable(self) -> list[tuple[str, Item]]:
        """(kind, item) for each practice and policy the quiz may recommend (no old slugs)."""
        return [
            (kind, item)
            for kind in RECOMMENDED_KINDS
            for item in self.items(kind)
            if not isinstance(item, Alias)
        ]

    def aliases(self, slug: str) -> list[Alias]:
        """The old slugs that now lead to the item ``slug``, in any kind."""
        return [
            item
            for _kind, item in self.all_items()
            if isinstance(item, Alias) and item.moved_to == slug
        ]

    def source(self, slug: str) -> Source:
        for item in self.works:
            if item.slug == slug:
                return item
        for alias in self.source_aliases:
            if alias.slug == slug:
                raise KeyError(f"{slug!r} is an old slug of {alias.moved_to!r}: cite that")
        raise KeyError(f"no source has the slug {slug!r}")

    def aliases_of(self, source_slug: str) -> list[Alias]:
        return self.aliases(source_slug)

    def claims_for(self, source_slug: str) -> list[Claim]:
        return [claim for claim in self.claims if claim.source == source_slug]


# --- loading ---------------------------------------------------------------------------------

_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "string_too_short": "must not be empty",
    "too_short": "must not be empty",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "greater_than_equal": "is too small",
    "less_than_equal": "is too large",
    "list_type": "must be a list",
    "model_type": "must be a mapping of fields",
    "dict_type": "must be a mapping of fields",
}


_PATTERN_MESSAGES = {
    SLUG_PATTERN: "must be a slug: lowercase letters and digits joined by single hyphens",
    PLAIN_PATTERN: "must be plain text, without Markdown or HTML (<, >, [, ], *, _ or `)",
    PAGE_PATTERN: "must be a docs page path such as 'faq.md'",
    URL_PATTERN: "must be an https:// address",
    TIME_PATTERN: "must be a time of day as HH:MM, from 00:00 to 23:59",
}


def _describe(error: Any) -> str:
    kind = error["type"]
    if kind == "string_pattern_mismatch":
        return _PATTERN_MESSAGES[error["ctx"]["pattern"]]
    if kind == "literal_error":
        return f"must be one of {error['ctx']['expected']}"
    return _MESSAGES.get(kind, str(error["msg"]))


def _field_path(loc: Sequence[str | int]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _raw_slug(raw: object) -> str | None:
    slug = raw.get("slug") if isinstance(raw, dict) else None
    return slug if isinstance(slug, str) and slug.strip() else None


@dataclass(frozen=True)
class _Loaded:
    """One raw item: its label for messages, its slug if it has one, the model if it is valid."""

    label: str
    position: int
    slug: str | None
    item: Item | None


def _load_file(data_dir: Path, kind: Kind, errors: list[str]) -> list[_Loaded]:
    """Every item of one file; problems are appended to errors."""
    label = f"{data_dir.name}/{kind.filename}"
    path = data_dir / kind.filename
    if not path.is_file():
        errors.append(f"{label}: file is missing")
        return []
    try:
        raw_items = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        errors.append(f"{label}: not valid YAML: " + " ".join(str(exc).split()))
        return []
    if not isinstance(raw_items, list) or not raw_items:
        errors.append(f"{label}: must be a non-empty list of items")
        return []
    loaded: list[_Loaded] = []
    for index, raw in enumerate(raw_items):
        slug = _raw_slug(raw)
        item_label = f"{label}: " + (f"item {slug!r}" if slug else f"item #{index + 1}")
        try:
            model = kind.model_for(raw)
            loaded.append(_Loaded(item_label, index + 1, slug, model.model_validate(raw)))
        except ValidationError as exc:
            loaded.append(_Loaded(item_label, index + 1, slug, None))
            for error in exc.errors():
                field_name = _field_path(error["loc"])
                if error["type"] == "value_error":
                    # A check across fields: its message starts with the field it is about,
                    # inside the nested field (routine.day) when the check is a nested model's.
                    inner, _, problem = str(error["ctx"]["error"]).partition(": ")
                    field_name = f"{field_name}.{inner}" if field_name else inner
                    errors.append(f"{item_label}: field {field_name!r}: {problem}")
                elif not field_name:
                    errors.append(f"{item_label}: must be a mapping of fields")
                else:
                    errors.append(f"{item_label}: field {field_name!r}: {_describe(error)}")
    return loaded


def _check_slugs(loaded: dict[str, list[_Loaded]], errors: list[str]) -> dict[str, set[str]]:
    """Slugs become HTML ids and `related` names no kind, so slugs are unique across files."""
    first_use: dict[str, str] = {}
    slugs_by_kind: dict[str, set[str]] = {}
    for kind in KINDS:
        slugs_by_kind[kind.name] = set()
        for entry in loaded[kind.name]:
            if entry.slug is None:
                continue
            if entry.slug in first_use:
                errors.append(
                    f"{entry.label}: field 'slug': duplicate slug (item #{entry.position} of "
                    f"the file); already used by {first_use[entry.slug]}"
                )
            else:
                first_use[entry.slug] = entry.label
            slugs_by_kind[kind.name].add(entry.slug)
    return slugs_by_kind


def _check_references(
    loaded: dict[str, list[_Loaded]], slugs_by_kind: dict[str, set[str]], errors: list[str]
) -> None:
    every_slug = set().union(*slugs_by_kind.values())
    for kind in KINDS:
        for entry in loaded[kind.name]:
            if entry.item is None:
                continue
            for field_name, targets in type(entry.item).references.items():
                if targets == ANY_KIND:
                    known, where = every_slug, "any data file"
                else:
                    known = set().union(*(slugs_by_kind[target] for target in targets))
                    where = ", ".join(f"{KIND_BY_NAME[t].filename}" for t in targets)
                for slug in entry.item.referenced_slugs(field_name):
                    if slug not in known:
                        errors.append(
                            f"{entry.label}: field {field_name!r}: "
                            f"{slug!r} is not the slug of an item in {where}"
                        )


def _check_sources(loaded: dict[str, list[_Loaded]], errors: list[str]) -> None:
    """Claims cite verified works, not an alias or a work that could not be found."""
    for kind in KINDS:
        if kind.alias_model is None:
            continue
        items = {e.item.slug: e.item for e in loaded[kind.name] if e.item is not None}
        for entry in loaded[kind.name]:
            if isinstance(entry.item, Alias) and isinstance(items.get(entry.item.moved_to), Alias):
                errors.append(
                    f"{entry.label}: field 'moved_to': {entry.item.moved_to!r} is itself an "
                    "alias; point to the item it moved to"
                )
    sources = {e.item.slug: e.item for e in loaded["sources"] if e.item is not None}
    for entry in loaded["claims"]:
        if not isinstance(entry.item, Claim):
            continue
        source = sources.get(entry.item.source)
        if isinstance(source, Alias):
            errors.append(
                f"{entry.label}: field 'source': {entry.item.source!r} is an old slug; "
                f"cite {source.moved_to!r}"
            )
        elif isinstance(source, Source) and source.status != "verified":
            errors.append(
                f"{entry.label}: field 'source': {entry.item.source!r} could not be found, "
                "so no claim may rest on it"
            )


def _check_decision(loaded: dict[str, list[_Loaded]], errors: list[str]) -> None:
    """The decision guide starts at its first question, never loops and reaches every step."""
    questions = {e.item.slug: e.item for e in loaded["questions"] if isinstance(e.item, Question)}
    outcomes = {e.item.slug for e in loaded["outcomes"] if e.item is not None}
    if not questions:
        return
    label = f"{loaded['questions'][0].label}"
    reached: set[str] = set()

    def walk(slug: str, path: tuple[str, ...]) -> None:
        if slug in path:
            errors.append(f"{label}: field 'if_yes': the questions loop ({' -> '.join(path)})")
            return
        reached.add(slug)
        question = questions.get(slug)
        if question is not None:
            for answer in (question.if_yes, question.if_no):
                walk(answer, (*path, slug))

    walk(next(iter(questions)), ())
    for entry in [*loaded["questions"], *loaded["outcomes"]]:
        if entry.slug and entry.slug not in reached and entry.slug in {*questions, *outcomes}:
            errors.append(f"{entry.label}: field 'slug': no answer leads here")


def _titled_aliases(entries: list[_Loaded]) -> list[Item]:
    """Each alias takes the title of the item it moved to."""
    targets = {e.item.slug: e.item for e in entries if e.item and not isinstance(e.item, Alias)}
    items: list[Item] = []
    for entry in entries:
        assert entry.item is not None
        if isinstance(entry.item, Alias):
            target = targets[entry.item.moved_to]
            fields = type(entry.item).model_fields
            update: dict[str, Any] = {
                name: getattr(target, name)
                for name in ("title", "authors", "year")
                if name in fields
            }
            items.append(entry.item.model_copy(update=update))
        else:
            items.append(entry.item)
    return items


def load_guide(data_dir: Path | None = None) -> Guide:
    """Load and validate every data file; raise GuideDataError listing every problem."""
    data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
    errors: list[str] = []
    loaded = {kind.name: _load_file(data_dir, kind, errors) for kind in KINDS}
    slugs_by_kind = _check_slugs(loaded, errors)
    _check_references(loaded, slugs_by_kind, errors)
    _check_sources(loaded, errors)
    _check_decision(loaded, errors)
    if loaded["definitions"]:
        for slug in REQUIRED_DEFINITIONS:
            if slug not in slugs_by_kind["definitions"]:
                errors.append(
                    f"{data_dir.name}/definitions.yml: item {slug!r}: field 'slug': "
                    "is required, the comparison table needs this definition"
                )
    if errors:
        raise GuideDataError(errors)
    items: dict[str, list[Item | None]] = {
        name: [entry.item for entry in entries] for name, entries in loaded.items()
    }
    for kind in KINDS:
        if kind.alias_model is not None:
            items[kind.name] = list(_titled_aliases(loaded[kind.name]))
    return Guide.model_validate(items)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    data_dir = Path(args[0]) if args else DATA_DIR
    try:
        guide = load_guide(data_dir)
    except GuideDataError as exc:
        for line in exc.errors:
            print(line, file=sys.stderr)
        print(f"{len(exc.errors)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    count = sum(1 for _ in guide.all_items())
    print(f"{data_dir}: {count} items in {len(KINDS)} files, all valid")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
