"""The quiz in Chromium, Firefox ESR and WebKitGTK (Safari's engine), under the strict CSP.

In each engine: the quiz answered and scored, a share link opened in a profile with nothing
saved, saved progress restored on the next visit, the team map drawn, and the embedded quiz
answered inside its frame, with no CSP violation and no page error. Every result the page's
engine (Pyodide in a worker) returns is compared byte for byte with CPython's for the same
request; what the page renders is compared across engines in test_engines_agree.py.

The tests of a module share one browser per engine and run in order: each needs the one before
(the share link made on the quiz page, the progress saved by opening it).
"""

from __future__ import annotations

import difflib
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from devtools.page_engine import ENGINE_REPLIES
from quiz import encode_answers, encode_team_code, load_personas, score, team_map
from quiz._bridge import dumps, handle
from tests.engines.drivers import Driver
from tests.engines.record import EngineRun
from tests.engines.steps import (
    INLINE_SCRIPT_RUNS,
    QUIZ,
    answer_and_submit,
    assert_clean,
    canonical,
    checked,
    draw_team_map,
    engine_ready,
    problems,
    share_link,
    shown_result_text,
    wait_for,
)
from tests.team_codes import plotted

PERSONAS = load_personas()
# Answered through the page (the rest are scored through the page's engine directly).
READER = PERSONAS[0]
EMBED_READER = PERSONAS[1]
FRAME = "document.querySelector('iframe').contentDocument"
Engine = tuple[Driver, EngineRun]


@contextmanager
def timed(run: EngineRun, step: str) -> Iterator[None]:
    started = time.monotonic()
    try:
        yield
    finally:
        run.steps[step] = time.monotonic() - started


def differs(engine: str, what: str, got: str, expected: str) -> str:
    diff = difflib.unified_diff([expected], [got], "CPython", engine, lineterm="", n=0)
    return f"{engine}: {what} is not CPython's, byte for byte:\n" + "\n".join(diff)


def engine_requests() -> list[tuple[str, dict[str, Any]]]:
    """Every persona scored, encoded and made a team code; a code opened; a team map drawn."""
    requests: list[tuple[str, dict[str, Any]]] = []
    for persona in PERSONAS:
        answers = dict(persona.answers)
        requests += [
            ("score", {"answers": answers}),
            ("encode", {"answers": answers}),
            ("team-code", {"answers": answers}),
        ]
    requests.append(("decode", {"code": encode_answers(READER.answers)}))
    requests.append(("team", {"codes": team_codes()}))
    return requests


def team_codes() -> list[str]:
    return [encode_team_code(persona.answers) for persona in PERSONAS]


def encode_uri_component(text: str) -> str:
    return quote(text, safe="-_.!~*'()")


def test_quiz_answered_and_scored(engine: Engine, engines_url: str) -> None:
    driver, run = engine
    with timed(run, "quiz"):
        driver.goto(f"{engines_url}quiz/")
        engine_ready(driver)

        # The policy is really enforced, and the probe really hears it: an inline script of
        # the test's own is refused and reported.
        assert driver.call(INLINE_SCRIPT_RUNS) is False, f"{driver.engine}: inline script ran"
        wait_for(driver, "window.__engineProbe.violations.length", "the CSP violation report")
        refused = problems(driver)["violations"]
        assert any("script-src" in v for v in refused), f"{driver.engine}: {refused}"

        requests = engine_requests()
        replies = driver.call(ENGINE_REPLIES, [list(r) for r in requests])
        assert len(replies) == len(requests)
        for (op, args), reply in zip(requests, replies, strict=True):
            expected = handle(dumps({"op": op, "args": args}))
            assert reply == expected, differs(driver.engine, f"the {op!r} reply", reply, expected)

        shown = answer_and_submit(driver, dict(READER.answers))
        expected = dumps(score(READER.answers).to_dict())
        got = canonical(shown["result"])
        assert got == expected, differs(driver.engine, "the result shown", got, expected)
        assert json.loads(shown["answers"]) == READER.answers
        run.results["result text"] = shown["text"]

        link = share_link(driver)
        code = encode_uri_component(encode_answers(READER.answers))
        assert link == f"{engines_url}quiz/#answers={code}", f"{driver.engine}: {link}"
        run.results["share link"] = link
        assert_clean(driver, "quiz page")
        # Whoever opens the link has nothing saved in this browser.
        driver.call("() => localStorage.clear()")


def test_share_link_opened(engine: Engine, engines_url: str) -> None:
    driver, run = engine
    link = run.results.get("share link")
    assert link, f"{driver.engine}: the quiz step made no share link"
    with timed(run, "share link"):
        driver.goto(link)
        text = shown_result_text(driver)
        assert checked(driver) == READER.answers, f"{driver.engine}: the link's answers"
        assert text == run.results["result text"], f"{driver.engine}: another result shown"
        # Read once, the code leaves the address bar.
        assert driver.call("() => location.hash") == "", driver.engine
        assert_clean(driver, "share link")


def test_saved_progress_restored(engine: Engine, engines_url: str) -> None:
    driver, run = engine
    assert "share link" in run.results, f"{driver.engine}: nothing was saved (quiz step failed)"
    with timed(run, "saved progress"):
        driver.goto(f"{engines_url}quiz/")
        # The answers return before the engine starts; the result once it has.
        wait_for(driver, f"{QUIZ}?.dataset.engineState", "the quiz page to take over")
        assert checked(driver) == READER.answers, f"{driver.engine}: answers not restored"
        text = shown_result_text(driver)
        assert text == run.results["result text"], f"{driver.engine}: another result restored"
        assert_clean(driver, "saved progress")
        driver.call("() => localStorage.clear()")  # the embed starts empty


def test_team_map_drawn(engine: Engine, engines_url: str) -> None:
    driver, run = engine
    with timed(run, "team map"):
        driver.goto(f"{engines_url}quiz/team-map/")
        wait_for(
            driver,
            "document.querySelector('[data-team-map]')?.dataset.state === 'idle'",
            "the team map page to take over",
        )
        codes = team_codes()
        shown = draw_team_map(driver, codes)
        expected = team_map(codes).to_dict()
        assert plotted(shown["svg"]) == len(codes), f"{driver.engine}: marks on the map"
        assert shown["svg"] == expected["svg"], differs(
            driver.engine, "the team map's SVG", shown["svg"], expected["svg"]
        )
        run.results["team map"] = json.dumps(shown, sort_keys=True)
        assert_clean(driver, "team map")


def test_embedded_quiz_answered(engine: Engine, engines_url: str) -> None:
    driver, run = engine
    with timed(run, "embed"):
        driver.goto(f"{engines_url}intranet/")
        engine_ready(driver, f"{FRAME}?.querySelector('[data-quiz]')")
        shown = answer_and_submit(driver, dict(EMBED_READER.answers), document=FRAME)
        expected = dumps(score(EMBED_READER.answers).to_dict())
        got = canonical(shown["result"])
        assert got == expected, differs(driver.engine, "the embedded result", got, expected)
        run.results["embed result text"] = shown["text"]
        assert_clean(driver, "embed frame", window="document.querySelector('iframe').contentWindow")
        assert_clean(driver, "embed host page")
