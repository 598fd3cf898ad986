// Renders the result dictionary that quiz.score() returned. Only DOM APIs, no HTML strings: every
// text from the result lands in a text node.

const SVG_NS = "http://www.w3.org/2000/svg";

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  el.append(...children);
  return el;
}

function clamp(value) {
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : 0;
}

function shown(value) {
  return String(Math.round(clamp(value)));
}

// Inside an iframe (the embed page on an intranet), links to the guide open in a new tab rather
// than replacing the host page's frame; same-page anchors keep working normally.
const FRAMED = window.self !== window.top;

function away(href, text) {
  return h("a", FRAMED ? { href, target: "_blank", rel: "noopener" } : { href }, text);
}

let uid = 0;

// The balance-integration line, drawn twice: what the reader wants and how their days go.
export function drawLine(positions) {
  const id = `quiz-line-${++uid}`;
  const pref = clamp(positions.preference);
  const beh = clamp(positions.behavior);
  const left = 40;
  const right = 560;
  const x = (v) => left + ((right - left) * v) / 100;
  const tracks = [
    { y: 52, label: `What you want: ${shown(pref)} of 100`, value: pref, kind: "preference" },
    { y: 122, label: `How your days go: ${shown(beh)} of 100`, value: beh, kind: "behavior" },
  ];
  const svg = s("svg", {
    class: "quiz-line__svg",
    viewBox: "0 0 600 180",
    role: "img",
    "aria-labelledby": `${id}-title ${id}-desc`,
    focusable: "false",
  });
  svg.append(
    s("title", { id: `${id}-title` }, "Where you stand between balance and integration"),
    s(
      "desc",
      { id: `${id}-desc` },
      `On a line from 0 (keep work and personal life apart) to 100 (blend them fully), ` +
        `what you want is at ${shown(pref)} and how your days go now is at ${shown(beh)}.`,
    ),
  );
  // The gap between wish and reality, drawn first so the markers sit on top of it.
  svg.append(
    s("line", {
      class: "quiz-line__gap",
      x1: x(pref),
      y1: tracks[0].y,
      x2: x(beh),
      y2: tracks[1].y,
    }),
  );
  for (const track of tracks) {
    svg.append(
      s("text", { class: "quiz-line__label", x: left, y: track.y - 20 }, track.label),
      s("line", { class: "quiz-line__track", x1: left, y1: track.y, x2: right, y2: track.y }),
    );
    for (const tick of [0, 50, 100]) {
      svg.append(
        s("line", {
          class: "quiz-line__tick",
          x1: x(tick),
          y1: track.y - 6,
          x2: x(tick),
          y2: track.y + 6,
        }),
      );
    }
    const cx = x(track.value);
    svg.append(
      track.kind === "preference"
        ? s("circle", {
            class: "quiz-line__marker quiz-line__marker--preference",
            cx,
            cy: track.y,
            r: 10,
          })
        : s("rect", {
            class: "quiz-line__marker quiz-line__marker--behavior",
            x: cx - 9,
            y: track.y - 9,
            width: 18,
            height: 18,
            transform: `rotate(45 ${cx} ${track.y})`,
          }),
    );
  }
  svg.append(
    s("text", { class: "quiz-line__end", x: left, y: 170 }, "← Keep apart (balance)"),
    s(
      "text",
      { class: "quiz-line__end", x: right, y: 170, "text-anchor": "end" },
      "Blend (integration) →",
    ),
  );
  return h(
    "figure",
    { class: "quiz-line" },
    svg,
    h(
      "figcaption",
      {},
      `0 means keeping work and personal life strictly apart; 100 means blending them fully. ` +
        `You want ${shown(pref)}; your days are at ${shown(beh)}.`,
    ),
  );
}

function summary(result) {
  const rows = [
    ["Your style", result.style],
    ["How your days go", result.profile],
    ["Fit with your work and home", result.fit],
  ];
  return h(
    "dl",
    { class: "quiz-summary" },
    rows.map(([term, part]) => [
      h("dt", {}, term),
      h(
        "dd",
        { "data-part": part.id ?? "" },
        h("strong", {}, part.label),
        h("span", {}, ` ${part.text}`),
      ),
    ]),
  );
}

