"""A real portal for the tests: `pug serve` in its own process over a private copy of the built sample, with
accounts made by `pug users` (an OPD user, a reviewer of Kota Pekalongan, an admin)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from operations import copy_built_sample
from pipelines.instance import project_env

PASSWORDS = {"opd": "kata-sandi-opd-1", "reviewer": "kata-sandi-pemeriksa-1", "admin": "kata-sandi-admin-1",
             "bekasi": "kata-sandi-bekasi-1"}
ACCOUNTS = {  # username: (role, regions, opd)
    "opd": ("opd", ["33.75"], "KEC_PEKALONGAN_BARAT"),
    "reviewer": ("reviewer", ["33.75"], None),
    "admin": ("admin", [], None),
    "bekasi": ("reviewer", ["32.75"], None),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pug(env: dict, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from pipelines.cli import run; run()", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=300)


@contextlib.contextmanager
def running_portal(built_sample: dict, root: Path, builds: str = "off", max_upload_mb: int = 20):
    raw, warehouse = copy_built_sample(built_sample, root)
    env = {**os.environ, **project_env(raw, warehouse), "PUG_PORTAL_MAX_UPLOAD_MB": str(max_upload_mb)}
    for username, (role, regions, opd) in ACCOUNTS.items():
        args = ["users", "add", username, "--role", role, *[a for r in regions for a in ("--region", r)]]
        if opd:
            args += ["--opd", opd]
        made = pug(env, *args, stdin=PASSWORDS[username] + "\n")
        assert made.returncode == 0, made.stderr
    tokens = {username: pug(env, "users", "token", username).stdout.strip() for username in ACCOUNTS}
    port = _free_port()
    log = open(root / "serve.log", "w")
    process = subprocess.Popen([sys.executable, "-c", "from pipelines.cli import run; run()", "serve", "--port", str(port),
                                "--builds", builds], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{base}/masuk/", timeout=5).status_code == 200:
                    break
            time.sleep(0.1)
        else:
            raise AssertionError((root / "serve.log").read_text())
        yield {"base": base, "tokens": tokens, "raw": raw, "warehouse": warehouse, "env": env, "log": root / "serve.log"}
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
