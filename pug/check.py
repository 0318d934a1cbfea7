"""`pug check`: judge submission files offline with the same rules as the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

from pug.findings import ERROR
from pug.parse import REJECTED, parse_submission
from pug.reference import Reference

STATUS_TEXT = {
    "accepted": "DITERIMA",
    "accepted_with_warnings": "DITERIMA DENGAN PERINGATAN",
    "accepted_with_errors": "DITERIMA SEBAGIAN (ada baris yang dikarantina)",
    REJECTED: "DITOLAK",
}
SEVERITY_TEXT = {"error": "GALAT", "warning": "PERINGATAN", "notice": "CATATAN"}
JSON_FIELDS = ("code", "severity", "sheet", "row", "column", "cell", "value", "message")


def check_file(path: Path, reference: Reference) -> dict:
    parsed = parse_submission(path, reference)
    return {
        "file": str(path),
        "status": parsed.status,
        "errors": [{**{k: getattr(f, k) for k in JSON_FIELDS}, "message_en": f.message_en} for f in parsed.findings],
    }


def has_error(result: dict) -> bool:
    return any(f["severity"] == ERROR for f in result["errors"])


def as_json_line(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, default=str)


def as_text(result: dict) -> str:
    lines = [f"{result['file']}: {STATUS_TEXT[result['status']]}"]
    for f in result["errors"]:
        where = " ".join(part for part in (
            f"lembar {f['sheet']}" if f["sheet"] else "",
            f"sel {f['cell']}" if f["cell"] else (f"baris {f['row']}" if f["row"] else ""),
            f"kolom {f['column']}" if f["column"] else "",
        ) if part)
        lines.append(f"  [{SEVERITY_TEXT[f['severity']]}] {f['code']}{' (' + where + ')' if where else ''}: {f['message']}")
    if not result["errors"]:
        lines.append("  Tidak ada masalah.")
    return "\n".join(lines)
