"""The one resource of the code location: where raw inputs and warehouse outputs live."""


from pathlib import Path

import dagster as dg

from pug import paths
from pug.ingest.ledger import ParseCache
from pug.reference import Reference


class PugPaths(dg.ConfigurableResource):
    """raw/ and warehouse/ of the checkout, or PUG_RAW_DIR / PUG_WAREHOUSE_DIR when set."""

    raw_dir: str = ""
    warehouse_dir: str = ""

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir).resolve() if self.raw_dir else paths.raw_dir()

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_dir).resolve() if self.warehouse_dir else paths.warehouse_dir()

    @property
    def submissions(self) -> Path:
        return self.raw / "submissions"

    @property
    def build(self) -> Path:
        return self.warehouse / "build"

    @property
    def ledger_file(self) -> Path:
        return self.warehouse / "state" / "ledger.duckdb"

    @property
    def feedback(self) -> Path:
        """The OPDs' feedback workbooks, by report year."""
        return self.warehouse / "feedback"

    @property
    def published(self) -> Path:
        return self.warehouse / "pug.duckdb"

    def validation_docs(self, year: int) -> Path:
        """The Great Expectations Data Docs site of a report year."""
        return self.warehouse / "validation" / str(year)

    def reference(self) -> Reference:
        return Reference.load_unchanged(self.raw / "reference")

    def parse_cache(self) -> ParseCache:
        return ParseCache(self.warehouse / "cache")
