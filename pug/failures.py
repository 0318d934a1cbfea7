"""Why a build failed, in one line in Bahasa Indonesia and English, from the exception that stopped it.

The data team reads this line at the end of `pug build`; the stack trace stays in the Dagster run's log. A failure
this code raises on purpose (another build running, a damaged ledger) carries its own line (Explained); a few the
machine raises are recognised by their class and words (a full disk, a damaged file, a missing optional package).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path


class Explained(RuntimeError):
    """A failure whose message already names its cause, and what to do, in both languages."""


def explained_class_names() -> set[str]:
    found, todo = set(), [Explained]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return found


_DISK_FULL = re.compile(r"Errno 28\b|No space left on device|ENOSPC|disk is full|not enough space", re.I)
_DAMAGED_FILE = re.compile(r"(?:Could not read enough bytes|not a valid DuckDB database file|file is not a database|"
                           r"Corrupt database file|checksum mismatch)", re.I)
_FILE_NAMED = re.compile(r"""["']?(/[^"'\s:]+\.(?:duckdb|json|wal))""")
_STOPPED = re.compile(r"DagsterExecutionInterruptedError|KeyboardInterrupt|Query interrupted|Execution was interrupted")
_MISSING_MODULE = re.compile(r"No module named '?([\w.]+)|Couldn't import module ([\w.]+)")
# The optional packages of pyproject.toml, by the module that is missing.
EXTRAS = {"dagster_postgres": "postgres", "psycopg2": "postgres"}


def disk_full(warehouse: Path) -> str:
    free = shutil.disk_usage(warehouse if warehouse.exists() else warehouse.parent).free
    needed = _build_needs(warehouse)
    return (f"Disk penuh: folder {warehouse} tinggal {_mib(free)} kosong, build memerlukan sekitar {_mib(needed)}. "
            f"Kosongkan ruang disk lalu jalankan pug build lagi; warehouse yang sudah terbit tidak berubah. / "
            f"Disk full: {warehouse} has {_mib(free)} free and a build needs about {_mib(needed)}. Free some space "
            f"and run pug build again; the published warehouse is unchanged.")


def _build_needs(warehouse: Path) -> int:
    """A build writes a new candidate beside the published warehouse and copies of the year databases: about the
    size of both again, and never less than 200 MiB for the Data Docs, feedback workbooks and logs."""
    published = warehouse / "pug.duckdb"
    build = warehouse / "build"
    size = published.stat().st_size if published.exists() else 0
    size += sum(p.stat().st_size for p in build.glob("*.duckdb")) if build.is_dir() else 0
    return max(size, 200 * 1024 * 1024)


def _mib(size: int) -> str:
    return f"{size / 1048576:,.0f} MiB"


def chain_of(exc: BaseException) -> list[tuple[str, str]]:
    """(class, message) of a Python exception and of those it was raised from, outermost first."""
    chain: list[tuple[str, str]] = []
    while exc is not None and len(chain) < 20:
        chain.append((type(exc).__name__, str(exc)))
        exc = exc.__cause__ or exc.__context__
    return chain


def explain(chain: list[tuple[str, str]], warehouse: Path) -> str | None:
    """The line for a failure, from its exceptions (class name, message), outermost first; None when unknown."""
    names = explained_class_names()
    for cls_name, message in chain:
        if cls_name in names:
            return message.strip()
    text = "\n".join(f"{cls_name}: {message}" for cls_name, message in chain)
    if _STOPPED.search(text):
        return ("Build dihentikan (SIGTERM atau Ctrl+C) sebelum selesai; warehouse yang terbit tetap utuh. Jalankan "
                "pug build lagi. / The build was stopped (SIGTERM or Ctrl+C) before it finished; the published "
                "warehouse is whole. Run pug build again.")
    if _DISK_FULL.search(text):
        return disk_full(warehouse)
    if missing := _MISSING_MODULE.search(text):
        return missing_package(missing[1] or missing[2])
    if _DAMAGED_FILE.search(text):
        named = _FILE_NAMED.search(text)
        where = named[1] if named else "sebuah berkas DuckDB / a DuckDB file"
        return (f"Berkas rusak: {where}. Jika berkas itu di warehouse/build/ atau warehouse/cache/, hapus lalu jalankan "
                f"pug build lagi; jika warehouse/pug.duckdb, jalankan pug build (warehouse dibangun ulang). / Damaged "
                f"file: {where}. If it is under warehouse/build/ or warehouse/cache/, delete it and run pug build "
                f"again; if it is warehouse/pug.duckdb, run pug build (the warehouse is built again).")
    return None


def missing_package(module: str) -> str:
    top = module.split(".")[0]
    extra = EXTRAS.get(top)
    install = f"pip install -e '.[{extra}]'" if extra else f"pip install {top}"
    return (f"Paket Python {top} belum terpasang; pasang dengan: {install} / The Python package {top} is not "
            f"installed; install it with: {install}")
