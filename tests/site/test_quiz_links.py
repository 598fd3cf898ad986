"""Every guide item the quiz recommends, and every source it cites, exists in the guide's data.

Reads data/*.yml directly (PyYAML), so it lives with the site tests: Pyodide has no PyYAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from quiz import load_quiz

DATA = Path(__file__).resolve().parents[2] / "data"
QUIZ = load_quiz()


def slugs(name: str) -> set[str]:
    items: list[dict[str, Any]] = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return {item["slug"] for item in items}


def cited_sources() -> dict[str, str]:
    """source slug -> where the quiz cites it."""
    cited: dict[str, str] = {}
    places: list[tuple[str, tuple[str, ...]]] = [
        (f"subscale {s.id}", s.sources) for s in QUIZ.subscales
    ]
    places += [
        ("style", QUIZ.style.sources),
        ("profile", QUIZ.profile.sources),
        ("fit", QUIZ.fit.sources),
    ]
    places += [(f"flag {f.id}", f.sources) for f in QUIZ.flags]
    places += [(f"rule {r.id}", r.sources) for r in QUIZ.rules]
    places += [(f"tactic {t.id}", t.sources) for t in QUIZ.tactics]
    for where, sources in places:
        for slug in sources:
            cited.setdefault(slug, where)
    return cited


@pytest.mark.parametrize("slug", sorted(QUIZ.catalog), ids=str)
def test_every_recommended_slug_exists_in_the_guide(slug: str) -> None:
    kind = QUIZ.catalog[slug].kind
    file = {"practice": "practices.yml", "policy": "policies.yml"}[kind]
    assert slug in slugs(file), f"the quiz recommends {kind} '{slug}', missing from data/{file}"


def test_the_catalog_holds_every_practice_and_policy_of_the_guide() -> None:
    # The quiz can point readers to every practice and policy the guide has.
    assert slugs("practices.yml") | slugs("policies.yml") == set(QUIZ.catalog)


@pytest.mark.parametrize(("slug", "where"), sorted(cited_sources().items()), ids=str)
def test_every_cited_source_exists_in_the_guide(slug: str, where: str) -> None:
    assert slug in slugs("sources.yml"), f"{where} cites '{slug}', missing from data/sources.yml"
