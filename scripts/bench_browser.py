"""Benchmark of the quiz page in the system Chromium and Firefox ESR, cold and warm, through nginx.

    python scripts/bench_browser.py [--runs N] [--site DIR] [--browsers chromium firefox] [--json]

One run builds the site (or uses --site), adds to a temporary copy a blank page that does nothing
but a bare `loadPyodide()` from the stock files of the npm package (the baseline: the full
standard library, the lock file), serves it with Debian's nginx and the build's own server block
(devtools/nginx.py: gzip_static, the CSP, the caching), and measures in each browser:

- time until the quiz engine is ready, and the blank page's bare loadPyodide() (both from the
  start of navigation), and their ratio;
- time from opening a shared result link (quiz/#answers=...) to the result shown;
- bytes nginx sent (compressed, headers included) for the engine (worker, Pyodide, the wheel)
  and for everything the quiz page loaded, as a first visit and as a returning reader.

In Chromium also: the first answerable question against DOMContentLoaded, click to result, and
engine ready again after leaving the quiz for another page and coming back.

"Cold" is a new browser profile; "warm" is the same profile visiting again in a new browser
process (HTTP cache, compiled WebAssembly cache). Each figure is the median of --runs runs.
Targets: engine ready at most 1.0 x the bare baseline; first-visit engine transfer at most
4.5 MB; result within 100 ms of a click. Not a test: timings depend on the machine and its load,
so nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import BrowserContext, Page, sync_playwright  # noqa: E402

from devtools import chromium  # noqa: E402
from devtools.build import build_or_fail  # noqa: E402
from devtools.nginx import NginxServer  # noqa: E402
from devtools.page_engine import ENGINE_TIMINGS  # noqa: E402
from quiz import encode_answers, load_quiz  # noqa: E402

READY_RATIO_TARGET = 1.0
ENGINE_BYTES_TARGET = 4_500_000
RESULT_TARGET_MS = 100.0
TIMEOUT_MS = 120_000
ENGINE_PATHS = ("/assets/engine/", "/assets/javascripts/engine-worker.js")
STOCK_PYODIDE = REPO_ROOT / "node_modules" / "pyodide"
STOCK_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
FIREFOX_VISIT = REPO_ROOT / "scripts" / "bench_firefox.mjs"

BLANK_HTML = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Bare loadPyodide()</title>
<script type="module" src="blank.js"></script></head>
<body><p id="state">loading</p></body>
</html>
"""
BLANK_JS = """// scripts/bench_browser.py's baseline: the npm package's files, a bare loadPyodide().
import { loadPyodide } from "./pyodide/pyodide.mjs";

await loadPyodide();
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


def measure_quiz(context: BrowserContext, server: NginxServer, *, results: int) -> dict[str, Any]:
    page = context.pages[0] if context.pages else context.new_page()
    page.add_init_script(ANSWERABLE_PROBE)
    server.clear_sent()
    page.goto(server.url + "quiz/")
    ready = mark(page, "quiz:engine-ready")
    state = page.locator("[data-quiz]").get_attribute("data-engine-state")
    if state != "ready":
        raise RuntimeError(f"the engine did not start: {state}")
    timing = page.evaluate(
        """() => {
          const nav = performance.getEntriesByType("navigation")[0];
          const fcp = performance.getEntriesByName("first-contentful-paint")[0];
          return {
            answerable: window.__answerableAt,
            dcl: nav.domContentLoadedEventStart,
            load: nav.loadEventEnd,
            fcp: fcp ? fcp.startTime : null,
            init: performance.getEntriesByName("quiz:init")[0].startTime,
            start: performance.getEntriesByName("quiz:engine-start")[0].startTime,
          };
        }"""
    )
    timing["worker"] = page.evaluate(ENGINE_TIMINGS)
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


def measure_return(context: BrowserContext, server: NginxServer) -> float:
    """Engine ready when a reader leaves the quiz for another page and comes back (one browser,
    warm HTTP cache): the price of normal page loads, paid on each return."""
    page = context.pages[0]
    page.goto(server.url)
    page.goto(server.url + "quiz/")
    return mark(page, "quiz:engine-ready")


def visit_chromium(
    launch: Callable[[str], BrowserContext], profile: str, url: str, name: str
) -> float:
    """Open url in Chromium on profile and return the time of the performance mark name."""
    context = launch(profile)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(url)
        ms = mark(page, name)
        page.wait_for_timeout(300)  # let the last responses finish before counting bytes
        return ms
    finally:
        context.close()


def visit_firefox(profile: Path, url: str, name: str) -> dict[str, Any]:
    """The same in Firefox ESR, through scripts/bench_firefox.mjs (puppeteer-core over BiDi)."""
    proc = subprocess.run(
        ["node", str(FIREFOX_VISIT), str(profile), url, name],
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT_MS / 1000 + 60,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"Firefox visit of {url} failed:\n{proc.stderr}")
    visit: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return visit


def share_url(server: NginxServer) -> str:
    return f"{server.url}quiz/#answers={encode_answers(answer_sets(1)[0])}"


def prepare_site(site: Path | None, work: Path) -> Path:
    target = work / "site"
    if site is None:
        print("building the site ...", file=sys.stderr)
        build_or_fail(target)
    else:
        shutil.copytree(site, target)
    blank = target / "bench-blank"
    (blank / "pyodide").mkdir(parents=True)
    (blank / "index.html").write_text(BLANK_HTML, encoding="utf-8")
    (blank / "blank.js").write_text(BLANK_JS, encoding="utf-8")
    for name in STOCK_FILES:
        shutil.copy2(STOCK_PYODIDE / name, blank / "pyodide" / name)
    return target


def page_url(server: NginxServer, kind: str) -> tuple[str, str]:
    """The address of a page to visit and the performance mark that ends its measurement."""
    return {
        "quiz": (server.url + "quiz/", "quiz:engine-ready"),
        "blank": (server.url + "bench-blank/", "bare:ready"),
        "share": (share_url(server), "quiz:result-shown"),
    }[kind]


def record(row: dict[str, Any], server: NginxServer, kind: str, ms: float) -> None:
    """Put one visit's time and the bytes nginx sent for it into row."""
    if kind == "quiz":
        row.setdefault("engine_ready_ms", ms)
        row.setdefault("bytes_engine", server.bytes_sent(ENGINE_PATHS))
        row.setdefault("bytes_total", server.bytes_sent())
    elif kind == "blank":
        row |= {"baseline_ready_ms": ms, "bytes_baseline": server.bytes_sent()}
    else:
        row["share_result_ms"] = ms


