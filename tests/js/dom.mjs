// A browser-like page for the modules' unit tests: jsdom with the given markup, its window's
// globals installed so the modules (written for browsers) run unchanged.
import { JSDOM } from "jsdom";

const GLOBALS = [
  "window",
  "document",
  "Node",
  "DocumentFragment",
  "CSS",
  "DOMParser",
  "location",
  "sessionStorage",
  "Event",
];

export function page(html, { url = "http://127.0.0.1/quiz/", framed = false } = {}) {
  const dom = new JSDOM(`<!doctype html><html><body>${html}</body></html>`, { url });
  const { window } = dom;
  // A framed page: window.top is fixed in jsdom, so "self" is what changes.
  if (framed) Object.defineProperty(window, "self", { value: {}, configurable: true });
  // jsdom lays nothing out, so it has no scrolling to do.
  window.Element.prototype.scrollIntoView ??= () => {};
  window.CSS ??= { escape: (value) => String(value).replace(/["\\]/g, "\\$&") };
  for (const name of GLOBALS) globalThis[name] = window[name];
  return window;
}

// A fresh copy of a browser module, so that module-level state (such as "framed") is re-read.
let copy = 0;
export function load(name) {
  const url = new URL(`../../docs/assets/javascripts/${name}`, import.meta.url);
  return import(`${url.href}?copy=${++copy}`);
}
