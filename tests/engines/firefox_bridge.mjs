// Lets the Python engine tests drive Firefox ESR: one JSON request a line on stdin, one JSON reply
// a line on stdout. puppeteer-core speaks WebDriver BiDi only from Node, so this is the whole of
// the Node side; the scenario itself is the same Python for every engine.
//
//   {"id": 1, "cmd": "goto", "url": "..."}               -> {"id": 1, "ok": true}
//   {"id": 2, "cmd": "call", "fn": "async (a) => ...", "args": [...]} -> {"id": 2, "ok": true, "value": ...}
//   {"id": 3, "cmd": "close"}                             -> {"id": 3, "ok": true}, then exit
// A failed command replies {"id", "ok": false, "error"}. Console errors of the page and of its
// workers are collected and returned (and emptied) by {"cmd": "console"}.
import { createInterface } from "node:readline";

import { launchFirefox } from "../../devtools/firefox.mjs";

const browser = await launchFirefox();
const page = await browser.newPage();
const consoleErrors = [];
page.on("console", (message) => {
  if (message.type() === "error") consoleErrors.push(message.text());
});
page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message ?? error}`));

async function run(request) {
  switch (request.cmd) {
    case "goto":
      await page.goto(request.url, { waitUntil: "load" });
      return null;
    case "call":
      // An expression, not a function handle: BiDi evaluates it outside the page's CSP.
      return page.evaluate(`(${request.fn})(...${JSON.stringify(request.args)})`);
    case "console":
      return consoleErrors.splice(0);
    case "close":
      return null;
    default:
      throw new Error(`unknown command ${request.cmd}`);
  }
}

const reply = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
reply({ id: 0, ok: true, value: "started" });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const request = JSON.parse(line);
  try {
    const value = await run(request);
    reply({ id: request.id, ok: true, value: value ?? null });
  } catch (error) {
    reply({ id: request.id, ok: false, error: String(error?.stack ?? error) });
  }
  if (request.cmd === "close") break;
}
// Also when stdin closes without a "close" (the test process died): Firefox never outlives us.
lines.close();
await browser.close();
process.exit(0); // stdin would keep Node waiting
