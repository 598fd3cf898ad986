"""Benchmark of the quiz page in the system Chromium, on a cold and on a warm browser profile.

    python scripts/bench_browser.py [--runs N] [--site DIR] [--json]

One run builds the site (or uses --site), serves it from a temporary copy to which it adds a blank
page that does nothing but a bare `loadPyodide()` from the same files (the baseline), and measures:

- time to the first answerable question (first radio button in the DOM) against DOMContentLoaded;
- time until the quiz engine is ready, and the blank page's bare loadPyodide() (both from the
  start of navigation), and their ratio;
- time from a click on "See my result" to the result shown (in the DOM, and painted);
- bytes the server sent for the quiz page before the engine (page, styles, scripts, search) and
  for the engine (worker, Pyodide, the wheel);
- engine ready for a returning reader: after the quiz, another page, then the quiz again in the
  same browser (each page load starts its own engine; the files come from the cache).

"Cold" is a new browser profile; "warm" is the same profile visiting again (HTTP cache, compiled
WebAssembly cache). Each figure is the median of --runs runs. Targets: answerable at
DOMContentLoaded; engine ready at most 1.15 x the bare baseline; result within 100 ms. Not a test:
timings depend on the machine and its load, so nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import BrowserContext, Page, sync_playwright  # noqa: E402

from devtools import chromium  # noqa: E402
from devtools.build import build_or_fail  # noqa: E402
from devtools.server import StaticServer, free_port  # noqa: E402
from quiz import load_quiz  # noqa: E402

READY_RATIO_TARGET = 1.15
RESULT_TARGET_MS = 100.0
TIMEOUT_MS = 120_000
ENGINE_PATHS = ("/assets/engine/", "/assets/javascripts/engine-worker.js")

BLANK_HTML = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Bare loadPyodide()</title>
<script type="module" src="blank.js"></script></head>
<body><p id="state">loading</p></body>
</html>
"""
BLANK_JS = """// The baseline of scripts/bench_browser.py: the site's own Pyodide, nothing else.
import { loadPyodide } from "../assets/engine/pyodide/pyodide.mjs";

await loadPyodide({ indexURL: new URL("../assets/engine/pyodide/", import.meta.url).href });
performance.mark("bare:ready");
document.getElementById("state").textContent = "ready";
"""
# Notes when the first radio button reaches the DOM, as the parser inserts it.
ANSWERABLE_PROBE = """
new MutationObserver((_, observer) => {
  if (document.querySelector("input[type=radio]")) {
    window.__answerableAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""
FILL = """(answers) => {
  const form = document.querySelector('[data-quiz-form]');
  for (const input of form.querySelectorAll('input[type=radio]')) {
    input.checked = answers[input.name] === input.value;
  }
}"""
# Clicks "See my result" and times the result into the DOM and onto the screen (next frame).
CLICK_TO_RESULT = """async () => {
  performance.clearMarks("quiz:result-shown");
  const button = document.querySelector("[data-quiz-submit]");
  const t0 = performance.now();
  button.click();
  while (!performance.getEntriesByName("quiz:result-shown").length) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const dom = performance.getEntriesByName("quiz:result-shown")[0].startTime - t0;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return { dom, painted: performance.now() - t0 };
}"""


# --- measurements -------------------------------------------------------------------------------


def poll(page: Page, expression: str) -> Any:
    """Evaluate until truthy (no wait_for_function: the same code must work under a strict CSP)."""
    for _ in range(TIMEOUT_MS // 50):
        value = page.evaluate(expression)
        if value:
            return value
        page.wait_for_timeout(50)
    raise TimeoutError(expression)


def mark(page: Page, name: str) -> float:
    expression = f"performance.getEntriesByName({name!r})[0]?.startTime"
    return float(poll(page, expression))


def answer_sets(count: int) -> list[dict[str, str]]:
    rng = random.Random(3)
    questions = load_quiz().questions
    return [{q.id: rng.choice(q.options).id for q in questions} for _ in range(count)]


def measure_quiz(context: BrowserContext, server: StaticServer, *, results: int) -> dict[str, Any]:
    page = context.pages[0] if context.pages else context.new_page()
    page.add_init_script(ANSWERABLE_PROBE)
    server.clear_sent()
    page.goto(server.url + "quiz/")
    ready = mark(page, "quiz:engine-ready")
    state = page.locator("[data-quiz]").get_attribute("data-engine-state")
    if state != "ready":
        raise RuntimeError(f"the engine did not start: {state}")
    timing = page.evaluate(
        """async () => {
          const nav = performance.getEntriesByType("navigation")[0];
          const fcp = performance.getEntriesByName("first-contentful-paint")[0];
          // The page's own engine: the same module instance the page imported.
          const boot = document.querySelector('script[src*="boot.js"]').src;
          const { engineFor } = await import(new URL("engine-client.js", boot).href);
          const engine = engineFor(document.querySelector("[data-quiz]"));
          return {
            answerable: window.__answerableAt,
            dcl: nav.domContentLoadedEventStart,
            load: nav.loadEventEnd,
            fcp: fcp ? fcp.startTime : null,
            init: performance.getEntriesByName("quiz:init")[0].startTime,
            start: performance.getEntriesByName("quiz:engine-start")[0].startTime,
            worker: engine.timings,
          };
        }"""
    )
    clicks = []
    for answers in answer_sets(results):
        page.evaluate(FILL, answers)
        clicks.append(page.evaluate(CLICK_TO_RESULT))
    page.locator("[data-quiz-clear]").click()
    page.wait_for_timeout(300)  # let the last responses finish before counting bytes
    engine_bytes = server.bytes_sent(ENGINE_PATHS)
    page_bytes = server.bytes_sent() - engine_bytes
    return {
        "answerable_ms": timing["answerable"],
        "dcl_ms": timing["dcl"],
        "fcp_ms": timing["fcp"],
        "load_ms": timing["load"],
        "init_ms": timing["init"],
        "engine_start_ms": timing["start"],
        "engine_ready_ms": ready,
        "worker_boot_ms": timing["worker"]["boot"],
        "worker_total_ms": timing["worker"]["total"],
        "result_dom_ms": statistics.median(c["dom"] for c in clicks),
        "result_painted_ms": statistics.median(c["painted"] for c in clicks),
        "result_painted_max_ms": max(c["painted"] for c in clicks),
        "bytes_before_engine": page_bytes,
        "bytes_engine": engine_bytes,
        "bytes_total": page_bytes + engine_bytes,
    }


def measure_return(context: BrowserContext, server: StaticServer) -> float:
    """Engine ready when a reader leaves the quiz for another page and comes back (one browser,
    warm HTTP cache): the price of normal page loads, paid on each return."""
    page = context.pages[0]
    page.goto(server.url)
    page.goto(server.url + "quiz/")
    return mark(page, "quiz:engine-ready")


def measure_baseline(context: BrowserContext, server: StaticServer) -> float:
    page = context.pages[0] if context.pages else context.new_page()
    server.clear_sent()
    page.goto(server.url + "bench-blank/")
    return mark(page, "bare:ready")


def prepare_site(site: Path | None, port: int, work: Path) -> Path:
    target = work / "site"
    if site is None:
        print("building the site ...", file=sys.stderr)
        build_or_fail(target)
    else:
        shutil.copytree(site, target)
    blank = target / "bench-blank"
    blank.mkdir()
    (blank / "index.html").write_text(BLANK_HTML, encoding="utf-8")
    (blank / "blank.js").write_text(BLANK_JS, encoding="utf-8")
    return target


def run(runs: int, site: Path | None, results: int) -> dict[str, Any]:
    port = free_port()
    samples: dict[str, list[dict[str, Any]]] = {"cold": [], "warm": []}
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        work = Path(tmp)
        root = prepare_site(site, port, work)
        with StaticServer(root, port=port) as server, sync_playwright() as pw:
            launch = partial(
                pw.chromium.launch_persistent_context,
                executable_path=chromium.EXECUTABLE,
                args=list(chromium.ARGS),
                viewport={"width": 1280, "height": 900},
            )
            for n in range(runs):
                print(f"run {n + 1}/{runs} ...", file=sys.stderr)
                quiz_profile, blank_profile = work / f"quiz-{n}", work / f"blank-{n}"
                # Cold: new profiles. Warm: the same profiles again, in a new browser process.
                for temperature in ("cold", "warm"):
                    # Which page goes first alternates, so neither always meets the other's
                    # leftovers (the OS file cache, a CPU still busy with the last browser).
                    quiz: dict[str, Any] = {}
                    baseline = 0.0
                    for page in ("quiz", "blank") if n % 2 == 0 else ("blank", "quiz"):
                        if page == "quiz":
                            context = launch(str(quiz_profile))
                            quiz = measure_quiz(context, server, results=results)
                            quiz["return_ready_ms"] = measure_return(context, server)
                        else:
                            context = launch(str(blank_profile))
                            baseline = measure_baseline(context, server)
                        context.close()
                    quiz["baseline_ready_ms"] = baseline
                    quiz["ready_ratio"] = quiz["engine_ready_ms"] / quiz["baseline_ready_ms"]
                    samples[temperature].append(quiz)
    summary = {
        temperature: {key: statistics.median(s[key] for s in rows) for key in rows[0]}
        for temperature, rows in samples.items()
    }
    # The ratio swings from run to run on a busy machine; show how far, not only the middle.
    for temperature, rows in samples.items():
        summary[temperature]["ready_ratio_lowest"] = min(s["ready_ratio"] for s in rows)
        summary[temperature]["ready_ratio_highest"] = max(s["ready_ratio"] for s in rows)
    return {
        "runs": runs,
        "load_average": os.getloadavg(),
        "cpus": os.cpu_count(),
        "median": summary,
        "samples": samples,
    }


def report(data: dict[str, Any]) -> str:
    rows = [
        ("First question answerable (ms from navigation)", "answerable_ms", "{:.0f}"),
        ("DOMContentLoaded (ms)", "dcl_ms", "{:.0f}"),
        ("First contentful paint (ms)", "fcp_ms", "{:.0f}"),
        ("Load event end (ms)", "load_ms", "{:.0f}"),
        ("Quiz module running (ms)", "init_ms", "{:.0f}"),
        ("Engine start, browser idle (ms)", "engine_start_ms", "{:.0f}"),
        ("Engine ready (ms from navigation)", "engine_ready_ms", "{:.0f}"),
        ("Engine ready again after leaving and coming back (ms)", "return_ready_ms", "{:.0f}"),
        ("Bare loadPyodide() in a blank page (ms)", "baseline_ready_ms", "{:.0f}"),
        ("Ratio engine ready / bare baseline", "ready_ratio", "{:.2f}"),
        ("Ratio, lowest run", "ready_ratio_lowest", "{:.2f}"),
        ("Ratio, highest run", "ready_ratio_highest", "{:.2f}"),
        ("Worker: loadPyodide (ms)", "worker_boot_ms", "{:.0f}"),
        ("Worker: loadPyodide + wheel check + install (ms)", "worker_total_ms", "{:.0f}"),
        ("Click to result in the DOM (ms, median)", "result_dom_ms", "{:.1f}"),
        ("Click to result painted (ms, median)", "result_painted_ms", "{:.1f}"),
        ("Click to result painted (ms, worst)", "result_painted_max_ms", "{:.1f}"),
        ("Bytes before the engine", "bytes_before_engine", "{:,.0f}"),
        ("Bytes for the engine", "bytes_engine", "{:,.0f}"),
        ("Bytes in all", "bytes_total", "{:,.0f}"),
    ]
    cold, warm = data["median"]["cold"], data["median"]["warm"]
    width = max(len(label) for label, _, _ in rows)
    lines = [
        f"quiz page, median of {data['runs']} runs "
        f"({data['cpus']} CPUs, load average {data['load_average'][0]:.1f})",
        f"{'':{width}}  {'cold':>12}  {'warm':>12}",
    ]
    for label, key, fmt in rows:
        lines.append(f"{label:{width}}  {fmt.format(cold[key]):>12}  {fmt.format(warm[key]):>12}")
    for name, profile in (("cold", cold), ("warm", warm)):
        lines.append(
            f"{name}: answerable at DOMContentLoaded: "
            f"{'yes' if profile['answerable_ms'] <= profile['dcl_ms'] else 'NO'}; "
            f"ready ratio <= {READY_RATIO_TARGET}: "
            f"{'yes' if profile['ready_ratio'] <= READY_RATIO_TARGET else 'NO'}; "
            f"result within {RESULT_TARGET_MS:.0f} ms: "
            f"{'yes' if profile['result_painted_max_ms'] <= RESULT_TARGET_MS else 'NO'}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per profile (default 3)")
    parser.add_argument("--results", type=int, default=5, help="result clicks per run")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    data = run(args.runs, args.site, args.results)
    print(json.dumps(data, indent=2) if args.json else report(data))


if __name__ == "__main__":
    main()
