"""Parsed submissions kept by content (sha256), so that unchanged content is never parsed twice.

Kept under warehouse/cache/parsed-<parser version>/, where the parser version is the code version of everything
that decides what parsing produces (pug.freshness): a changed parser parses every file again, once.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from pug import contract, findings, values
from pug.findings import finding
from pug.freshness import code_version
from pug.ingest import parse, reader
from pug.paths import written_atomically
from pug.values import mask_nik

if TYPE_CHECKING:
    from pug.reference import Reference

PARSER_VERSION = code_version(contract, values, findings, reader, parse, "ingest/parse_cache.py")


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

    def remove_older_versions(self) -> None:
        """Results of another parser are never read again (and older ones kept file names unmasked)."""
        for older in self.root.parent.glob("parsed-*"):
            if older != self.root and older.is_dir():
                shutil.rmtree(older, ignore_errors=True)

    def _file(self, sha: str) -> Path:
        return self.root / sha[:2] / f"{sha}.pickle"

    def has(self, sha: str) -> bool:
        return self._file(sha).exists()

    def get(self, sha: str) -> parse.ParsedSubmission | None:
        file = self._file(sha)
        if not file.exists():
            return None
        with open(file, "rb") as handle:
            return pickle.load(handle)

    def put(self, sha: str, parsed: parse.ParsedSubmission) -> None:
        with written_atomically(self._file(sha)) as partial, open(partial, "wb") as handle:
            pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)
