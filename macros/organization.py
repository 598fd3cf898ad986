"""An organization's own settings: its name, links to its policies and support services, a contact.

They live in one file, `organization.yml` at the project root (or the file named by the ORG_CONFIG
environment variable). The committed file sets nothing, so the default build shows none of this.
An invalid setting stops the build with a message naming the file and the setting.
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


class Organization(_Model):
    """The whole organization file."""

    name: Text
    contact: Contact | None = None
    links: list[OrgLink] = Field(default_factory=list)

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


def _describe(error: ErrorDetails) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown setting"
    if error["type"] == "missing":
        return "required setting is missing"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def parse_organization(
    data: Any, known_slugs: Collection[str], *, name: str = DEFAULT_FILE
) -> Organization | None:
    """Validate already-loaded YAML; None when the file sets nothing."""
    if data is None or data == {}:
        return None
    if not isinstance(data, dict):
        raise OrganizationConfigError(f"{name}: expected settings (key: value), got {data!r}")
    try:
        return Organization.model_validate(data, context={"slugs": frozenset(known_slugs)})
    except ValidationError as exc:
        lines = [f"{name}: {_where(err['loc'])}: {_describe(err)}" for err in exc.errors()]
        raise OrganizationConfigError("\n".join(lines)) from None


def load_organization(
    project_dir: Path, known_slugs: Collection[str], environ: dict[str, str] | None = None
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
    return parse_organization(data, known_slugs, name=name)


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
