"""A real host for the built site: Debian's nginx with the server block the build writes.

The browser tests' shared server, the browser benchmark and Lighthouse all serve the site this
way, so they see what a reader of a real deployment gets: the CSP and other headers, gzip (the
.gz copies through gzip_static, the rest on the fly), the long caching of the engine's folder.
csp/nginx-server.conf is used as it is, with only its CHANGE lines set (port, host name, root).

    with NginxServer(site_dir) as server:
        server.url                  # http://127.0.0.1:PORT/
        server.bytes_sent(("/assets/engine/",))   # bytes on the wire, headers included

Each response is logged (path and bytes sent) to an access log that bytes_sent() reads, so the
counts are what nginx wrote to the socket, compressed where it compressed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from devtools.server import free_port

NGINX = Path("/usr/sbin/nginx")
SERVER_CONF = Path("csp") / "nginx-server.conf"
# The main configuration around the site's server block: everything in the work folder, one
# worker, and an access log of each response's path and size.
MAIN_CONF = """\
daemon off;
worker_processes 1;
{user}
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 256; }}
http {{
    log_format counted '$request_uri $bytes_sent';
    access_log {work}/access.log counted;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/server.conf;
}}
"""


class NginxMissing(RuntimeError):
    """nginx is not installed."""


def server_conf(example: str, *, port: int, site: Path) -> str:
    """The build's nginx-server.conf with its CHANGE lines set for this machine."""
    lines = []
    for line in example.splitlines():
        if "# CHANGE" in line:
            line = line.split("#", 1)[0].rstrip()
            line = re.sub(r"listen \S+;", f"listen 127.0.0.1:{port};", line)
            line = re.sub(r"server_name \S+;", "server_name localhost;", line)
            line = re.sub(r"root \S+;", f"root {site};", line)
            line = re.sub(r"include \S+/csp/nginx\.conf;", f"include {site}/csp/nginx.conf;", line)
        lines.append(line)
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Sent:
    """One response as nginx logged it: the request path (no query) and its bytes sent."""

    path: str
    size: int


class NginxServer:
    """Serve a built site (its own csp/nginx-server.conf) at http://127.0.0.1:port/ while in a
    `with` block. port 0 picks a free one; work holds the configuration and logs (a temporary
    folder, removed afterwards, unless given)."""

    def __init__(self, site: Path, *, port: int = 0, work: Path | None = None) -> None:
        if not NGINX.exists():
            raise NginxMissing(f"{NGINX} is missing: run `make nginx` (apt-get install -y nginx)")
        conf = site / SERVER_CONF
        if not conf.is_file():
            raise FileNotFoundError(f"{conf} is missing: is {site} a finished build?")
        self.site = site.resolve()
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self._own_work = work is None
        self.work = Path(tempfile.mkdtemp(prefix="nginx-")) if work is None else work
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_start = 0

    def _write_config(self) -> Path:
        self.work.mkdir(parents=True, exist_ok=True)
        example = (self.site / SERVER_CONF).read_text(encoding="utf-8")
        conf = server_conf(example, port=self.port, site=self.site)
        (self.work / "server.conf").write_text(conf, encoding="utf-8")
        # Run as root (as in a container), the workers must be allowed to read the work folder.
        user = "user root;" if os.geteuid() == 0 else ""
        main = self.work / "nginx.conf"
        main.write_text(MAIN_CONF.format(work=self.work, user=user), encoding="utf-8")
        return main

    def __enter__(self) -> NginxServer:
        main = self._write_config()
        self._proc = subprocess.Popen(
            [str(NGINX), "-p", str(self.work), "-c", str(main)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(self.url, timeout=1).close()
                break
            except OSError:
                if self._proc.poll() is not None or time.monotonic() > deadline:
                    self.__exit__(None, None, None)
                    raise RuntimeError(f"nginx did not start: {self.error_log()}") from None
                time.sleep(0.05)
        self.clear_sent()  # not the probe above
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.wait(timeout=10)
            self._proc = None
        if self._own_work:
            shutil.rmtree(self.work, ignore_errors=True)

    def error_log(self) -> str:
        log = self.work / "error.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""

    def _access_log(self) -> Path:
        return self.work / "access.log"

    @property
    def sent(self) -> list[Sent]:
        """The responses since the last clear_sent(), in the order nginx finished them."""
        log = self._access_log()
        if not log.exists():
            return []
        with log.open("rb") as f:
            f.seek(self._log_start)
            text = f.read().decode("utf-8", errors="replace")
        rows = []
        for line in text.splitlines():
            uri, _, size = line.rpartition(" ")
            rows.append(Sent(uri.split("?", 1)[0], int(size)))
        return rows

    def bytes_sent(self, path_prefixes: tuple[str, ...] = ("",)) -> int:
        """Bytes sent, headers included, for request paths starting with any of path_prefixes."""
        return sum(s.size for s in self.sent if s.path.startswith(path_prefixes))

    def clear_sent(self) -> None:
        log = self._access_log()
        self._log_start = log.stat().st_size if log.exists() else 0
