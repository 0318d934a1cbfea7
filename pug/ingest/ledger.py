"""The submission ledger: every file ever seen under raw/submissions/, with its sha256, size, identity and status.

The ledger lives in warehouse/state/ledger.duckdb and outlives builds; nothing is ever deleted from it (a removed
file keeps its rows with present = false). Parsing is cached by content (sha256), so an unchanged file is read once.
Raw files are only ever read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from pug.ingest import parse
from pug.ingest.parse_cache import PARSER_VERSION, ParseCache, parse_seen
from pug.paths import written_atomically
from pug.sqlfiles import fetch_dicts
from pug.values import mask_nik
from pug.workers import WorkerProcesses

if TYPE_CHECKING:  # not imported here: the parse workers import this module, and need no pandas
    from pug.reference import Reference


LEDGER_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path_key VARCHAR PRIMARY KEY,  -- HMAC-SHA256 of the path relative to raw/submissions/ (key: state/ledger.key)
    path VARCHAR NOT NULL,         -- that path, any NIK-like number in it masked
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


FILE_COLUMNS = ["path_key", "path", "sha256", "size_bytes", "modified_at", "first_seen_at", "last_seen_at", "present"]
KEY_FILE = "ledger.key"


def path_keyer(ledger_file: Path) -> Callable[[str], str]:
    """How the ledger knows a file again without keeping its name: people type file names, and a NIK in one must not
    be stored (DESIGN: privacy). The key is an HMAC of the path with a secret of this ledger's own, made once and kept
    beside it; a plain hash of a name around a NIK could be reversed by trying every NIK."""
    key_file = ledger_file.with_name(KEY_FILE)
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        partial = key_file.with_name(f".{KEY_FILE}.{os.getpid()}.partial")
        partial.write_bytes(os.urandom(32))
        partial.chmod(0o600)
        try:
            os.link(partial, key_file)  # never replaces a key another process made first
        except FileExistsError:
            pass
        finally:
            partial.unlink()
    key = key_file.read_bytes()
    return lambda relative: hmac.new(key, relative.encode(), hashlib.sha256).hexdigest()


def _key_old_paths(ledger_file: Path, key_of: Callable[[str], str]) -> None:
    """A ledger written before files were known by path_key is written again as a new file: the same rows (first
    sight included), keyed, their paths masked. A new file, since a dropped table's pages stay in the old one."""
    if not ledger_file.exists():
        return
    with duckdb.connect(str(ledger_file)) as con:
        columns = {row[0] for row in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'files'").fetchall()}
        if not columns or "path_key" in columns:
            return
        old = con.execute("SELECT path, sha256, size_bytes, modified_at, first_seen_at, last_seen_at, present FROM files").fetchall()
        contents = con.sql("SELECT * FROM contents").to_arrow_table()  # noqa: F841
    keyed = _columns([(key_of(path), mask_nik(path), *rest) for path, *rest in old], FILE_COLUMNS)  # noqa: F841
    with written_atomically(ledger_file) as partial, duckdb.connect(str(partial)) as con:
        con.execute(LEDGER_SCHEMA)
        con.execute("INSERT INTO files SELECT * FROM keyed")
        con.execute("INSERT INTO contents SELECT * FROM contents")


@dataclass(frozen=True)
class SeenFile:
    path: Path
    relative: str
    size: int
    modified_at: dt.datetime
    link_target: str | None = None  # a symbolic link is recorded and rejected, never followed out of raw/
    special: bool = False  # a FIFO, device or socket: recorded and rejected (by the reader), never opened


def is_ignored(name: str) -> bool:
    """Excel lock files (~$Book.xlsx), hidden files and READMEs are never submissions."""
    return name.startswith(("~$", ".")) or name.lower().startswith("readme")


def printable(name: str) -> str:
    """A file name with bytes that are not UTF-8 shown as U+FFFD (a name the OS allows but no database column takes)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def relative_name(path: Path, root: Path) -> str:
    """The ledger's name of a file: its path under raw/submissions/."""
    return printable(path.relative_to(root).as_posix())


def scan(submissions_dir: Path) -> list[SeenFile]:
    """Candidate submissions: every file, except those inside a CSV folder, and every folder holding CSV files."""
    found: list[SeenFile] = []
    if not submissions_dir.is_dir():
        return found
    for folder, dirnames, filenames in os.walk(submissions_dir, followlinks=False):
        here = Path(folder)
        linked_dirs = sorted(d for d in dirnames if not is_ignored(d) and (here / d).is_symlink())
        dirnames[:] = sorted(d for d in dirnames if not is_ignored(d) and d not in linked_dirs)
        names = sorted(n for n in filenames if not is_ignored(n))
        if here != submissions_dir and any(n.lower().endswith(".csv") for n in names):
            stats = [(here / n).lstat() for n in names]
            links = [n for n in names if (here / n).is_symlink()]
            found.append(
                SeenFile(here, relative_name(here, submissions_dir), sum(s.st_size for s in stats),
                         dt.datetime.fromtimestamp(max(s.st_mtime for s in stats)),
                         link_target=printable(f"{links[0]} -> {os.readlink(here / links[0])}") if links else None)
            )
            dirnames[:] = []
            continue
        for name in [*names, *linked_dirs]:
            path = here / name
            status = path.lstat()
            found.append(SeenFile(path, relative_name(path, submissions_dir), status.st_size,
                                  dt.datetime.fromtimestamp(status.st_mtime),
                                  link_target=printable(os.readlink(path)) if stat.S_ISLNK(status.st_mode) else None,
                                  special=not (stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode)
                                               or stat.S_ISLNK(status.st_mode))))
    return found


