// One step per screen: each section of the quiz form becomes a step with Back and Next, a list
// of every step to jump to, and (on the last step) the questions not answered yet. This only
// enhances the form the build wrote: without scripts every section is on one page, and every
// answer stays in the same form either way. The markup and words it adds come from the
// <template> blocks of macros/templates/quiz_form.j2.

import { fill, items, slot } from "./template.js";

const clone = (root, selector) =>
  root.querySelector(selector).content.firstElementChild.cloneNode(true);

export class Steps {
  // root is the quiz element; texts its Texts; onStep() is told after each step change, and
  // is expected to call update() (the page's progress line shows progressText).
  constructor(root, texts, { storageKey, onStep = () => {} }) {
    this.root = root;
    this.texts = texts;
    this.form = root.querySelector("[data-quiz-form]");
    this.sections = [...this.form.querySelectorAll("section[data-quiz-step]")];
    this.stepKey = `${storageKey}/step`;
    this.onStep = onStep;
    this.submit = this.form.querySelector("[data-quiz-submit]");
    this.root.classList.add("quiz--steps");

    this.list = clone(root, "[data-quiz-steps-template]");
    this.links = [...this.list.querySelectorAll("[data-quiz-goto]")];
    this.form.querySelector("[data-quiz-progress]").after(this.list);
    this.unanswered = clone(root, "[data-quiz-unanswered-template]");
    this.controls = clone(root, "[data-quiz-step-controls-template]");
    this.sections.at(-1).after(this.unanswered, this.controls);
    this.back = this.controls.querySelector("[data-quiz-back]");
    this.next = this.controls.querySelector("[data-quiz-next]");
    for (const section of this.sections) {
      section.querySelector("h2").setAttribute("tabindex", "-1"); // focused on each step
    }

    this.back.addEventListener("click", () => this.go(this.index - 1, { focus: true }));
    this.next.addEventListener("click", () => this.go(this.index + 1, { focus: true }));
    this.list.addEventListener("click", (event) => {
      const link = event.target.closest("[data-quiz-goto]");
      if (!link) return;
      event.preventDefault(); // the fragment stays free for share links
      this.go(Number(link.dataset.quizGoto), { focus: true });
    });
    // Links to a question (the missing-question message, the list below, "the quiz has
    // changed"): go to its step and to the question's first option.
    root.addEventListener("click", (event) => {
      const link = event.target.closest('a[href^="#quiz-q-"]');
      if (!link || !root.contains(link)) return;
      const question = this.form.querySelector(link.getAttribute("href"));
      if (!question) return;
      event.preventDefault();
      this.showQuestion(question);
    });

    this.go(this.initialIndex(), { focus: false, quiet: true });
  }

  // The step of a question or section named in the address, else the one this tab was on.
  initialIndex() {
    const target = location.hash.startsWith("#quiz-") ? safeQuery(this.form, location.hash) : null;
    const holder = target?.closest("section[data-quiz-step]");
    if (holder) return this.sections.indexOf(holder);
    try {
      return Number(sessionStorage.getItem(this.stepKey)) || 0;
    } catch {
      return 0; // storage blocked
    }
  }

  get last() {
    return this.index === this.sections.length - 1;
  }

  // Shows step `index` alone; with focus, moves the focus to its heading (a screen reader reads
  // it) and brings the step into view.
  go(index, { focus, quiet = false }) {
    this.index = Math.min(Math.max(0, index), this.sections.length - 1);
    this.sections.forEach((section, i) => (section.hidden = i !== this.index));
    this.links.forEach((link, i) => {
      if (i === this.index) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
    });
    this.back.hidden = this.index === 0;
    this.next.hidden = this.last;
    // "See my result" is always there; on the last step it is the way on.
    this.submit.classList.toggle("md-button--primary", this.last);
    try {
      sessionStorage.setItem(this.stepKey, String(this.index));
    } catch {
      // storage blocked: a reload starts at the first step
    }
    if (focus) {
      const heading = this.sections[this.index].querySelector("h2");
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start" });
    }
    if (!quiet) this.onStep(this.index);
  }

  // The step holding this question's fieldset, then its first (or chosen) option focused.
  showQuestion(fieldset) {
    const index = this.sections.indexOf(fieldset.closest("section[data-quiz-step]"));
    if (index !== this.index) this.go(index, { focus: false });
    const input = fieldset.querySelector("input:checked") ?? fieldset.querySelector("input");
    input?.focus();
  }

  // Counts per step, the progress words, and the list of questions still to answer.
  update() {
    this.sections.forEach((section, i) => {
      const questions = [...section.querySelectorAll("fieldset[data-question]")];
      const answered = questions.filter((q) => q.querySelector("input:checked")).length;
      const count = this.links[i].parentElement.querySelector("[data-quiz-step-count]");
      count.replaceChildren(...this.texts.nodes("step-count", { answered, total: questions.length }));
    });
    const fieldsets = [...this.form.querySelectorAll("fieldset[data-question]")];
    const open = fieldsets.filter((f) => !f.querySelector("input:checked"));
    this.progressText = this.texts.text("progress", {
      step: this.index + 1,
      steps: this.sections.length,
      answered: fieldsets.length - open.length,
      total: fieldsets.length,
    });
    this.showUnanswered(open);
  }

  showUnanswered(open) {
    const list = this.unanswered.querySelector("ul");
    list.replaceChildren(this.prototype ?? (this.prototype = list.firstElementChild));
    this.unanswered.hidden = !this.last || open.length === 0;
    if (this.unanswered.hidden) return;
    items(this.unanswered, "question").each(open, (entry, fieldset) => {
      const link = slot(entry, "link");
      link.setAttribute("href", `#${fieldset.id}`);
      fill(link, { number: fieldset.dataset.number });
      const section = fieldset.closest("section[data-quiz-step]");
      fill(entry, { step: section.querySelector("h2").textContent });
      const optional = slot(entry, "optional");
      if (fieldset.hasAttribute("data-required")) optional.remove();
    });
  }
}

function safeQuery(root, hash) {
  try {
    return root.querySelector(hash);
  } catch {
    return null; // not a valid selector: no such element
  }
}