function flags(result) {
  const list = result.flags ?? [];
  return [
    h("h3", {}, "Things to watch"),
    list.length
      ? h(
          "ul",
          { class: "quiz-flags" },
          list.map((flag) =>
            h("li", { "data-flag": flag.id }, h("strong", {}, flag.label), `: ${flag.reason}`),
          ),
        )
      : h("p", {}, "Nothing in your answers calls for a warning."),
  ];
}

function recommendation(item, links) {
  const target = links[item.slug];
  const title = target ? away(target.url, target.title) : item.slug;
  const kind = item.kind === "policy" ? " (for your organization)" : "";
  const org = target?.organization ?? [];
  return h(
    "li",
    { "data-slug": item.slug },
    title,
    kind,
    item.reason ? `: ${item.reason}` : "",
    org.length
      ? h(
          "p",
          { class: "quiz-org" },
          "At your organization: ",
          org.flatMap((link, i) => [i ? ", " : "", away(link.url, link.title)]),
        )
      : null,
  );
}

function recommendations(result, links) {
  const groups = (result.recommendations ?? []).filter((group) => group.items?.length);
  return [
    h("h3", {}, "What to try"),
    groups.length
      ? groups.map((group) =>
          h(
            "div",
            { class: "quiz-tactic", "data-tactic": group.tactic },
            h("h4", {}, group.label),
            h("ul", {}, group.items.map((item) => recommendation(item, links))),
          ),
        )
      : h("p", {}, "Your answers call for no change: keep doing what works."),
  ];
}

const DIRECTIONS = {
  "work-to-home": "work into personal time",
  "home-to-work": "personal matters into work time",
};

function effectText(effect) {
  if (typeof effect !== "number") return String(effect);
  if (effect === 0) return "no change";
  const points = Math.abs(effect) === 1 ? "point" : "points";
  return `${effect > 0 ? "+" : "−"}${Math.abs(effect)} ${points}`;
}

function sourceLinks(slugs, sources) {
  const known = (slugs ?? []).filter((slug) => sources[slug]);
  if (!known.length) return null;
  return h(
    "span",
    { class: "quiz-sources" },
    " ",
    known.flatMap((slug, i) => [
      i ? "; " : "",
      away(sources[slug].url, sources[slug].label),
    ]),
    ".",
  );
}

function directions(scale) {
  const entries = Object.entries(scale.directions ?? {}).filter(([id]) => DIRECTIONS[id]);
  if (!entries.length) return null;
  return h(
    "p",
    { class: "quiz-why__directions" },
    entries.map(
      ([id, value], i) => `${i ? "; " : "In each direction: "}${DIRECTIONS[id]} ${shown(value)}`,
    ),
    ".",
  );
}

function why(result, names, sources) {
  return [
    h("h3", {}, "Why this result"),
    h(
      "p",
      {},
      "Each part of your result is a score from 0 to 100. Open one to see the answers that " +
        "moved it, and by how much.",
    ),
    // One closed disclosure per sub-scale keeps the result short; printing opens them all.
    (result.subscales ?? []).map((scale) =>
      h(
        "details",
        { class: "quiz-why", "data-subscale": scale.id },
        h(
          "summary",
          {},
          h("strong", {}, `${scale.label}: ${shown(scale.score)} of 100.`),
          scale.summary ? ` ${scale.summary}` : "",
        ),
        scale.sources?.length ? h("p", {}, "Based on", sourceLinks(scale.sources, sources)) : null,
        directions(scale),
        scale.why?.length
          ? h(
              "ul",
              {},
              scale.why.map((entry) =>
                h(
                  "li",
                  {},
                  `${names.question(entry.question)} You answered ` +
                    `“${names.option(entry.question, entry.option)}” `,
                  h("span", { class: "quiz-why__effect" }, `(${effectText(entry.effect)})`),
                ),
              ),
            )
          : null,
      ),
    ),
  ];
}

// Fills container with the whole result. names.question(id) / names.option(qid, oid) give the
// wording the reader saw; links maps guide slugs to {title, url, organization}; sources maps
// source slugs to {label, url}.
export function renderResult(container, result, { links, sources = {}, names }) {
  container.replaceChildren(
    ...[
      drawLine(result.positions ?? {}),
      summary(result),
      flags(result),
      recommendations(result, links),
      why(result, names, sources),
      result.disclaimer ? h("p", { class: "quiz-disclaimer" }, result.disclaimer) : null,
    ]
      .flat(Infinity)
      .filter(Boolean),
  );
}
