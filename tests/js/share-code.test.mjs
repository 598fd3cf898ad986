// The early reading of share links (share-code.js) against codes that CPython's quiz.encode_answers
// wrote (tests/js/fixtures.py), with the question and option codes from the quiz page's markup as
// the build renders it: every current-format code reads back to its answers, and anything the
// engine must judge (older formats, failed checks, retired or unknown codes) reads as null.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { load, page } from "./dom.mjs";

const FIXTURES = process.env.JS_FIXTURES ?? "build/js-fixtures";
const PAGE = readFileSync(join(FIXTURES, "quiz-page.html"), "utf-8");
const CASES = JSON.parse(readFileSync(join(FIXTURES, "share-codes.json"), "utf-8"));

async function reader() {
  const window = page(PAGE);
  const { codebookOf, readShareCode } = await load("share-code.js");
  const root = window.document.querySelector("[data-quiz]");
  const book = codebookOf(root.querySelector("[data-quiz-form]"));
  return { root, book, read: (code) => readShareCode(code, root.dataset.shareFormat, book) };
}

test("the page names the current format and every question's codes", async () => {
  const { root, book } = await reader();
  assert.equal(root.dataset.shareFormat, "2");
  assert.equal(book.size, root.querySelectorAll("fieldset[data-question]").length);
  for (const { options } of book.values()) assert.ok(options.size >= 2);
});

for (const { name, code, early } of CASES) {
  test(`${name}: ${early === null ? "waits for the engine" : "reads early"}`, async () => {
    const { read } = await reader();
    assert.deepEqual(await read(code), early);
  });
}

test("the fixtures hold both kinds of case", () => {
  assert.ok(CASES.filter((c) => c.early !== null).length >= 10);
  assert.ok(CASES.filter((c) => c.early === null).length >= 6);
});

test("a code with spaces around it reads as Python's strip() does", async () => {
  const { read } = await reader();
  const { code, early } = CASES[0];
  assert.deepEqual(await read(` ${code}\n`), early);
});

test("without a format on the page, nothing is read early", async () => {
  const { book } = await reader();
  const { readShareCode } = await load("share-code.js");
  assert.equal(await readShareCode(CASES[0].code, undefined, book), null);
});
