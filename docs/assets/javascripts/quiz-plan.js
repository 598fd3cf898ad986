// A plan to take away: when a result is shown, its suggestions become checkboxes (at most
// data-max picked; a further pick is undone and the reader told why). The picked ones make a
// one-page plan to print or save as an HTML file, and the routines among them a calendar file.
// Markup and words: macros/templates/quiz_plan.html.j2.

import { calendarText } from "./calendar.js";
import { downloadFile } from "./download.js";
import { fill, slot } from "./template.js";
import { Texts } from "./texts.js";

const PRINTING = "quiz-plan-printing";

export function init(root) {
  return new Plan(root);
}

function jsonIn(selector, root = document) {
  return JSON.parse(root.querySelector(selector)?.textContent || "{}");
}

// The result's suggestions in rank order, with what the page knows of each (title, address).
export function suggestions(result, links) {
  const items = [];
  for (const group of result.recommendations ?? []) {
    for (const item of group.items) if (links[item.slug]) items.push(item);
  }
  return items.sort((a, b) => a.rank - b.rank);
}

class Plan {
  constructor(root) {
    this.root = root;
    this.texts = new Texts(root);
    this.max = Number(root.dataset.max);
    this.routines = jsonIn("[data-plan-routines]", root);
    this.summaries = jsonIn("[data-plan-summaries]", root);
    this.choices = root.querySelector("[data-plan-choices]");
    this.message = root.querySelector("[data-plan-message]");
    this.sheet = root.querySelector("[data-plan-sheet]");
    this.items = [];
    this.picked = []; // slugs, in the order they were picked

    this.choices.addEventListener("change", (event) => this.toggle(event.target));
    root.querySelector("[data-plan-print]").addEventListener("click", () => this.print());
    root.querySelector("[data-plan-save]").addEventListener("click", () => this.save());
    root.querySelector("[data-plan-calendar]").addEventListener("click", () => this.calendar());
    document.addEventListener("quiz:result", (event) => this.show(event.detail.result));
    window.addEventListener("afterprint", () => document.documentElement.classList.remove(PRINTING));
  }

  say(key, slots) {
    this.message.replaceChildren(...(key ? this.texts.nodes(key, slots) : []));
  }

  show(result) {
    // The quiz page's own link data: titles and addresses of every item it may suggest.
    this.links = jsonIn("[data-quiz-links]");
    this.items = suggestions(result, this.links);
    const slugs = new Set(this.items.map((item) => item.slug));
    this.picked = this.picked.filter((slug) => slugs.has(slug)); // picks that still apply stay
    const proto = this.root.querySelector("template[data-plan-choice]").content.firstElementChild;
    this.choices.replaceChildren();
    for (const item of this.items) {
      const choice = proto.cloneNode(true);
      const input = slot(choice, "input");
      input.value = item.slug;
      input.id = `quiz-plan-${item.slug}`;
      input.checked = this.picked.includes(item.slug);
      fill(choice, { title: this.links[item.slug].title });
      const routine = slot(choice, "routine");
      if (this.routines[item.slug]) routine.replaceChildren(...this.when(this.routines[item.slug]));
      else routine.remove();
      this.choices.append(choice);
    }
    this.say();
    this.update();
    this.root.hidden = this.items.length === 0;
  }

  toggle(input) {
    if (!input.matches("input[type=checkbox]")) return;
    if (input.checked && this.picked.length >= this.max) {
      input.checked = false; // the fourth pick is undone, and the reader is told why
      this.say("too-many", { title: this.links[input.value].title });
      return;
    }
    this.picked = input.checked
      ? [...this.picked, input.value]
      : this.picked.filter((slug) => slug !== input.value);
    this.say();
    this.update();
  }

  // The picked items in the order of the list (most relevant first).
  chosen() {
    return this.items.filter((item) => this.picked.includes(item.slug));
  }

