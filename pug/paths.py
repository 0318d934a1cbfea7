"""Where inputs and outputs live: raw/ and warehouse/ of the checkout, or PUG_RAW_DIR / PUG_WAREHOUSE_DIR."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def raw_dir() -> Path:
    return Path(os.environ.get("PUG_RAW_DIR") or PROJECT_ROOT / "raw").resolve()


def warehouse_dir() -> Path:
    return Path(os.environ.get("PUG_WAREHOUSE_DIR") or PROJECT_ROOT / "warehouse").resolve()


def reference_dir() -> Path:
    return raw_dir() / "reference"


def submissions_dir() -> Path:
    return raw_dir() / "submissions"


def published_warehouse() -> Path:
    return warehouse_dir() / "pug.duckdb"


def build_dir() -> Path:
    """Intermediate files of builds (per-year staging databases); safe to delete."""
    return warehouse_dir() / "build"


def state_dir() -> Path:
    """State that must outlive a build: the submission ledger."""
    return warehouse_dir() / "state"


@contextmanager
def written_atomically(target: Path) -> Iterator[Path]:
    """A temporary path beside `target` to write to; on success it replaces `target` in one rename, on failure it
    is removed. Readers see the old file or the new one, never a half-written one; a killed writer leaves only a
    stray temporary file, which the next write of the same target replaces."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    try:
        yield partial
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)  # gone already after a successful rename
