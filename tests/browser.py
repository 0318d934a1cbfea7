"""Headless Chromium (Debian package `chromium`, installed by .ci/run) for tests that look at pages as a person would."""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from programs import require_program

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags that keep Chromium off the network and quiet at start: every request but to this machine goes to a proxy
# that is not there, so a page that needs the network shows it.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0", "--window-size=1400,1000",
         "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--virtual-time-budget=5000"]  # scripts that build a table after the page loaded (the Data Docs) have run


def require_chromium() -> str:
    return require_program(CHROMIUM, "chromium")


def render(page: Path, screenshot: Path) -> tuple[list[str], str]:
    """Open a page: its console messages, and its DOM after scripts ran; a screenshot is written too."""
    browser = require_chromium()
    with tempfile.TemporaryDirectory() as profile:
        shot = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={screenshot}", page.resolve().as_uri()],
                              capture_output=True, text=True, timeout=120)
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.resolve().as_uri()],
                             capture_output=True, text=True, timeout=120)
    console = [line for line in (shot.stderr + dom.stderr).splitlines() if re.search(r":CONSOLE[:(]", line)]
    return console, dom.stdout


def scroll_width(page: Path, window_width: int) -> int:
    """How wide a page lays out in a window that wide (its document's scrollWidth, in CSS pixels): wider than the
    window means a sideways scroll bar. Measured on a copy of the page beside it, with a script that writes it down."""
    browser = require_chromium()
    probe = page.with_name(f".{page.stem}.width-probe.html")
    probe.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", "<script>document.body.dataset.scrollWidth = document.documentElement.scrollWidth</script></body>"),
        encoding="utf-8")
    try:
        flags = [flag for flag in FLAGS if not flag.startswith("--window-size")] + [f"--window-size={window_width},900"]
        with tempfile.TemporaryDirectory() as profile:
            dom = subprocess.run([browser, *flags, f"--user-data-dir={profile}", "--dump-dom", probe.resolve().as_uri()],
                                 capture_output=True, text=True, timeout=120)
    finally:
        probe.unlink()
    return int(re.search(r'data-scroll-width="(\d+)"', dom.stdout)[1])
