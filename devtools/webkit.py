"""How every tool starts WebKitGTK (Safari's engine): Debian's MiniBrowser under WebKitWebDriver.

WebKitGTK needs a display even when nothing looks at it, so each session runs its own Xvfb (on a
display number Xvfb picks itself, so parallel runs never collide) and stops it again:

    with webkit_session() as driver:
        driver.get(url)

Selenium drives it over classic WebDriver: there is no BiDi, so console output is not captured;
a page must record its own errors (see tests/engines/probe.js).
"""

from __future__ import annotations

import os
import subprocess
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

WEBDRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
XVFB = "/usr/bin/Xvfb"
# Pyodide's start in WebKitGTK alone takes 7-12 s here; a script may wait on it.
SCRIPT_TIMEOUT_S = 180


@contextmanager
def virtual_display() -> Iterator[str]:
    """A private Xvfb for as long as the block runs; yields its DISPLAY value (":N")."""
    read_end, write_end = os.pipe()
    # -displayfd: Xvfb takes the first free display and writes its number once it accepts clients.
    xvfb = subprocess.Popen(
        [XVFB, "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "1280x1024x24"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError(f"Xvfb exited ({xvfb.poll()}) without opening a display")
        yield f":{number}"
    finally:
        xvfb.terminate()
        try:
            xvfb.wait(timeout=10)
        except subprocess.TimeoutExpired:
            xvfb.kill()
            xvfb.wait()


@contextmanager
def webkit_session(log: Path | None = None) -> Iterator[webdriver.WebKitGTK]:
    """MiniBrowser on its own virtual display, driven by Selenium; everything stops on exit.

    log, if given, receives WebKitWebDriver's own output (useful when the session will not start).
    """
    with virtual_display() as display:
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        service = Service(
            executable_path=WEBDRIVER,
            env={**os.environ, "DISPLAY": display},
            log_output=str(log) if log else subprocess.DEVNULL,
        )
        with warnings.catch_warnings():
            # Selenium's own WebKitGTK class still uses an argument its base class deprecated.
            warnings.simplefilter("ignore", DeprecationWarning)
            driver = webdriver.WebKitGTK(options=options, service=service)
        try:
            driver.set_script_timeout(SCRIPT_TIMEOUT_S)
            yield driver
        finally:
            driver.quit()
