"""The parity requests: enough answer sets, all scored, and stable within one interpreter.

The comparison across interpreters runs in `make test-pyodide` (python -m tests.quiz.parity).
"""

from __future__ import annotations

import json

from . import parity


def test_at_least_200_answer_sets_are_scored() -> None:
    scored = [r for r in parity.requests() if json.loads(r)["op"] == "score"]
    replies = [json.loads(r) for r in parity.replies()]
    ok_scores = [
        r for r in replies if r["ok"] and isinstance(r["value"], dict) and "scales" in r["value"]
    ]
    assert len(scored) >= 200
    assert len(ok_scores) >= 200


def test_the_requests_and_replies_are_fixed() -> None:
    assert parity.requests() == parity.requests()
    assert parity.replies() == parity.replies()
    # Errors are part of the comparison too.
    assert any(not json.loads(r)["ok"] for r in parity.replies())
