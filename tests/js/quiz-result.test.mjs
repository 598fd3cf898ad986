// The result renderer against results the Python engine made (tests/js/fixtures.py writes them
// from quiz/personas.toml before these tests run): what the reader sees is what the dictionary
// says, in the page template's layout, with nothing left unfilled.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import { load, page } from "./dom.mjs";

const FIXTURES = process.env.JS_FIXTURES ?? "build/js-fixtures";
const PAGE = readFileSync(join(FIXTURES, "quiz-page.html"), "utf-8");
const RESULTS = readdirSync(join(FIXTURES, "results"))
  .filter((name) => name.endsWith(".json"))
  .map((name) => ({
    persona: name.replace(/\.json$/, ""),
    result: JSON.parse(readFileSync(join(FIXTURES, "results", name), "utf-8")),
  }));

async function render(result, options = {}) {
  const window = page(PAGE, options);
  const { renderResult } = await load("quiz-result.js");
  const root = window.document.querySelector("[data-quiz]");
  const json = (selector) => JSON.parse(root.querySelector(selector).textContent);
  const body = root.querySelector("[data-quiz-result-body]");
  renderResult(body, result, {
    links: json("[data-quiz-links]"),
    sources: json("[data-quiz-sources]"),
    template: root.querySelector("[data-quiz-result-template]"),
  });
  return { window, body, links: json("[data-quiz-links]") };
}

const DIRECTIONS = ["work-to-life", "life-to-work"];

const text = (element) => element?.textContent.replace(/\s+/g, " ").trim() ?? "";

test("the fixtures hold the ten personas of the quiz model", () => {
  assert.ok(RESULTS.length >= 10, `only ${RESULTS.length} results in ${FIXTURES}`);
});

