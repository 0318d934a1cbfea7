"""One build at a time per warehouse: an OS file lock on warehouse/build.lock, held from a run's start to its end.

flock() is released by the kernel when the holding process ends, however it ends: a build killed with SIGKILL
leaves no lock behind, and nothing needs cleaning. The file itself stays; it holds who took the lock last (run,
process, command, time), which is how a second build can say which build it waits for.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pug.failures import Explained

# How long a build waits for another build of the same warehouse before it gives up and says which one runs.
DEFAULT_WAIT_SECONDS = 600


class WarehouseBusy(Explained):
    """Another build holds the warehouse's lock."""

    def __init__(self, holder: dict, waited: float):
        self.holder, self.waited = holder, waited
        super().__init__(busy_message(holder, waited))


def describe(holder: dict) -> str:
    """'run 1a2b3c4d (pug build, PID 4242@host, 2026-12-07 06:40:12)', the same in both languages."""
    run = str(holder.get("run_id", ""))[:8] or "?"
    return f"run {run} ({holder.get('command', '?')}, PID {holder.get('pid', '?')}@{holder.get('host', '?')}, {holder.get('since', '?')})"


def busy_message(holder: dict, waited: float) -> str:
    waited_text = f"{waited:.0f} s"
    return (f"Build lain sedang berjalan pada warehouse ini: {describe(holder)}; sudah ditunggu {waited_text}. Jalankan "
            f"lagi setelah build itu selesai. / Another build is running on this warehouse: {describe(holder)}; "
            f"waited {waited_text}. Run again once it has finished.")


class BuildLock:
    """The lock of one warehouse directory."""

    def __init__(self, warehouse: Path):
        self.path = warehouse / "build.lock"
        self._handle = None

    def holder(self) -> dict:
        """Who took the lock last (whether or not they still hold it)."""
        try:
            return json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            return {}

    def is_held(self) -> bool:
        """Whether a process holds the lock now (a look only: the answer may change at once)."""
        try:
            with open(self.path, "rb") as handle:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return False
        except BlockingIOError:
            return True
        except FileNotFoundError:
            return False

    def acquire(self, run_id: str, command: str, wait_seconds: float,
                waiting: Callable[[dict], None] = lambda holder: None, poll_seconds: float = 0.5) -> None:
        """Take the lock, waiting at most `wait_seconds` for another build to end (`waiting` is told once, with its
        holder); raise WarehouseBusy when it does not end in time."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # "a+": never truncates what the holder wrote
        started, told = time.monotonic(), False
        try:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    waited = time.monotonic() - started
                    if waited >= wait_seconds:
                        raise WarehouseBusy(self.holder(), waited) from None
                    if not told:
                        waiting(self.holder())
                        told = True
                    time.sleep(min(poll_seconds, max(0.0, wait_seconds - waited)))
        except BaseException:
            handle.close()
            raise
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"run_id": run_id, "command": command, "pid": os.getpid(), "host": socket.gethostname(),
                                 "since": dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")}))
        handle.flush()
        self._handle = handle

    @contextmanager
    def held(self, run_id: str, command: str, wait_seconds: float) -> Iterator[None]:
        self.acquire(run_id, command, wait_seconds)
        try:
            yield
        finally:
            self.release()

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None
