// Results over time: each result the reader asks for is kept in this browser (a short record:
// date, quiz version, scale scores, suggested slugs; never the answers), shown as "since last
// time" with a small line per scale, exported to a file and imported (merged) from one. The
// markup and every word are in macros/templates/quiz_history.html.j2.

import { downloadFile } from "./download.js";
import { fill, slot } from "./template.js";
import { Texts } from "./texts.js";

const SVG = "http://www.w3.org/2000/svg";
const SPARK = { width: 96, height: 28, pad: 4 };

export function init(root) {
  return new History(root);
}

// --- records (pure, tested in tests/js/quiz-history.test.mjs) -----------------------------

// The record of one result dictionary (quiz.score().to_dict()) at a moment.
export function recordFrom(result, at = new Date()) {
  const scores = {};
  for (const scale of result.scales ?? []) scores[scale.id] = scale.score;
  const recommendations = [];
  for (const group of result.recommendations ?? []) {
    for (const item of group.items) recommendations.push({ slug: item.slug, rank: item.rank });
  }
  recommendations.sort((a, b) => a.rank - b.rank);
  return {
    at: at.toISOString(),
    quiz: result.version,
    scores,
    recommendations: recommendations.map((item) => item.slug),
  };
}

// Two records of the same result (a result asked for twice, or a file imported twice).
function sameResult(a, b) {
  return a.quiz === b.quiz && key(a.scores) === key(b.scores) && a.recommendations.join() === b.recommendations.join();
}

function key(scores) {
  return JSON.stringify(Object.entries(scores).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function sameRecord(a, b) {
  return a.at === b.at && sameResult(a, b);
}

// Why a value is not a record, as the name of the field at fault, or null if it is one.
export function recordProblem(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return "shape";
  if (typeof value.at !== "string" || Number.isNaN(Date.parse(value.at))) return "at";
  if (!Number.isInteger(value.quiz) || value.quiz < 1) return "quiz";
  const scores = value.scores;
  if (!scores || typeof scores !== "object" || Array.isArray(scores)) return "scores";
  const entries = Object.entries(scores);
  if (!entries.length) return "scores";
  for (const [id, score] of entries) {
    if (!/^[a-z0-9-]+$/.test(id) || !Number.isInteger(score) || score < 0 || score > 100) {
      return "scores";
    }
  }
  const slugs = value.recommendations;
  if (!Array.isArray(slugs) || !slugs.every((s) => typeof s === "string" && /^[a-z0-9-]+$/.test(s))) {
    return "recommendations";
  }
  return null;
}

// Only the known fields of a valid record, so nothing else a file carries is stored.
function clean(value) {
  return {
    at: new Date(value.at).toISOString(),
    quiz: value.quiz,
    scores: { ...value.scores },
    recommendations: [...value.recommendations],
  };
}

// An exported file's text -> {records} or {error, ...slots}; never a partial import.
export function parseExport(text, { format, version }) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: "not-json" };
  }
  if (!data || typeof data !== "object" || data.format !== format) return { error: "not-ours" };
  if (!Number.isInteger(data.version) || data.version < 1) return { error: "not-ours" };
  if (data.version > version) return { error: "newer", version: data.version };
  if (!Array.isArray(data.results)) return { error: "not-ours" };
  if (!data.results.length) return { error: "empty" };
  const records = [];
  for (const [index, value] of data.results.entries()) {
    const problem = recordProblem(value);
    if (problem) return { error: "bad-entry", number: index + 1, field: problem };
    records.push(clean(value));
  }
  return { records };
}

// Every record of both lists, each once, oldest first; counts what was new.
export function mergeRecords(existing, incoming) {
  const merged = [...existing];
  let added = 0;
  for (const record of incoming) {
    if (merged.some((known) => sameRecord(known, record))) continue;
    merged.push(record);
    added++;
  }
  merged.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { records: merged, added, known: incoming.length - added };
}

export function exportText(records, { format, version }, at = new Date()) {
  return JSON.stringify({ format, version, exported: at.toISOString(), results: records }, null, 1);
}

// --- storage ----------------------------------------------------------------------------

