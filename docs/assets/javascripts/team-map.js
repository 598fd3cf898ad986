// The team map: share codes in, the map that Python (quiz.team_map) draws out. The codes never
// leave the browser: they go to the quiz engine's worker on this page and nowhere else.

import { engineFor } from "./engine-client.js";
import { codeFromHash } from "./share.js";
import { fill, joined, items } from "./template.js";
import { Texts } from "./texts.js";

// The group's spread in each direction, before any dot: the least a lead should look at.
function spreadView(template, spread) {
  const view = template.content.cloneNode(true);
  items(view, "direction").each(spread, (item, direction) => {
    const values = { direction_label: direction.direction_label };
    for (const scale of ["preference", "behavior"]) {
      for (const [key, value] of Object.entries(direction[scale])) values[`${scale}-${key}`] = value;
    }
    fill(item, values);
    joined(item, "fit", direction.fit, (copy, fit) => fill(copy, { count: fit.count, label: fit.label }));
  });
  return view;
}

// Codes from what a team lead pasted: bare codes or whole share links ("…/quiz/#answers=CODE"),
// separated by spaces, commas or new lines. Anything else is passed on for Python to reject.
export function parseCodes(text) {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((token) => {
      const at = token.indexOf("#");
      return at >= 0 ? (codeFromHash(token.slice(at)) ?? token) : token;
    });
}

// The map as a node of this page, or null when what the engine sent is not an SVG image.
function svgFrom(text) {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  if (doc.querySelector("parsererror") || doc.documentElement.localName !== "svg") return null;
  return document.importNode(doc.documentElement, true);
}

export function init(root) {
  const texts = new Texts(root);
  const form = root.querySelector("[data-team-map-form]");
  const input = root.querySelector("[data-team-map-codes]");
  const button = root.querySelector("[data-team-map-submit]");
  const status = root.querySelector("[data-team-map-status]");
  const result = root.querySelector("[data-team-map-result]");
  const heading = result.querySelector("h2");
  const figure = root.querySelector("[data-team-map-figure]");
  const spread = root.querySelector("[data-team-map-spread]");
  const spreadTemplate = root.querySelector("[data-team-map-spread-template]");
  const problems = root.querySelector("[data-team-map-problems]");
  const list = root.querySelector("[data-team-map-errors]");
  const engine = engineFor(root);

  const setState = (state, message = "") => {
    root.dataset.state = state;
    status.textContent = message;
  };
  const failed = (reply) =>
    reply.failure ? texts.text(`failure-${reply.failure}`) : texts.text("failed", { error: reply.error });

  setState("idle"); // data-state also tells that this module has taken over the form

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const codes = parseCodes(input.value);
    if (codes.length === 0) {
      setState("empty", texts.text("empty"));
      input.focus();
      return;
    }
    button.disabled = true;
    setState("drawing", texts.text(engine.state === "ready" ? "drawing" : "starting"));
    try {
      const { reply } = await engine.request("team", { codes });
      if (!reply.ok) {
        setState("error", failed(reply));
        return;
      }
      const { svg, count, shown, note, errors } = reply.value;
      const map = svgFrom(svg);
      if (map === null) {
        setState("error", texts.text("unreadable"));
        return;
      }
      figure.replaceChildren(map);
      figure.hidden = !shown;
      spread.replaceChildren(shown ? spreadView(spreadTemplate, reply.value.spread) : "");
      list.replaceChildren(
        ...errors.map((problem) => {
          const item = document.createElement("li");
          item.textContent = texts.text("problem", problem);
          return item;
        }),
      );
      problems.hidden = errors.length === 0;
      result.hidden = false;
      const drawn = shown ? texts.counted("drawn", count) : texts.counted("too-few", count, { note });
      const left = errors.length ? ` ${texts.counted("left-off", errors.length)}` : "";
      setState("drawn", drawn + left);
      heading.focus();
    } catch (error) {
      const reason = engine.failure?.reason;
      setState("error", reason ? texts.text(`failure-${reason}`) : failed({ error: error.message }));
    } finally {
      button.disabled = false;
    }
  });
  // Start Python while the lead is still pasting.
  input.addEventListener("focus", () => engine.start(), { once: true });
}
