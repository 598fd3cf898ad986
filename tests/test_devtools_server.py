"""devtools.server serves a site as the tools need it: under a prefix, with extra headers, with
gzip when asked, and counting the bytes of each response."""

from __future__ import annotations

import gzip
import http.client
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from devtools.server import StaticServer, headers_from_file, serve

PAGE = "<!doctype html><title>x</title>" + "<p>words</p>" * 200


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "quiz").mkdir()
    (tmp_path / "quiz" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "engine.mjs").write_text("export {};\n", encoding="utf-8")
    (tmp_path / "engine.wasm").write_bytes(b"\0asm" + bytes(100))
    return tmp_path


def get(url: str, **headers: str) -> tuple[int, Message, bytes]:
    """Status, headers (names in any case) and body of a GET."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_types_headers_and_prefix(site: Path) -> None:
    with serve(
        site, prefix="/guide/", headers={"Content-Security-Policy": "default-src 'self'"}
    ) as url:
        assert url.endswith("/guide/")
        status, headers, body = get(url + "quiz/")
        assert (status, body.decode()) == (200, PAGE)
        assert headers["Content-Security-Policy"] == "default-src 'self'"
        assert get(url + "engine.mjs")[1]["Content-Type"] == "text/javascript"
        assert get(url + "engine.wasm")[1]["Content-Type"] == "application/wasm"
        origin = url.removesuffix("guide/")
        assert get(origin + "quiz/")[0] == 404, "nothing is served outside the prefix"


def test_gzip_only_when_asked_and_accepted(site: Path) -> None:
    with StaticServer(site, compress=True) as server:
        _, headers, body = get(server.url + "quiz/", **{"Accept-Encoding": "gzip"})
        assert headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body).decode() == PAGE
        assert "Content-Encoding" not in get(server.url + "quiz/")[1]
    with serve(site) as url:
        assert "Content-Encoding" not in get(url + "quiz/", **{"Accept-Encoding": "gzip"})[1]


def test_bytes_sent_count_every_response(site: Path) -> None:
    with StaticServer(site, compress=True, keep_alive=True) as server:
        address = urlsplit(server.url)
        connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
        for path in ("/quiz/", "/engine.mjs?v=1"):  # one connection: keep-alive
            connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            assert response.status == 200
        connection.close()
        assert [sent.path for sent in server.sent] == ["/quiz/", "/engine.mjs"]
        page, module = server.sent
        assert page.size < len(PAGE), "the compressed page, headers included"
        assert server.bytes_sent(("/engine",)) == module.size
        assert server.bytes_sent() == page.size + module.size
        server.clear_sent()
        assert server.bytes_sent() == 0


def test_headers_file(tmp_path: Path) -> None:
    (tmp_path / "_headers").write_text(
        "/*\n  Content-Security-Policy: default-src 'self'\n  X-Content-Type-Options: nosniff\n",
        encoding="utf-8",
    )
    assert headers_from_file(tmp_path / "_headers") == {
        "Content-Security-Policy": "default-src 'self'",
        "X-Content-Type-Options": "nosniff",
    }
