// Compiles every .py file of a zip to bytecode with Pyodide's own Python, for hooks/engine.py.
//
//   node hooks/pyodide_compile.mjs IN.zip OUT.zip
//
// OUT.zip holds NAME.pyc for each NAME.py of IN.zip. Only the Python that runs the site can make
// bytecode it will load (CPython here is another version). The files are unchecked hash-based
// .pyc (PEP 552), so the import system takes them without a source file beside them; their code
// names the path the standard library has at run time, so tracebacks point where they should.
// Column ranges are left out (PYTHONNODEBUGRANGES): they would add about a third to the size
// and serve only the carets under a traceback's line.

import fs from "node:fs";
import { loadPyodide } from "pyodide";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node hooks/pyodide_compile.mjs IN.zip OUT.zip");
  process.exit(2);
}

const pyodide = await loadPyodide({ env: { PYTHONNODEBUGRANGES: "1" } });
pyodide.FS.writeFile("/tmp/in.zip", new Uint8Array(fs.readFileSync(input)));
pyodide.runPython(`
import importlib._bootstrap_external as bootstrap
import importlib.util
import sys
import zipfile

stdlib = next(path for path in sys.path if path.endswith(".zip"))
with zipfile.ZipFile("/tmp/in.zip") as source, zipfile.ZipFile("/tmp/out.zip", "w") as compiled:
    for name in source.namelist():
        if not name.endswith(".py"):
            continue
        text = source.read(name)
        code = compile(text, f"{stdlib}/{name}", "exec", dont_inherit=True)
        data = bootstrap._code_to_hash_pyc(code, importlib.util.source_hash(text), checked=False)
        info = zipfile.ZipInfo(name + "c", date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        compiled.writestr(info, bytes(data), compress_type=zipfile.ZIP_STORED)
`);
fs.writeFileSync(output, pyodide.FS.readFile("/tmp/out.zip"));
