"""Lighthouse scores of the key pages, mobile and desktop, with the system Chromium, offline.

    python scripts/lighthouse.py [--runs N] [--site-dir DIR] [--pages "" faq/ ...] [--json FILE]

Builds the site (unless --site-dir is given), serves it with Debian's nginx and the build's own
server block (devtools/nginx.py: gzip and the .gz copies, caching, the security headers, so the
strict CSP is in force), installs the pinned
Lighthouse into tools/lighthouse with `npm ci` on first use, runs it on each page in both form
factors and prints the four category scores, each the median of --runs runs (Lighthouse's own
advice: one run's performance score varies by several points). Exit status 1 when a score
misses its target: accessibility, best practices and SEO 100; performance at least 95 on mobile.

Scores depend on the machine: Lighthouse simulates a slow phone and network from the timings it
observes, so a busy machine scores lower. Run it on a quiet machine before reading much into a
performance score.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from devtools import chromium  # noqa: E402
from devtools.build import build_or_fail  # noqa: E402
from devtools.nginx import NginxServer  # noqa: E402
from devtools.server import free_port  # noqa: E402

TOOL_DIR = ROOT / "tools" / "lighthouse"
LIGHTHOUSE = TOOL_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", chromium.EXECUTABLE)
CHROME_FLAGS = " ".join(chromium.ARGS)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
DEFAULT_PAGES = ("", "side-by-side/", "faq/", "quiz/")
TARGETS = {"accessibility": 100, "best-practices": 100, "seo": 100}
MOBILE_PERFORMANCE_TARGET = 95


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    print("Installing the pinned Lighthouse (npm ci in tools/lighthouse) ...", flush=True)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOL_DIR, check=True)


def run_lighthouse(url: str, form_factor: str, out: Path) -> dict[str, int]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--max-wait-for-load=60000",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    subprocess.run(command, env=env, check=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"{url} ({form_factor}): {report['runtimeError']}")
    return {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}


def misses(form_factor: str, scores: dict[str, int]) -> list[str]:
    targets = dict(TARGETS)
    if form_factor == "mobile":
        targets["performance"] = MOBILE_PERFORMANCE_TARGET
    return [f"{c} {scores[c]} < {t}" for c, t in targets.items() if scores[c] < t]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, help="a site already built for --port")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--pages", nargs="+", default=list(DEFAULT_PAGES))
    parser.add_argument("--runs", type=int, default=3, help="runs per page and device")
    parser.add_argument("--json", type=Path, help="also write the scores here")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's full JSON reports here")
    args = parser.parse_args(argv)

    ensure_lighthouse()
    port = args.port or free_port()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site_dir = args.site_dir
        if site_dir is None:
            site_dir = Path(tmp) / "site"
            print("Building the site ...", flush=True)
            build_or_fail(site_dir)
        rows: list[dict[str, str | int]] = []
        with NginxServer(site_dir, port=port, work=Path(tmp) / "nginx") as host:
            for page in args.pages:
                for form_factor in ("mobile", "desktop"):
                    reports = args.reports or Path(tmp)
                    reports.mkdir(parents=True, exist_ok=True)
                    stem = (page.strip("/").replace("/", "-") or "home") + f"-{form_factor}"
                    runs = [
                        run_lighthouse(host.url + page, form_factor, reports / f"{stem}-{n}.json")
                        for n in range(1, args.runs + 1)
                    ]
                    scores = {c: int(statistics.median(r[c] for r in runs)) for c in CATEGORIES}
                    perf = ", ".join(str(r["performance"]) for r in runs)
                    print(f"  /{page} {form_factor}: performance runs {perf}", flush=True)
                    rows.append({"page": "/" + page, "form_factor": form_factor, **scores})

    header = f"| {'page':<16} | {'device':<7} | perf | a11y | best practices | SEO |"
    print("\n" + header + "\n|" + "|".join("-" * len(c) for c in header.split("|")[1:-1]) + "|")
    failed = []
    for row in rows:
        scores = {c: int(row[c]) for c in CATEGORIES}
        print(
            f"| {row['page']:<16} | {row['form_factor']:<7} | {scores['performance']:>4} "
            f"| {scores['accessibility']:>4} | {scores['best-practices']:>14} "
            f"| {scores['seo']:>3} |"
        )
        failed += [
            f"{row['page']} {row['form_factor']}: {m}"
            for m in misses(str(row["form_factor"]), scores)
        ]
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    if failed:
        print("\nTargets missed:\n  " + "\n  ".join(failed))
        return 1
    print("\nEvery target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
