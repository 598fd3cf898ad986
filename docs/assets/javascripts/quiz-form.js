// The quiz page: saves answers as they are given, shows progress and the engine's state, asks the
// engine for the result and renders it, and opens and makes share links. The form itself is
// plain HTML from the build, so it is answerable before this module or the engine has loaded.

import { engineFor } from "./engine-client.js";
import { renderResult } from "./quiz-result.js";
import { codeFromHash, copyText, forgetCode, linkFor } from "./share.js";

// The engine starts when the browser is first idle after painting the page; this bounds the wait.
const IDLE_TIMEOUT_MS = 2000;
const STATE_TEXT = {
  idle: "The quiz engine starts in the background. You can begin answering now.",
  loading: "The quiz engine is loading. You can keep answering meanwhile.",
  ready: "The quiz engine is ready.",
};

const pages = new WeakSet();

export function init(root) {
  if (pages.has(root)) return;
  performance.mark("quiz:init");
  pages.add(root);
  new QuizPage(root);
}

function readStore(key) {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? "null");
    return saved && typeof saved.answers === "object" && saved.answers !== null ? saved : null;
  } catch {
    return null; // storage blocked or unreadable: start empty
  }
}

class QuizPage {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("[data-quiz-form]");
    this.progress = root.querySelector("[data-quiz-answered]");
    this.message = root.querySelector("[data-quiz-message]");
    this.status = root.querySelector("[data-quiz-status]");
    this.result = root.querySelector("[data-quiz-result]");
    this.resultBody = root.querySelector("[data-quiz-result-body]");
    this.shareStatus = root.querySelector("[data-quiz-share-status]");
    this.shareField = root.querySelector("[data-quiz-share-field]");
    this.shareLink = root.querySelector("[data-quiz-share-link]");
    this.storageKey = root.dataset.storageKey;
    this.worksheetUrl = root.dataset.worksheetUrl;
    this.links = JSON.parse(root.dataset.links || "{}");
    this.sources = JSON.parse(root.dataset.sources || "{}");
    this.engine = engineFor(root);
    this.sequence = 0;
    this.form.setAttribute("autocomplete", "off"); // storage, not the browser, restores answers
    root.dataset.path = location.pathname; // read by history-guard.js

    const code = codeFromHash();
    const saved = code === null ? this.restore() : null;
    this.updateProgress();
    this.form.addEventListener("change", () => this.changed());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    root.querySelector("[data-quiz-clear]").addEventListener("click", () => this.clear());
    root.querySelector("[data-quiz-share]").addEventListener("click", () => this.share());
    root.querySelector("[data-quiz-print]").addEventListener("click", () => window.print());
    // A printed result shows every explanation: open the closed ones, and close them after.
    const opened = [];
    const beforePrint = () => {
      for (const details of this.result.querySelectorAll("details:not([open])")) {
        details.open = true;
        opened.push(details);
      }
    };
    const afterPrint = () => opened.splice(0).forEach((details) => (details.open = false));
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", afterPrint);
    this.forget = () => {
      window.removeEventListener("beforeprint", beforePrint);
      window.removeEventListener("afterprint", afterPrint);
    };
    // After an instant navigation away this page's elements are gone: stop listening then.
    this.unsubscribe = this.engine.subscribe((engine) => {
      if (root.isConnected) return this.showEngine(engine);
      this.unsubscribe?.();
      this.forget();
    });

    // A share link pasted into the address bar of this very page changes only the fragment.
    const onHash = () => {
      if (!root.isConnected) window.removeEventListener("hashchange", onHash);
      else if (codeFromHash() !== null) this.openShared(codeFromHash());
    };
    window.addEventListener("hashchange", onHash);

