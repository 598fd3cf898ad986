// One step per screen, on the quiz page's markup as the build renders it (tests/js/fixtures.py):
// one section shown at a time, Back and Next, a step list to jump with, a complete progress
// text, and the questions still open listed on the last step.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { load, page } from "./dom.mjs";

const FIXTURES = process.env.JS_FIXTURES ?? "build/js-fixtures";
const PAGE = readFileSync(join(FIXTURES, "quiz-page.html"), "utf-8");

async function stepped() {
  const window = page(PAGE);
  window.sessionStorage.clear();
  const { Steps } = await load("quiz-steps.js");
  const { Texts } = await load("texts.js");
  const root = window.document.querySelector("[data-quiz]");
  const heard = [];
  const made = new Steps(root, new Texts(root), {
    storageKey: "test",
    onStep: (index) => heard.push(index),
  });
  made.update();
  return { window, root, steps: made, heard };
}

const shown = (root) =>
  [...root.querySelectorAll("section[data-quiz-step]")].filter((s) => !s.hidden);
const text = (element) => element.textContent.replace(/\s+/g, " ").trim();

test("one step is shown at a time, with Back and Next", async () => {
  const { root, steps, heard } = await stepped();
  const sections = [...root.querySelectorAll("section[data-quiz-step]")];
  assert.ok(sections.length >= 5);
  assert.deepEqual(shown(root), [sections[0]]);
  const back = root.querySelector("[data-quiz-back]");
  const next = root.querySelector("[data-quiz-next]");
  assert.equal(back.hidden, true);
  next.click();
  assert.deepEqual(shown(root), [sections[1]]);
  assert.deepEqual(heard, [1]);
  // The focus is on the step's heading, so a screen reader reads the step's title.
  assert.equal(root.ownerDocument.activeElement, sections[1].querySelector("h2"));
  assert.equal(back.hidden, false);
  back.click();
  assert.deepEqual(shown(root), [sections[0]]);
  steps.go(sections.length - 1, { focus: false });
  assert.equal(next.hidden, true);
  assert.ok(root.querySelector("[data-quiz-submit]").classList.contains("md-button--primary"));
});

test("the progress text is complete: step and answers", async () => {
  const { root, steps } = await stepped();
  const questions = root.querySelectorAll("fieldset[data-question]").length;
  const sections = root.querySelectorAll("section[data-quiz-step]").length;
  assert.equal(steps.progressText, `Step 1 of ${sections}, 0 of ${questions} answered`);
  root.querySelector("input[type=radio]").checked = true;
  steps.go(2, { focus: false });
  steps.update();
  assert.equal(steps.progressText, `Step 3 of ${sections}, 1 of ${questions} answered`);
  const counts = [...root.querySelectorAll("[data-quiz-step-count]")].map(text);
  assert.match(counts[0], /^\(1 of \d+ answered\)$/);
});

test("the step list jumps to any step and marks the current one", async () => {
  const { root } = await stepped();
  const links = [...root.querySelectorAll("[data-quiz-goto]")];
  const sections = [...root.querySelectorAll("section[data-quiz-step]")];
  assert.equal(links.length, sections.length);
  links[4].click();
  assert.deepEqual(shown(root), [sections[4]]);
  assert.equal(links[4].getAttribute("aria-current"), "step");
  assert.equal(root.querySelectorAll("[aria-current]").length, 1);
  assert.equal(text(links[4]), text(sections[4].querySelector("h2")));
});

test("the last step lists every question not answered yet, each a link to its step", async () => {
  const { root, steps } = await stepped();
  const fieldsets = [...root.querySelectorAll("fieldset[data-question]")];
  for (const fieldset of fieldsets.slice(1)) fieldset.querySelector("input").checked = true;
  const last = root.querySelectorAll("section[data-quiz-step]").length - 1;
  steps.go(last, { focus: false });
  steps.update();
  const list = root.querySelector("[data-quiz-unanswered]");
  assert.equal(list.hidden, false);
  const links = [...list.querySelectorAll("a")];
  assert.equal(links.length, 1);
  assert.equal(links[0].getAttribute("href"), `#${fieldsets[0].id}`);
  assert.equal(root.querySelectorAll("[data-slot], [data-item]").length, 0);
  links[0].click();
  assert.deepEqual(shown(root), [fieldsets[0].closest("section")]);
  assert.equal(root.ownerDocument.activeElement, fieldsets[0].querySelector("input"));
  fieldsets[0].querySelector("input").checked = true;
  steps.go(last, { focus: false });
  steps.update();
  assert.equal(list.hidden, true);
});

test("required questions say so to assistive technology; optional ones do not", async () => {
  const { root } = await stepped();
  for (const fieldset of root.querySelectorAll("fieldset[data-question]")) {
    const inputs = [...fieldset.querySelectorAll("input[type=radio]")];
    const required = fieldset.hasAttribute("data-required");
    assert.ok(inputs.every((input) => input.required === required), fieldset.id);
  }
});
