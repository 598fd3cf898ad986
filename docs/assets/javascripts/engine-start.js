// Starts the quiz engine as soon as this module runs, not after boot.js, quiz-form.js and the
// first idle moment. The quiz page loads it from <head> with `async`; an inline script just
// before it has already created the worker, which boots Python at once, and start() takes that
// worker over and sends it the wheel to install. quiz-form.js later gets this same engine from
// engineFor(), already loading. Only pages with the quiz include this script and the worker
// (overrides/main.html); every other page still never fetches the engine.
import { engineFor } from "./engine-client.js";

const source = document.querySelector("script[data-engine-wheel]");
if (source) engineFor(source).start();
