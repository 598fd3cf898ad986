// The words a component shows come from its page's markup, never from JavaScript: the build
// writes them into a <template data-texts> (macros/templates/*.j2), one element per text:
//
//   <template data-texts>
//     <span data-text="cleared">Your answers were cleared.</span>
//     <span data-text="missing-other">Answer <span data-slot="count"></span> more.</span>
//   </template>
//
// A text may hold markup (a link) and named slots, which the script fills.

export class Texts {
  constructor(root) {
    this.templates = [...root.querySelectorAll("template[data-texts]")];
  }

  element(key) {
    for (const template of this.templates) {
      const found = template.content.querySelector(`[data-text="${CSS.escape(key)}"]`);
      if (found) return found;
    }
    throw new Error(`no text "${key}" in this page's <template data-texts>`);
  }

  // The text's nodes, cloned, with each slot filled: a string becomes the slot's text; for a
  // link slot, {text, href} sets both; a Node replaces the slot's content.
  nodes(key, slots = {}) {
    const copy = this.element(key).cloneNode(true);
    for (const slot of copy.querySelectorAll("[data-slot]")) {
      const value = slots[slot.dataset.slot];
      if (value === undefined) continue;
      if (value instanceof Node) slot.replaceChildren(value);
      else if (typeof value === "object") {
        if (value.href !== undefined) slot.setAttribute("href", value.href);
        if (value.text !== undefined) slot.textContent = String(value.text);
      } else slot.textContent = String(value);
      slot.removeAttribute("data-slot");
    }
    return [...copy.childNodes];
  }

  // The same as plain text, for places that take no markup (a status line, an attribute).
  text(key, slots = {}) {
    const holder = document.createElement("span");
    holder.append(...this.nodes(key, slots));
    return holder.textContent.replace(/\s+/g, " ").trim();
  }

  // "one" or "other" form of a text, by count: keys end in -one / -other.
  counted(key, count, slots = {}) {
    return this.text(`${key}-${count === 1 ? "one" : "other"}`, { count, ...slots });
  }
}
