// Starts the quiz engine as soon as this module runs. The quiz page loads it from <head> with
// `async`, so the worker begins fetching and compiling Pyodide while the page itself is still
// being parsed, instead of after boot.js, quiz-form.js and the first idle moment: the engine is
// then ready about when plain Pyodide on an empty page would be. The worker runs on its own
// thread, so the page's parsing and painting do not wait for it. quiz-form.js later gets this
// same engine from engineFor(), already loading. Only pages with the quiz include this script
// (overrides/main.html); every other page still never fetches the engine.
import { engineFor } from "./engine-client.js";

const source = document.querySelector("script[data-engine-wheel]");
if (source) engineFor(source).start();
