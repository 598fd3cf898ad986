"""An organization's own settings: validated with clear messages, shown only when configured."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from devtools.build import build_site
from devtools.project import REPO_ROOT
from macros.guide_data import load_guide
from macros.organization import (
    ENV_VAR,
    OrganizationConfigError,
    load_organization,
    parse_organization,
)
from tests.site.conftest import ORGANIZATION_SAMPLE as SAMPLE

SAMPLE_NAME = "Example Corp"


@pytest.fixture(scope="module")
def slugs() -> set[str]:
    guide = load_guide()
    return {item.slug for item in [*guide.practices, *guide.policies]}


def _quiz_links(site: Path) -> dict[str, dict[str, object]]:
    html = (site / "quiz" / "index.html").read_text(encoding="utf-8")
    match = re.search(r"<script type=\"application/json\" data-quiz-links>(.*?)</script>", html)
    assert match, "the quiz page has no slug map"
    links: dict[str, dict[str, object]] = json.loads(match.group(1))
    return links


# --- validation ---------------------------------------------------------------------------


def test_committed_file_sets_nothing(slugs: set[str]) -> None:
    assert load_organization(REPO_ROOT, slugs, environ={}) is None


def test_sample_is_valid(slugs: set[str]) -> None:
    org = load_organization(REPO_ROOT, slugs, environ={ENV_VAR: str(SAMPLE)})
    assert org is not None
    assert org.name == SAMPLE_NAME
    assert [link.title for link in org.links_for("right-to-disconnect")] == [
        "After-hours messaging norms"
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["links"][1].update(relates_to=["right-to-disconect"]),
            "links[1].relates_to: unknown slug 'right-to-disconect' "
            "(did you mean 'right-to-disconnect'?)",
        ),
        (lambda d: d.update(shade="teal"), "shade: unknown setting"),
        (lambda d: d.pop("name"), "name: required setting is missing"),
        (lambda d: d["links"][0].update(kind="rule"), "links[0].kind: Input should be 'policy'"),
        (
            lambda d: d["links"][2].update(url="javascript:alert(1)"),
            "links[2].url: not a web address starting with https:// or http://",
        ),
        (lambda d: d["contact"].update(email="people at example"), "contact.email: not an email"),
        (
            lambda d: d.update(contact={"name": "People Team"}),
            "contact: give an email or a url",
        ),
        (lambda d: d["links"][0].update(title="  "), "links[0].title: String should have at"),
    ],
)
def test_each_bad_setting_is_named(slugs: set[str], change: object, message: str) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    with pytest.raises(OrganizationConfigError) as caught:
        parse_organization(data, slugs, name="organization.yml")
    assert f"organization.yml: {message}" in str(caught.value)


def test_missing_file_named_by_env_var_is_an_error(slugs: set[str], tmp_path: Path) -> None:
    with pytest.raises(OrganizationConfigError, match=r"nope\.yml: file not found"):
        load_organization(REPO_ROOT, slugs, environ={ENV_VAR: str(tmp_path / "nope.yml")})


# --- builds -------------------------------------------------------------------------------


def test_sample_links_appear_on_the_policies_page(configured_site: Path) -> None:
    html = (configured_site / "organizations" / "index.html").read_text(encoding="utf-8")
    assert f">At {SAMPLE_NAME}</h2>" in html
    for url in (
        "https://intranet.example.com/policies/flexible-work",
        "https://intranet.example.com/policies/after-hours",
        "https://intranet.example.com/support/eap",
    ):
        assert f'href="{url}"' in html
    assert 'href="mailto:people@example.com"' in html
    # Each link points back to the guide items it relates to, on the same page or another.
    section = html[
        html.index("data-org-links") : html.index("</section>", html.index("data-org-links"))
    ]
    assert 'href="#right-to-disconnect"' in section
    assert 'href="../design-your-blend/#design-the-blend"' in section


def test_each_policy_shows_the_organizations_own_pages_beneath_it(configured_site: Path) -> None:
    html = (configured_site / "organizations" / "index.html").read_text(encoding="utf-8")

    def policy_section(slug: str) -> str:
        start = html.index(f'id="{slug}"')
        return html[start : html.index("<h3", start + 1)]

    after_hours = 'href="https://intranet.example.com/policies/after-hours"'
    eap = 'href="https://intranet.example.com/support/eap"'
    assert 'data-org-note="right-to-disconnect"' in policy_section("right-to-disconnect")
    assert after_hours in policy_section("right-to-disconnect")
    assert eap in policy_section("whole-person-wellbeing")
    assert "data-org-note" not in policy_section("managed-time-off")


def test_sample_links_reach_the_quiz_slug_map(configured_site: Path) -> None:
    links = _quiz_links(configured_site)
    titles = {slug: [o["title"] for o in entry["organization"]] for slug, entry in links.items()}  # type: ignore[attr-defined]
    assert titles["flexible-async-work"] == ["Flexible working policy"]
    assert titles["design-the-blend"] == ["Flexible working policy"]
    assert titles["regular-check-ins"] == ["Employee assistance program"]
    assert titles["micro-boundaries"] == []
    html = (configured_site / "quiz" / "index.html").read_text(encoding="utf-8")
    assert 'href="mailto:people@example.com"' in html


def test_bad_config_fails_the_build_naming_the_setting(tmp_path: Path) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["links"][1]["relates_to"] = ["right-to-disconect"]
    bad = tmp_path / "organization.yml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")

    proc = build_site(tmp_path / "site", extra_env={ENV_VAR: str(bad)})

    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert f"{bad}: links[1].relates_to: unknown slug 'right-to-disconect'" in output
    assert "Traceback" not in output


def test_default_build_shows_none_of_it(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for marker in ("data-org-links", "data-org-note", "data-org-contact"):
            assert marker not in html, page
    links = _quiz_links(site_dir)
    assert links
    assert all(entry["organization"] == [] for entry in links.values())
