"""Where every input and output lives: one place.

raw/ and warehouse/ of the checkout, or the directories PUG_RAW_DIR and PUG_WAREHOUSE_DIR name, for every command
and for the Dagster code location alike (Layout.from_environment). Everything else is a fixed place below them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Layout:
    raw: Path
    warehouse: Path

    @classmethod
    def from_environment(cls, raw: str | Path | None = None, warehouse: str | Path | None = None) -> "Layout":
        """The given directories, else PUG_RAW_DIR and PUG_WAREHOUSE_DIR, else raw/ and warehouse/ of the checkout."""
        raw = raw or os.environ.get("PUG_RAW_DIR") or PROJECT_ROOT / "raw"
        warehouse = warehouse or os.environ.get("PUG_WAREHOUSE_DIR") or PROJECT_ROOT / "warehouse"
        return cls(Path(raw).resolve(), Path(warehouse).resolve())

    # inputs (only ever read)
    @property
    def reference(self) -> Path:
        return self.raw / "reference"

    @property
    def submissions(self) -> Path:
        return self.raw / "submissions"

    @property
    def decisions(self) -> Path:
        """Reviewers' decisions, appended to and never rewritten (pug.ingest.decisions)."""
        return self.raw / "decisions"

    # state that outlives builds
    @property
    def state(self) -> Path:
        return self.warehouse / "state"

    @property
    def ledger(self) -> Path:
        return self.state / "ledger.duckdb"

    @property
    def cache(self) -> Path:
        """Parsed submissions, by content; always safe to delete."""
        return self.warehouse / "cache"

    @property
    def dagster(self) -> Path:
        """The Dagster instance's SQLite storage, artifacts and step logs."""
        return self.warehouse / "dagster"

    # between the steps of a build (safe to delete: the next build makes them again)
    @property
    def build(self) -> Path:
        return self.warehouse / "build"

    def year_database(self, year: int) -> Path:
        """A report year's staged rows and verdicts."""
        return year_database(self.build, year)

    @property
    def reference_database(self) -> Path:
        return self.build / "reference.duckdb"

    @property
    def candidate(self) -> Path:
        return self.build / "pug.candidate.duckdb"

    @property
    def candidate_state(self) -> Path:
        """What the candidate was built from."""
        return self.build / "pug.candidate.json"

    @property
    def published_state(self) -> Path:
        """What the published warehouse was built from."""
        return self.build / "published.json"

    # outputs
    @property
    def published(self) -> Path:
        return self.warehouse / "pug.duckdb"

    @property
    def editions(self) -> Path:
        return self.warehouse / "editions"

    def edition(self, year: int) -> Path:
        return self.editions / f"pug-{year}.duckdb"

    @property
    def feedback(self) -> Path:
        """The OPDs' feedback workbooks: <year>/<region>/<opd>_versi<N>.xlsx, one per version."""
        return self.warehouse / "feedback"

    def validation_docs(self, year: int) -> Path:
        """The Great Expectations Data Docs site of a report year."""
        return self.warehouse / "validation" / str(year)

    @property
    def review(self) -> Path:
        return self.warehouse / "review"

    def review_page(self, year: int) -> Path:
        return self.review / f"{year}.html"

    @property
    def report(self) -> Path:
        return self.warehouse / "report"

    def report_page(self, year: int) -> Path:
        return self.report / f"{year}.html"

    def bench(self, name: str) -> Path:
        return self.warehouse / "bench" / name


def year_database(build_dir: Path, year: int) -> Path:
    return build_dir / f"year={year}.duckdb"


def year_of_database(path: Path) -> int | None:
    """The report year of a year database (year_database), from its name."""
    year = path.stem.split("=", 1)[-1]
    return int(year) if path.stem.startswith("year=") and year.isdigit() else None


def year_databases(build_dir: Path) -> dict[int, Path]:
    """Every report year's database in a build directory, by year."""
    found = {year_of_database(path): path for path in build_dir.glob("year=*.duckdb")}
    return dict(sorted((year, path) for year, path in found.items() if year is not None))


def feedback_workbook(feedback_dir: Path, year: int, region: str, opd: str, version: int) -> Path:
    """The feedback workbook of one version of an OPD's report: each version keeps its own."""
    return feedback_dir / str(year) / region / f"{opd}_versi{version}.xlsx"


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
