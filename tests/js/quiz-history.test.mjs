// quiz-history.js's records: made from results the Python engine returned (tests/js/fixtures.py),
// exported and read back, merged without loss, and damaged files refused with the field at fault.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { load, page } from "./dom.mjs";

const FIXTURES = process.env.JS_FIXTURES ?? "build/js-fixtures";
const RESULTS = readdirSync(join(FIXTURES, "results"))
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(FIXTURES, "results", name), "utf-8")));
const FORMAT = { format: "balance-or-blend/quiz-history", version: 1 };

async function history() {
  page("");
  return load("quiz-history.js");
}

test("a record holds the date, quiz version, every scale's score and the suggestions in rank order", async () => {
  const { recordFrom, recordProblem } = await history();
  for (const result of RESULTS) {
    const record = recordFrom(result, new Date("2026-03-01T10:00:00Z"));
    assert.deepEqual(Object.keys(record).sort(), ["at", "quiz", "recommendations", "scores"]);
    assert.equal(record.at, "2026-03-01T10:00:00.000Z");
    assert.equal(record.quiz, result.version);
    assert.deepEqual(record.scores, Object.fromEntries(result.scales.map((s) => [s.id, s.score])));
    const items = result.recommendations.flatMap((g) => g.items).sort((a, b) => a.rank - b.rank);
    assert.deepEqual(record.recommendations, items.map((i) => i.slug));
    assert.equal(recordProblem(record), null);
  }
});

test("an export reads back as the same records", async () => {
  const { exportText, parseExport, recordFrom } = await history();
  const records = RESULTS.map((r, i) => recordFrom(r, new Date(Date.UTC(2026, 0, 1 + i))));
  const text = exportText(records, FORMAT, new Date("2026-06-01T00:00:00Z"));
  assert.deepEqual(parseExport(text, FORMAT), { records });
});

test("damaged or foreign files are refused whole, saying what is wrong", async () => {
  const { exportText, parseExport, recordFrom } = await history();
  const good = recordFrom(RESULTS[0], new Date("2026-01-01T00:00:00Z"));
  const file = (results, extra = {}) => JSON.stringify({ ...FORMAT, results, ...extra });
  assert.deepEqual(parseExport("{", FORMAT), { error: "not-json" });
  assert.deepEqual(parseExport("[1, 2]", FORMAT), { error: "not-ours" });
  assert.deepEqual(parseExport(JSON.stringify({ format: "other", version: 1, results: [] }), FORMAT), {
    error: "not-ours",
  });
  assert.deepEqual(parseExport(file([good], { version: 2 }), FORMAT), { error: "newer", version: 2 });
  assert.deepEqual(parseExport(file([]), FORMAT), { error: "empty" });
  const cases = [
    [{ ...good, at: "yesterday" }, "at"],
    [{ ...good, quiz: 1.5 }, "quiz"],
    [{ ...good, scores: { strain: 101 } }, "scores"],
    [{ ...good, scores: { strain: "50" } }, "scores"],
    [{ ...good, scores: {} }, "scores"],
    [{ ...good, recommendations: ["<b>x</b>"] }, "recommendations"],
    [[good], "shape"],
  ];
  for (const [bad, field] of cases) {
    assert.deepEqual(parseExport(file([good, bad]), FORMAT), { error: "bad-entry", number: 2, field });
  }
  // Fields a file carries beyond a record's own are not kept.
  const extra = parseExport(exportText([{ ...good, answers: { a: "b" } }], FORMAT), FORMAT);
  assert.deepEqual(extra.records, [good]);
});

test("a merge keeps every record once, oldest first, and counts what was new", async () => {
  const { mergeRecords, recordFrom } = await history();
  const [a, b, c] = RESULTS.slice(0, 3).map((r, i) => recordFrom(r, new Date(Date.UTC(2026, 0, 1 + i))));
  assert.deepEqual(mergeRecords([a, c], [b, c]), { records: [a, b, c], added: 1, known: 1 });
  assert.deepEqual(mergeRecords([], [c, a]), { records: [a, c], added: 2, known: 0 });
  // The same result at another time is another retake, not a duplicate.
  const again = { ...a, at: "2026-02-01T00:00:00.000Z" };
  assert.equal(mergeRecords([a], [again]).added, 1);
});

test("storage that cannot be read or holds junk counts as empty; bad records are skipped", async () => {
  const window = page("");
  const { readStore, recordFrom } = await load("quiz-history.js");
  const good = recordFrom(RESULTS[0], new Date("2026-01-01T00:00:00Z"));
  const store = new Map();
  globalThis.localStorage = {
    getItem: (k) => store.get(k) ?? null,
    setItem: (k, v) => store.set(k, v),
    removeItem: (k) => store.delete(k),
  };
  assert.deepEqual(readStore("k"), { keep: true, records: [] });
  store.set("k", "not json");
  assert.deepEqual(readStore("k"), { keep: true, records: [] });
  store.set("k", JSON.stringify({ keep: false, results: [good, { at: 3 }] }));
  assert.deepEqual(readStore("k"), { keep: false, records: [good] });
  globalThis.localStorage = {
    getItem: () => {
      throw new window.DOMException("blocked", "SecurityError");
    },
  };
  assert.deepEqual(readStore("k"), { keep: true, records: [], blocked: true });
  delete globalThis.localStorage;
});

test("the line across retakes has a dot per measured value, the latest larger, and gaps", async () => {
  const window = page("<svg></svg>");
  const { drawSpark } = await load("quiz-history.js");
  const svg = window.document.querySelector("svg");
  drawSpark(svg, [0, 50, undefined, 100, 75]);
  const dots = [...svg.querySelectorAll("circle")];
  assert.equal(dots.length, 4);
  assert.equal(dots.at(-1).getAttribute("r"), "3.5");
  assert.deepEqual(dots.map((d) => Number(d.getAttribute("cy"))), [24, 14, 4, 9]);
  // Two runs: before the gap (two points) and after it (two points).
  assert.equal(svg.querySelectorAll("polyline").length, 2);
  drawSpark(svg, [40]);
  assert.equal(svg.querySelectorAll("circle").length, 1);
  assert.equal(svg.querySelectorAll("polyline").length, 0);
});