  when(routine) {
    const [hours, minutes] = routine.time.split(":").map(Number);
    const lang = document.documentElement.lang || undefined;
    const time = new Intl.DateTimeFormat(lang, { timeStyle: "short" }).format(new Date(2000, 0, 1, hours, minutes));
    // 2 January 2000 was a Sunday; the day's name comes from the browser's own calendar words.
    const offset = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"].indexOf(routine.day);
    const day = new Intl.DateTimeFormat(lang, { weekday: "long" }).format(new Date(2000, 0, 2 + Math.max(offset, 0)));
    return this.texts.nodes(`routine-${routine.cadence}`, { time, day, minutes: routine.minutes });
  }

  update() {
    const count = this.root.querySelector("[data-plan-count]");
    const n = this.picked.length;
    count.replaceChildren(...this.texts.nodes(`picked-${n === 1 ? "one" : "other"}`, { count: n }));
    const chosen = this.chosen();
    this.sheet.hidden = chosen.length === 0;
    const made = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "long" }).format(
      new Date(),
    );
    this.sheet.querySelector("[data-plan-made]").replaceChildren(...this.texts.nodes("made-on", { date: made }));
    const list = this.sheet.querySelector("[data-plan-list]");
    const proto = this.root.querySelector("template[data-plan-entry]").content.firstElementChild;
    list.replaceChildren();
    for (const item of chosen) {
      const entry = proto.cloneNode(true);
      const link = this.links[item.slug];
      entry.dataset.slug = item.slug;
      fill(entry, { title: link.title, summary: this.summaries[item.slug] ?? "", reason: item.reason });
      const when = slot(entry, "when");
      if (this.routines[item.slug]) when.replaceChildren(...this.when(this.routines[item.slug]));
      else when.remove();
      slot(entry, "more").replaceChildren(...this.texts.nodes("more"));
      const anchor = slot(entry, "link");
      anchor.href = new URL(link.url, location.href).href; // a saved copy still finds the guide
      anchor.textContent = anchor.href;
      list.append(entry);
    }
  }

  ready() {
    if (this.picked.length) return true;
    this.say("none-picked");
    return false;
  }

  print() {
    if (!this.ready()) return;
    // Print CSS (quiz-plan.css) shows only the plan while this class is on.
    document.documentElement.classList.add(PRINTING);
    window.print();
  }

  save() {
    if (!this.ready()) return;
    downloadFile(`${this.root.dataset.fileName}.html`, this.documentText(), "text/html");
    this.say("saved");
  }

  // The plan as a page of its own: its title, a little style, the sheet with absolute links.
  documentText() {
    const doc = document.implementation.createHTMLDocument(this.sheet.querySelector("h3").textContent);
    doc.documentElement.lang = document.documentElement.lang || "en";
    const charset = doc.createElement("meta");
    charset.setAttribute("charset", "utf-8");
    const viewport = doc.createElement("meta");
    viewport.name = "viewport";
    viewport.content = "width=device-width,initial-scale=1";
    doc.head.prepend(charset, viewport);
    const body = doc.importNode(this.sheet, true);
    body.hidden = false;
    body.removeAttribute("data-plan-sheet");
    doc.body.append(body);
    // The style goes in as text: a <style> element made here would fall under this page's
    // policy (no inline styles), although it is meant for the saved file only.
    const style = this.root.dataset.fileStyle.replace(/</g, "");
    const page = doc.documentElement.outerHTML.replace("</head>", `<style>${style}</style></head>`);
    return `${new XMLSerializer().serializeToString(doc.doctype)}\n${page}\n`;
  }

  calendar() {
    if (!this.ready()) return;
    const events = this.chosen()
      .filter((item) => this.routines[item.slug])
      .map((item) => {
        const routine = this.routines[item.slug];
        return {
          slug: item.slug,
          title: this.links[item.slug].title,
          description: routine.text,
          url: new URL(this.links[item.slug].url, location.href).href,
          routine,
        };
      });
    if (!events.length) {
      this.say("no-routine");
      return;
    }
    downloadFile(`${this.root.dataset.fileName}.ics`, calendarText(events), "text/calendar");
    this.say("calendar-saved");
  }
}
