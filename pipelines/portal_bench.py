"""`pug bench --portal`: how fast the portal answers, measured against a real `pug serve` and HTTP client.

On a built warehouse (the national sample of `pug bench --regions N`, or any raw/ and warehouse/ given with --dir),
with the portal already running: the check of a typical OPD workbook (the median-sized current workbook of the
region with the most OPDs), timed from the upload's start to the answer; the reviewer's table of that region's year
and the OPD user's page. It makes two accounts of its own in that deployment's portal database (bench-opd-<time>,
bench-reviewer-<time>) and builds nothing.
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from pipelines.instance import project_env


def _pug(env: dict, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines.cli", *args], env=env, input=stdin, capture_output=True,
                          text=True, timeout=600)


def _timed(call, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        answer = call()
        times.append(time.perf_counter() - started)
        assert answer.status_code == 200, (answer.status_code, answer.text[:300])
    return times


def run_portal_bench(root: Path, rounds: int = 7, year: int = 2025, log=print) -> dict:
    import requests

    raw, warehouse = root / "raw", root / "warehouse"
    published = warehouse / "pug.duckdb"
    if not published.exists():
        raise FileNotFoundError(f"no built warehouse at {published}: run `pug bench --regions N` (or `pug build`) first")
    with duckdb.connect(str(published), read_only=True) as con:
        region, opds = con.execute("""SELECT region_code, count(*) FROM dim_opd GROUP BY ALL
                                      ORDER BY 2 DESC, 1 LIMIT 1""").fetchone()
        files = con.execute("""SELECT opd_code, file_path, size_bytes FROM fct_submission
                               WHERE region_code = ? AND report_year = ? AND is_current AND file_path LIKE '%.xlsx'
                               ORDER BY size_bytes""", [region, year]).fetchall()
    opd, relative, size = files[len(files) // 2]
    workbook = raw / "submissions" / relative
    largest = raw / "submissions" / files[-1][1]  # the women's agency's: its register of organisations
    env = {**os.environ, **project_env(raw, warehouse), "PUG_PORTAL_BUILDS": "off"}
    stamp = int(time.time())
    opd_user, reviewer = f"bench-opd-{stamp}", f"bench-reviewer-{stamp}"
    for user, args in ((opd_user, ["--role", "opd", "--region", region, "--opd", opd]),
                       (reviewer, ["--role", "reviewer", "--region", region])):
        made = _pug(env, "users", "add", user, *args, stdin="bench-password-1\n")
        if made.returncode:
            raise RuntimeError(made.stderr)
    token = _pug(env, "users", "token", opd_user).stdout.strip()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "serve", "--port", str(port), "--builds", "off"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                if requests.get(f"{base}/masuk/", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        log(f"bench: portal on {base}; {region}: {opds} OPDs; checking {relative} ({size:,} bytes)")
        content = workbook.read_bytes()

        def check():
            return requests.post(f"{base}/api/check", headers={"Authorization": f"Bearer {token}"},
                                 files={"file": (workbook.name, content)}, timeout=120)

        def check_largest():
            return requests.post(f"{base}/api/check", headers={"Authorization": f"Bearer {token}"},
                                 files={"file": (largest.name, largest.read_bytes())}, timeout=120)

        first = _timed(check, 1)
        checks = _timed(check, rounds)
        largest_checks = _timed(check_largest, rounds)
        session = requests.Session()
        login = session.get(f"{base}/masuk/", timeout=30)
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
        session.post(f"{base}/masuk/", data={"username": reviewer, "password": "bench-password-1",
                                             "csrfmiddlewaretoken": csrf}, headers={"Referer": f"{base}/masuk/"}, timeout=30)
        table = _timed(lambda: session.get(f"{base}/pemeriksa/{region}/{year}/", timeout=60), rounds)
        listing = _timed(lambda: requests.get(f"{base}/api/submissions?year={year}",
                                              headers={"Authorization": f"Bearer {token}"}, timeout=60), rounds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"region": region, "opds": opds, "workbook": relative, "workbook_bytes": size,
            "first_check_s": round(first[0], 3), "check_s": round(statistics.median(checks), 3),
            "check_max_s": round(max(checks), 3), "largest_workbook": files[-1][1], "largest_bytes": files[-1][2],
            "largest_check_s": round(statistics.median(largest_checks), 3), "review_table_s": round(statistics.median(table), 3),
            "review_table_max_s": round(max(table), 3), "opd_listing_s": round(statistics.median(listing), 3)}


def print_portal_bench(result: dict) -> None:
    print(f"portal bench region={result['region']} opds={result['opds']} workbook_bytes={result['workbook_bytes']} "
          f"first_check_s={result['first_check_s']} check_s={result['check_s']} check_max_s={result['check_max_s']} "
          f"largest_bytes={result['largest_bytes']} largest_check_s={result['largest_check_s']} "
          f"review_table_s={result['review_table_s']} review_table_max_s={result['review_table_max_s']} "
          f"opd_listing_s={result['opd_listing_s']}")
