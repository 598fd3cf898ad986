// Boots page scripts on every Material page load, including instant navigation. It is tiny and
// loaded everywhere; the modules it imports are fetched only by pages holding a matching element,
// so no other page downloads the quiz code or the engine.

// selector -> module (relative to this file); each module exports init(element).
const MODULES = [
  ["[data-quiz]", "./quiz-form.js"],
  ["[data-team-map]", "./team-map.js"],
  ["[data-module=embed-size]", "./embed-size.js"],
];

function boot() {
  for (const [selector, path] of MODULES) {
    const elements = document.querySelectorAll(selector);
    if (elements.length === 0) continue;
    import(new URL(path, import.meta.url).href).then(
      (module) => elements.forEach((element) => module.init(element)),
      (error) => console.error(`Could not load ${path}:`, error),
    );
  }
}

// The first page's document is already parsed when this deferred module runs: start fetching
// the modules it needs now, not only when Material's first document$ arrives.
for (const [selector, path] of MODULES) {
  if (document.querySelector(selector)) import(new URL(path, import.meta.url).href).catch(() => {});
}

// Material emits document$ on the first load and after every instant navigation.
if (window.document$) window.document$.subscribe(boot);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
