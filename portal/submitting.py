"""Checking and storing an uploaded workbook. The uploaded name is never used as a path: a file is checked under a
name the portal makes, and stored under raw/submissions/<year>/<region>/ as <OPD>_portal_<time>_<digest>.<ext>,
created exclusively (nothing is ever overwritten)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from pug.ingest.parse import parse_submission
from pug.reference import Reference
from pug.validation.lone_file import check_file

LAYOUT = settings.LAYOUT
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


class Refused(Exception):
    def __init__(self, status: int, message: str, errors: list | None = None):
        super().__init__(message)
        self.status, self.message, self.errors = status, message, errors or []


@lru_cache(maxsize=1)
def _reference_of(stamp: tuple) -> Reference:
    return Reference.load(LAYOUT.reference)


def reference() -> Reference:
    """The reference data, read again when raw/reference/ changes."""
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in LAYOUT.reference.glob("*.csv")))
    return _reference_of(stamp)


def _extension(name: str) -> str:
    suffix = Path(name or "").suffix.lower()
    if suffix not in EXTENSIONS:
        raise Refused(400, "Kirim buku kerja Excel (.xlsx, .xls, .xlsb) atau LibreOffice (.ods). / Send an Excel "
                           "(.xlsx, .xls, .xlsb) or LibreOffice (.ods) workbook.")
    return suffix


def _copy(uploaded, folder: Path, suffix: str) -> Path:
    descriptor, name = tempfile.mkstemp(suffix=suffix, dir=folder)
    with os.fdopen(descriptor, "wb") as handle:
        for chunk in uploaded.chunks():
            handle.write(chunk)
    return Path(name)


def check(uploaded) -> dict:
    """The `pug check --json` object of an uploaded file; nothing is stored."""
    suffix = _extension(uploaded.name)
    path = _copy(uploaded, Path(settings.FILE_UPLOAD_TEMP_DIR), suffix)
    try:
        result = check_file(path, reference(), LAYOUT.published)
    finally:
        path.unlink(missing_ok=True)
    result["file"] = Path(uploaded.name).name  # shown back, never used as a path
    return result


def store(uploaded, may_submit) -> dict:
    """Check an upload and store it as a new version of `opd_code`'s report; Refused when its identitas names
    another region or OPD than the user's (may_submit) or says no report year."""
    suffix = _extension(uploaded.name)
    path = _copy(uploaded, Path(settings.FILE_UPLOAD_TEMP_DIR), suffix)
    try:
        rules = reference()
        parsed = parse_submission(path, rules)
        identity = parsed.identity
        region, opd, year = identity.get("kode_wilayah"), identity.get("kode_opd"), identity.get("tahun_laporan")
        if not year or not region or not opd:
            raise Refused(422, "Lembar identitas belum lengkap atau berkas tidak terbaca (kode_wilayah, kode_opd, "
                               "tahun_laporan); berkas tidak disimpan. / The identitas sheet is incomplete or the file "
                               "cannot be read; the file was not stored.",
                          check_file(path, rules, LAYOUT.published, parsed)["errors"])
        if not may_submit(region, opd):
            raise Refused(403, f"Lembar identitas menyebut {opd} ({region}), bukan OPD Anda; berkas tidak disimpan. / "
                               f"The identitas sheet names {opd} ({region}), not your OPD; the file was not stored.")
        result = check_file(path, rules, LAYOUT.published, parsed)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        folder = LAYOUT.submissions / str(int(year)) / region
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        target = folder / f"{opd}_portal_{stamp}_{digest[:8]}{suffix}"
        with open(target, "xb") as out, open(path, "rb") as source:  # x: never overwrite
            shutil.copyfileobj(source, out)
            out.flush()
            os.fsync(out.fileno())
    finally:
        path.unlink(missing_ok=True)
    return {"submission_id": digest[:16], "status": result["status"], "errors": result["errors"],
            "region_code": region, "opd_code": opd, "report_year": int(year),
            "stored_as": target.relative_to(LAYOUT.submissions).as_posix()}
