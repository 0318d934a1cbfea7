"""Parsed submissions kept by content (sha256), so that unchanged content is never parsed twice.

Kept under warehouse/cache/parsed-<parser version>/, where the parser version is the code version of everything
that decides what parsing produces (pug.freshness): a changed parser parses every file again, once.

An entry is JSON (orjson), written atomically: a crash mid-write leaves the previous entry or none, and reading one
runs no code, whatever the file holds. An entry that cannot be read is a miss: removed, noted, and parsed again.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from pug import contract, findings, values
from pug.findings import Finding, finding
from pug.freshness import code_version
from pug.ingest import parse, reader
from pug.paths import written_atomically
from pug.values import mask_nik

if TYPE_CHECKING:
    from pug.reference import Reference

PARSER_VERSION = code_version(contract, values, findings, reader, parse, "ingest/parse_cache.py")
ENTRY_FORMAT = 1


def parse_seen(path: Path, relative: str, link_target: str | None,
               reference: Reference | parse.ParseReference) -> parse.ParsedSubmission:
    """A submission under raw/submissions/ parsed, known by its path there with any NIK in it masked (as cached);
    a symbolic link is never followed."""
    if link_target is not None:
        return parse.ParsedSubmission(path=mask_nik(relative), form="",
                                      findings=[finding("FILE_IS_LINK", detail=mask_nik(link_target))])
    parsed = parse.parse_submission(path, reference)
    parsed.path = mask_nik(relative)
    return parsed


class ParseCache:
    """Parsed submissions by sha256, so unchanged content is never parsed twice."""

    def __init__(self, cache_dir: Path):
        self.root = cache_dir / f"parsed-{PARSER_VERSION}"
        self.healed: list[str] = []  # entries found unreadable, removed: "<file>: <why>"

    def remove_older_versions(self) -> None:
        """Results of another parser are never read again (and older ones kept file names unmasked)."""
        for older in self.root.parent.glob("parsed-*"):
            if older != self.root and older.is_dir():
                shutil.rmtree(older, ignore_errors=True)

    def _file(self, sha: str) -> Path:
        return self.root / sha[:2] / f"{sha}.json"

    def has(self, sha: str) -> bool:
        return self._file(sha).exists()

    def get(self, sha: str) -> parse.ParsedSubmission | None:
        """The parsed submission of that content; None when there is none, or none that can be read (then the
        entry is removed and noted in `healed`)."""
        file = self._file(sha)
        try:
            return _decode(orjson.loads(file.read_bytes()))
        except FileNotFoundError:
            return None
        except Exception as exc:  # garbage, a truncated file, another format: all a miss
            self.healed.append(f"{file}: {type(exc).__name__}: {str(exc)[:200]}")
            file.unlink(missing_ok=True)
            return None

    def put(self, sha: str, parsed: parse.ParsedSubmission) -> None:
        with written_atomically(self._file(sha)) as partial:
            partial.write_bytes(orjson.dumps(_encode(parsed), option=orjson.OPT_PASSTHROUGH_DATETIME, default=_tagged))


# Dates are the one value type JSON lacks: a column of dates is kept as ISO text and named in "date_columns"; a date
# anywhere else (the identitas, a column of mixed types) as {"date": "2025-02-15"}.

def _tagged(value):
    if type(value) is dt.date:
        return {"date": value.isoformat()}
    if type(value) is dt.datetime:
        return {"datetime": value.isoformat()}
    raise TypeError(f"no JSON for {type(value).__name__}")


def _untagged(value):
    if type(value) is dict:
        if "date" in value:
            return dt.date.fromisoformat(value["date"])
        return dt.datetime.fromisoformat(value["datetime"])
    return value


def _encode(parsed: parse.ParsedSubmission) -> dict:
    sheets = {}
    for name, rows in parsed.sheets.items():
        with_dates = [i for i, column in enumerate(rows.field_values) if any(isinstance(v, dt.date) for v in column)]
        date_columns = [i for i in with_dates if all(v is None or type(v) is dt.date for v in rows.field_values[i])]
        columns = [[None if v is None else v.isoformat() for v in column] if i in date_columns else column
                   for i, column in enumerate(rows.field_values)]
        sheets[name] = {"sheet": rows.sheet, "source_name": rows.source_name, "columns": rows.columns,
                        "field_names": rows.field_names, "field_values": columns, "date_columns": date_columns,
                        "tagged_columns": sorted(set(with_dates) - set(date_columns)),
                        "raw_json": rows.raw_json, "error_rows": sorted(rows.error_rows)}
    return {"format": ENTRY_FORMAT, "path": parsed.path, "form": parsed.form, "identity": parsed.identity,
            "findings": [f.as_dict() for f in parsed.findings], "sheets": sheets}


def _decode(entry: dict) -> parse.ParsedSubmission:
    if entry.get("format") != ENTRY_FORMAT:
        raise ValueError(f"entry format {entry.get('format')!r}, not {ENTRY_FORMAT}")
    sheets = {}
    for name, rows in entry["sheets"].items():
        dates, tagged = set(rows["date_columns"]), set(rows["tagged_columns"])
        columns = [[None if v is None else dt.date.fromisoformat(v) for v in column] if i in dates
                   else [_untagged(v) for v in column] if i in tagged else column
                   for i, column in enumerate(rows["field_values"])]
        sheets[name] = parse.SheetRows(rows["sheet"], rows["source_name"], rows["columns"], rows["field_names"], columns,
                                       rows["raw_json"], set(rows["error_rows"]))
    return parse.ParsedSubmission(entry["path"], entry["form"], {k: _untagged(v) for k, v in entry["identity"].items()},
                                  [Finding(**f) for f in entry["findings"]], sheets)
