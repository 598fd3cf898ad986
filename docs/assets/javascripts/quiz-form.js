// The quiz page: saves answers as they are given, shows progress and the engine's state, asks the
// engine for the result and renders it, and opens and makes share links. The form itself is
// plain HTML from the build, so it is answerable before this module or the engine has loaded.

import { engineFor } from "./engine-client.js";
import { renderResult } from "./quiz-result.js";
import { codebookOf, readShareCode } from "./share-code.js";
import { Steps } from "./quiz-steps.js";
import { codeFromHash, copyText, forgetCode, linkFor } from "./share.js";
import { Texts } from "./texts.js";

export function init(root) {
  performance.mark("quiz:init");
  return new QuizPage(root);
}

function jsonIn(root, selector) {
  return JSON.parse(root.querySelector(selector)?.textContent || "{}");
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
    this.progress = root.querySelector("[data-quiz-progress]");
    this.message = root.querySelector("[data-quiz-message]");
    this.status = root.querySelector("[data-quiz-status]");
    this.result = root.querySelector("[data-quiz-result]");
    this.resultBody = root.querySelector("[data-quiz-result-body]");
    this.shareStatus = root.querySelector("[data-quiz-share-status]");
    this.shareField = root.querySelector("[data-quiz-share-field]");
    this.shareLink = root.querySelector("[data-quiz-share-link]");
    this.shareLabel = root.querySelector("[data-quiz-share-label]");
    this.storageKey = root.dataset.storageKey;
    this.version = Number(root.dataset.quizVersion);
    this.links = jsonIn(root, "[data-quiz-links]");
    this.sources = jsonIn(root, "[data-quiz-sources]");
    this.texts = new Texts(root);
    this.engine = engineFor(root);
    this.sequence = 0;
    this.linkSequence = 0; // a link pasted while another is being opened wins
    this.form.setAttribute("autocomplete", "off"); // storage, not the browser, restores answers

    const code = codeFromHash();
    const saved = code === null ? this.restore() : null;
    this.steps = new Steps(root, this.texts, {
      storageKey: this.storageKey,
      onStep: () => this.updateProgress(),
    });
    this.updateProgress();
    this.form.addEventListener("change", () => this.changed());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    root.querySelector("[data-quiz-clear]").addEventListener("click", () => this.clear());
    root.querySelector("[data-quiz-share]").addEventListener("click", () => this.share("link"));
    root
      .querySelector("[data-quiz-team-code]")
      .addEventListener("click", () => this.share("team-code"));
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
    this.engine.subscribe((engine) => this.showEngine(engine));

    // A share link pasted into the address bar of this very page changes only the fragment.
    window.addEventListener("hashchange", () => {
      if (codeFromHash() !== null) this.openShared(codeFromHash());
    });

    if (code !== null) {
      this.openShared(code);
    } else {
      if (saved && saved.version !== this.version) this.upgrade(saved);
      else if (saved?.result && this.missing().length === 0) this.showResult({ focus: false });
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
    const state = { version: this.version, answers: this.answers(), result };
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(state));
    } catch {
      // Storage blocked (private mode, policy): answers live only as long as the page.
    }
  }

  // The live region's whole text is replaced (and it is aria-atomic), so a screen reader hears
  // "Step 3 of 8, 12 of 36 answered", never a bare number.
  updateProgress() {
    this.steps.update();
    this.progress.textContent = this.steps.progressText;
  }

  // Shows one of the page's texts (see texts.js) in the message line; no key clears it.
  say(key, slots) {
    this.message.replaceChildren(...(key ? this.texts.nodes(key, slots) : []));
  }

  // Answers saved in this browser by an earlier version of the quiz: the engine keeps those
  // that still apply, and the reader is told the quiz changed and what is left to answer.
  async upgrade(saved) {
    let response;
    try {
      // Answers saved before the quiz had versions are version 1's.
      const from_version = saved.version ?? 1;
      response = await this.engine.request("upgrade", { answers: saved.answers, from_version });
    } catch {
      return; // the answers that match this form are on screen; nothing more can be done
    }
    if (!response.reply.ok) return;
    this.fill(response.reply.value.answers);
    this.save({ result: false });
    this.updateProgress();
    this.showChanged(response.reply.value);
  }

  // "The quiz has changed since ..., N questions are new": the engine's note and the first one.
  showChanged({ note, unanswered }) {
    if (!note) return;
    const first = unanswered?.length
      ? this.form.querySelector(`fieldset[data-question="${CSS.escape(unanswered[0])}"]`)
      : null;
    this.message.replaceChildren(note);
    if (first) {
      this.message.append(" ", ...this.missingNodes(unanswered.length, first));
    }
  }

  changed() {
    if (codeFromHash() !== null) forgetCode(); // the reader's own answers from here on
    if ("linkEarly" in this.root.dataset) {
      // Answering over a link's early answers makes them the reader's: the engine's reading of
      // the link, still on its way, must not undo the change.
      delete this.root.dataset.linkEarly;
      this.linkSequence++;
      this.say();
    }
    this.save();
    this.updateProgress();
    this.engine.start(); // engine-start.js began it from <head>; this is a no-op then
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
    this.steps.go(0, { focus: false });
    this.say("cleared");
  }

  // --- engine -----------------------------------------------------------------------------

  showEngine(engine) {
    this.root.dataset.engineState = engine.state;
    this.status.dataset.state = engine.state;
    const text = this.status.querySelector("[data-quiz-status-text]");
    if (engine.state === "ready") {
      performance.mark("quiz:engine-ready");
      if (this.engineFailedShown) this.say(); // a slow start that got there after all
      this.engineFailedShown = false;
    }
    if (engine.state === "loading" && engine.waited > 0) {
      // Still loading, and saying for how long: a slow phone is not a failure.
      const elapsed = elapsedWords(this.texts, engine.waited);
      text.replaceChildren(...this.texts.nodes("engine-slow", { elapsed }));
      return;
    }
    if (engine.state !== "failed") {
      text.replaceChildren(...this.texts.nodes(`engine-${engine.state}`));
      return;
    }
    const reason = this.texts.nodes(`failure-${engine.failure.reason}`);
    text.replaceChildren(...this.texts.nodes("engine-failed", { reason: fragment(reason) }));
  }

  failedMessage() {
    this.engineFailedShown = true;
    this.say(this.engine.broken ? "result-engine-broken" : "result-engine-slow");
  }

  // Says why a request may take a while, before waiting for the engine.
  waitingMessage(key) {
    if (this.engine.state === "failed") this.failedMessage();
    else if (this.engine.state !== "ready") this.say(key);
  }

  // --- result -----------------------------------------------------------------------------

  submit() {
    const missing = this.missing();
    if (missing.length) {
      this.message.replaceChildren(...this.missingNodes(missing.length, missing[0]));
      this.steps.showQuestion(missing[0]);
      return;
    }
    this.showResult({ focus: true });
  }

  // "Please answer N more questions, starting with question 12", linking to that question.
  missingNodes(count, first) {
    const number = first.dataset.number;
    const key = `missing-${count === 1 ? "one" : "other"}`;
    return this.texts.nodes(key, { count, first: { href: `#${first.id}` }, number });
  }

  async showResult({ focus }) {
    const sequence = ++this.sequence;
    const answers = this.answers();
    performance.mark("quiz:result-requested");
    this.waitingMessage("result-waiting");
    let response;
    try {
      response = await this.engine.request("score", { answers });
    } catch {
      this.failedMessage();
      return;
    }
    if (sequence !== this.sequence) return; // the answers changed since
    if (!response.reply.ok) {
      this.hideResult();
      this.showReplyError(response.reply);
      return;
    }
    renderResult(this.resultBody, response.reply.value, {
      links: this.links,
      sources: this.sources,
      template: this.root.querySelector("[data-quiz-result-template]"),
    });
    this.say();
    this.result.hidden = false;
    this.root.classList.add("quiz--has-result");
    this.save();
    performance.mark("quiz:result-shown");
    // Other components of the page (history, plan) listen for this; the quiz knows none of them.
    this.root.dispatchEvent(
      new CustomEvent("quiz:result", {
        bubbles: true,
        detail: { result: response.reply.value, answers, fresh: focus },
      }),
    );
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

  // Python's own words for a bad request, or the page's for a worker that could not answer.
  showReplyError(reply) {
    if (reply.failure) this.say(`failure-${reply.failure}`);
    else this.message.replaceChildren(reply.error);
  }

  // --- sharing ----------------------------------------------------------------------------

  // Copies a share link ("link": every answer) or a team code ("team-code": only what a team
  // map needs), or shows it to copy by hand.
  async share(kind) {
    let response;
    try {
      const op = kind === "link" ? "encode" : "team-code";
      response = await this.engine.request(op, { answers: this.answers() });
    } catch {
      this.failedMessage();
      return;
    }
    if (!response.reply.ok) {
      this.shareStatus.replaceChildren(response.reply.error ?? "");
      return;
    }
    const value = kind === "link" ? linkFor(response.reply.value) : response.reply.value;
    const words = kind === "link" ? "share" : "team-code";
    this.shareLink.value = value;
    this.shareLabel.replaceChildren(...this.texts.nodes(`${words}-label`));
    this.shareField.hidden = false;
    if (await copyText(value)) {
      this.shareStatus.replaceChildren(...this.texts.nodes(`${words}-copied`));
    } else {
      this.shareStatus.replaceChildren(...this.texts.nodes(`${words}-copy-below`));
      this.shareLink.focus();
      this.shareLink.select();
    }
  }

  async openShared(code) {
    const link = ++this.linkSequence;
    this.engine.start();
    this.say("link-opening");
    this.waitingMessage("link-opening");
    const request = this.engine.request("decode", { code });
    let answered = false;
    this.showEarly(code, () => !answered && link === this.linkSequence);
    let response;
    try {
      response = await request;
    } catch {
      answered = true;
      if (link !== this.linkSequence) return;
      // Without the engine the link cannot be read; show what this browser had saved instead
      // (and not the link's answers read early, which restore() would otherwise keep).
      this.withdrawEarly();
      this.restore();
      this.updateProgress();
      this.failedMessage();
      return;
    }
    answered = true;
    if (link !== this.linkSequence) return; // a newer link was pasted meanwhile
    delete this.root.dataset.linkEarly;
    if (!response.reply.ok) {
      // The bad code stays in the address bar until the reader answers, so a reload shows the
      // same message and never mixes in older answers.
      this.fill({});
      this.updateProgress();
      this.say("link-damaged");
      return;
    }
    forgetCode();
    const opened = response.reply.value;
    this.fill(opened.answers);
    this.updateProgress();
    if (opened.unanswered?.length) {
      // A link from an earlier version of the quiz: its answers are kept, the new questions wait.
      this.save({ result: false });
      this.showChanged(opened);
      return;
    }
    this.save({ result: true });
    this.say();
    this.showResult({ focus: true });
  }

  // The link's answers, read here while the engine loads, so the reader sees them at once. The
  // engine's decode still decides: its answers replace these, and a refusal withdraws them.
  // Nothing is saved from them, so the answers saved in this browser stay as they were.
  async showEarly(code, current) {
    if (this.engine.state === "ready") return; // the engine answers as fast
    const answers = await readShareCode(code, this.root.dataset.shareFormat, codebookOf(this.form));
    if (answers === null || !current()) return;
    this.fill(answers);
    this.root.dataset.linkEarly = "";
    this.updateProgress();
    this.say("link-shown");
  }

  withdrawEarly() {
    if (!("linkEarly" in this.root.dataset)) return;
    delete this.root.dataset.linkEarly;
    this.fill({});
  }
}

// "15 seconds", "about a minute", "about 2 minutes": the engine_texts.html.j2 words.
export function elapsedWords(texts, seconds) {
  if (seconds < 60) return texts.text("elapsed-seconds", { count: seconds });
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? texts.text("elapsed-minute") : texts.text("elapsed-minutes", { count: minutes });
}

function fragment(nodes) {
  const holder = document.createDocumentFragment();
  holder.append(...nodes);
  return holder;
}
