"""Development tools shared by tests/, scripts/ and the Makefile.

- `devtools.project`: the repository root and the pinned Pyodide version (from package.json).
- `devtools.build`: copy the project and run `mkdocs build --strict`.
- `devtools.server`: the one static file server (sub-path, headers, gzip, byte counts).
- `devtools.chromium`: the system Chromium and the flags every tool launches it with.
- `devtools.overrides`: the intended differences between overrides/ and Material's templates.
- `devtools.lock`: `make lock`, the requirements files regenerated from the installed venv.

Standard library only, except devtools.lock, which reads requirement markers with `packaging`
(pinned in requirements.txt). Nothing here is part of the site or of the quiz engine: the build
never imports it.
"""
