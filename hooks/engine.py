"""MkDocs hook: builds the quiz wheel and copies the pinned Pyodide runtime into the site."""
