// Runs the quiz tests (tests/quiz/) unchanged inside Pyodide under Node.js, then writes the
// parity replies that `python -m tests.quiz.parity compare` checks against CPython.
//
//   node scripts/pyodide_pytest.mjs [--wheels DIR] [--parity FILE] [-- PYTEST_ARGS...]
//
// The wheels (pytest, hypothesis and their pure-Python dependencies, pinned in
// requirements-pyodide.txt) are fetched by `make test-pyodide`; the npm package holds only the
// core runtime. The repository is mounted read-write at /repo with NODEFS, so the tests import
// the working tree's quiz/ directly. Exit status: pytest's, or 1 if the parity file failed.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadPyodide } from "pyodide";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 && at + 1 < argv.length ? path.resolve(argv[at + 1]) : fallback;
};
const wheelDir = option("--wheels", path.join(repo, "build", "pyodide-wheels"));
const parityFile = option("--parity", path.join(repo, "build", "parity-pyodide.jsonl"));
const dashdash = argv.indexOf("--");
const extra = dashdash >= 0 ? argv.slice(dashdash + 1) : [];

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

const wheels = fs.existsSync(wheelDir)
  ? fs.readdirSync(wheelDir).filter((name) => name.endsWith(".whl")).sort()
  : [];
if (!wheels.some((name) => name.startsWith("pytest-"))) {
  console.error(`pyodide: no pytest wheel in ${wheelDir}; run \`make test-pyodide\` to fetch them`);
  process.exit(2);
}

const pyodide = await loadPyodide();
// Messages from Pyodide's package loader would interleave with pytest's output; keep them quiet.
const quiet = { messageCallback: () => {}, errorCallback: (msg) => console.error(msg) };
await pyodide.loadPackage(
  wheels.map((name) => pathToFileURL(path.join(wheelDir, name)).href),
  quiet,
);
pyodide.FS.mkdirTree("/repo");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: repo }, "/repo");
console.log(`pyodide ${pyodide.version}: runtime and ${wheels.length} wheels loaded in ${seconds()} s`);

const pytestArgs = ["tests/quiz", "-p", "no:cacheprovider", "--confcutdir=tests/quiz", "-q", ...extra];
pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
pyodide.globals.set("parity_file", parityFile.startsWith(repo + path.sep)
  ? "/repo/" + path.relative(repo, parityFile).split(path.sep).join("/")
  : null);

let status = pyodide.runPython(`
import os, sys
os.chdir("/repo")
sys.path.insert(0, "/repo")
sys.dont_write_bytecode = True  # no Python 3.14 caches in the working tree
os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = "/tmp/hypothesis"
import pytest
int(pytest.main(list(pytest_args)))
`);
console.log(`pyodide: pytest finished with status ${status} after ${seconds()} s`);

if (parityFile) {
  try {
    const target = pyodide.globals.get("parity_file");
    if (!target) throw new Error(`${parityFile} is outside the repository`);
    const count = pyodide.runPython(`
from tests.quiz.parity import write
write(parity_file)
`);
    console.log(`pyodide: wrote ${count} parity replies to ${path.relative(repo, parityFile)}`);
  } catch (error) {
    console.error(`pyodide: parity replies failed: ${error.message}`);
    status = status || 1;
  }
}
console.log(`pyodide: done in ${seconds()} s`);
process.exit(status);
