"""One small interface over three browser drivers, so the engine scenario is the same code for each.

    Chromium       Playwright (the system Chromium, as in tests/browser)
    Firefox ESR    puppeteer-core over WebDriver BiDi, through firefox_bridge.mjs (Node)
    WebKitGTK      Selenium and WebKitWebDriver on a private Xvfb (devtools/webkit.py)

A driver loads pages and calls JavaScript functions in the page; nothing else. What the page
itself reports (errors, CSP violations) is read from the probe script the tests serve (probe.js),
the same way in every engine, since WebKit's driver cannot capture console output.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, Protocol

from playwright.sync_api import Browser, ConsoleMessage

from devtools import webkit
from devtools.project import REPO_ROOT

FIREFOX_BRIDGE = Path(__file__).with_name("firefox_bridge.mjs")


class EngineError(AssertionError):
    """The engine could not do what the scenario asked (a script threw, a page did not load)."""


class Driver(Protocol):
    engine: str

    def goto(self, url: str) -> None:
        """Load url as a new document (a full page load, never only a fragment change)."""

    def call(self, fn: str, *args: Any) -> Any:
        """Run the JavaScript function source fn(...args) in the page; return its awaited value
        (JSON-serializable values only)."""

    def console_errors(self) -> list[str]:
        """Console errors the driver itself saw since the last call ([] where it sees none)."""


class Chromium:
    engine = "chromium"

    def __init__(self, browser: Browser) -> None:
        self._context = browser.new_context()
        self._page = self._context.new_page()
        self._errors: list[str] = []
        self._page.on("pageerror", lambda error: self._errors.append(f"uncaught: {error}"))
        self._page.on("console", self._on_console)

    def _on_console(self, msg: ConsoleMessage) -> None:
        if msg.type == "error":
            self._errors.append(f"console: {msg.text} ({msg.location.get('url')})")

    def goto(self, url: str) -> None:
        self._page.goto("about:blank")
        self._page.goto(url)

    def call(self, fn: str, *args: Any) -> Any:
        return self._page.evaluate(f"(args) => ({fn})(...args)", list(args))

    def console_errors(self) -> list[str]:
        errors, self._errors = self._errors, []
        return errors

    def close(self) -> None:
        self._context.close()


class Firefox:
    engine = "firefox"

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            ["node", str(FIREFOX_BRIDGE)],
            cwd=REPO_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            # Its own process group: if it must be killed, Firefox goes with it.
            start_new_session=True,
        )
        self._next = 0
        self._read(0)  # "started": Firefox is up

    def _read(self, request_id: int) -> Any:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            raise EngineError(f"the Firefox bridge exited ({self._process.wait()})")
        reply = json.loads(line)
        assert reply["id"] == request_id, reply
        if not reply["ok"]:
            raise EngineError(f"firefox: {reply['error']}")
        return reply.get("value")

    def _send(self, cmd: str, **fields: Any) -> Any:
        assert self._process.stdin is not None
        self._next += 1
        self._process.stdin.write(json.dumps({"id": self._next, "cmd": cmd, **fields}) + "\n")
        self._process.stdin.flush()
        return self._read(self._next)

    def goto(self, url: str) -> None:
        self._send("goto", url="about:blank")
        self._send("goto", url=url)

    def call(self, fn: str, *args: Any) -> Any:
        return self._send("call", fn=fn, args=list(args))

    def console_errors(self) -> list[str]:
        return list(self._send("console"))

    def close(self) -> None:
        try:
            if self._process.poll() is None:
                self._send("close")
            self._process.wait(timeout=30)
        except (EngineError, OSError, subprocess.TimeoutExpired):
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()


class WebKit:
    engine = "webkit"

    def __init__(self, driver: Any) -> None:
        self._driver = driver

    def goto(self, url: str) -> None:
        self._driver.get("about:blank")
        self._driver.get(url)

    def call(self, fn: str, *args: Any) -> Any:
        # WebDriver's Execute Script awaits a returned promise.
        return self._driver.execute_script(f"return ({fn})(...arguments);", *args)

    def console_errors(self) -> list[str]:
        return []  # no BiDi: the probe script is the only witness


ENGINES = ("chromium", "firefox", "webkit")


@contextmanager
def launch(engine: str, chromium: Browser | None = None) -> Iterator[Driver]:
    """A fresh browser profile of engine for the block; the browser stops on exit.

    Chromium runs in the given Playwright browser (pytest-playwright's, already running).
    """
    with ExitStack() as stack:
        driver: Driver
        if engine == "chromium":
            if chromium is None:
                raise ValueError("Chromium runs in a Playwright browser; pass it")
            chromium_driver = Chromium(chromium)
            stack.callback(chromium_driver.close)
            driver = chromium_driver
        elif engine == "firefox":
            firefox = Firefox()
            stack.callback(firefox.close)
            driver = firefox
        elif engine == "webkit":
            driver = WebKit(stack.enter_context(webkit.webkit_session()))
        else:
            raise ValueError(f"unknown engine {engine!r}")
        yield driver
