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
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PLAIN_PATTERN = r"^[^<>\[\]*_`]*$"
PAGE_PATTERN = r"^(?:[a-z0-9-]+/)*[a-z0-9-]+\.md$"
URL_PATTERN = r"^https://[^\s<>\"']+$"

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
    text: Text


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


class Practice(Item):
    summary: Text
    text: Text
    examples: list[Text] = []
    related: list[Slug] = []

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
    """A work the guide cites. Only details we are sure of: no invented titles or links."""

    authors: Text
    year: int | None = None
    work: Text | None = None
    venue: Text | None = None
    # Only a link we have checked, such as the work's DOI address.
    url: Url | None = None
    about: Text


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

    @property
    def filename(self) -> str:
        return f"{self.name}.yml"


KINDS: tuple[Kind, ...] = (
    Kind("definitions", Definition, "balance-and-integration.md"),
    Kind("examples", Example, "balance-and-integration.md"),
    Kind("dimensions", Dimension, "side-by-side.md"),
    Kind("settings", Setting, "work-and-home.md"),
    Kind("forces", Force, "why-the-shift.md"),
    Kind("benefits", Benefit, "why-the-shift.md"),
    Kind("practices", Practice, "design-your-blend.md"),
    Kind("policies", Policy, "organizations.md"),
    Kind("actions", Action, "organizations.md"),
    Kind("faq", Faq, "faq.md"),
    Kind("sources", Source, "sources.md"),
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
    dimensions: list[Dimension]
    settings: list[Setting]
    forces: list[Force]
    benefits: list[Benefit]
    practices: list[Practice]
    policies: list[Policy]
    actions: list[Action]
    faq: list[Faq]
    sources: list[Source]
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

    def source(self, slug: str) -> Source:
        for item in self.sources:
            if item.slug == slug:
                return item
        raise KeyError(f"no source has the slug {slug!r}")

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
    "list_type": "must be a list",
    "model_type": "must be a mapping of fields",
    "dict_type": "must be a mapping of fields",
}


_PATTERN_MESSAGES = {
    SLUG_PATTERN: "must be a slug: lowercase letters and digits joined by single hyphens",
    PLAIN_PATTERN: "must be plain text, without Markdown or HTML (<, >, [, ], *, _ or `)",
    PAGE_PATTERN: "must be a docs page path such as 'faq.md'",
    URL_PATTERN: "must be an https:// address",
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
            loaded.append(_Loaded(item_label, index + 1, slug, kind.model.model_validate(raw)))
        except ValidationError as exc:
            loaded.append(_Loaded(item_label, index + 1, slug, None))
            for error in exc.errors():
                field_name = _field_path(error["loc"])
                if not field_name:
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


def load_guide(data_dir: Path | None = None) -> Guide:
    """Load and validate every data file; raise GuideDataError listing every problem."""
    data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
    errors: list[str] = []
    loaded = {kind.name: _load_file(data_dir, kind, errors) for kind in KINDS}
    slugs_by_kind = _check_slugs(loaded, errors)
    _check_references(loaded, slugs_by_kind, errors)
    if loaded["definitions"]:
        for slug in REQUIRED_DEFINITIONS:
            if slug not in slugs_by_kind["definitions"]:
                errors.append(
                    f"{data_dir.name}/definitions.yml: item {slug!r}: field 'slug': "
                    "is required, the comparison table needs this definition"
                )
    if errors:
        raise GuideDataError(errors)
    return Guide.model_validate(
        {name: [entry.item for entry in entries] for name, entries in loaded.items()}
    )


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
