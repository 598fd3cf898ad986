// Runs the quiz tests (tests/quiz/) unchanged inside Pyodide under Node.js, then writes the
// parity replies that `python -m tests.quiz.parity compare` checks against CPython.
//
//   node scripts/pyodide_pytest.mjs [--wheels DIR] [--parity FILE] [--stdlib ZIP] [-- PYTEST_ARGS...]
//
// The wheels (pytest, hypothesis and their pure-Python dependencies, pinned in
// requirements-pyodide.txt) are fetched by `make test-pyodide`; the npm package holds only the
// core runtime. The repository is mounted read-write at /repo with NODEFS, so the tests import
// the working tree's quiz/ directly. Exit status: pytest's, or 1 if the parity file failed.
//
// --stdlib starts Pyodide with the site's trimmed standard library (`python hooks/engine.py stdlib
// ZIP` writes it). The quiz package is imported and answers a ping on that alone; then the full
// one is added behind it for pytest, and any module the quiz's code needs from the full one
// (anywhere below a frame of quiz/ on the stack, the command line aside) fails the run: the site
// would lack it.

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
const stdlib = option("--stdlib", null);
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

const pyodide = await loadPyodide(stdlib ? { stdLibURL: stdlib } : {});
pyodide.FS.mkdirTree("/repo");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: repo }, "/repo");
if (stdlib) {
  // On the trimmed library alone: every quiz module imports, and the bridge answers.
  pyodide.runPython(`
import importlib, os, sys
TERMINAL_ONLY = ("__main__.py", "_cli.py")  # the command line, which no browser runs
sys.path.insert(0, "/repo")
sys.dont_write_bytecode = True
for name in sorted(os.listdir("/repo/quiz")):
    if name.endswith(".py") and name not in TERMINAL_ONLY:
        importlib.import_module("quiz" if name == "__init__.py" else "quiz." + name[:-3])
import quiz._bridge
quiz._bridge.handle('{"op": "ping", "args": {}}')
sys.path.remove("/repo")
`);
  const full = path.join(repo, "node_modules", "pyodide", "python_stdlib.zip");
  pyodide.FS.writeFile("/lib/full_stdlib.zip", new Uint8Array(fs.readFileSync(full)));
  pyodide.runPython(`
import sys, zipimport

class FullStdlib:
    """Finds what the trimmed zip lacks in the full one, and notes it when quiz code asked."""

    missing = []

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        package = name.rpartition(".")[0]
        where = "/lib/full_stdlib.zip/" + (package.replace(".", "/") + "/" if package else "")
        try:
            spec = zipimport.zipimporter(where).find_spec(name)
        except zipimport.ZipImportError:
            return None
        if spec is not None:
            frame = sys._getframe(1)
            while frame is not None:
                file = frame.f_code.co_filename
                if file.startswith("/repo/quiz/"):
                    if file.rpartition("/")[2] not in TERMINAL_ONLY:
                        cls.missing.append(f"{name} (from {file})")
                    break
                frame = frame.f_back
        return spec

sys.meta_path.append(FullStdlib)
`);
}
// Messages from Pyodide's package loader would interleave with pytest's output; keep them quiet.
const quiet = { messageCallback: () => {}, errorCallback: (msg) => console.error(msg) };
await pyodide.loadPackage(
  wheels.map((name) => pathToFileURL(path.join(wheelDir, name)).href),
  quiet,
);
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
if (stdlib) {
  const missing = pyodide.runPython("'\\n'.join(FullStdlib.missing)");
  if (missing) {
    console.error(`pyodide: the trimmed standard library lacks what the quiz imports:\n${missing}`);
    console.error("pyodide: run `make stdlib-trace` (or add the files to hooks/pyodide_stdlib.txt)");
    status = status || 1;
  } else {
    console.log(`pyodide: the quiz needed nothing beyond the trimmed standard library`);
  }
}
console.log(`pyodide: done in ${seconds()} s`);
process.exit(status);
