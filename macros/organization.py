"""An organization's own settings: its name, links to its policies and support services, a
contact, its branding (logo, colors, an introduction), extra FAQ entries and pages, and the
sections it leaves out.

They live in one file, `organization.yml` at the project root (or the file named by the ORG_CONFIG
environment variable). The committed file sets nothing, so the default build shows none of this.
An invalid setting stops the build with a message naming the file and the setting. Paths in the
file (the logo, the pages folder) are relative to the file itself.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from macros.colors import ColorContrastError, check_brand_color
from macros.guide_data import Faq

ENV_VAR = "ORG_CONFIG"
DEFAULT_FILE = "organization.yml"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
LinkKind = Literal["policy", "support"]

_URL = re.compile(r"https?://[^\s/?#]+[^\s]*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class OrganizationConfigError(ValueError):
    """The organization file is unreadable or one of its settings is invalid."""


def _check_url(value: str) -> str:
    # Only web addresses: a `javascript:` or relative URL in a config file is a mistake.
    if not _URL.fullmatch(value):
        raise ValueError(f"not a web address starting with https:// or http://: {value!r}")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Model):
    """Who readers ask about the organization's own policies."""

    name: Text
    email: Text | None = None
    url: Text | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.fullmatch(value):
            raise ValueError(f"not an email address: {value!r}")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else _check_url(value)

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if self.email is None and self.url is None:
            raise ValueError("give an email or a url (or both) so readers can reach the contact")
        return self


