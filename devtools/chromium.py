"""How every tool starts the system Chromium (Playwright, the benchmark, Lighthouse).

The project never lets a tool download its own browser: `make chromium` installs the Debian
package, and these flags keep it headless, quiet and off the network.
"""

from __future__ import annotations

EXECUTABLE = "/usr/bin/chromium"
ARGS: tuple[str, ...] = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
