// One page visit in Firefox ESR for scripts/bench_browser.py: opens URL in a browser on the
// profile folder PROFILE (a new folder: a cold visit; one used before: a warm one), waits for
// the performance mark MARK and prints {"ms": its time from the start of navigation, "marks":
// every mark of the page by name, "dcl": DOMContentLoaded} as JSON.
//
//   node scripts/bench_firefox.mjs PROFILE URL MARK
//
// The benchmark counts the bytes itself, from the server's log.

import fs from "node:fs";
import { launchFirefox } from "../devtools/firefox.mjs";

const [profile, url, mark] = process.argv.slice(2);
if (!mark) {
  console.error("usage: node scripts/bench_firefox.mjs PROFILE URL MARK");
  process.exit(2);
}
fs.mkdirSync(profile, { recursive: true });
const browser = await launchFirefox({ userDataDir: profile });
try {
  const page = await browser.newPage();
  await page.goto(url);
  const deadline = Date.now() + 120_000;
  let ms;
  while (ms === undefined) {
    if (Date.now() > deadline) throw new Error(`no mark ${mark} on ${url}`);
    // A plain string, not a function: evaluated the same way under the page's strict CSP.
    ms = await page.evaluate(`performance.getEntriesByName(${JSON.stringify(mark)})[0]?.startTime`);
    if (ms === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Let the last responses finish, so the server has logged them when the benchmark counts.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const marks = await page.evaluate(
    `Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, m.startTime]))`,
  );
  const dcl = await page.evaluate(
    `performance.getEntriesByType("navigation")[0].domContentLoadedEventStart`,
  );
  console.log(JSON.stringify({ ms, marks, dcl }));
} finally {
  await browser.close();
}