class OrgLink(_Model):
    """One of the organization's own policies or support services."""

    title: Text
    url: Text
    kind: LinkKind
    description: Text | None = None
    relates_to: list[str] = Field(default_factory=list)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return _check_url(value)

    @field_validator("relates_to")
    @classmethod
    def _known_slugs(cls, value: list[str], info: ValidationInfo) -> list[str]:
        known: Collection[str] = (info.context or {}).get("slugs", ())
        for slug in value:
            if slug not in known:
                close = difflib.get_close_matches(slug, list(known), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ValueError(f"unknown slug {slug!r}{hint}")
        if len(set(value)) != len(value):
            raise ValueError("a slug is listed twice")
        return value


HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


class Colors(_Model):
    """The header and link color (primary) and the color under the pointer (accent), as hex."""

    primary: Text | None = None
    accent: Text | None = None

    @field_validator("primary", "accent")
    @classmethod
    def _readable(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        if not HEX_COLOR.fullmatch(value):
            raise ValueError(f"not a hex color such as '#1f4e79': {value!r}")
        try:
            check_brand_color(value, role=str(info.field_name))
        except ColorContrastError as exc:
            raise ValueError(str(exc)) from None
        return value.lower()


# Sections an organization may leave out: setting name -> the pages that go with it.
HIDEABLE: dict[str, tuple[str, ...]] = {
    "team_map": ("quiz/team-map.md",),
    "worksheet": ("quiz/worksheet.md",),
    "organizations": ("organizations.md",),
}
Hideable = Literal["team_map", "worksheet", "organizations"]

# Extra pages are published below this folder of the site, e.g. local/parental-leave/.
EXTRA_PAGES_DIR = "local"
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*\n", re.S)
_H1 = re.compile(r"^#\s+(\S.*?)\s*#*\s*$", re.M)
_PAGE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.md")


def page_title(text: str) -> str | None:
    """A Markdown page's title: its front matter `title:` or its first `# Heading`."""
    body = text
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and isinstance(meta.get("title"), str) and meta["title"].strip():
            return str(meta["title"]).strip()
        body = text[match.end() :]
    heading = _H1.search(body)
    return heading.group(1) if heading else None


class ExtraPage(_Model):
    """One page of the organization's own, found in the pages folder."""

    source: Path
    name: str
    title: str

    @property
    def src_uri(self) -> str:
        return f"{EXTRA_PAGES_DIR}/{self.name}"


class ExtraPages(_Model):
    """A folder of Markdown pages added to the navigation under a section of their own."""

    folder: Text
    section: Text | None = None
    found: list[ExtraPage] = Field(default_factory=list, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _read_folder(cls, data: Any, info: ValidationInfo) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("folder"), str):
            return data
        if "found" in data:
            raise ValueError("unknown setting 'found'")
        base = Path((info.context or {}).get("base_dir") or ".")
        folder = base / data["folder"].strip()
        if not folder.is_dir():
            raise ValueError(f"folder not found: {folder}")
        pages = []
        for path in sorted(folder.glob("*.md")):
            if not _PAGE_NAME.fullmatch(path.name):
                raise ValueError(
                    f"{path.name}: page file names are lowercase words joined by hyphens, "
                    "such as 'parental-leave.md' (they become the page's address)"
                )
            title = page_title(path.read_text(encoding="utf-8"))
            if title is None:
                raise ValueError(
                    f"{path.name} has no title: start it with front matter `title: ...` "
                    "or a first heading `# ...`"
                )
            pages.append({"source": path, "name": path.name, "title": title})
        if not pages:
            raise ValueError(f"no .md page in {folder}")
        return {**data, "found": pages}


class Organization(_Model):
    """The whole organization file."""

    name: Text
    # The guide's name in the header and page titles; default "<guide> at <name>".
    site_name: Text | None = None
    contact: Contact | None = None
    links: list[OrgLink] = Field(default_factory=list)
    logo: Text | None = None
    colors: Colors | None = None
    # Markdown, shown on the home page under the heading "At <name>".
    intro: Text | None = None
    faq: list[Faq] = Field(default_factory=list)
    pages: ExtraPages | None = None
    hide: list[Hideable] = Field(default_factory=list)
    # Where the guide's source lives; the "Use this guide" page links to it and its releases.
    repository: Text | None = None
    # Filled in by parse_organization: the logo file, resolved against the settings file.
    logo_path: Path | None = Field(default=None, exclude=True)

    @field_validator("logo")
    @classmethod
    def _logo(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        path = Path((info.context or {}).get("base_dir") or ".") / value
        if not path.is_file():
            raise ValueError(f"logo file not found: {path}")
        if path.suffix.lower() not in {".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"}:
            raise ValueError(f"the logo must be an .svg, .png, .jpg, .webp or .gif file: {value!r}")
        return value

    @field_validator("repository")
    @classmethod
    def _repository(cls, value: str | None) -> str | None:
        return None if value is None else _check_url(value).rstrip("/")

    @field_validator("faq")
    @classmethod
    def _faq_slugs(cls, value: list[Faq], info: ValidationInfo) -> list[Faq]:
        taken: Collection[str] = (info.context or {}).get("guide_slugs", ())
        every = set(taken) | {item.slug for item in value}
        seen: set[str] = set()
        for index, item in enumerate(value):
            if item.slug in taken or item.slug in seen:
                raise ValueError(f"entry {index + 1}: slug {item.slug!r} is already used")
            seen.add(item.slug)
            for slug in item.related:
                if slug not in every:
                    close = difflib.get_close_matches(slug, sorted(every), n=1)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    raise ValueError(f"entry {index + 1}: related: unknown slug {slug!r}{hint}")
        return value

    @field_validator("hide")
    @classmethod
    def _hide_once(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a section is listed twice")
        return value

    @model_validator(mode="after")
    def _resolve_logo(self, info: ValidationInfo) -> Organization:
        if self.logo is not None:
            base = Path((info.context or {}).get("base_dir") or ".")
            object.__setattr__(self, "logo_path", (base / self.logo).resolve())
        return self

    def hidden_pages(self) -> frozenset[str]:
        """The docs pages (src paths) of the sections this organization leaves out."""
        return frozenset(page for key in self.hide for page in HIDEABLE[key])

    def extra_pages(self) -> list[ExtraPage]:
        return list(self.pages.found) if self.pages else []

    def section_title(self) -> str:
        return self.pages.section if self.pages and self.pages.section else f"At {self.name}"

    def links_of(self, kind: LinkKind | None = None) -> list[OrgLink]:
        return [link for link in self.links if kind is None or link.kind == kind]

    def links_for(self, slug: str) -> list[OrgLink]:
        return [link for link in self.links if slug in link.relates_to]


def config_path(project_dir: Path, environ: dict[str, str] | None = None) -> tuple[Path, str]:
    """The file to read and the name to show in messages; ORG_CONFIG wins over the default."""
    chosen = (os.environ if environ is None else environ).get(ENV_VAR, "").strip()
    if chosen:
        path = Path(chosen)
        return (path if path.is_absolute() else Path.cwd() / path), chosen
    return project_dir / DEFAULT_FILE, DEFAULT_FILE


def _where(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _known_settings() -> list[str]:
    models: list[type[BaseModel]] = [Organization, Contact, OrgLink, Colors, ExtraPages, Faq]
    names: set[str] = set()
    for model in models:
        for field_name, info in model.model_fields.items():
            names.add(info.alias or field_name)
    return sorted(names - {"found", "logo_path"})


def _describe(error: ErrorDetails) -> str:
    if error["type"] == "extra_forbidden":
        unknown = str(error["loc"][-1]) if error["loc"] else ""
        close = difflib.get_close_matches(unknown, _known_settings(), n=1)
        return "unknown setting" + (f" (did you mean {close[0]!r}?)" if close else "")
    if error["type"] == "missing":
        return "required setting is missing"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def parse_organization(
    data: Any,
    known_slugs: Collection[str],
    *,
    name: str = DEFAULT_FILE,
    base_dir: Path | None = None,
    guide_slugs: Collection[str] = (),
) -> Organization | None:
    """Validate already-loaded YAML; None when the file sets nothing. Paths in it are relative
    to base_dir (the settings file's folder); FAQ slugs must not clash with guide_slugs."""
    if data is None or data == {}:
        return None
    if not isinstance(data, dict):
        raise OrganizationConfigError(f"{name}: expected settings (key: value), got {data!r}")
    try:
        context = {
            "slugs": frozenset(known_slugs),
            "guide_slugs": frozenset(guide_slugs) | frozenset(known_slugs),
            "base_dir": base_dir or Path.cwd(),
        }
        return Organization.model_validate(data, context=context)
    except ValidationError as exc:
        lines = [f"{name}: {_where(err['loc'])}: {_describe(err)}" for err in exc.errors()]
        raise OrganizationConfigError("\n".join(lines)) from None


def load_organization(
    project_dir: Path,
    known_slugs: Collection[str],
    environ: dict[str, str] | None = None,
    *,
    guide_slugs: Collection[str] = (),
) -> Organization | None:
    """Read and validate the organization file; None when it is absent or sets nothing."""
    path, name = config_path(project_dir, environ)
    if not path.exists():
        if name == DEFAULT_FILE:
            return None
        raise OrganizationConfigError(f"{name}: file not found (set by {ENV_VAR})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise OrganizationConfigError(f"{name}: not valid YAML: {exc}") from None
    return parse_organization(
        data, known_slugs, name=name, base_dir=path.parent, guide_slugs=guide_slugs
    )


def organization_links_for(org: Organization | None, slug: str) -> list[dict[str, str]]:
    """JSON-ready links for one guide item, for the quiz page's slug map (none without a config)."""
    if org is None:
        return []
    return [
        {"title": link.title, "url": link.url, "description": link.description or ""}
        for link in org.links_for(slug)
    ]


def organization_json(org: Organization | None) -> dict[str, Any] | None:
    """The name and contact, JSON-ready, for pages whose script renders them (None without one)."""
    if org is None:
        return None
    contact = org.contact.model_dump(exclude_none=True) if org.contact else None
    return {"name": org.name, "contact": contact}
