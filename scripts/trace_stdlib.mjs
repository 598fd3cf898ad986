// Lists the standard-library files the quiz engine imports inside Pyodide, for the trimmed
// python_stdlib.zip that hooks/engine.py builds (hooks/pyodide_stdlib.txt).
//
//   node scripts/trace_stdlib.mjs --wheel QUIZ.whl --requests REQUESTS.json --out LIST
//
// It does what the worker does (engine-worker.js): start Pyodide from the npm package's full
// standard library, check the wheel's hash with hashlib (the worker's path without
// crypto.subtle), unpack the wheel, import quiz._bridge, then answers every request (the parity
// set: every op, with good and bad input). Every module then loaded from the zip is listed.

import fs from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";

const argv = process.argv.slice(2);
const option = (name) => {
  const at = argv.indexOf(name);
  if (at < 0 || at + 1 >= argv.length) throw new Error(`missing ${name}`);
  return path.resolve(argv[at + 1]);
};
const wheel = new Uint8Array(fs.readFileSync(option("--wheel")));
const requests = JSON.parse(fs.readFileSync(option("--requests"), "utf8"));
const out = option("--out");

const pyodide = await loadPyodide();
const scope = pyodide.toPy({ data: wheel });
pyodide.runPython("import hashlib; hashlib.sha256(data).hexdigest()", { globals: scope });
scope.destroy();
const sitePackages = pyodide.runPython(
  "import sys; next(p for p in sys.path if p.endswith('site-packages'))",
);
pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
const handle = pyodide.pyimport("quiz._bridge").handle;
for (const request of requests) handle(JSON.stringify(request));

const files = pyodide.runPython(`
import sys
zip_path = next(p for p in sys.path if p.endswith(".zip"))
found = set()
for module in list(sys.modules.values()):
    file = getattr(module, "__file__", None) or ""
    # Frozen modules (importlib's bootstrap, os, codecs, ...) name their source file but are
    # never read from the zip.
    spec = getattr(module, "__spec__", None)
    if spec is not None and spec.origin == "frozen":
        continue
    if file.startswith(zip_path + "/"):
        found.add(file[len(zip_path) + 1:])
"\\n".join(sorted(found))
`);
const header = [
  "# Standard-library files the quiz engine imports in Pyodide, one per line, relative to",
  "# python_stdlib.zip. Written by `make stdlib-trace` (scripts/trace_stdlib.mjs); hooks/engine.py",
  "# builds the site's trimmed standard library from this list.",
];
fs.writeFileSync(out, [...header, files, ""].join("\n"));
console.log(`trace: ${files.split("\n").length} files written to ${path.relative(process.cwd(), out)}`);
