// Keyboard access to wide tables and code (axe scrollable-region-focusable, WCAG 2.1.1).
//
// Material wraps every table in a box (.md-typeset__scrollwrap) that scrolls sideways when the
// table is wider than the page, as the worksheet's tables are on a phone; code blocks scroll the
// same way. A box that scrolls but cannot take focus cannot be scrolled without a mouse. Each
// table box that actually scrolls becomes a named, focusable region, and each such code block
// focusable (arrow keys then scroll it); what fits stays out of the tab order.

import { Texts } from "./texts.js";

const WRAP = ".md-typeset__scrollwrap";
const CODE = ".md-typeset pre > code";

// The words for the names are in every page's head (overrides/main.html).
const texts = new Texts(document);

// The table's caption, else the heading it sits under; landmarks need distinct names.
function baseName(wrap) {
  const caption = wrap.querySelector("caption")?.textContent.trim();
  if (caption) return texts.text("table-caption", { caption });
  const headings = [...document.querySelectorAll(".md-typeset :is(h1, h2, h3, h4)")].filter(
    (h) => h.compareDocumentPosition(wrap) & Node.DOCUMENT_POSITION_FOLLOWING,
  );
  const heading = headings.at(-1)?.textContent.replace("¶", "").trim();
  return heading ? texts.text("table-under", { heading }) : texts.text("table");
}

// Names are worked out from the DOM alone; whether a box scrolls is read in a ResizeObserver
// callback, where layout is already done, so this never forces an extra layout.
let observer = null;

function watch() {
  observer?.disconnect();
  const names = new Map();
  const used = new Map();
  for (const wrap of document.querySelectorAll(WRAP)) {
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
      if (!names.has(target)) continue; // a code block: focusable is enough
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

// Material's document$ emits once its bundle has wrapped the page's tables.
if (window.document$) window.document$.subscribe(watch);
else watch();