for (const { persona, result } of RESULTS) {
  describe(persona, () => {
    test("every slot is filled and no list prototype is left", async () => {
      const { body } = await render(result);
      assert.equal(body.querySelectorAll("[data-slot], [data-item], [data-away]").length, 0);
      for (const link of body.querySelectorAll("a")) {
        assert.ok(link.getAttribute("href"), `a link without an address: ${text(link)}`);
        assert.ok(text(link), "a link without words");
      }
    });

    test("support comes first exactly when the result asks for it", async () => {
      const { body } = await render(result);
      const support = body.querySelector(".quiz-support");
      if (result.support) {
        assert.equal(body.firstElementChild, support);
        assert.ok(text(support).includes(result.support.text));
      } else {
        assert.equal(support, null);
      }
    });

    test("the summary shows each label the result holds, with its basis", async () => {
      const { body } = await render(result);
      for (const part of ["style", "days", "control", "identity"]) {
        const shown = text(body.querySelector(`dd[data-part="${part}"]`));
        assert.ok(shown.startsWith(result[part].label), `${part}: ${shown}`);
        if (result[part].basis) assert.ok(shown.includes(result[part].basis));
      }
      const cycling = body.querySelector('dd[data-part="cycling"]');
      assert.equal(Boolean(cycling), Boolean(result.cycling));
      const fits = [...body.querySelectorAll('dd[data-part="fit"] li')];
      assert.deepEqual(
        fits.map((li) => [li.dataset.direction, li.dataset.outcome]),
        result.fit.directions.map((fit) => [fit.direction, fit.outcome]),
      );
    });

    test("the picture draws each direction once, and its caption says each number once", async () => {
      const { body } = await render(result);
      const rows = [...body.querySelectorAll(".quiz-fit__row")];
      // Always the quiz's order of directions, whatever order the result names them in.
      const fits = DIRECTIONS.map((id) => result.fit.directions.find((f) => f.direction === id));
      assert.deepEqual(
        rows.map((row) => [row.dataset.direction, row.dataset.outcome]),
        fits.map((fit) => [fit.direction, fit.outcome]),
      );
      assert.equal(body.querySelector(".quiz-fit__svg").getAttribute("aria-hidden"), "true");
      assert.equal(body.querySelector(".quiz-fit__legend").getAttribute("aria-hidden"), "true");
      // The caption is the picture's one text alternative: each number is in it exactly once,
      // and nothing else in the figure is read.
      const figure = body.querySelector(".quiz-fit");
      const read = [...figure.children].filter((el) => el.getAttribute("aria-hidden") !== "true");
      assert.deepEqual(read.map((el) => el.tagName), ["FIGCAPTION"]);
      const captions = [...body.querySelectorAll(".quiz-fit__caption")].map(text);
      fits.forEach((fit, i) => {
        for (const value of [fit.want, fit.pressure, fit.permission]) {
          const times = captions[i].split(/\D+/).filter((n) => n === String(value)).length;
          assert.ok(times >= 1, `${captions[i]} lacks ${value}`);
        }
        assert.ok(captions[i].includes(fit.label));
        // A misfit draws its gap; a good fit draws none.
        assert.equal(Boolean(rows[i].querySelector(".quiz-fit__gap")), fit.outcome !== "good-fit");
      });
    });

    test("flags and recommendations are the result's own, in its order", async () => {
      const { body, links } = await render(result);
      assert.deepEqual(
        [...body.querySelectorAll("[data-flag]")].map((li) => li.dataset.flag),
        result.flags.map((flag) => flag.id),
      );
      const slugs = result.recommendations.flatMap((group) => group.items.map((i) => i.slug));
      const shown = [...body.querySelectorAll("[data-slug]")];
      assert.deepEqual(shown.map((li) => li.dataset.slug), slugs);
      for (const item of shown) {
        const target = links[item.dataset.slug];
        assert.equal(text(item.querySelector("a")), target.title);
        assert.equal(item.querySelector("a").getAttribute("href"), target.url);
        const kind = item.querySelector(":scope > span[hidden]");
        assert.equal(kind === null, target.kind === "policies", "policy marker");
      }
    });

    test("why this result lists every answer with its own words and effect", async () => {
      const { body } = await render(result);
      const scales = [...body.querySelectorAll("details.quiz-why")];
      assert.deepEqual(scales.map((d) => d.dataset.scale), result.scales.map((s) => s.id));
      result.scales.forEach((scale, i) => {
        assert.ok(text(scales[i].querySelector("summary")).includes(`${scale.score}`));
        const lines = [...scales[i].querySelectorAll("li")].map(text);
        assert.equal(lines.length, scale.why.length);
        scale.why.forEach((why, j) => {
          for (const words of [why.question_text, why.option_text, why.effect_text]) {
            assert.ok(lines[j].includes(words), `${lines[j]} lacks ${words}`);
          }
        });
      });
    });
  });
}

test("inside a frame, links to the guide open in a new tab", async () => {
  const { body } = await render(RESULTS[0].result, { framed: true });
  const links = [...body.querySelectorAll("a")];
  assert.ok(links.length > 0);
  for (const link of links) assert.equal(link.getAttribute("target"), "_blank");
});

test("a text from the result is never parsed as markup", async () => {
  const hostile = structuredClone(RESULTS[0].result);
  hostile.style.label = '<img src=x onerror="alert(1)">';
  const { body } = await render(hostile);
  assert.equal(body.querySelector("img"), null);
  assert.ok(text(body).includes('<img src=x onerror="alert(1)">'));
});

test("an item on a page this site leaves out (hidden by an organization) is not offered", async () => {
  const { result } = RESULTS.find(({ result }) => result.recommendations.length > 1);
  const window = page(PAGE);
  const { renderResult } = await load("quiz-result.js");
  const root = window.document.querySelector("[data-quiz]");
  const links = JSON.parse(root.querySelector("[data-quiz-links]").textContent);
  const gone = result.recommendations[0].items[0].slug;
  delete links[gone];
  const body = root.querySelector("[data-quiz-result-body]");
  renderResult(body, result, {
    links,
    sources: {},
    template: root.querySelector("[data-quiz-result-template]"),
  });
  const shown = [...body.querySelectorAll("[data-slug]")].map((li) => li.dataset.slug);
  assert.ok(!shown.includes(gone));
  assert.equal(shown.length, result.recommendations.flatMap((g) => g.items).length - 1);
  assert.equal(body.querySelectorAll("[data-slot], [data-item]").length, 0);
});
