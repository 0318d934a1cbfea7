"""The submission ledger: every file ever seen under raw/submissions/, with its sha256, size, identity and status.

The ledger lives in warehouse/state/ledger.duckdb and outlives builds; nothing is ever deleted from it (a removed
file keeps its rows with present = false). Parsing is cached by content (sha256), so an unchanged file is read once.
Raw files are only ever read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pug import parse
from pug.paths import written_atomically
from pug.sqlfiles import fetch_dicts
from pug.reference import Reference

# Bump when parsing changes what it produces, so that cached results are parsed again.
PARSER_VERSION = "1"

LEDGER_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path VARCHAR PRIMARY KEY,      -- relative to raw/submissions/
    sha256 VARCHAR NOT NULL,
    size_bytes BIGINT NOT NULL,
    modified_at TIMESTAMP NOT NULL,
    first_seen_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    present BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS contents (
    sha256 VARCHAR PRIMARY KEY,
    form VARCHAR,
    region_code VARCHAR,
    opd_code VARCHAR,
    report_year INTEGER,
    submitted_on DATE,
    status VARCHAR NOT NULL,
    parser_version VARCHAR NOT NULL
);
"""


@dataclass(frozen=True)
class SeenFile:
    path: Path
    relative: str
    size: int
    modified_at: dt.datetime


def is_ignored(name: str) -> bool:
    """Excel lock files (~$Book.xlsx), hidden files and READMEs are never submissions."""
    return name.startswith(("~$", ".")) or name.lower().startswith("readme")


def scan(submissions_dir: Path) -> list[SeenFile]:
    """Candidate submissions: every file, except those inside a CSV folder, and every folder holding CSV files."""
    found: list[SeenFile] = []
    if not submissions_dir.is_dir():
        return found
    for folder, dirnames, filenames in os.walk(submissions_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not is_ignored(d))
        names = sorted(n for n in filenames if not is_ignored(n))
        here = Path(folder)
        if here != submissions_dir and any(n.lower().endswith(".csv") for n in names):
            stats = [(here / n).lstat() for n in names]
            found.append(
                SeenFile(here, here.relative_to(submissions_dir).as_posix(), sum(s.st_size for s in stats),
                         dt.datetime.fromtimestamp(max(s.st_mtime for s in stats)))
            )
            dirnames[:] = []
            continue
        for name in names:
            path = here / name
            stat = path.lstat()
            found.append(SeenFile(path, path.relative_to(submissions_dir).as_posix(), stat.st_size, dt.datetime.fromtimestamp(stat.st_mtime)))
    return found


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    if path.is_dir():
        for file in sorted(p for p in path.iterdir() if p.is_file() and not is_ignored(p.name)):
            digest.update(file.name.encode() + b"\0" + hashlib.sha256(file.read_bytes()).digest())
        return digest.hexdigest()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_YEAR_IN_PATH = re.compile(r"^(19|20)\d{2}$")
_REGION_IN_PATH = re.compile(r"^\d{2}\.\d{2}$")


def place_from_path(relative: str) -> tuple[str | None, int | None]:
    """(region, year) named by the folders of a path; used only to file a submission whose identitas is unreadable."""
    region = year = None
    for part in relative.split("/")[:-1]:
        if _YEAR_IN_PATH.match(part):
            year = int(part)
        elif _REGION_IN_PATH.match(part):
            region = part
    return region, year


class ParseCache:
    """Parsed submissions by sha256, so unchanged content is never parsed twice."""

    def __init__(self, cache_dir: Path):
        self.root = cache_dir / f"parsed-v{PARSER_VERSION}"

    def _file(self, sha: str) -> Path:
        return self.root / sha[:2] / f"{sha}.pickle"

    def has(self, sha: str) -> bool:
        return self._file(sha).exists()

    def get(self, sha: str) -> parse.ParsedSubmission | None:
        file = self._file(sha)
        if not file.exists():
            return None
        with open(file, "rb") as handle:
            return pickle.load(handle)

    def put(self, sha: str, parsed: parse.ParsedSubmission) -> None:
        with written_atomically(self._file(sha)) as partial, open(partial, "wb") as handle:
            pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)


