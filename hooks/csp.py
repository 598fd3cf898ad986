"""MkDocs hook: computes the Content-Security-Policy the built site needs and writes it for hosts.

After the build it reads every HTML page, hashes each inline script that a browser would run
(Material's differ with page depth), and writes the one policy that covers them all:

- `_headers` (Netlify, Cloudflare Pages), `csp/nginx.conf` and `csp/apache.conf` snippets, and
  `csp/nginx-server.conf`, a complete nginx server block that includes the nginx snippet;
- `csp/policy.txt`: the header value alone, on one line, for tools and tests.

A policy can allow inline *elements* (<script>, <style>) by hash; inline event handlers,
`javascript:` URLs and style attributes cannot be allowed without `'unsafe-inline'` or
`'unsafe-hashes'`, so the hook warns about them (a strict build then fails) instead of weakening
the policy.

Styles need no 'unsafe-inline': Material sets styles through the CSSOM (element.style), which
style-src does not restrict; the only inline <style> (mkdocs-print-site-plugin's, on the print
page) is allowed by its hash. tests/browser/test_csp.py loads every page, navigates, searches
and finishes the quiz under this policy and finds no violation.

`frame-ancestors` (who may put the site in an iframe) is `'self'` unless the environment variable
`CSP_FRAME_ANCESTORS` or `extra.csp.frame_ancestors` in mkdocs.yml says otherwise, e.g.
`CSP_FRAME_ANCESTORS="'self' https://intranet.example.org"` for an intranet portal that embeds
the quiz. It must be a header: browsers ignore frame-ancestors in a <meta> policy.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.csp")

# Script types a browser executes (HTML spec: a JavaScript MIME type, "module", "importmap",
# "speculationrules"); any other type, e.g. application/json or application/ld+json, is data.
_JS_MIME = {
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}
_EXECUTED_TYPES = _JS_MIME | {"", "module", "importmap", "speculationrules"}

# A CSP host-source or scheme-source, or one of the two keywords that make sense here.
_ANCESTOR_SOURCE = re.compile(
    r"(?:'self'|'none'|[a-z][a-z0-9+.-]*:|"
    r"(?:[a-z][a-z0-9+.-]*://)?(?:\*\.)?[a-z0-9.-]+(?::(?:\d+|\*))?(?:/[^\s;,']*)?)",
    re.IGNORECASE,
)

DEFAULT_FRAME_ANCESTORS = "'self'"


def is_executed_script(attrs: dict[str, str | None]) -> bool:
    """Whether a <script> element without src runs as code (and so needs a hash)."""
    if "src" in attrs:
        return False
    script_type = (attrs.get("type") or "").strip().lower()
    return script_type in _EXECUTED_TYPES


def script_hash(text: str) -> str:
    """The CSP source for an inline script or style: 'sha256-<base64>' of its UTF-8 text.

    The HTML parser turns CRLF into LF before the browser hashes, so this does too.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class InlineCodeScanner(HTMLParser):
    """Collects what a strict policy has to know about in one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.problems: list[str] = []
        self._script_text: list[str] | None = None
        self._style_text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr_map = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"inline event handler <{tag} {name}=...>")
            elif name == "style":
                self.problems.append(f'inline style attribute <{tag} style="{value}">')
            elif name in {"href", "src", "action", "formaction"} and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in <{tag} {name}>")
        if tag == "style":
            self._style_text = []
        if tag == "script" and is_executed_script(attr_map):
            self._script_text = []

    def handle_data(self, data: str) -> None:
        if self._script_text is not None:
            self._script_text.append(data)
        elif self._style_text is not None:
            self._style_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script_text is not None:
            self.scripts.append("".join(self._script_text))
            self._script_text = None
        elif tag == "style" and self._style_text is not None:
            self.styles.append("".join(self._style_text))
            self._style_text = None


def scan_page(html: str) -> InlineCodeScanner:
    scanner = InlineCodeScanner()
    scanner.feed(html)
    scanner.close()
    return scanner


def frame_ancestors(config: MkDocsConfig) -> str:
    """The frame-ancestors sources, validated so a typo cannot inject another directive."""
    extra_csp = config.extra.get("csp") or {}
    value = os.environ.get("CSP_FRAME_ANCESTORS") or extra_csp.get("frame_ancestors")
    value = str(value or DEFAULT_FRAME_ANCESTORS).strip()
    sources = value.split()
    bad = [s for s in sources if not _ANCESTOR_SOURCE.fullmatch(s)]
    if not sources or bad:
        raise PluginError(f"csp: invalid frame-ancestors source(s) {bad or [value]!r}")
    if "'none'" in sources and len(sources) > 1:
        raise PluginError("csp: frame-ancestors 'none' cannot be combined with other sources")
    return " ".join(sources)


def build_policy(hashes: Sequence[str], ancestors: str, style_hashes: Sequence[str] = ()) -> str:
    directives = [
        ("default-src", ["'self'"]),
        # 'wasm-unsafe-eval' lets the quiz worker compile Pyodide's WebAssembly; it does not
        # allow eval() or new Function().
        ("script-src", ["'self'", "'wasm-unsafe-eval'", *hashes]),
        ("worker-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        # Material draws its icons with data: SVGs in CSS.
        ("img-src", ["'self'", "data:"]),
        # Stylesheets are files; a plugin's <style> element is allowed by its hash only.
        ("style-src", ["'self'", *style_hashes]),
        ("font-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", [ancestors]),
    ]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)


def security_headers(policy: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }


# The engine's Pyodide folder is named after its contents (hooks/engine.py): a new build gets a
# new name, so browsers may keep its files for a year without asking again.
ENGINE_FOLDER_REGEX = r"/assets/engine/pyodide-[0-9a-f]+/"
IMMUTABLE = "public, max-age=31536000, immutable"


def render_headers_file(headers: dict[str, str]) -> str:
    lines = ["# Netlify / Cloudflare Pages: response headers for every path of this site.", "/*"]
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    lines += [
        "",
        "# The engine's folder is named after its contents: cache it for good. These hosts",
        "# compress on their own (brotli or gzip); the .gz and .br copies are for other hosts.",
        "/assets/engine/pyodide-*",
        f"  Cache-Control: {IMMUTABLE}",
    ]
    return "\n".join(lines) + "\n"


def render_nginx(headers: dict[str, str]) -> str:
    lines = [
        "# nginx: include this in the server or location block that serves the site.",
        "# The host must also send .mjs as text/javascript and .wasm as application/wasm.",
    ]
    lines += [f'add_header {name} "{value}" always;' for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def render_nginx_server() -> str:
    """A complete nginx `server` block for the unpacked site, including csp/nginx.conf."""
    return f"""\