// {keep, records}; storage that cannot be read counts as empty, and says so (blocked: true).
export function readStore(storageKey) {
  let text;
  try {
    text = localStorage.getItem(storageKey);
  } catch {
    return { keep: true, records: [], blocked: true };
  }
  try {
    const saved = JSON.parse(text ?? "null");
    if (!saved || typeof saved !== "object") return { keep: true, records: [] };
    const records = Array.isArray(saved.results)
      ? saved.results.filter((r) => recordProblem(r) === null).map(clean)
      : [];
    return { keep: saved.keep !== false, records };
  } catch {
    return { keep: true, records: [] };
  }
}

function writeStore(storageKey, { keep, records }) {
  try {
    if (keep && !records.length) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, JSON.stringify({ keep, results: records }));
    return true;
  } catch {
    return false;
  }
}

// --- the section ------------------------------------------------------------------------

class History {
  constructor(root) {
    this.root = root;
    this.texts = new Texts(root);
    this.storageKey = root.dataset.storageKey;
    this.format = { format: root.dataset.format, version: Number(root.dataset.formatVersion) };
    this.scales = JSON.parse(root.querySelector("[data-history-scales]").textContent);
    this.message = root.querySelector("[data-history-message]");
    this.keepBox = root.querySelector("[data-history-keep]");
    this.dateFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      dateStyle: "medium",
      timeStyle: "short",
    });

    const stored = readStore(this.storageKey);
    this.keep = stored.keep;
    this.records = stored.records;
    this.keepBox.checked = this.keep;
    if (stored.blocked) this.say("storage-blocked");

    this.keepBox.addEventListener("change", () => this.setKeep(this.keepBox.checked));
    root.querySelector("[data-history-export]").addEventListener("click", () => this.exportFile());
    const picker = root.querySelector("[data-history-import]");
    picker.addEventListener("change", () => {
      const [file] = picker.files;
      picker.value = ""; // the same file can be chosen again
      if (file) this.importFile(file);
    });
    root.querySelector("[data-history-delete]").addEventListener("click", () => this.deleteAll());
    document.addEventListener("quiz:result", (event) => {
      if (event.detail?.fresh) this.add(event.detail.result);
    });
    // Another tab of this site changed the records.
    window.addEventListener("storage", (event) => {
      if (event.key !== this.storageKey) return;
      ({ keep: this.keep, records: this.records } = readStore(this.storageKey));
      this.keepBox.checked = this.keep;
      this.render();
    });
    this.render();
    root.hidden = false;
  }

  say(key, slots) {
    this.message.replaceChildren(...(key ? this.texts.nodes(key, slots) : []));
  }

  store() {
    if (writeStore(this.storageKey, { keep: this.keep, records: this.records })) return true;
    this.say("storage-blocked");
    return false;
  }

  add(result) {
    if (!this.keep) return;
    const record = recordFrom(result);
    const last = this.records.at(-1);
    if (last && sameResult(last, record)) return; // the same result shown again
    this.records.push(record);
    if (!this.store()) this.records.pop();
    this.render();
  }

  setKeep(keep) {
    this.keep = keep;
    this.store();
    this.say(keep ? "keep-on" : "keep-off");
  }

  deleteAll() {
    this.records = [];
    this.store();
    this.render();
    this.say(this.keep ? "deleted" : "deleted-keep-off");
  }

  exportFile() {
    if (!this.records.length) {
      this.say("nothing-to-export");
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    downloadFile(
      `${this.root.dataset.fileName}-${day}.json`,
      exportText(this.records, this.format),
      "application/json",
    );
    this.say("exported");
  }

  async importFile(file) {
    if (!this.keep) {
      this.say("import-keep-off");
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch {
      this.say("import-unreadable");
      return;
    }
    const parsed = parseExport(text, this.format);
    if (parsed.error === "bad-entry") {
      const field = this.texts.text(`field-${parsed.field}`);
      this.say("import-bad-entry", { number: parsed.number, field });
      return;
    }
    if (parsed.error) {
      this.say(`import-${parsed.error}`, { version: parsed.version });
      return;
    }
    const before = this.records;
    const merged = mergeRecords(this.records, parsed.records);
    this.records = merged.records;
    if (!this.store()) {
      this.records = before;
      return;
    }
    this.render();
    this.say("imported", { added: merged.added, known: merged.known });
  }

  // --- rendering --------------------------------------------------------------------------

  render() {
    const count = this.root.querySelector("[data-history-count]");
    const n = this.records.length;
    count.replaceChildren(...this.texts.nodes(`saved-count-${n === 0 ? "none" : n === 1 ? "one" : "other"}`, { count: n }));
    this.renderSince();
    this.renderTable();
  }

  date(record) {
    return this.dateFormat.format(new Date(record.at));
  }

  renderSince() {
    const box = this.root.querySelector("[data-history-since]");
    const list = box.querySelector("[data-history-since-list]");
    list.replaceChildren();
    box.hidden = this.records.length < 2;
    if (box.hidden) return;
    const now = this.records.at(-1);
    const before = this.records.at(-2);
    box
      .querySelector("[data-history-since-intro]")
      .replaceChildren(...this.texts.nodes("since-intro", { now: this.date(now), before: this.date(before) }));
    const note = box.querySelector("[data-history-since-note]");
    note.hidden = now.quiz === before.quiz;
    note.replaceChildren(
      ...(note.hidden ? [] : this.texts.nodes("since-other-version", { now: now.quiz, before: before.quiz })),
    );
    const proto = this.root.querySelector("template[data-history-scale]").content.firstElementChild;
    for (const id of this.scales) {
      if (now.scores[id] === undefined) continue;
      const item = proto.cloneNode(true);
      item.dataset.scale = id;
      fill(item, { name: this.texts.text(`scale-${id}`) });
      slot(item, "values").replaceChildren(...this.change(before.scores[id], now.scores[id]));
      drawSpark(slot(item, "spark"), this.records.map((r) => r.scores[id]));
      list.append(item);
    }
  }

  change(before, now) {
    if (before === undefined) return this.texts.nodes("since-new", { now });
    const points = Math.abs(now - before);
    if (!points) return this.texts.nodes("since-same", { now });
    const way = now > before ? "up" : "down";
    return this.texts.nodes(`since-${way}-${points === 1 ? "one" : "other"}`, { before, now, points });
  }

  renderTable() {
    const box = this.root.querySelector("[data-history-all]");
    box.hidden = this.records.length === 0;
    const head = box.querySelector("thead > tr");
    head.replaceChildren(head.firstElementChild);
    for (const record of this.records) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = this.date(record);
      head.append(th);
    }
    const rows = box.querySelector("[data-history-rows]");
    rows.replaceChildren();
    for (const id of this.scales) {
      const row = document.createElement("tr");
      row.dataset.scale = id;
      const name = document.createElement("th");
      name.scope = "row";
      name.textContent = this.texts.text(`scale-${id}`);
      row.append(name);
      for (const record of this.records) {
        const cell = document.createElement("td");
        const score = record.scores[id];
        cell.textContent = score === undefined ? this.texts.text("not-measured") : String(score);
        row.append(cell);
      }
      rows.append(row);
    }
  }
}