def visit_order(n: int) -> tuple[str, ...]:
    # Which page goes first alternates, so none always meets another's leftovers (the OS file
    # cache, a CPU still busy with the last browser).
    return ("quiz", "blank", "share") if n % 2 == 0 else ("share", "blank", "quiz")


def run_chromium(server: NginxServer, work: Path, n: int, results: int, pw: Any) -> dict[str, Any]:
    launch = partial(
        pw.chromium.launch_persistent_context,
        executable_path=chromium.EXECUTABLE,
        args=list(chromium.ARGS),
        viewport={"width": 1280, "height": 900},
    )
    row: dict[str, Any] = {}
    for kind in visit_order(n):
        profile = str(work / f"chromium-{kind}-{n}")
        if kind == "quiz":  # more than one mark: answerable, clicks, bytes, a return visit
            context = launch(profile)
            try:
                row |= measure_quiz(context, server, results=results)
                row["return_ready_ms"] = measure_return(context, server)
            finally:
                context.close()
            continue
        url, name = page_url(server, kind)
        server.clear_sent()
        record(row, server, kind, visit_chromium(launch, profile, url, name))
    row["ready_ratio"] = row["engine_ready_ms"] / row["baseline_ready_ms"]
    return row


def run_firefox(server: NginxServer, work: Path, n: int) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for kind in visit_order(n):
        url, name = page_url(server, kind)
        server.clear_sent()
        visit = visit_firefox(work / f"firefox-{kind}-{n}", url, name)
        record(row, server, kind, float(visit["ms"]))
        if kind == "quiz":
            row["dcl_ms"] = visit["dcl"]
            row["engine_start_ms"] = visit["marks"]["quiz:engine-start"]
    row["ready_ratio"] = row["engine_ready_ms"] / row["baseline_ready_ms"]
    return row


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    summary = {key: statistics.median(r[key] for r in rows) for key in rows[0]}
    # The ratio swings from run to run on a busy machine; show how far, not only the middle.
    summary["ready_ratio_lowest"] = min(r["ready_ratio"] for r in rows)
    summary["ready_ratio_highest"] = max(r["ready_ratio"] for r in rows)
    return summary


