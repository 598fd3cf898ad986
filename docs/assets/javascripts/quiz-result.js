// Renders the result dictionary that quiz.score() returned into the page's result template
// (macros/templates/quiz_result.html.j2, filled with template.js). The template holds the layout
// and every fixed word; the result holds every quiz word. Every value lands in a text node or an
// attribute, never in HTML.

import { fill, items, joined, show, slot } from "./template.js";

// Inside an iframe (the embed page on an intranet), links to the guide open in a new tab rather
// than replacing the host page's frame.
const FRAMED = window.self !== window.top;

function clamp(value) {
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : 0;
}

function shown(value) {
  return String(Math.round(clamp(value)));
}

function link(element, href) {
  element.setAttribute("href", href);
  if (FRAMED) {
    element.setAttribute("target", "_blank");
    element.setAttribute("rel", "noopener");
  }
  element.removeAttribute("data-away");
}

// A list of links with a separator between them.
function linkList(root, name, entries) {
  joined(root, name, entries, (copy, entry) => {
    const anchor = slot(copy, "link");
    anchor.textContent = entry.label ?? entry.title;
    link(anchor, entry.url);
  });
}

// --- the fit picture: one row per direction, where the reader wants the line, what their
// situation pushes and what it permits, and the gap that makes a misfit.

const ROW_HEIGHT = 84;

function drawRow(row, fit, index) {
  // The template's track says where 0 and 100 are.
  const track = row.querySelector(".quiz-fit__track");
  const [left, right] = [Number(track.getAttribute("x1")), Number(track.getAttribute("x2"))];
  const x = (value) => left + ((right - left) * clamp(value)) / 100;
  row.setAttribute("transform", `translate(0 ${20 + index * ROW_HEIGHT})`);
  row.dataset.direction = fit.direction;
  row.dataset.outcome = fit.outcome;
  fill(row, { direction_label: capitalized(fit.direction_label) });
  slot(row, "want").setAttribute("cx", x(fit.want));
  slot(row, "pressure").setAttribute("transform", `translate(${x(fit.pressure)} 14)`);
  const permission = slot(row, "permission");
  permission.setAttribute("x", x(fit.permission) - Number(permission.getAttribute("width")) / 2);
  // The gap that makes the misfit: from what is wanted to what pushes in or holds back.
  const gap = slot(row, "gap");
  const other = fit.outcome === "intrusion" ? fit.pressure : fit.permission;
  if (fit.outcome === "good-fit") gap.remove();
  else {
    gap.setAttribute("x1", x(fit.want));
    gap.setAttribute("x2", x(other));
  }
}

function capitalized(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The result names misfits first (its words lead with them); the picture keeps one fixed order,
// the quiz's own (the figure's data-directions), so each direction is always in the same place.
function picture(part, unordered) {
  const order = (part.dataset.directions ?? "").split(" ");
  const rank = (fit) => (order.includes(fit.direction) ? order.indexOf(fit.direction) : order.length);
  const fits = [...unordered].sort((a, b) => rank(a) - rank(b));
  part.removeAttribute("data-directions");
  items(part, "direction").each(fits, drawRow);
  items(part, "caption").each(fits, (copy, fit) =>
    fill(copy, {
      direction_label: capitalized(fit.direction_label),
      want: shown(fit.want),
      pressure: shown(fit.pressure),
      permission: shown(fit.permission),
      label: fit.label,
    }),
  );
}

// --- the parts of the result

function labeled(part, outcome) {
  fill(part, { label: outcome.label, text: outcome.text, basis: outcome.basis ?? "" });
}

// Only items this site publishes: an organization may hide a page, and its items with it.
function published(groups, links) {
  return groups
    .map((group) => ({ ...group, items: (group.items ?? []).filter((i) => links[i.slug]) }))
    .filter((group) => group.items.length);
}

function recommendations(part, groups, links) {
  items(part, "group").each(groups, (group, entry) => {
    fill(group, { label: entry.label });
    group.dataset.tactic = entry.tactic;
    items(group, "item").each(entry.items, (item, recommended) => {
      const target = links[recommended.slug];
      item.dataset.slug = recommended.slug;
      const title = slot(item, "title");
      title.textContent = target.title;
      link(title, target.url);
      show(slot(item, "kind"), target.kind === "policies");
      fill(item, { reason: recommended.reason });
      const organization = target.organization ?? [];
      const note = slot(item, "organization");
      if (organization.length) linkList(note, "org-link", organization);
      else note.remove();
    });
  });
}

function why(template, result, sources) {
  const known = (slugs) => (slugs ?? []).filter((s) => sources[s]).map((s) => sources[s]);
  items(template, "scale").each(result.scales ?? [], (details, scale) => {
    details.dataset.scale = scale.id;
    fill(details, {
      label: scale.label,
      direction_label: scale.direction_label ?? "",
      score: shown(scale.score),
      summary: scale.summary,
    });
    show(slot(details, "direction"), Boolean(scale.direction_label));
    const cited = known(scale.sources);
    const citation = slot(details, "sources");
    if (cited.length) linkList(citation, "source", cited);
    else citation.remove();
    items(details, "why").each(scale.why ?? [], (entry, moved) =>
      fill(entry, {
        question_text: moved.question_text,
        option_text: moved.option_text,
        effect_text: moved.effect_text,
      }),
    );
  });
}

// Fills container with the whole result. links maps guide slugs to {title, kind, url,
// organization}; sources maps source slugs to {label, url}; template is the page's
// <template data-quiz-result-template>.
export function renderResult(container, result, { links, sources = {}, template }) {
  const view = template.content.cloneNode(true);
  const part = (name) => [...view.querySelectorAll(`[data-part="${name}"]`)];
  const one = (name) => part(name)[0];

  // Support first: when strain is high the result opens with it, before any label.
  if (result.support) fill(one("support"), { text: result.support.text });
  else one("support").remove();

  picture(one("picture"), result.fit.directions);
  labeled(one("style"), result.style);
  if (result.cycling) labeled(view.querySelector('dd[data-part="cycling"]'), result.cycling);
  else part("cycling").forEach((element) => element.remove());
  labeled(one("days"), result.days);
  items(one("fit"), "direction").each(result.fit.directions, (entry, fit) => {
    entry.dataset.outcome = fit.outcome;
    entry.dataset.direction = fit.direction;
    fill(entry, { label: fit.label, direction_label: fit.direction_label, text: fit.text });
  });
  labeled(one("control"), result.control);
  labeled(one("identity"), result.identity);

  const flags = result.flags ?? [];
  items(one("flags"), "flag").each(flags, (item, flag) => {
    item.dataset.flag = flag.id;
    fill(item, { label: flag.label, reason: flag.reason });
  });
  (flags.length ? one("no-flags") : one("flags")).remove();

  const groups = published(result.recommendations ?? [], links);
  recommendations(one("recommendations"), groups, links);
  (groups.length ? one("no-recommendations") : one("recommendations")).remove();

  why(view, result, sources);
  fill(view.querySelector('[data-slot="disclaimer"]'), { disclaimer: result.disclaimer });
  for (const away of view.querySelectorAll("a[data-away]")) link(away, away.getAttribute("href"));
  container.replaceChildren(view);
}
