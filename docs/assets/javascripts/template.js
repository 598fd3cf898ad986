// Filling a cloned <template>: [data-slot="name"] elements receive values, [data-item="name"]
// elements are prototypes repeated once per entry of a list. The template holds the layout and
// the fixed words (macros/templates/*.j2); the script brings only values, as text.

// The first element of `root` (itself included) marked with this slot, claimed: its marker goes,
// so a marker left behind in a rendered view means a slot that nothing filled.
export function slot(root, name) {
  const found = root.dataset?.slot === name ? root : root.querySelector(`[data-slot="${name}"]`);
  found?.removeAttribute("data-slot");
  return found;
}

export function fill(root, values) {
  for (const [name, value] of Object.entries(values)) {
    const element = slot(root, name);
    if (element) element.textContent = value === null || value === undefined ? "" : String(value);
  }
}

export function show(element, visible) {
  if (element) element.hidden = !visible;
}

// Takes the prototype of a repeated item out of `root`; each() puts one filled copy per entry
// where the prototype was.
export function items(root, name) {
  const proto = root.querySelector(`[data-item="${name}"]`);
  const parent = proto.parentNode;
  const next = proto.nextSibling;
  proto.remove();
  return {
    each(entries, build) {
      for (const [index, entry] of entries.entries()) {
        const copy = proto.cloneNode(true);
        copy.removeAttribute("data-item");
        build(copy, entry, index);
        parent.insertBefore(copy, next);
      }
    },
  };
}

// Items joined by a [data-slot="separator"] each, the last one's dropped.
export function joined(root, name, entries, build) {
  items(root, name).each(entries, (copy, entry, index) => {
    build(copy, entry, index);
    const separator = slot(copy, "separator");
    if (index === entries.length - 1) separator?.remove();
  });
}