def content_sha256(file: SeenFile) -> str:
    """The sha256 of a submission's content; of a symbolic link, the link itself (what it points to is never read);
    of a FIFO, device or socket, its name (opening one may block for ever or never end)."""
    if file.link_target is not None:
        return hashlib.sha256(b"link\0" + file.relative.encode() + b"\0" + file.link_target.encode()).hexdigest()
    if file.special:
        return hashlib.sha256(b"special\0" + file.relative.encode()).hexdigest()
    return sha256_of(file.path)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    if path.is_dir():
        for member in sorted(p for p in path.iterdir() if p.is_file() and not is_ignored(p.name)):
            digest.update(os.fsencode(member.name) + b"\0" + hashlib.sha256(member.read_bytes()).digest())
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


@dataclass
class LedgerUpdate:
    files_seen: int
    new_or_changed: int
    removed: int
    parsed: int  # contents parsed in this update (not found in the cache)
    years: list[int]  # every report year with a submission
    changed: dict[int, list[str]]  # report year -> regions whose files were added, changed or removed in this update
    seconds: dict[str, float] = field(default_factory=dict)  # discover (scan and hash), parse


# Parse in worker processes when at least this many files are new: below it, starting them costs more than it saves.
PARALLEL_FROM = 32


def _index_entry(sha: str, file: SeenFile, submission: parse.ParsedSubmission) -> tuple:
    """The ledger's contents row of a parsed submission: its identity, filed under the folders' region and year
    when the identitas sheet cannot say."""
    identity = submission.identity
    region, year = identity.get("kode_wilayah"), identity.get("tahun_laporan")
    if region is None or year is None:
        path_region, path_year = place_from_path(file.relative)
        region, year = region or path_region, year or path_year
    return (sha, submission.form, region, identity.get("kode_opd"), year, identity.get("tanggal_kirim"),
            submission.status, PARSER_VERSION)


_parser: dict = {}  # in a parse worker: its cache and reference data, loaded once


def _start_parser(cache_root: Path, reference: parse.ParseReference) -> None:
    _parser.update(cache=ParseCache(cache_root), reference=reference)


def _parse_into_cache(job: tuple[str, SeenFile]) -> tuple:
    """Parse one file, cache the result, return only its contents row (small to send back from a worker)."""
    sha, file = job
    submission = parse_seen(file.path, file.relative, file.link_target, _parser["reference"])
    _parser["cache"].put(sha, submission)
    return _index_entry(sha, file, submission)


