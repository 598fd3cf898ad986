// The quiz engine: a module worker running Pyodide with the quiz wheel installed.
//
// Messages in:  {type: "init", wheel: URL, sha256: hex}, then {id, op, args}.
// Messages out: {type: "ready", timings}, {type: "failed", reason, detail}, {id, reply}
// where reply is the JSON text quiz._bridge.handle returned, passed on untouched, or
// {"ok": false, "failure": "not-ready" | "internal"} when Python could not answer.

// The build (hooks/engine.py) writes this line: the Pyodide folder, named after its contents so
// hosts may cache it for good, and the lock file's info, so loadPyodide fetches no lock file (the
// quiz loads no package from Pyodide's distribution).
const ENGINE = { folder: "pyodide/", lockInfo: null };
const PYODIDE_DIR = new URL(`../engine/${ENGINE.folder}`, import.meta.url);
// The smallest valid WebAssembly module: compiling it tells at once whether a policy forbids
// WebAssembly here, where loadPyodide would only hang.
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

let handle = null;
let starting = null;

class EngineFailure extends Error {
  constructor(reason, detail) {
    super(detail);
    this.reason = reason;
  }
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function fetchWheel(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new EngineFailure("download", String(error));
  }
  if (!response.ok) throw new EngineFailure("download", `${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // crypto.subtle exists only in secure contexts; on a plain-http intranet the hash is checked
  // by Python's hashlib instead, still before anything is installed.
  const digest = globalThis.crypto?.subtle
    ? hex(await crypto.subtle.digest("SHA-256", bytes))
    : null;
  return { bytes, digest };
}

// Python boots as soon as the worker runs, without waiting for the page's init message.
const t0 = performance.now();
const booted = boot();
booted.catch(() => {}); // a failure is reported once the page has asked, by start()

async function boot() {
  if (typeof WebAssembly !== "object") {
    throw new EngineFailure("no-wasm", "WebAssembly is not available");
  }
  try {
    await WebAssembly.compile(EMPTY_WASM);
  } catch (error) {
    throw new EngineFailure("wasm-blocked", String(error));
  }
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE_DIR).href);
    return await loadPyodide({
      indexURL: PYODIDE_DIR.href,
      lockFileContents: { info: ENGINE.lockInfo, packages: {} },
    });
  } catch (error) {
    throw error instanceof EngineFailure ? error : new EngineFailure("boot", String(error));
  }
}

async function start({ wheel, sha256 }) {
  // The wheel downloads and is hashed while Python boots; a wrong hash stops everything at once.
  const wheelChecked = fetchWheel(wheel).then(({ bytes, digest }) => {
    if (digest !== null && digest !== sha256) {
      throw new EngineFailure("checksum", `expected SHA-256 ${sha256}, got ${digest}`);
    }
    return { bytes, digest };
  });
  const [{ bytes, digest }, pyodide] = await Promise.all([wheelChecked, booted]);
  const t1 = performance.now();
  if (digest === null) {
    const scope = pyodide.toPy({ data: bytes });
    const actual = pyodide.runPython("import hashlib; hashlib.sha256(data).hexdigest()", {
      globals: scope,
    });
    scope.destroy();
    if (actual !== sha256) {
      throw new EngineFailure("checksum", `expected SHA-256 ${sha256}, got ${actual}`);
    }
  }
  try {
    // sys.path names site-packages; importing sysconfig to ask would cost tens of milliseconds.
    const sitePackages = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('site-packages'))");
    pyodide.unpackArchive(bytes, "wheel", { extractDir: sitePackages });
    handle = pyodide.pyimport("quiz._bridge").handle;
    JSON.parse(handle(JSON.stringify({ op: "ping", args: {} })));
  } catch (error) {
    throw new EngineFailure("install", String(error));
  }
  return { boot: t1 - t0, total: performance.now() - t0 };
}

function answer({ id, op, args }) {
  let reply;
  if (!handle) {
    reply = JSON.stringify({ ok: false, failure: "not-ready" });
  } else {
    try {
      reply = handle(JSON.stringify({ op, args: args ?? {} }));
    } catch (error) {
      // QuizError comes back inside the reply; anything raised here is a bug, reported plainly.
      console.error(error);
      reply = JSON.stringify({ ok: false, failure: "internal" });
    }
  }
  self.postMessage({ id, reply });
}

function reportFailure(error) {
  self.postMessage({
    type: "failed",
    reason: error instanceof EngineFailure ? error.reason : "boot",
    detail: String(error?.message ?? error),
  });
}

// Pyodide reports some start-up failures (a failed download of its WebAssembly, for one) only as
// an unhandled rejection; while starting, treat one as the failure it is.
// One that comes before the page's init message is kept and reported when the page asks.
let earlyFailure = null;
self.addEventListener("unhandledrejection", (event) => {
  if (handle !== null) return;
  if (starting) reportFailure(event.reason);
  else earlyFailure ??= event.reason;
});

self.addEventListener("message", (event) => {
  const message = event.data ?? {};
  if (message.type === "init") {
    if (earlyFailure !== null && !starting) reportFailure(earlyFailure);
    starting ??= start(message).then(
      (timings) => self.postMessage({ type: "ready", timings }),
      reportFailure,
    );
    return;
  }
  answer(message);
});