# nginx: a complete server for this site, as unpacked from the release archive. Copy it to
# /etc/nginx/sites-available/, change the lines marked CHANGE, link it from sites-enabled/ and
# reload nginx. The security headers come from nginx.conf next to this file.
server {{
    listen 80;                                   # CHANGE: your port, or 443 with TLS settings
    server_name guide.example.com;               # CHANGE: your host name
    root /srv/balance-or-blend/site;             # CHANGE: where the site/ folder is

    index index.html;
    charset utf-8;
    error_page 404 /404.html;

    # Pyodide's files need these types; older mime.types files lack one or both.
    include /etc/nginx/mime.types;
    types {{
        text/javascript mjs;
        application/wasm wasm;
    }}

    # Send the .gz copy beside a large file when the browser accepts gzip (the engine's
    # WebAssembly, scripts and standard library: about a third of the bytes), and compress the
    # rest on the fly. nginx has no brotli in Debian; the .br copies are for hosts that do.
    gzip_static on;
    gzip on;
    gzip_vary on;
    gzip_types text/css text/javascript application/javascript application/json
               application/wasm image/svg+xml;

    location / {{
        try_files $uri $uri/ =404;
        include /srv/balance-or-blend/site/csp/nginx.conf;   # CHANGE with root
        # Pages and other files keep their names from release to release: browsers check each
        # time (a short "not modified" when nothing changed).
        add_header Cache-Control "no-cache" always;
    }}

    # The engine's folder is named after its contents, so a new release gets a new name: browsers
    # may keep its files for a year without asking again. (A location's add_header replaces the
    # server's, so the security headers are included here too.)
    location ~ {ENGINE_FOLDER_REGEX} {{
        include /srv/balance-or-blend/site/csp/nginx.conf;   # CHANGE with root
        add_header Cache-Control "{IMMUTABLE}" always;
    }}
}}
"""


def render_apache(headers: dict[str, str]) -> str:
    lines = [
        "# Apache (mod_headers): put this in the site's <Directory> block or its .htaccess.",
        "# The host must also send .mjs as text/javascript and .wasm as application/wasm.",
        "<IfModule mod_headers.c>",
    ]
    lines += [f'  Header always set {name} "{value}"' for name, value in headers.items()]
    lines.append("</IfModule>")
    lines += [
        "",
        "# The precompressed copies (mod_rewrite, mod_headers): send file.br or file.gz instead of",
        "# a large file when the browser accepts that encoding, with the type of the original.",
        "<IfModule mod_rewrite.c>",
        "  RewriteEngine On",
        "  RewriteCond %{HTTP:Accept-Encoding} \\bbr\\b",
        "  RewriteCond %{REQUEST_FILENAME}.br -f",
        "  RewriteRule ^(.+)$ $1.br [L]",
        "  RewriteCond %{HTTP:Accept-Encoding} \\bgzip\\b",
        "  RewriteCond %{REQUEST_FILENAME}.gz -f",
        "  RewriteRule ^(.+)$ $1.gz [L]",
        "  RewriteRule \\.wasm\\.(br|gz)$ - [T=application/wasm,E=no-brotli:1,E=no-gzip:1]",
        "  RewriteRule \\.m?js\\.(br|gz)$ - [T=text/javascript,E=no-brotli:1,E=no-gzip:1]",
        "  RewriteRule \\.zip\\.(br|gz)$ - [T=application/zip,E=no-brotli:1,E=no-gzip:1]",
        "</IfModule>",
        "<IfModule mod_headers.c>",
        '  <FilesMatch "\\.br$">',
        "    Header set Content-Encoding br",
        "    Header append Vary Accept-Encoding",
        "  </FilesMatch>",
        '  <FilesMatch "\\.gz$">',
        "    Header set Content-Encoding gzip",
        "    Header append Vary Accept-Encoding",
        "  </FilesMatch>",
        "  # The engine's folder is named after its contents: browsers may keep it for good.",
        f'  <If "%{{REQUEST_URI}} =~ m#{ENGINE_FOLDER_REGEX}#">',
        f'    Header set Cache-Control "{IMMUTABLE}"',
        "  </If>",
        "</IfModule>",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Inventory:
    """Distinct inline hashes over all pages (sorted), and problems as 'page: problem'."""

    script_hashes: list[str]
    style_hashes: list[str]
    problems: list[str]


def inventory(site_dir: Path) -> Inventory:
    scripts: set[str] = set()
    styles: set[str] = set()
    problems: list[str] = []
    for page in sorted(site_dir.rglob("*.html")):
        scanner = scan_page(page.read_text(encoding="utf-8"))
        scripts.update(script_hash(text) for text in scanner.scripts)
        styles.update(script_hash(text) for text in scanner.styles)
        rel = page.relative_to(site_dir).as_posix()
        problems += [f"{rel}: {problem}" for problem in scanner.problems]
    return Inventory(sorted(scripts), sorted(styles), problems)


@event_priority(-100)  # after every other hook and plugin has written its files
def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    site_dir = Path(config.site_dir)
    found = inventory(site_dir)
    for problem in found.problems:
        log.warning("csp: %s is blocked by the site's policy; move it to a file", problem)
    policy = build_policy(found.script_hashes, frame_ancestors(config), found.style_hashes)
    headers = security_headers(policy)
    (site_dir / "_headers").write_text(render_headers_file(headers), encoding="utf-8")
    csp_dir = site_dir / "csp"
    csp_dir.mkdir(exist_ok=True)
    (csp_dir / "nginx.conf").write_text(render_nginx(headers), encoding="utf-8")
    (csp_dir / "nginx-server.conf").write_text(render_nginx_server(), encoding="utf-8")
    (csp_dir / "apache.conf").write_text(render_apache(headers), encoding="utf-8")
    (csp_dir / "policy.txt").write_text(policy + "\n", encoding="utf-8")
    log.info(
        "csp: policy written with %d script and %d style hash(es)",
        len(found.script_hashes),
        len(found.style_hashes),
    )