def update_ledger(submissions_dir: Path, ledger_file: Path, cache: ParseCache, reference: Reference,
                  now: dt.datetime | None = None, workers: WorkerProcesses | None = None,
                  first_seen_from_files: bool = False) -> LedgerUpdate:
    """Scan raw/submissions/, record what is new, changed or gone, and parse content not seen before (in the
    `workers` when there is much of it). `first_seen_from_files`: a file never seen is taken to have been first
    seen when it was last modified (a ledger rebuilt from the files, whose first sight is lost)."""
    now = now or dt.datetime.now().replace(microsecond=0)
    ledger_file.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    seen = scan(submissions_dir)
    key_of = path_keyer(ledger_file)
    cache.remove_older_versions()
    _key_old_paths(ledger_file, key_of)
    with duckdb.connect(str(ledger_file)) as con:
        con.execute(LEDGER_SCHEMA)
        known = {row[0]: row[1:] for row in con.execute(
            "SELECT path_key, sha256, size_bytes, modified_at, present FROM files").fetchall()}
        indexed = {row[0] for row in con.execute("SELECT sha256 FROM contents WHERE parser_version = ?", [PARSER_VERSION]).fetchall()}
        rows, to_index = [], {}
        new_or_changed = 0
        touched = set()  # contents added, replaced or removed by this update: their report years need a new build
        for file in seen:
            path_key = key_of(file.relative)
            previous = known.get(path_key)
            if previous and previous[1] == file.size and previous[2] == file.modified_at:
                sha = previous[0]  # unchanged size and time: trust the recorded hash
            else:
                sha = content_sha256(file)
            if previous is None or previous[0] != sha or not previous[3]:
                new_or_changed += 1
                touched.update({sha, previous[0]} if previous else {sha})
            first_seen = min(file.modified_at, now) if first_seen_from_files and previous is None else now
            rows.append((path_key, mask_nik(file.relative), sha, file.size, file.modified_at, first_seen, now, True))
            if not (sha in indexed and cache.has(sha)):
                to_index.setdefault(sha, file)
        discovered = time.monotonic()

        contents, to_parse = [], []
        for sha, file in to_index.items():
            submission = cache.get(sha)
            if submission is None:
                to_parse.append((sha, file))
            else:
                contents.append(_index_entry(sha, file, submission))
        if workers is not None and workers.processes > 1 and len(to_parse) >= PARALLEL_FROM:
            pool = workers.executor(_start_parser, cache.root.parent, parse.ParseReference.of(reference))
            contents += pool.map(_parse_into_cache, to_parse, chunksize=8)
        else:
            _start_parser(cache.root.parent, reference)
            contents += map(_parse_into_cache, to_parse)
        parsed = time.monotonic()

        present = {r[0] for r in rows}
        gone = [key for key, previous in known.items() if previous[3] and key not in present]
        touched.update(known[key][0] for key in gone)
        seen_files = _columns(rows, FILE_COLUMNS)  # noqa: F841
        new_contents = _columns(contents, ["sha256", "form", "region_code", "opd_code", "report_year", "submitted_on",  # noqa: F841
                                           "status", "parser_version"])
        con.execute("BEGIN")
        con.execute("""INSERT INTO files SELECT * FROM seen_files
                       ON CONFLICT (path_key) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256, size_bytes = excluded.size_bytes,
                         modified_at = excluded.modified_at, last_seen_at = excluded.last_seen_at, present = true""")
        con.execute("INSERT OR REPLACE INTO contents SELECT * FROM new_contents")
        con.execute("UPDATE files SET present = false WHERE path_key IN (SELECT unnest(?::VARCHAR[]))", [gone])
        con.execute("COMMIT")
        years = [r[0] for r in con.execute(
            "SELECT DISTINCT report_year FROM contents JOIN files USING (sha256) WHERE report_year IS NOT NULL ORDER BY 1").fetchall()]
        changed: dict[int, list[str]] = {}
        for year, region in con.execute(
                """SELECT DISTINCT report_year, coalesce(region_code, '') FROM contents
                   WHERE sha256 IN (SELECT unnest(?::VARCHAR[])) AND report_year IS NOT NULL ORDER BY ALL""",
                [sorted(touched)]).fetchall():
            changed.setdefault(year, []).append(region)
    return LedgerUpdate(len(seen), new_or_changed, len(gone), len(to_parse), years, changed,
                        seconds={"discover": round(discovered - started, 2), "parse": round(parsed - discovered, 2)})


def _columns(rows: list[tuple], names: list[str]) -> pa.Table:
    """Rows as an Arrow table for DuckDB to scan, with every column even when there is no row."""
    return pa.table({name: pa.array([row[index] for row in rows]) for index, name in enumerate(names)})


def submissions_of_year(ledger_file: Path, year: int) -> list[dict]:
    """Every distinct content filed under a report year, with the files that carried it."""
    with duckdb.connect(str(ledger_file), read_only=True) as con:
        return fetch_dicts(
            con,
            """SELECT c.sha256, c.form, c.region_code, c.opd_code, c.report_year, c.submitted_on, c.status,
                      arg_max(f.path, f.last_seen_at) AS path, bool_or(f.present) AS present,
                      max(f.modified_at) AS modified_at, min(f.first_seen_at) AS first_seen_at, max(f.size_bytes) AS size_bytes,
                      list(f.path_key ORDER BY f.path_key) AS path_keys
               FROM contents c JOIN files f USING (sha256)
               WHERE c.report_year = ?
               GROUP BY ALL ORDER BY c.region_code, c.opd_code, c.sha256""",
            [year],
        )


def parse_again(submissions_dir: Path, ledger_file: Path, cache: ParseCache, reference: Reference,
                entries: list[dict]) -> tuple[list[tuple[dict, parse.ParsedSubmission]], list[dict]]:
    """Ledger entries whose parse-cache entry is gone or was unreadable, parsed again from their files under
    raw/submissions/ (found by the ledger's keyed paths, checked by sha256) and cached again: (entry, parsed) pairs,
    and the entries whose content is no longer under raw/submissions/."""
    key_of = path_keyer(ledger_file)
    wanted = {path_key: entry["sha256"] for entry in entries for path_key in entry["path_keys"]}
    found: dict[str, SeenFile] = {}
    for file in scan(submissions_dir):
        sha = wanted.get(key_of(file.relative))
        if sha is not None and sha not in found and content_sha256(file) == sha:
            found[sha] = file
    parsed, lost = [], []
    for entry in entries:
        file = found.get(entry["sha256"])
        if file is None:
            lost.append(entry)
            continue
        submission = parse_seen(file.path, file.relative, file.link_target, reference)
        cache.put(entry["sha256"], submission)
        parsed.append((entry, submission))
    return parsed, lost
