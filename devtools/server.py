"""The one static file server of the project's tools: tests, the browser benchmark, Lighthouse.

It serves a built site the way a real host would, as far as the tools need: the right MIME types
(module scripts and WebAssembly), optionally only below a sub-path, with extra response headers
(the site's Content-Security-Policy), with gzip and keep-alive, and it counts the bytes it sends.

    with serve(site_dir, headers={"Content-Security-Policy": policy}) as url:
        ...

    with StaticServer(site_dir, compress=True) as server:
        ...  # server.url, server.sent
"""

from __future__ import annotations

import gzip
import http.server
import io
import socket
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, ClassVar

MIME_TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".whl": "application/octet-stream",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
}
# Text and WebAssembly: what GitHub Pages and a default nginx compress.
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm"})


def free_port() -> int:
    """A port nothing listens on now, for a build that must know its URL before the server runs."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def headers_from_file(path: Path) -> dict[str, str]:
    """The headers a Netlify/Cloudflare host would send with every page, from the `/*` block of
    the build's _headers file."""
    headers: dict[str, str] = {}
    block = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith((" ", "#")):
            block = line.strip()
        elif block == "/*" and line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            headers[name] = value
    return headers


@dataclass
class Sent:
    """One response: the request path (no query) and every byte written for it, headers too.

    Counted as it is written, so a client that has read a response sees its full size here.
    """

    path: str
    size: int = 0


class _CountingWriter(io.BufferedIOBase):
    """The connection's writer, reporting the size of each write."""

    def __init__(self, raw: io.BufferedIOBase, on_write: Callable[[int], None]) -> None:
        super().__init__()
        self._raw = raw
        self._on_write = on_write

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self._on_write(len(data))
        return self._raw.write(data)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self._raw.flush()

    def close(self) -> None:
        super().close()  # flushes first, while the connection is still open
        self._raw.close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}  # noqa: RUF012
    # Set per server by StaticServer, in a subclass.
    prefix: ClassVar[str] = "/"
    extra_headers: ClassVar[Mapping[str, str]] = {}
    compress: ClassVar[bool] = False
    sent: ClassVar[list[Sent]] = []
    sent_lock: ClassVar[threading.Lock] = threading.Lock()

    def setup(self) -> None:
        super().setup()
        self._response: Sent | None = None
        self.wfile = _CountingWriter(self.wfile, self._count)

    def _count(self, size: int) -> None:
        if self._response is not None:
            self._response.size += size

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        # Each request's response is listed before its first byte goes out (keep-alive too).
        self._response = Sent(self.path.split("?", 1)[0]) if parsed else None
        if self._response is not None:
            with self.sent_lock:
                self.sent.append(self._response)
        return parsed

    def translate_path(self, path: str) -> str:
        # Serve the site only below the prefix, as a host serving it under a sub-path would.
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to dir/ that every host sends
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)  # the base class copies it to the client

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class StaticServer:
    """Serve directory at http://127.0.0.1:port{prefix} on a thread, while in a `with` block.

    port 0 picks a free one. compress gzips text and WebAssembly for clients that accept it;
    keep_alive speaks HTTP/1.1 (as every real host does; Lighthouse's simulated network charges a
    round trip for each new connection). `sent` lists every response in order.
    """

    def __init__(
        self,
        directory: Path,
        *,
        port: int = 0,
        prefix: str = "/",
        headers: Mapping[str, str] | None = None,
        compress: bool = False,
        keep_alive: bool = False,
    ) -> None:
        self.sent: list[Sent] = []
        self._lock = threading.Lock()
        handler = type(
            "Handler",
            (_Handler,),
            {
                "prefix": prefix,
                "extra_headers": dict(headers or {}),
                "compress": compress,
                "sent": self.sent,
                "sent_lock": self._lock,
                "protocol_version": "HTTP/1.1" if keep_alive else "HTTP/1.0",
            },
        )
        self._server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), partial(handler, directory=str(directory))
        )
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}{prefix}"

    def bytes_sent(self, path_prefixes: tuple[str, ...] = ("",)) -> int:
        """Bytes sent so far for request paths starting with any of path_prefixes."""
        with self._lock:
            return sum(s.size for s in self.sent if s.path.startswith(path_prefixes))

    def clear_sent(self) -> None:
        with self._lock:
            self.sent.clear()

    def __enter__(self) -> StaticServer:
        # A short poll: shutdown() waits for it, and every test's server shuts down.
        serve = partial(self._server.serve_forever, poll_interval=0.05)
        threading.Thread(target=serve, daemon=True).start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def serve(
    directory: Path,
    *,
    port: int = 0,
    prefix: str = "/",
    headers: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Serve directory (see StaticServer) and yield its base URL."""
    with StaticServer(directory, port=port, prefix=prefix, headers=headers) as server:
        yield server.url