    if (code !== null) {
      this.openShared(code);
    } else {
      this.scheduleStart();
      if (saved?.result && this.missing().length === 0) this.showResult({ focus: false });
    }
  }

  // --- answers ----------------------------------------------------------------------------

  answers() {
    const answers = {};
    for (const input of this.form.querySelectorAll("input[type=radio]:checked")) {
      answers[input.name] = input.value;
    }
    return answers;
  }

  fill(answers) {
    for (const input of this.form.querySelectorAll("input[type=radio]")) {
      input.checked = answers[input.name] === input.value;
    }
  }

  missing() {
    return [...this.form.querySelectorAll("fieldset[data-required]")].filter(
      (fieldset) => !fieldset.querySelector("input:checked"),
    );
  }

  restore() {
    const saved = readStore(this.storageKey);
    if (!saved) return null;
    // Anything chosen before this module loaded wins over what was saved earlier.
    const answers = { ...saved.answers, ...this.answers() };
    this.fill(answers);
    return saved;
  }

  save({ result = !this.result.hidden } = {}) {
    const state = { answers: this.answers(), result };
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(state));
    } catch {
      // Storage blocked (private mode, policy): answers live only as long as the page.
    }
  }

  updateProgress() {
    this.progress.textContent = String(Object.keys(this.answers()).length);
  }

  say(text, ...nodes) {
    this.message.replaceChildren(text, ...nodes);
  }

  changed() {
    if (codeFromHash() !== null) forgetCode(); // the reader's own answers from here on
    this.save();
    this.updateProgress();
    this.engine.start(); // the first answer starts the engine if idle has not yet come
    if (!this.result.hidden) this.showResult({ focus: false });
  }

  clear() {
    this.fill({});
    this.sequence++; // a result still on its way is for the old answers
    this.hideResult();
    try {
      localStorage.removeItem(this.storageKey);
    } catch {
      // nothing was saved
    }
    this.updateProgress();
    this.say("Your answers were cleared from this page and this browser.");
  }

  // --- engine -----------------------------------------------------------------------------

  // After the next frame (the page has painted), at the browser's first idle moment.
  scheduleStart() {
    const start = () => {
      if (this.root.isConnected) this.engine.start();
    };
    requestAnimationFrame(() => {
      if ("requestIdleCallback" in window) {
        requestIdleCallback(start, { timeout: IDLE_TIMEOUT_MS });
      } else {
        setTimeout(start, 1);
      }
    });
  }

  showEngine(engine) {
    this.root.dataset.engineState = engine.state;
    this.status.dataset.state = engine.state;
    const text = this.status.querySelector("[data-quiz-status-text]");
    if (engine.state === "ready") {
      performance.mark("quiz:engine-ready");
      if (this.engineFailedShown) this.say(""); // a slow start that got there after all
      this.engineFailedShown = false;
    }
    if (engine.state !== "failed") {
      text.replaceChildren(STATE_TEXT[engine.state]);
      return;
    }
    const link = document.createElement("a");
    link.href = this.worksheetUrl;
    link.textContent = "printable worksheet";
    text.replaceChildren(
      `${engine.failure.message} Your answers are still saved in this browser. ` +
        "You can work out your result on paper with the ",
      link,
      ", or try again later in another browser.",
    );
  }

  failedMessage() {
    const link = document.createElement("a");
    link.href = this.worksheetUrl;
    link.textContent = "printable worksheet";
    this.engineFailedShown = true;
    if (this.engine.broken) {
      this.say(
        "The quiz engine could not start, so no result can be shown here. The ",
        link,
        " gives the same result on paper.",
      );
    } else {
      this.say(
        "The quiz engine is taking a long time to start. If it gets there, your result " +
          "appears here; meanwhile the ",
        link,
        " gives the same result on paper.",
      );
    }
  }

  // Says why a request may take a while, before waiting for the engine.
  waitingMessage(text) {
    if (this.engine.state === "failed") this.failedMessage();
    else if (this.engine.state !== "ready") this.say(text);
  }

  // --- result -----------------------------------------------------------------------------

  submit() {
    const missing = this.missing();
    if (missing.length) {
      const first = missing[0];
      const number = first.querySelector(".quiz-question__number")?.textContent ?? "";
      const link = document.createElement("a");
      link.href = `#${first.id}`;
      link.textContent = `question ${number.replace(".", "")}`.trim();
      const n = missing.length;
      const questions = n === 1 ? "question" : "questions";
      this.say(`Please answer ${n} more ${questions} to see your result, starting with `, link);
      this.message.append(".");
      first.querySelector("input")?.focus();
      return;
    }
    this.showResult({ focus: true });
  }

  async showResult({ focus }) {
    const sequence = ++this.sequence;
    const answers = this.answers();
    performance.mark("quiz:result-requested");
    this.waitingMessage("Your result will appear as soon as the quiz engine has loaded.");
    let response;
    try {
      response = await this.engine.request("score", { answers });
    } catch {
      this.failedMessage();
      return;
    }
    if (sequence !== this.sequence || !this.root.isConnected) return; // answers changed since
    globalThis.__quizLastResult = response.text; // the exact JSON Python returned (tests read it)
    if (!response.reply.ok) {
      this.hideResult();
      this.say(response.reply.error);
      return;
    }
    renderResult(this.resultBody, response.reply.value, {
      links: this.links,
      sources: this.sources,
      names: { question: (id) => this.questionText(id), option: (q, o) => this.optionText(q, o) },
    });
    this.say("");
    this.result.hidden = false;
    this.root.classList.add("quiz--has-result");
    this.save();
    performance.mark("quiz:result-shown");
    if (focus) {
      const heading = this.result.querySelector("#quiz-result-heading");
      heading.focus({ preventScroll: true });
      const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
      heading.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
    }
  }

  hideResult() {
    this.result.hidden = true;
    this.root.classList.remove("quiz--has-result");
    this.resultBody.replaceChildren();
    this.shareStatus.replaceChildren();
    this.shareField.hidden = true;
  }

  questionText(id) {
    const legend = this.form.querySelector(`fieldset[data-question="${CSS.escape(id)}"] legend`);
    if (!legend) return id;
    const copy = legend.cloneNode(true);
    for (const extra of copy.querySelectorAll(".quiz-question__number, .quiz-question__optional")) {
      extra.remove();
    }
    return copy.textContent.trim();
  }

  optionText(question, option) {
    const input = this.form.querySelector(
      `input[name="${CSS.escape(question)}"][value="${CSS.escape(option)}"]`,
    );
    return input?.closest("label")?.textContent.trim() ?? option;
  }

  // --- sharing ----------------------------------------------------------------------------

  async share() {
    let response;
    try {
      response = await this.engine.request("encode", { answers: this.answers() });
    } catch {
      this.failedMessage();
      return;
    }
    if (!response.reply.ok) {
      this.shareStatus.replaceChildren(response.reply.error);
      return;
    }
    const link = linkFor(response.reply.value);
    this.shareLink.value = link;
    this.shareField.hidden = false;
    if (await copyText(link)) {
      this.shareStatus.replaceChildren(
        "Link copied. Opening it shows these answers and this result.",
      );
    } else {
      this.shareStatus.replaceChildren("Copy the link below to keep or share your result.");
      this.shareLink.focus();
      this.shareLink.select();
    }
  }

  async openShared(code) {
    this.engine.start();
    this.say("Opening the answers from your link…");
    this.waitingMessage("Opening the answers from your link…");
    let response;
    try {
      response = await this.engine.request("decode", { code });
    } catch {
      // Without the engine the link cannot be read; show what this browser had saved instead.
      this.restore();
      this.updateProgress();
      this.failedMessage();
      return;
    }
    // An instant navigation away (or back) while the engine worked: the page now on screen
    // opens the link itself if its address still holds one.
    if (!this.root.isConnected) return;
    if (!response.reply.ok) {
      // The bad code stays in the address bar until the reader answers, so this page (or a copy
      // that Material renders anew) shows the same message and never mixes in older answers.
      this.fill({});
      this.updateProgress();
      this.say(
        "This link's answer code is damaged or was changed, so no answers could be read from it. " +
          "You can take the quiz below.",
      );
      return;
    }
    forgetCode();
    this.fill(response.reply.value);
    this.save({ result: true });
    this.updateProgress();
    this.say("");
    this.showResult({ focus: true });
  }
}
