// Starts and owns the quiz engine worker for this page. The reasons it reports on failure are
// codes; the page's template holds the words for each (macros/templates/engine_texts.html.j2).

const READY_TIMEOUT_MS = 20000;

class Engine {
  constructor({ wheel, sha256 }) {
    this.wheel = wheel;
    this.sha256 = sha256;
    this.state = "idle"; // idle -> loading -> ready | failed
    this.failure = null; // {reason, detail}
    this.timings = null;
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
    clearTimeout(this.timer);
    this.failure = { reason, detail };
    if (detail) console.warn(`Quiz engine failed (${reason}): ${detail}`);
    // A slow start is reported at 20 s but not abandoned: requests keep waiting, and if the
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
    this.timer = setTimeout(() => this.fail("timeout"), READY_TIMEOUT_MS);
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
      clearTimeout(this.timer);
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
