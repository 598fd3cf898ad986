"""Development tools shared by tests/ and scripts/, standard library only.

- `devtools.project`: the repository root and the pinned Pyodide version (from package.json).
- `devtools.build`: copy the project and run `mkdocs build --strict`.
- `devtools.server`: the one static file server (sub-path, headers, gzip, byte counts).
- `devtools.chromium`: the system Chromium and the flags every tool launches it with.
- `devtools.overrides`: the intended differences between overrides/ and Material's templates.

Nothing here is part of the site or of the quiz engine: the build never imports it.
"""