// A line through the scale's value in each saved result (gaps where one was not measured),
// a dot on each, the latest larger. Drawn in the text color: full contrast in both palettes.
export function drawSpark(svg, values) {
  svg.replaceChildren();
  const { width, height, pad } = SPARK;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const points = values.map((value, index) =>
    value === undefined
      ? null
      : [values.length > 1 ? pad + index * step : width / 2, pad + ((100 - value) * (height - 2 * pad)) / 100],
  );
  const base = document.createElementNS(SVG, "line");
  Object.entries({ x1: pad, x2: width - pad, y1: height / 2, y2: height / 2, class: "quiz-history__mid" }).forEach(
    ([name, value]) => base.setAttribute(name, String(value)),
  );
  svg.append(base);
  let run = [];
  const flush = () => {
    if (run.length > 1) {
      const line = document.createElementNS(SVG, "polyline");
      line.setAttribute("points", run.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" "));
      line.setAttribute("class", "quiz-history__line");
      svg.append(line);
    }
    run = [];
  };
  for (const point of points) {
    if (point) run.push(point);
    else flush();
  }
  flush();
  points.forEach((point, index) => {
    if (!point) return;
    const dot = document.createElementNS(SVG, "circle");
    dot.setAttribute("cx", point[0].toFixed(1));
    dot.setAttribute("cy", point[1].toFixed(1));
    dot.setAttribute("r", index === points.length - 1 ? "3.5" : "2");
    dot.setAttribute("class", "quiz-history__dot");
    svg.append(dot);
  });
}
