"""The scenario's steps as JavaScript functions run in the page, the same text in every engine.

Waiting happens inside the page (a loop on a condition), so one WebDriver round trip covers it.
Conditions are written into the function's source: the page's CSP rightly refuses eval, so no
step compiles a string at run time.
"""

from __future__ import annotations

import json
from typing import Any

from tests.engines.drivers import Driver, EngineError

# Bounds a hung step only; WebKitGTK's engine start alone is 7-12 s here.
TIMEOUT_MS = 90_000
QUIZ = "document.querySelector('[data-quiz]')"


def wait_for(driver: Driver, condition: str, what: str, timeout_ms: int = TIMEOUT_MS) -> Any:
    """Wait until the JavaScript expression condition is truthy in the page; return its value."""
    fn = f"""async () => {{
      const until = performance.now() + {timeout_ms};
      for (;;) {{
        let value;
        try {{ value = ({condition}); }} catch (error) {{ value = undefined; }}
        if (value) return value;
        if (performance.now() > until) return null;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }}
    }}"""
    value = driver.call(fn)
    if value is None:
        raise EngineError(f"{driver.engine}: timed out after {timeout_ms / 1000:.0f}s: {what}")
    return value


def problems(driver: Driver, window: str = "window") -> dict[str, list[str]]:
    """Errors and CSP violations the probe recorded in this document so far (and forgets them)."""
    fn = f"""() => {{
      const probe = {window}.__engineProbe;
      if (!probe) return {{ errors: ["the probe did not run in this page"], violations: [] }};
      return {{ errors: probe.errors.splice(0), violations: probe.violations.splice(0) }};
    }}"""
    seen = dict(driver.call(fn))
    seen["errors"] = [*seen["errors"], *driver.console_errors()]
    return seen


def assert_clean(driver: Driver, where: str, window: str = "window") -> None:
    seen = problems(driver, window)
    lines = [f"CSP violation: {v}" for v in seen["violations"]]
    lines += [f"error: {e}" for e in seen["errors"]]
    assert not lines, f"{driver.engine}, {where}:\n  " + "\n  ".join(lines)


def engine_ready(driver: Driver, root: str = QUIZ) -> None:
    state = wait_for(
        driver,
        f"['ready', 'failed'].includes({root}?.dataset.engineState) && {root}.dataset.engineState",
        "the quiz engine to start",
    )
    if state != "ready":
        seen = problems(driver)
        raise EngineError(f"{driver.engine}: the quiz engine failed to start: {seen}")


INLINE_SCRIPT_RUNS = """() => {
  const script = document.createElement("script");
  script.textContent = "window.__inlineRan = true;";
  document.body.append(script);
  return window.__inlineRan === true;
}"""


def checked(driver: Driver, document: str = "document") -> dict[str, str]:
    fn = f"""() => Object.fromEntries(
      [...{document}.querySelectorAll("[data-quiz-form] input:checked")]
        .map((input) => [input.name, input.value]))"""
    return dict(driver.call(fn))


def answer_and_submit(
    driver: Driver, answers: dict[str, str], document: str = "document"
) -> dict[str, str]:
    """Choose these answers as a reader would (each radio clicked), ask for the result and wait
    for it: returns the result the page announced (quiz:result) and the text it rendered."""
    fn = f"""async (answers) => {{
      const doc = {document};
      const root = doc.querySelector("[data-quiz]");
      for (const [name, value] of Object.entries(answers)) {{
        const input = root.querySelector(
          `[data-quiz-form] input[type=radio][name="${{name}}"][value="${{value}}"]`);
        if (!input) return {{ error: `no option ${{name}}=${{value}} on the page` }};
        input.click();
      }}
      const announced = new Promise((resolve) =>
        root.addEventListener("quiz:result", (event) => resolve(event.detail), {{ once: true }}));
      root.querySelector("[data-quiz-submit]").click();
      const timeout = new Promise((resolve) => setTimeout(resolve, {TIMEOUT_MS}, null));
      const detail = await Promise.race([announced, timeout]);
      if (!detail) {{
        const message = root.querySelector("[data-quiz-message]")?.textContent;
        return {{ error: `no result in {TIMEOUT_MS / 1000:.0f}s; the page says: ${{message}}` }};
      }}
      const body = root.querySelector("[data-quiz-result-body]");
      return {{
        result: JSON.stringify(detail.result),
        answers: JSON.stringify(detail.answers),
        text: body.textContent,
      }};
    }}"""
    shown = dict(driver.call(fn, answers))
    if "error" in shown:
        raise EngineError(f"{driver.engine}: {shown['error']}")
    return shown


def shown_result_text(driver: Driver, document: str = "document") -> str:
    """The rendered result's text, once the page shows a result it has rendered."""
    root = f"{document}.querySelector('[data-quiz]')"
    return str(
        wait_for(
            driver,
            f"!{root}.querySelector('[data-quiz-result]').hidden &&"
            f" {root}.querySelector('[data-quiz-result-body]').childElementCount > 0 &&"
            f" {root}.querySelector('[data-quiz-result-body]').textContent",
            "the result to be shown",
        )
    )


def share_link(driver: Driver) -> str:
    driver.call("() => document.querySelector('[data-quiz-share]').click()")
    return str(
        wait_for(
            driver,
            "document.querySelector('[data-quiz-share-link]').value",
            "the share link to be made",
        )
    )


def draw_team_map(driver: Driver, codes: list[str]) -> dict[str, str]:
    """Paste codes into the team map, draw it and return what the page shows."""
    driver.call(
        """(text) => {
          const input = document.querySelector("[data-team-map-codes]");
          input.focus();
          input.value = text;
          input.dispatchEvent(new Event("input", { bubbles: true }));
          document.querySelector("[data-team-map-submit]").click();
        }""",
        "\n".join(codes),
    )
    state = wait_for(
        driver,
        "['drawn', 'error'].includes(document.querySelector('[data-team-map]').dataset.state)"
        " && document.querySelector('[data-team-map]').dataset.state",
        "the team map to be drawn",
    )
    shown = dict(
        driver.call(
            """() => {
              const svg = document.querySelector("[data-team-map-figure] svg");
              return {
                status: document.querySelector("[data-team-map-status]").textContent,
                svg: svg ? new XMLSerializer().serializeToString(svg) : "",
                spread: document.querySelector(".team-map__spread")?.textContent ?? "",
              };
            }"""
        )
    )
    if state != "drawn":
        raise EngineError(f"{driver.engine}: the team map was not drawn: {shown['status']}")
    return shown


def canonical(json_text: str) -> str:
    """JSON text as quiz._bridge.dumps writes it (sorted keys, no spaces), for byte comparison."""
    from quiz._bridge import dumps

    return dumps(json.loads(json_text))
