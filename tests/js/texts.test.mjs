// texts.js: the page's words, with their slots filled.
import assert from "node:assert/strict";
import { test } from "node:test";

import { load, page } from "./dom.mjs";

const MARKUP = `<div id="root"><template data-texts>
<span data-text="plain">Hello there.</span>
<span data-text="count-one">1 person</span>
<span data-text="count-other"><span data-slot="count"></span> people</span>
<span data-text="linked">See <a data-slot="target">question <span data-slot="n"></span></a>.</span>
</template></div>`;

async function texts() {
  const window = page(MARKUP);
  const { Texts } = await load("texts.js");
  return new Texts(window.document.getElementById("root"));
}

test("a text comes back as plain words or as nodes", async () => {
  const t = await texts();
  assert.equal(t.text("plain"), "Hello there.");
  assert.equal(t.nodes("plain").map((n) => n.textContent).join(""), "Hello there.");
});

test("slots are filled with words, links with their address", async () => {
  const t = await texts();
  assert.equal(t.counted("count", 1), "1 person");
  assert.equal(t.counted("count", 3), "3 people");
  const holder = document.createElement("p");
  holder.append(...t.nodes("linked", { target: { href: "#q-7" }, n: 7 }));
  assert.equal(holder.textContent, "See question 7.");
  assert.equal(holder.querySelector("a").getAttribute("href"), "#q-7");
  assert.equal(holder.querySelector("[data-slot]"), null);
});

test("a missing text is a loud error, not an empty string", async () => {
  const t = await texts();
  assert.throws(() => t.text("nope"), /no text "nope"/);
});
