"""Helpers for the operations tests: a private copy of the built sample, and a resubmission to drop into it."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

import duckdb
import openpyxl

from pipelines.instance import project_env
from pug.ingest.parse import parse_submission

RESUBMITTED = "2025/33.75/KEC_PEKALONGAN_BARAT.xlsx"


@contextlib.contextmanager
def using_project(raw: Path, warehouse: Path):
    """Point pug (and the Dagster instance) at another raw/ and warehouse/ for the duration."""
    values = project_env(raw, warehouse)
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def copy_built_sample(built_sample: dict, root: Path) -> tuple[Path, Path]:
    """raw/ and warehouse/ of the built sample, copied with their modification times (so nothing looks changed)."""
    raw, warehouse = root / "raw", root / "warehouse"
    shutil.copytree(built_sample["raw"], raw, symlinks=True)
    shutil.copytree(built_sample["warehouse"], warehouse, symlinks=True)
    return raw, warehouse


def resubmit(raw: Path, reference) -> Path:
    """A second version of one Pekalongan 2025 workbook, sent a day later: in sheet anggaran one row's spending
    changed, the last row removed and one row added."""
    original = raw / "submissions" / RESUBMITTED
    sent = parse_submission(original, reference).identity["tanggal_kirim"]
    workbook = openpyxl.load_workbook(original)
    identitas = workbook["identitas"]
    for row in identitas.iter_rows(min_row=2):
        if row[0].value == "tanggal_kirim":
            row[1].value = dt.datetime.combine(sent + dt.timedelta(days=1), dt.time())
    anggaran = workbook["anggaran"]
    header = [c.value for c in anggaran[1]]
    spent = header.index("realisasi_anggaran") + 1
    anggaran.cell(row=2, column=spent).value = int(anggaran.cell(row=2, column=spent).value) - 1000
    last = [c.value for c in anggaran[anggaran.max_row]]
    anggaran.delete_rows(anggaran.max_row)
    added = list(last)
    added[header.index("kode_subkegiatan")] = "7.01.01.2.01.0099"
    added[header.index("nama_subkegiatan")] = "Sosialisasi tambahan (versi revisi)"
    anggaran.append(added)
    target = original.with_name("KEC_PEKALONGAN_BARAT_revisi.xlsx")
    workbook.save(target)
    return target


def sha256_of_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def warehouse_differences(first: Path, second: Path, ignored: tuple[str, ...] = ()) -> dict[str, tuple[int, int]]:
    """Per table, the rows of each warehouse missing from the other (as multisets), the `ignored` columns left out;
    and the columns and comments."""
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{first}' AS a (READ_ONLY)")
        con.execute(f"ATTACH '{second}' AS b (READ_ONLY)")
        columns = {db: con.execute("SELECT table_name, column_name, data_type, comment FROM duckdb_columns() "
                                   "WHERE database_name = ? ORDER BY ALL", [db]).fetchall() for db in ("a", "b")}
        assert columns["a"] == columns["b"]
        tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'a'").fetchall()]
        differing = {}
        for table in tables:
            kept = ", ".join(f'"{column}"' for t, column, *_ in columns["a"] if t == table and column not in ignored)
            counts = tuple(con.execute(f"SELECT count(*) FROM (SELECT {kept} FROM {x}.{table} EXCEPT ALL "
                                       f"SELECT {kept} FROM {y}.{table})").fetchone()[0]
                           for x, y in (("a", "b"), ("b", "a")))
            if counts != (0, 0):
                differing[table] = counts
        return differing
