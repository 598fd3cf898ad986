// The team map: share codes in, the map that Python (quiz.team_map) draws out. The codes never
// leave the browser: they go to the quiz engine's worker on this page and nowhere else.

import { engineFor } from "./engine-client.js";
import { codeFromHash } from "./share.js";

const MOUNTED = new WeakSet();

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

function svgFrom(text) {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  if (doc.querySelector("parsererror") || doc.documentElement.localName !== "svg") {
    throw new Error("the engine returned a map this browser cannot read");
  }
  return document.importNode(doc.documentElement, true);
}

// One line per rejected code: where it was in the list, what was pasted, what is wrong with it.
function problemText({ position, code, reason }) {
  return `Code ${position} (${code}): ${reason}`;
}

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

export function init(root) {
  if (MOUNTED.has(root)) return;
  MOUNTED.add(root);
  const form = root.querySelector("[data-team-map-form]");
  const input = root.querySelector("[data-team-map-codes]");
  const button = root.querySelector("[data-team-map-submit]");
  const status = root.querySelector("[data-team-map-status]");
  const result = root.querySelector("[data-team-map-result]");
  const heading = result.querySelector("h2");
  const figure = root.querySelector("[data-team-map-figure]");
  const problems = root.querySelector("[data-team-map-problems]");
  const list = root.querySelector("[data-team-map-errors]");
  const engine = engineFor(root);

  const setState = (state, message) => {
    root.dataset.state = state;
    status.textContent = message;
  };

  setState("idle", ""); // data-state also tells that this module has taken over the form

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const codes = parseCodes(input.value);
    if (codes.length === 0) {
      setState("empty", "Paste at least one share code first.");
      input.focus();
      return;
    }
    button.disabled = true;
    setState(
      "drawing",
      engine.state === "ready"
        ? "Drawing the map…"
        : "Starting the quiz engine in this browser (a few seconds the first time)…",
    );
    try {
      const { reply } = await engine.request("team", { codes });
      if (!reply.ok) {
        setState("error", `The map could not be drawn: ${reply.error}`);
        return;
      }
      const { svg, members, errors } = reply.value;
      figure.replaceChildren(svgFrom(svg));
      list.replaceChildren(
        ...errors.map((problem) => {
          const item = document.createElement("li");
          item.textContent = problemText(problem);
          return item;
        }),
      );
      problems.hidden = errors.length === 0;
      result.hidden = false;
      const left = errors.length ? `, ${plural(errors.length, "code", "codes")} left off (listed below)` : "";
      setState("drawn", `${plural(members.length, "person", "people")} on the map${left}.`);
      heading.focus();
    } catch (error) {
      setState("error", engine.failure?.message ?? `The map could not be drawn: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  });
  // Start Python while the lead is still pasting.
  input.addEventListener("focus", () => engine.start(), { once: true });
}

export default init;
