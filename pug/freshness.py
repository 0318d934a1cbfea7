"""Whether something must be made again: the one way every stage decides it.

A thing made by a stage (a parsed workbook, a staged region, a region's verdicts, a candidate warehouse, a feedback
workbook, a rendered section of a page) is kept with a digest of what it was made from: the stage's code version
and its inputs. It is made again when that digest differs. The code version is a digest of the stage's own source
files (its modules, SQL and templates), so changing the code invalidates what it made, with no number to bump by
hand. The Dagster assets carry the same code versions, so the UI shows which assets the code has changed under.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import ModuleType

PACKAGE = Path(__file__).resolve().parent


def _files(source: ModuleType | str) -> list[Path]:
    """A module's file, or every file below a path of the pug package (a folder or a file)."""
    if isinstance(source, ModuleType):
        return [Path(source.__file__)]
    path = PACKAGE / source
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".py", ".sql", ".j2"))
    if not path.is_file():
        raise FileNotFoundError(f"no source {source} in the pug package")
    return [path]


def code_version(*sources: ModuleType | str | None) -> str:
    """A digest of the source files of a stage: modules, and folders or files named relative to pug/.
    None stands for nothing (a stage may name an optional part)."""
    digest = hashlib.sha256()
    for source in sources:
        if source is None:
            continue
        for file in _files(source):
            digest.update(file.relative_to(PACKAGE).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def digest(*parts: object) -> str:
    """A digest of plain values (versions, paths, sizes, times), in the order given."""
    text = json.dumps(parts, default=str, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
