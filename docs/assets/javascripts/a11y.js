// Keyboard and screen reader fixes to Material's page, one section each:
// - wide tables and code that scroll sideways can take focus (WCAG 2.1.1);
// - the menu button that opens the navigation drawer works by keyboard (2.1.1, 4.1.2);
// - the palette toggle's radio buttons say which palette is shown (4.1.2);
// - scripted smooth scrolling honors prefers-reduced-motion (2.3.3).
//
// Material wraps every table in a box (.md-typeset__scrollwrap) that scrolls sideways when the
// table is wider than the page, as the worksheet's tables are on a phone; code blocks scroll the
// same way. A box that scrolls but cannot take focus cannot be scrolled without a mouse. Each
// box that actually scrolls becomes a named, focusable region (arrow keys then scroll it); what
// fits stays out of the tab order.

import { Texts } from "./texts.js";

const WRAP = ".md-typeset__scrollwrap";
const CODE = ".md-typeset pre > code";

// The words for the names are in every page's head (overrides/main.html).
const texts = new Texts(document);

// The table's caption, else the heading it sits under; landmarks need distinct names. A code
// block is named the same way ("Code under ..."), so a focused one is announced as what it is.
function baseName(wrap) {
  const kind = wrap.matches(CODE) ? "code" : "table";
  const caption = wrap.querySelector("caption")?.textContent.trim();
  if (caption) return texts.text("table-caption", { caption });
  const headings = [...document.querySelectorAll(".md-typeset :is(h1, h2, h3, h4)")].filter(
    (h) => h.compareDocumentPosition(wrap) & Node.DOCUMENT_POSITION_FOLLOWING,
  );
  const heading = headings.at(-1)?.textContent.replace("¶", "").trim();
  return heading ? texts.text(`${kind}-under`, { heading }) : texts.text(kind);
}

// Names are worked out from the DOM alone; whether a box scrolls is read in a ResizeObserver
// callback, where layout is already done, so this never forces an extra layout.
let observer = null;

function watch() {
  observer?.disconnect();
  const names = new Map();
  const used = new Map();
  for (const wrap of document.querySelectorAll(`${WRAP}, ${CODE}`)) {
    const base = baseName(wrap);
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    names.set(wrap, count === 1 ? base : texts.text("table-numbered", { name: base, count }));
  }
  observer = new ResizeObserver((entries) => {
    for (const { target } of entries) {
      const scrolls = target.scrollWidth > target.clientWidth + 1;
      if (scrolls) target.tabIndex = 0;
      else target.removeAttribute("tabindex");
      if (scrolls) {
        target.setAttribute("role", "region");
        target.setAttribute("aria-label", names.get(target));
      } else {
        target.removeAttribute("role");
        target.removeAttribute("aria-label");
      }
    }
  });
  for (const element of document.querySelectorAll(`${WRAP}, ${CODE}`)) observer.observe(element);
}

// The menu button. Material draws it as a <label for="__drawer"> (the drawer is a checkbox),
// which a keyboard cannot reach or press: it becomes a real button, named, saying whether the
// drawer is open. Opening it by keyboard moves focus into the drawer; Escape closes the drawer
// and gives focus back. (a11y.css keeps what the closed drawer holds out of the tab order.)
function menuButton() {
  const drawer = document.getElementById("__drawer");
  const label = document.querySelector(".md-header label[for='__drawer']");
  if (!drawer || !label) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = label.className;
  button.dataset.a11yMenu = "";
  button.setAttribute("aria-label", texts.text("menu"));
  button.append(...label.childNodes);
  label.replaceWith(button);
  const sync = () => button.setAttribute("aria-expanded", String(drawer.checked));
  sync();
  drawer.addEventListener("change", sync);
  // A click from a pointer leaves focus where it is; a key press (detail 0) moves it.
  button.addEventListener("click", (event) => {
    drawer.click();
    if (drawer.checked && event.detail === 0) {
      focusFirst(document.querySelector(".md-sidebar--primary"));
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !drawer.checked) return;
    drawer.click();
    button.focus();
  });
}

// Focus the first thing a reader can see in the container, once the browser has drawn it.
function focusFirst(container) {
  requestAnimationFrame(() => {
    const candidates = container?.querySelectorAll(':is(a[href], [tabindex="0"], button)') ?? [];
    [...candidates].find((e) => e.checkVisibility({ visibilityProperty: true }))?.focus();
  });
}

