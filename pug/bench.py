"""Measuring a build against the cost of reading its input (`pug bench`). No Dagster here.

- read_floor: the physical floor, every cell of every submission read with calamine (or csv) and nothing else.
- PeakMemory: the largest resident memory of a process and all its descendants together, sampled from /proc.
- resubmit_one: a second version of one workbook, as an OPD would send it, to time an incremental publish.
"""

from __future__ import annotations

import csv
import datetime as dt
import threading
import time
from pathlib import Path

import python_calamine

from pug import contract, values
from pug.ingest.ledger import scan


def read_floor(submissions_dir: Path) -> dict:
    """Read every cell of every submission once, in this process, and nothing else: the floor a build can reach
    on one core."""
    started = time.monotonic()
    workbooks = cells = rows = 0
    for seen in scan(submissions_dir):
        path = seen.path
        if path.is_dir():
            for member in sorted(path.glob("*.csv")):
                with open(member, newline="", encoding="utf-8-sig", errors="replace") as handle:
                    for record in csv.reader(handle):
                        rows += 1
                        cells += len(record)
        else:
            try:
                workbook = python_calamine.CalamineWorkbook.from_path(str(path))
            except Exception:  # noqa: BLE001 - an unreadable file costs its failed read, nothing more
                continue
            for name in workbook.sheet_names:
                grid = workbook.get_sheet_by_name(name).to_python()
                rows += len(grid)
                cells += sum(len(row) for row in grid)
        workbooks += 1
    return {"seconds": round(time.monotonic() - started, 2), "workbooks": workbooks, "rows": rows, "cells": cells}


def _descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        found.append(parent)
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                queue += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class PeakMemory:
    """Samples, every `interval` seconds, the summed resident memory of a process tree (worker processes count)."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval, self.peak_kib = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, sum(_rss_kib(p) for p in _descendants(self.pid)))
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mib(self) -> float:
        return round(self.peak_kib / 1024, 1)


def resubmit_one(submissions_dir: Path, year: int = 2025, fraction: float = 0.0) -> Path:
    """A second version of one workbook of the report year (the first, or the one `fraction` of the way through
    the sorted list), sent a day later with one budget line changed."""
    import openpyxl

    originals = [p for p in sorted((submissions_dir / str(year)).rglob("*.xlsx")) if "_revisi" not in p.name]
    original = originals[int(fraction * (len(originals) - 1))]
    workbook = openpyxl.load_workbook(original)
    for row in workbook["identitas"].iter_rows(min_row=2):
        if row[0].value == "tanggal_kirim":
            try:
                sent = values.PARSERS[contract.DATE](row[1].value)
            except values.ValueProblem:
                sent = dt.date(year + 1, 1, 15)
            row[1].value = dt.datetime.combine(sent + dt.timedelta(days=1), dt.time())
    if "anggaran" in workbook.sheetnames and workbook["anggaran"].max_row > 1:
        sheet = workbook["anggaran"]
        header = [c.value for c in sheet[1]]
        if "pagu" in header:
            cell = sheet.cell(row=2, column=header.index("pagu") + 1)
            cell.value = int(cell.value or 0) + 1000
    target = original.with_name(f"{original.stem}_revisi.xlsx")
    workbook.save(target)
    return target
