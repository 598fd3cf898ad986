// Starts the quiz engine as soon as this module runs, not after boot.js, quiz-form.js and the
// first idle moment: the quiz page loads it from <head> with `async`, so the worker starts as
// soon as the parser has finished with the page, before the quiz's own scripts. quiz-form.js later
// gets this same engine from engineFor(), already loading. Only pages with the quiz include this
// script (overrides/main.html); every other page still never fetches the engine. (Creating the
// worker even earlier, from an inline script, gained nothing measurable in docs/performance.md's
// benchmark and lowered the quiz page's Lighthouse score on a phone.)
import { engineFor } from "./engine-client.js";

const source = document.querySelector("script[data-engine-wheel]");
if (source) engineFor(source).start();
