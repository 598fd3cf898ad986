// share.js and the team map's code reading: share codes ride in the fragment only.
import assert from "node:assert/strict";
import { test } from "node:test";

import { load, page } from "./dom.mjs";

test("a share link's code is read from the fragment, and written back there", async () => {
  page("");
  const { codeFromHash, linkFor } = await load("share.js");
  assert.equal(codeFromHash("#answers=2AbC"), "2AbC");
  assert.equal(codeFromHash("#answers=2A%20b"), "2A b");
  assert.equal(codeFromHash("#results"), null);
  assert.equal(linkFor("2AbC", "https://x.example/quiz/?a=1#old"), "https://x.example/quiz/?a=1#answers=2AbC");
});

test("pasted codes and whole links both become codes", async () => {
  page("");
  const { parseCodes } = await load("team-map.js");
  assert.deepEqual(parseCodes(" a1,b2\n https://x.example/quiz/#answers=c3  "), ["a1", "b2", "c3"]);
  assert.deepEqual(parseCodes("https://x.example/quiz/#other"), ["https://x.example/quiz/#other"]);
});
