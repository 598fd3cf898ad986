"""A small static file server for browser tests: right MIME types, optional headers and sub-path."""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path

MIME_TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".whl": "application/octet-stream",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}  # noqa: RUF012
    extra_headers: Mapping[str, str] = {}
    prefix = "/"

    def translate_path(self, path: str) -> str:
        # Serve the site only below the prefix, as a host serving it under a sub-path would.
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(
    directory: Path,
    *,
    port: int = 0,
    prefix: str = "/",
    headers: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Serve directory at http://127.0.0.1:port{prefix} and yield that base URL."""
    handler = type("Handler", (_Handler,), {"extra_headers": dict(headers or {}), "prefix": prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port or free_port()), partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
