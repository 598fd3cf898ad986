// Starts and owns the quiz engine worker for this page. The reasons it reports on failure are
// codes; the page's template holds the words for each (macros/templates/engine_texts.html.j2).

// A slow start is not a failure: WebKit (every iPhone browser) takes 7-12 s where others take
// 2-5 s, and a slow phone more. While loading goes on, listeners hear again at each of these
// seconds (engine.waited) so the page can say how long it has been. Only after LIMIT_S is the
// start reported as failed ("timeout", the words in engine_texts.html.j2): under a policy that
// blocks WebAssembly in a way the worker cannot detect, loadPyodide would wait forever.
export const LOADING_STAGES_S = [8, 15, 30, 45, 60, 90, 120, 150];
export const LIMIT_S = 180;

class Engine {
  constructor({ wheel, sha256 }) {
    this.wheel = wheel;
    this.sha256 = sha256;
    this.state = "idle"; // idle -> loading -> ready | failed
    this.failure = null; // {reason, detail}
    this.timings = null;
    this.waited = 0; // seconds of loading so far, by stage; 0 until the first stage
    this.listeners = new Set();
    this.pending = new Map();
    this.nextId = 1;
    this.readyPromise = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.readyPromise.catch(() => {}); // failures reach listeners; no unhandled rejection
  }

  subscribe(listener) {
    this.listeners.add(listener);
    listener(this);
    return () => this.listeners.delete(listener);
  }

  setState(state) {
    this.state = state;
    for (const listener of [...this.listeners]) listener(this);
  }

  // True once the engine has failed for good; a slow start is not final.
  get broken() {
    return this.state === "failed" && this.failure.reason !== "timeout";
  }

  fail(reason, detail = "") {
    // Once ready, only the worker itself dying is a failure.
    if (this.broken || (this.state === "ready" && reason !== "worker")) return;
    this.stopClock();
    this.failure = { reason, detail };
    if (detail) console.warn(`Quiz engine failed (${reason}): ${detail}`);
    // A start past the limit is reported but not abandoned: requests keep waiting, and if the
    // worker gets there after all the page switches to ready. Any other failure is final.
    if (reason !== "timeout") {
      this.worker?.terminate();
      const error = new Error(`quiz engine failed: ${reason}`);
      this.rejectReady(error);
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    }
    this.setState("failed");
  }

  // Tells listeners at each loading stage, then fails with "timeout" at the limit.
  startClock() {
    const stages = [...LOADING_STAGES_S, LIMIT_S];
    const next = () => {
      const stage = stages.shift();
      if (stage === undefined) return;
      const wait = stage * 1000 - (performance.now() - this.startedAt);
      this.timer = setTimeout(() => {
        if (this.state !== "loading") return;
        this.waited = stage;
        if (stage === LIMIT_S) this.fail("timeout");
        else {
          this.setState("loading");
          next();
        }
      }, Math.max(0, wait));
    };
    next();
  }

  stopClock() {
    clearTimeout(this.timer);
  }

  start() {
    if (this.state !== "idle") return this.readyPromise;
    this.startedAt = performance.now();
    performance.mark("quiz:engine-start");
    this.setState("loading");
    if (typeof WebAssembly !== "object") {
      this.fail("no-wasm");
      return this.readyPromise;
    }
    try {
      this.worker = new Worker(new URL("./engine-worker.js", import.meta.url), { type: "module" });
    } catch (error) {
      this.fail("no-worker", String(error));
      return this.readyPromise;
    }
    this.startClock();
    this.worker.addEventListener("message", (event) => this.receive(event.data));
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.fail("worker", event.message || "worker error");
    });
    this.worker.addEventListener("messageerror", () => this.fail("worker", "unreadable message"));
    this.worker.postMessage({
      type: "init",
      wheel: new URL(`../engine/${this.wheel}`, import.meta.url).href,
      sha256: this.sha256,
    });
    return this.readyPromise;
  }

  receive(message) {
    if (message.type === "ready") {
      if (this.broken) return;
      this.stopClock();
      this.failure = null;
      this.timings = { ...message.timings, sinceStart: performance.now() - this.startedAt };
      this.resolveReady(this);
      this.setState("ready");
    } else if (message.type === "failed") {
      this.fail(message.reason, message.detail);
    } else if (this.pending.has(message.id)) {
      const { resolve } = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve(message.reply);
    }
  }

  // Sends {op, args} to quiz._bridge.handle and resolves with the reply's JSON text, starting the
  // engine first if need be. Rejects only when the engine itself fails.
  async requestText(op, args) {
    this.start();
    if (this.broken) throw new Error(`quiz engine failed: ${this.failure.reason}`);
    await this.readyPromise;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }

  // Like requestText, parsed: {ok: true, value} or {ok: false, error}.
  async request(op, args) {
    const text = await this.requestText(op, args);
    return { text, reply: JSON.parse(text) };
  }
}

// One engine per page, whichever components ask for it.
let engine = null;

// The engine for the wheel that the build wrote onto an element's data-* attributes.
export function engineFor(element) {
  engine ??= new Engine({
    wheel: element.dataset.engineWheel,
    sha256: element.dataset.engineSha256,
  });
  return engine;
}