// Inside the drawer Material shows one level of the navigation at a time: a section's label
// slides its pages in, the panel's title slides them back out. Both are labels for checkboxes,
// which a keyboard cannot reach or press. Where there is a drawer each becomes a button, and
// focus follows into the panel that opens, or back to the button that opened it; elsewhere the
// label stays (a section's name above its pages). (a11y.css hides the levels not shown.)
const DRAWER_WIDTH = matchMedia("(max-width: 76.234375em)");
const NAV_LABELS = ".md-nav--primary label:is(.md-nav__link, .md-nav__title)[for]";
let swaps = [];

function drawerControls() {
  swaps = [];
  for (const label of document.querySelectorAll(NAV_LABELS)) {
    if (label.htmlFor === "__drawer") continue; // the drawer's title, which holds the logo
    const toggle = document.getElementById(label.htmlFor);
    if (!toggle) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    // Material's stylesheet places some labels by their for="" (a11y.css mirrors it).
    button.dataset.a11yFor = label.htmlFor;
    if (label.id) button.id = label.id;
    button.append(...[...label.childNodes].map((node) => node.cloneNode(true)));
    const back = label.classList.contains("md-nav__title");
    if (!back) button.setAttribute("aria-expanded", String(toggle.checked));
    button.addEventListener("click", (event) => {
      toggle.click();
      if (!back) button.setAttribute("aria-expanded", String(toggle.checked));
      if (event.detail !== 0) return; // a pointer: focus stays where it is
      if (back) {
        const opener = swaps.find(([l]) => l.htmlFor === toggle.id && l !== label)?.[1];
        requestAnimationFrame(() => opener?.focus());
      } else if (toggle.checked) {
        focusFirst(toggle.parentElement.querySelector(":scope > nav"));
      }
    });
    swaps.push([label, button]);
  }
  placeDrawerControls();
}

function placeDrawerControls() {
  for (const [label, button] of swaps) {
    if (DRAWER_WIDTH.matches) label.replaceWith(button);
    else button.replaceWith(label);
  }
}
DRAWER_WIDTH.addEventListener("change", placeDrawerControls);

// The palette toggle is a pair of radio buttons, named after the palette each switches to; Tab
// lands on the checked one and Enter switches. Material never checks either, so on a first
// visit Tab landed on the first (in the dark palette: "Switch to dark mode", which switched to
// light). The one checked is the one whose switch Material shows: the palette in use.
function paletteState() {
  const inputs = [...document.querySelectorAll("[data-md-component=palette] input.md-option")];
  const shown = inputs.find((input) => input.nextElementSibling?.hidden === false);
  if (shown) shown.checked = true;
}

// Material scrolls the table of contents and the tabs with behavior "smooth" from script, which
// the stylesheet's scroll-behavior cannot reach. A reader who asked for less motion gets jumps.
const reduce = matchMedia("(prefers-reduced-motion: reduce)");
function instant(scroll) {
  return function (...args) {
    if (reduce.matches && args[0]?.behavior === "smooth") {
      args[0] = { ...args[0], behavior: "instant" };
    }
    return scroll.apply(this, args);
  };
}
for (const target of [Element.prototype, window]) {
  for (const name of ["scrollTo", "scrollBy", "scroll", "scrollIntoView"]) {
    if (typeof target[name] === "function") target[name] = instant(target[name]);
  }
}

// The search results scroll in their own box, and Material takes their links out of the tab order
// (arrow keys move between them): a box that scrolls with nothing in it to focus (axe
// scrollable-region-focusable). It takes focus itself, named by the count above the results;
// while the search is closed a11y.css hides it, so it is never an invisible stop.
function searchResults() {
  const wrap = document.querySelector(".md-search__scrollwrap");
  const meta = document.querySelector(".md-search-result__meta");
  if (!wrap || !meta) return;
  meta.id ||= "a11y-search-count";
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-labelledby", meta.id);
}

function start() {
  watch();
  searchResults();
  menuButton();
  drawerControls();
  paletteState();
}

// Material's document$ emits once its bundle has wrapped the page's tables and mounted the
// palette (which shows the toggle of the palette in use).
if (window.document$) window.document$.subscribe(() => setTimeout(start));
else start();
