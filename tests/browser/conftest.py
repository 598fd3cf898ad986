"""Playwright drives the system Chromium; no test tool may download a browser here."""

from __future__ import annotations

from typing import Any

import pytest

from devtools import chromium


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": chromium.EXECUTABLE,
        "args": list(chromium.ARGS),
    }