@dataclass
class LedgerUpdate:
    files_seen: int
    new_or_changed: int
    removed: int
    parsed: int  # contents parsed in this update (not found in the cache)
    years: list[int]


def update_ledger(submissions_dir: Path, ledger_file: Path, cache: ParseCache, reference: Reference,
                  now: dt.datetime | None = None) -> LedgerUpdate:
    """Scan raw/submissions/, record what is new, changed or gone, and parse content not seen before."""
    now = now or dt.datetime.now().replace(microsecond=0)
    ledger_file.parent.mkdir(parents=True, exist_ok=True)
    seen = scan(submissions_dir)
    with duckdb.connect(str(ledger_file)) as con:
        con.execute(LEDGER_SCHEMA)
        known = {row[0]: row[1:] for row in con.execute("SELECT path, sha256, size_bytes, modified_at FROM files").fetchall()}
        parsed_shas = {row[0] for row in con.execute("SELECT sha256 FROM contents WHERE parser_version = ?", [PARSER_VERSION]).fetchall()}
        rows, changed, parsed_count = [], 0, 0
        contents = []
        for file in seen:
            previous = known.get(file.relative)
            if previous and previous[1] == file.size and previous[2] == file.modified_at:
                sha = previous[0]  # unchanged size and time: trust the recorded hash
            else:
                sha = sha256_of(file.path)
                changed += 1
            rows.append((file.relative, sha, file.size, file.modified_at, now, now, True))
            if sha in parsed_shas and cache.has(sha):
                continue
            submission = cache.get(sha)
            if submission is None:
                submission = parse.parse_submission(file.path, reference)
                cache.put(sha, submission)
                parsed_count += 1
            parsed_shas.add(sha)
            identity = submission.identity
            region, year = identity.get("kode_wilayah"), identity.get("tahun_laporan")
            if region is None or year is None:
                path_region, path_year = place_from_path(file.relative)
                region, year = region or path_region, year or path_year
            contents.append((sha, submission.form, region, identity.get("kode_opd"), year, identity.get("tanggal_kirim"),
                             submission.status, PARSER_VERSION))
        con.execute("BEGIN")
        if rows:
            con.executemany(
                """INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, size_bytes = excluded.size_bytes,
                     modified_at = excluded.modified_at, last_seen_at = excluded.last_seen_at, present = true""",
                rows,
            )
        if contents:
            con.executemany("INSERT OR REPLACE INTO contents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", contents)
        present = {r[0] for r in rows}
        gone = [p for p in known if p not in present]
        if gone:
            con.executemany("UPDATE files SET present = false WHERE path = ?", [(p,) for p in gone])
        con.execute("COMMIT")
        years = [r[0] for r in con.execute(
            "SELECT DISTINCT report_year FROM contents JOIN files USING (sha256) WHERE report_year IS NOT NULL ORDER BY 1").fetchall()]
    return LedgerUpdate(len(seen), changed, len(gone), parsed_count, years)


def submissions_of_year(ledger_file: Path, year: int) -> list[dict]:
    """Every distinct content filed under a report year, with the files that carried it."""
    with duckdb.connect(str(ledger_file), read_only=True) as con:
        return fetch_dicts(
            con,
            """SELECT c.sha256, c.form, c.region_code, c.opd_code, c.report_year, c.submitted_on, c.status,
                      arg_max(f.path, f.last_seen_at) AS path, bool_or(f.present) AS present,
                      max(f.modified_at) AS modified_at, min(f.first_seen_at) AS first_seen_at, max(f.size_bytes) AS size_bytes
               FROM contents c JOIN files f USING (sha256)
               WHERE c.report_year = ?
               GROUP BY ALL ORDER BY c.region_code, c.opd_code, c.sha256""",
            [year],
        )
