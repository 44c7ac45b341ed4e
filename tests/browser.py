"""Drive `reader serve` in a real browser: Debian's chromium through chromedriver (Selenium).

The browser's terminal (xterm.js) paints on a canvas, so the DOM holds no text. To read the
screen as the learner sees it, a script added before the page's own wraps `WebSocket` and keeps
every byte the app sent; `pyte` plays them into a screen of the browser's size (text and colours
per cell). The screenshot then shows whether the browser painted a cell in that colour.
"""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
INSTALL = "apt-get install -y chromium chromium-driver"
# Readiness deadlines: how long to wait for the app before calling it broken, not a speed test.
DEADLINE = 90.0

HOOK = r"""
(() => {
  const Original = window.WebSocket;
  const log = {url: null, chunks: [], sizes: []};
  window.__reader = log;
  class Recorded extends Original {
    constructor(url, protocols) {
      super(url, protocols);
      log.url = String(url);
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string") return;
        const bytes = new Uint8Array(event.data);
        let text = "";
        for (let i = 0; i < bytes.length; i += 0x8000) {
          text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        }
        log.chunks.push(btoa(text));
      });
    }
    send(data) {
      if (typeof data === "string" && data.startsWith('["resize"')) log.sizes.push(data);
      return super.send(data);
    }
  }
  window.WebSocket = Recorded;
})();
"""


def require_browser() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(f"the browser test needs {', '.join(missing)}: {INSTALL}", pytrace=False)


@dataclass
class Served:
    """A running `reader serve`: its address (token included) and library folder."""

    url: str
    library: Path
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)


@contextmanager
def serve(library: Path, *args: str) -> Iterator[Served]:
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "--library", str(library), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    try:
        line = process.stdout.readline()
        match = re.search(r"(http://\S+\?token=\S+)", line)
        assert match, f"reader serve printed {line!r}"
        served = Served(match.group(1), library, process)
        wait_for(lambda: _accepts(served.url), "the server to accept connections")
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _accepts(url: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def wait_for(predicate: Callable[[], Any], what: str, deadline: float = DEADLINE) -> Any:
    end = time.monotonic() + deadline
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)


class Browser:
    """One headless chromium page on the served app, and the screen it shows."""

    def __init__(self, downloads: Path) -> None:
        require_browser()
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1400,900",
            f"--user-data-dir={downloads.parent / 'chromium-profile'}",
        ):
            options.add_argument(flag)
        options.add_experimental_option(
            "prefs",
            {"download.default_directory": str(downloads), "download.prompt_for_download": False},
        )
        self.downloads = downloads
        self.driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
        self.driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior",
            {"behavior": "allow", "downloadPath": str(downloads), "eventsEnabled": True},
        )
        self._screen: Any = None
        self._stream: Any = None
        self._seen = 0

    def close(self) -> None:
        self.driver.quit()

    def open(self, url: str) -> None:
        self.driver.get(url)
        wait_for(lambda: self.driver.execute_script("return window.__reader.url"), "the websocket")
        # Keys go to xterm's hidden text area once the terminal is on the page (until the app's
        # first bytes arrive, a start-up overlay covers it).
        focus = (
            "const area = document.querySelector('.xterm-helper-textarea');"
            "if (!area || !document.body.classList.contains('-first-byte')) return false;"
            "area.focus(); return document.activeElement === area;"
        )
        wait_for(lambda: self.driver.execute_script(focus), "the terminal to take the keyboard")

    # --- the screen ---------------------------------------------------------------------

    def _size(self) -> tuple[int, int]:
        import json

        sizes = self.driver.execute_script("return window.__reader.sizes")
        if sizes:
            size = json.loads(sizes[-1])[1]
            return int(size["width"]), int(size["height"])
        url = self.driver.execute_script("return window.__reader.url")
        cols = int(re.search(r"width=(\d+)", url).group(1))
        rows = int(re.search(r"height=(\d+)", url).group(1))
        return cols, rows

    def screen(self) -> Any:
        import pyte

        cols, rows = self._size()
        if self._screen is None:
            self._screen = pyte.Screen(cols, rows)
            self._stream = pyte.ByteStream(self._screen)
        elif (self._screen.columns, self._screen.lines) != (cols, rows):
            self._screen.resize(rows, cols)
        chunks = self.driver.execute_script(f"return window.__reader.chunks.slice({self._seen})")
        self._seen += len(chunks)
        for chunk in chunks:
            self._stream.feed(base64.b64decode(chunk))
        return self._screen

    def text(self) -> str:
        return "\n".join(self.rows())

    def rows(self) -> list[str]:
        screen = self.screen()
        return [
            "".join(screen.buffer[y][x].data for x in range(screen.columns))
            for y in range(screen.lines)
        ]

    def wait_for_text(self, text: str) -> None:
        try:
            wait_for(lambda: text in self.text(), f"{text!r} on the screen")
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the screen shows:\n{self.text()}") from None

    def find(self, text: str) -> tuple[int, int]:
        """(column, row) of the first cell of `text` on the screen (wide characters count 2)."""
        screen = self.screen()
        for y in range(screen.lines):
            # A wide character fills two cells, the second of them empty.
            cells = [(x, screen.buffer[y][x].data) for x in range(screen.columns)]
            cells = [(x, ch) for x, ch in cells if ch]
            at = "".join(ch for _x, ch in cells).find(text)
            if at >= 0:
                return cells[at][0], y
        raise AssertionError(f"{text!r} is not on the screen:\n{self.text()}")

    def background(self, x: int, y: int) -> str:
        return str(self.screen().buffer[y][x].bg)

    # --- input and pixels ---------------------------------------------------------------

    def press(self, *keys: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        for key in keys:
            ActionChains(self.driver).send_keys(key).perform()

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        """The colour the browser painted in the middle of cell (x, y), near its left edge."""
        from PIL import Image

        rect = self.driver.execute_script(
            "const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
            "return [r.left, r.top, r.width, r.height, window.devicePixelRatio];"
        )
        left, top, width, height, ratio = rect
        cols, rows = self._size()
        shot = Image.open(io.BytesIO(self.driver.get_screenshot_as_png())).convert("RGB")
        px = (left + (x + 0.15) * width / cols) * ratio
        py = (top + (y + 0.5) * height / rows) * ratio
        r, g, b = shot.getpixel((int(px), int(py)))
        return int(r), int(g), int(b)

    def downloaded(self, suffix: str) -> Path:
        def done() -> Path | None:
            files = [p for p in self.downloads.glob(f"*{suffix}") if p.stat().st_size > 0]
            return files[0] if files else None

        return wait_for(done, f"a downloaded {suffix} file")


def app_processes(library: Path) -> list[int]:
    """The processes running the reading app on `library` (the server's children)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            words = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if str(library).encode() in words and b"read" in words and b"serve" not in words:
            found.append(int(proc.name))
    return found
