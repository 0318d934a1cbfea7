"""After a submission or a decision the year is built again, with no one pressing a button: by the Dagster daemon's
sensor when it runs (`pug serve --builds daemon`), else by the portal, which runs the same job (`pug build`) in the
same Dagster instance, one build at a time; requests that come while one runs are served by the next."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading

log = logging.getLogger(__name__)


class Builds:
    def __init__(self, mode: str):
        self.mode = mode  # portal | daemon | off
        self._wanted = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.running = False

    def request(self) -> None:
        if self.mode != "portal":
            return
        self._wanted.set()
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="pug-build", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            self.running = True
            try:
                result = subprocess.run([sys.executable, "-c", "from pipelines.cli import run; run()", "build"],
                                        env=os.environ.copy(), capture_output=True, text=True)
                if result.returncode:
                    log.error("pug build failed: %s", (result.stderr or "").strip().splitlines()[-1:])
            finally:
                self.running = False


BUILDS = Builds(os.environ.get("PUG_PORTAL_BUILDS", "portal"))
