// Starts the components of this page: each element with data-module="name" is handed to the
// init(element) of the module named here. Tiny and loaded everywhere; a page without such an
// element fetches nothing more, so only the quiz and team map pages load the engine's code.
// Module scripts run once the document is parsed, so every element is already there.

const MODULES = {
  quiz: "./quiz-form.js",
  "quiz-history": "./quiz-history.js",
  "quiz-plan": "./quiz-plan.js",
  "team-map": "./team-map.js",
  "embed-size": "./embed-size.js",
};

for (const element of document.querySelectorAll("[data-module]")) {
  const path = MODULES[element.dataset.module];
  if (!path) {
    console.error(`Unknown data-module "${element.dataset.module}"`);
    continue;
  }
  import(new URL(path, import.meta.url).href).then(
    (module) => module.init(element),
    (error) => console.error(`Could not load ${path}:`, error),
  );
}
