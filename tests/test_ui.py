"""`pug ui`: Dagster's `dg dev` (webserver, daemon, code server) on a port, and stopped whole by a SIGTERM or SIGINT."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipelines.instance import project_env

PROJECT = Path(__file__).parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _family(pid: int) -> list[int]:
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [grandchild for child in map(int, children) for grandchild in (child, *_family(child))]


def _alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_pug_ui_serves_and_a_signal_stops_every_process_it_started(tmp_path, signum):
    port = _free_port()
    env = {**os.environ, **project_env(tmp_path / "raw", tmp_path / "warehouse")}
    env.pop("DAGSTER_HOME", None)  # pug chooses it, as for a user
    ui = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "ui", "--port", str(port)], cwd=PROJECT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, status = time.monotonic() + 120, None
        while time.monotonic() < deadline and ui.poll() is None and status != 200:
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=5).status
            except OSError:
                time.sleep(0.5)
        assert status == 200, "the UI never answered"
        time.sleep(3)  # the daemon and the code server are up too
        family = _family(ui.pid)
        assert len(family) >= 3, family  # dg dev, the webserver, the daemon, the code server
        ui.send_signal(signum)
        output, _ = ui.communicate(timeout=15)
        time.sleep(0.5)  # a process ending is reaped by its parent a moment after
        assert [pid for pid in family if _alive(pid)] == [], output[-3000:]
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2)
        assert "superseded" not in output and "deprecat" not in output.lower(), output[-3000:]
        assert "Traceback" not in output, output[-3000:]
    finally:
        if ui.poll() is None:
            ui.kill()
            ui.wait()
