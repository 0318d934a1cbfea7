"""`pug check`: judge submission files offline with the same rules as the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

from pug.findings import ERROR, SEVERITY_ID, Finding
from pug.ingest.parse import STATUS_ID, ParsedSubmission, parse_submission, status_of
from pug.ingest.reader import shown_name
from pug.reference import Reference
from pug.sqlfiles import sql_text
from pug.warehouse.register import published_register

JSON_FIELDS = ("code", "severity", "sheet", "row", "column", "cell", "value", "message")


def check_file(path: Path, reference: Reference, published: Path | None = None,
               parsed: ParsedSubmission | None = None) -> dict:
    """Parse one file and run the whole rule catalogue on it, alone.

    A lone file cannot see what other OPDs submit, so rules about other OPDs' data (organisations registered
    elsewhere, scopes) report warnings here instead of errors; organisations in the register of the `published`
    warehouse count as registered.
    """
    parsed = parsed or parse_submission(path, reference)  # a caller that needed its identity first parsed it
    findings = list(parsed.findings)
    if not parsed.rejected:
        findings += _rule_findings(parsed, reference, published)
    return {
        "file": str(path),
        "status": status_of(findings),
        "errors": [{**{k: getattr(f, k) for k in JSON_FIELDS}, "message_en": f.message_en} for f in findings],
    }


def _rule_findings(parsed: ParsedSubmission, reference: Reference, published: Path | None) -> list[Finding]:
    import duckdb

    from pug.ingest.staging import load_staging
    from pug.validation.validate import validate_staged

    year = parsed.identity["tahun_laporan"]
    region = parsed.identity.get("kode_wilayah")
    register = published_register(published, region, year)
    # shown_name: a path that is not UTF-8 cannot go into Arrow or DuckDB (a CSV folder named so crashed the check)
    entry = {"sha256": "0" * 64, "path": shown_name(parsed.path), "present": True,
             "region_code": region, "modified_at": None, "first_seen_at": None, "size_bytes": None}
    with duckdb.connect() as con:
        load_staging(con, year, [(entry, parsed)], reference)
        if published is not None and published.is_file() and region and year:
            _last_years_values(con, published, region, year)
        outcomes = validate_staged(con, reference, year, lone_file=True,
                                   known_register=[(region, year, code) for code in register.codes])
    return sorted((f for outcome in outcomes for _, f in outcome.findings), key=lambda f: (f.sheet or "", f.row or 0, f.cell or ""))


def _last_years_values(con, published: Path, region: str, year: int) -> None:
    """The published warehouse's values of the year before, for VALUE_FAR_FROM_LAST_YEAR; none if unreadable."""
    import duckdb

    try:
        con.execute(f"ATTACH '{published}' AS published (READ_ONLY)")
        con.execute(sql_text("validation/published_prior_values.sql"), {"region_code": region, "prior_year": int(year) - 1})
        con.execute("DETACH published")
    except duckdb.Error:  # a damaged or older warehouse: the check goes on without last year's values
        return


def has_error(result: dict) -> bool:
    return any(f["severity"] == ERROR for f in result["errors"])


def as_json_line(result: dict) -> str:
    line = json.dumps(result, ensure_ascii=False, default=str)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # a path that is not UTF-8 (lone surrogates): escaped, its bytes survive a json.loads
        line = json.dumps(result, default=str)
    return line


def as_text(result: dict) -> str:
    lines = [f"{result['file']}: {STATUS_ID[result['status']].upper()}"]
    for f in result["errors"]:
        where = " ".join(part for part in (
            f"lembar {f['sheet']}" if f["sheet"] else "",
            f"sel {f['cell']}" if f["cell"] else (f"baris {f['row']}" if f["row"] else ""),
            f"kolom {f['column']}" if f["column"] else "",
        ) if part)
        lines.append(f"  [{SEVERITY_ID[f['severity']]}] {f['code']}{' (' + where + ')' if where else ''}: {f['message']}")
    if not result["errors"]:
        lines.append("  Tidak ada masalah.")
    return "\n".join(lines).encode("utf-8", "backslashreplace").decode("utf-8")  # printable even for a non-UTF-8 path