def run(runs: int, site: Path | None, results: int, browsers: list[str]) -> dict[str, Any]:
    samples: dict[str, dict[str, list[dict[str, Any]]]] = {
        b: {"cold": [], "warm": []} for b in browsers
    }
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        work = Path(tmp)
        root = prepare_site(site, work)
        with NginxServer(root, work=work / "nginx") as server, sync_playwright() as pw:
            for n in range(runs):
                for browser in browsers:
                    print(f"{browser} run {n + 1}/{runs} ...", file=sys.stderr)
                    # Cold: new profiles. Warm: the same profiles again, in a new browser process.
                    for temperature in ("cold", "warm"):
                        if browser == "chromium":
                            row = run_chromium(server, work, n, results, pw)
                        else:
                            row = run_firefox(server, work, n)
                        samples[browser][temperature].append(row)
    return {
        "runs": runs,
        "load_average": os.getloadavg(),
        "cpus": os.cpu_count(),
        "median": {
            browser: {temp: summarize(rows) for temp, rows in by_temp.items()}
            for browser, by_temp in samples.items()
        },
        "samples": samples,
    }


ROWS = [
    ("First question answerable (ms from navigation)", "answerable_ms", "{:.0f}"),
    ("DOMContentLoaded (ms)", "dcl_ms", "{:.0f}"),
    ("First contentful paint (ms)", "fcp_ms", "{:.0f}"),
    ("Load event end (ms)", "load_ms", "{:.0f}"),
    ("Quiz module running (ms)", "init_ms", "{:.0f}"),
    ("Engine start (ms from navigation)", "engine_start_ms", "{:.0f}"),
    ("Engine ready (ms from navigation)", "engine_ready_ms", "{:.0f}"),
    ("Engine ready again after leaving and coming back (ms)", "return_ready_ms", "{:.0f}"),
    ("Bare loadPyodide(), stock files, blank page (ms)", "baseline_ready_ms", "{:.0f}"),
    ("Ratio engine ready / bare baseline", "ready_ratio", "{:.2f}"),
    ("Ratio, lowest run", "ready_ratio_lowest", "{:.2f}"),
    ("Ratio, highest run", "ready_ratio_highest", "{:.2f}"),
    ("Shared result link to result shown (ms)", "share_result_ms", "{:.0f}"),
    ("Worker: loadPyodide (ms)", "worker_boot_ms", "{:.0f}"),
    ("Worker: loadPyodide + wheel check + install (ms)", "worker_total_ms", "{:.0f}"),
    ("Click to result in the DOM (ms, median)", "result_dom_ms", "{:.1f}"),
    ("Click to result painted (ms, median)", "result_painted_ms", "{:.1f}"),
    ("Click to result painted (ms, worst)", "result_painted_max_ms", "{:.1f}"),
    ("Bytes sent for the quiz page before the engine", "bytes_before_engine", "{:,.0f}"),
    ("Bytes sent for the engine", "bytes_engine", "{:,.0f}"),
    ("Bytes sent for the quiz page in all", "bytes_total", "{:,.0f}"),
    ("Bytes sent for the bare baseline page", "bytes_baseline", "{:,.0f}"),
]


def report(data: dict[str, Any]) -> str:
    lines = []
    for browser, median in data["median"].items():
        cold, warm = median["cold"], median["warm"]
        rows = [row for row in ROWS if row[1] in cold]
        width = max(len(label) for label, _, _ in rows)
        lines += [
            f"{browser}, quiz page through nginx, median of {data['runs']} runs "
            f"({data['cpus']} CPUs, load average {data['load_average'][0]:.1f})",
            f"{'':{width}}  {'cold':>12}  {'warm':>12}",
        ]
        for label, key, fmt in rows:
            lines.append(
                f"{label:{width}}  {fmt.format(cold[key]):>12}  {fmt.format(warm[key]):>12}"
            )
        verdict = [
            f"ready ratio <= {READY_RATIO_TARGET}: "
            f"{'yes' if cold['ready_ratio'] <= READY_RATIO_TARGET else 'NO'}",
            f"first-visit engine bytes <= {ENGINE_BYTES_TARGET:,}: "
            f"{'yes' if cold['bytes_engine'] <= ENGINE_BYTES_TARGET else 'NO'}",
        ]
        if "result_painted_max_ms" in cold:
            verdict.append(
                f"result within {RESULT_TARGET_MS:.0f} ms: "
                f"{'yes' if cold['result_painted_max_ms'] <= RESULT_TARGET_MS else 'NO'}"
            )
        lines += [f"cold: {'; '.join(verdict)}", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per profile (default 5)")
    parser.add_argument("--results", type=int, default=5, help="result clicks per run")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument(
        "--browsers", nargs="+", choices=["chromium", "firefox"], default=["chromium", "firefox"]
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    data = run(args.runs, args.site, args.results, args.browsers)
    print(json.dumps(data, indent=2) if args.json else report(data))


if __name__ == "__main__":
    main()
