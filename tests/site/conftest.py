"""The site built once with every setting a host can give, for the tests of those settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools.build import build_or_fail
from devtools.project import REPO_ROOT
from tests.conftest import made_once

ORGANIZATION_SAMPLE = REPO_ROOT / "tests" / "fixtures" / "organization-sample.yml"
FRAME_ANCESTORS = "'self' https://intranet.example.org"


@pytest.fixture(scope="session")
def configured_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An organization's own file (ORG_CONFIG) and the hosts that may embed the quiz
    (CSP_FRAME_ANCESTORS): independent settings, so one build serves the tests of both."""
    env = {"ORG_CONFIG": str(ORGANIZATION_SAMPLE), "CSP_FRAME_ANCESTORS": FRAME_ANCESTORS}
    return made_once(
        tmp_path_factory,
        "configured-site",
        lambda folder: build_or_fail(folder, extra_env=env),
    )
