"""Reviewers' decisions on submitted reports: approve, or return to the OPD with a note.

Decisions are source data, like the submissions beside them: raw/decisions/<report year>.jsonl, one JSON object per
line, only ever appended to (under an exclusive lock, flushed to disk before the call returns). A rebuild reads them
and never writes them, so no build loses one; a line cut short by a process killed while writing it was never
recorded and is skipped when read. The latest decision on a submission is the one in force; a new version of the
report has none until a reviewer decides on it (it is pending).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from pug.paths import Layout

APPROVED, RETURNED = "approved", "returned"
DECISIONS = (APPROVED, RETURNED)


class DecisionRefused(ValueError):
    """A decision that cannot be recorded, with the reason in Bahasa Indonesia and English."""


@dataclass(frozen=True)
class Decision:
    submission_id: str
    region_code: str
    report_year: int
    opd_code: str
    version: int
    decision: str  # approved | returned
    note: str  # required when returned
    reviewer: str  # the account that decided
    decided_at: str  # ISO 8601 with the time zone


def record(layout: Layout, decision: Decision) -> Decision:
    """Append a decision to its year's file; it is on disk when this returns."""
    if decision.decision not in DECISIONS:
        raise DecisionRefused(f"Keputusan harus 'approved' atau 'returned', bukan {decision.decision!r}. / "
                              f"A decision is 'approved' or 'returned', not {decision.decision!r}.")
    if decision.decision == RETURNED and not decision.note.strip():
        raise DecisionRefused("Laporan yang dikembalikan harus disertai catatan untuk OPD. / "
                              "A returned report needs a note for the OPD.")
    layout.decisions.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(asdict(decision), ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    with open(_file(layout, decision.report_year), "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0, os.SEEK_END)
        if handle.tell():
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) != b"\n":  # a writer killed mid-line: start on a line of our own
                line = b"\n" + line
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())
    return decision


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def read(layout: Layout, year: int | None = None) -> list[Decision]:
    """Every complete decision recorded (of one report year, or of all), in the order recorded."""
    files = [_file(layout, year)] if year is not None else sorted(layout.decisions.glob("*.jsonl"))
    decisions = []
    for path in files:
        try:
            lines = path.read_bytes().splitlines()
        except FileNotFoundError:
            continue
        for line in lines:
            try:
                decisions.append(Decision(**json.loads(line)))
            except (ValueError, TypeError):  # cut short, or not a decision: never recorded
                continue
    return decisions


def in_force(layout: Layout, year: int) -> dict[str, dict]:
    """The decision in force on each version of a report year (the latest recorded), by submission id."""
    return {d.submission_id: asdict(d) for d in read(layout, year)}  # later lines overwrite earlier ones


def _file(layout: Layout, year: int) -> Path:
    return layout.decisions / f"{int(year)}.jsonl"
