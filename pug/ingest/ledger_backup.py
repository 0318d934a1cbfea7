"""The ledger's backups: a copy of warehouse/state/ledger.duckdb and its key after every successful build, the
newest kept; a damaged ledger restored from the newest good copy, or the build stopped saying how to recover.

The ledger is the one piece of state that cannot be made again from raw/submissions/ as it was: it remembers when
each file was first seen and every version ever sent, including files since removed.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from pug.failures import Explained
from pug.ingest.ledger import KEY_FILE, LedgerUpdate, update_ledger
from pug.ingest.parse_cache import ParseCache
from pug.paths import written_atomically

if TYPE_CHECKING:
    from pug.reference import Reference

BACKUPS_KEPT = 5


class LedgerDamaged(Explained):
    """The ledger cannot be read, and no backup of it can."""


def backups_dir(ledger_file: Path) -> Path:
    return ledger_file.parent / "backups"


def backups(ledger_file: Path) -> list[Path]:
    """The backups of a ledger, newest first."""
    return sorted(backups_dir(ledger_file).glob("ledger-*.duckdb"), reverse=True)


def problem_with(ledger_file: Path) -> str | None:
    """Why a ledger file cannot be used, or None when it reads whole: both tables, every column."""
    try:
        with duckdb.connect(str(ledger_file), read_only=True) as con:
            con.execute("SELECT count(*), count(DISTINCT path_key), max(path), max(sha256), sum(size_bytes), "
                        "max(modified_at), min(first_seen_at), max(last_seen_at), bool_or(present) FROM files").fetchone()
            con.execute("SELECT count(*), max(sha256), max(form), max(region_code), max(opd_code), max(report_year), "
                        "max(submitted_on), max(status), max(parser_version) FROM contents").fetchone()
    except duckdb.Error as exc:
        return f"{type(exc).__name__}: {str(exc)[:300]}"
    return None


def back_up(ledger_file: Path, now: dt.datetime | None = None) -> Path:
    """Copy the ledger (and its key, when the backups lack it) into state/backups/, keeping the newest copies."""
    now = now or dt.datetime.now()
    folder = backups_dir(ledger_file)
    folder.mkdir(parents=True, exist_ok=True)
    key = ledger_file.with_name(KEY_FILE)
    if key.exists() and (not (folder / KEY_FILE).exists() or (folder / KEY_FILE).read_bytes() != key.read_bytes()):
        with written_atomically(folder / KEY_FILE) as partial:
            shutil.copyfile(key, partial)
    target = folder / f"ledger-{now:%Y%m%dT%H%M%S}.duckdb"
    with written_atomically(target) as partial:
        shutil.copyfile(ledger_file, partial)
    for old in backups(ledger_file)[BACKUPS_KEPT:]:
        old.unlink(missing_ok=True)
    return target


def ensure_readable(ledger_file: Path) -> str | None:
    """Make sure the ledger can be used before a build changes it: a damaged one (or one gone while its backups
    remain) is set aside and the newest good backup put in its place. Returns what was done, to be logged, or
    None; raises LedgerDamaged when no good copy remains, leaving the damaged ledger where it is, so that every
    build stops until someone restores or rebuilds it."""
    key, saved_key = ledger_file.with_name(KEY_FILE), backups_dir(ledger_file) / KEY_FILE
    if not ledger_file.exists():
        if not backups(ledger_file):
            return None  # a first build: a new ledger
        problem = "the file is missing"
    else:
        problem = problem_with(ledger_file)
        if problem is None:
            if not key.exists() and saved_key.exists():
                shutil.copyfile(saved_key, key)
                return f"ledger key {key} was missing; restored from {saved_key}"
            return None
    for backup in backups(ledger_file):
        if problem_with(backup) is None:
            if ledger_file.exists():  # kept for whoever wants to look at it
                ledger_file.rename(ledger_file.with_name(f"{ledger_file.name}.damaged-{dt.datetime.now():%Y%m%dT%H%M%S}"))
            ledger_file.with_name(f"{ledger_file.name}.wal").unlink(missing_ok=True)
            with written_atomically(ledger_file) as partial:
                shutil.copyfile(backup, partial)
            if saved_key.exists() and (not key.exists() or key.read_bytes() != saved_key.read_bytes()):
                shutil.copyfile(saved_key, key)
            return (f"Ledger {ledger_file} tidak dapat dibaca ({problem}); dipulihkan dari cadangan {backup.name}. "
                    f"Berkas yang datang setelah cadangan itu dibaca sebagai baru. / The ledger {ledger_file} could "
                    f"not be read ({problem}); restored from the backup {backup.name}. Files that came after that "
                    f"backup are read as new.")
    raise LedgerDamaged(
        f"Ledger {ledger_file} rusak ({problem}) dan tidak ada cadangan yang baik di {backups_dir(ledger_file)}. "
        f"Salin cadangan yang baik ke {ledger_file}, atau bangun ulang ledger dari raw/submissions/ dengan: "
        f"pug ledger rebuild (waktu pertama terlihat akan berupa perkiraan). / The ledger {ledger_file} is damaged "
        f"({problem}) and no good backup is left in {backups_dir(ledger_file)}. Copy a good backup to "
        f"{ledger_file}, or rebuild the ledger from raw/submissions/ with: pug ledger rebuild (first-seen times "
        f"will be estimates).")


def rebuild(submissions_dir: Path, ledger_file: Path, cache: ParseCache, reference: Reference) -> LedgerUpdate:
    """A new ledger from the files under raw/submissions/ (`pug ledger rebuild`), the old one, if any, set aside.
    What only the old ledger knew is lost: when each file was first seen (now its modification time, an estimate)
    and the files removed since."""
    if ledger_file.exists():
        ledger_file.rename(ledger_file.with_name(f"{ledger_file.name}.replaced-{dt.datetime.now():%Y%m%dT%H%M%S}"))
    ledger_file.with_name(f"{ledger_file.name}.wal").unlink(missing_ok=True)
    return update_ledger(submissions_dir, ledger_file, cache, reference, first_seen_from_files=True)
