"""Reference data (raw/reference/*.csv): regions, OPDs, indicators, plan periods, deadlines, settings, code lists."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pug.paths import PROJECT_ROOT

if TYPE_CHECKING:  # imported when the tables are read: the Dagster code location loads without it
    import pandas as pd

FILES = ("wilayah", "opd", "indikator", "periode", "tenggat", "pengaturan", "daftar_kode", "prasyarat", "ape_edisi",
         "ape_hasil", "kla_kategori")
# Columns added to a reference file after deployments began, blank in a file that lacks them (a catalogue without
# `paritas` reads no indicator against parity; without `sumber`, states no source).
COLUMNS_ADDED = {"indikator": ("paritas", "sumber")}
# Files added to raw/reference/ after deployments began: a deployment without one takes the checkout's own.
SHIPPED_WHEN_MISSING = ("prasyarat", "ape_edisi", "ape_hasil", "kla_kategori")


def plan_periods(rows) -> list[tuple[str, int, int]]:
    """(code, first year, last year) of each plan period, from the rows of periode.csv."""
    return [(row["kode_periode"], int(row["tahun_awal"]), int(row["tahun_akhir"])) for row in rows]


def report_years(reference_dir: Path) -> list[int]:
    """Every year of every plan period, read from periode.csv alone (cheaply: the Dagster partitions need it)."""
    with open(reference_dir / "periode.csv", encoding="utf-8", newline="") as handle:
        return _years(plan_periods(csv.DictReader(handle)))


def _years(periods: list[tuple[str, int, int]]) -> list[int]:
    return sorted({y for _, start, end in periods for y in range(start, end + 1)})


@dataclass
class Reference:
    tables: dict[str, pd.DataFrame]

    @classmethod
    def load(cls, reference_dir: Path) -> "Reference":
        import pandas as pd

        tables = {name: pd.read_csv(reference_file(reference_dir, name), dtype=str, keep_default_na=False) for name in FILES}
        for name, columns in COLUMNS_ADDED.items():  # a deployment's file written before them: blank
            for column in columns:
                if column not in tables[name].columns:
                    tables[name][column] = ""
        tables["pengaturan"] = _with_shipped_settings(tables["pengaturan"], reference_dir)
        return cls(tables)

    @cached_property
    def fingerprint(self) -> str:
        """A digest of every reference table: builds that depend on reference data redo their work when it changes."""
        digest = hashlib.sha256()
        for name in sorted(self.tables):
            digest.update(name.encode() + b"\0" + self.tables[name].to_csv(index=False).encode())
        return digest.hexdigest()[:16]

    @cached_property
    def cities(self) -> set[str]:
        """Region codes that submit: kab/kota."""
        regions = self.tables["wilayah"]
        return set(regions.loc[regions["level"].isin(["kota", "kabupaten"]), "code"])

    @cached_property
    def region_codes(self) -> set[str]:
        return set(self.tables["wilayah"]["code"])

    @cached_property
    def opds(self) -> set[tuple[str, str]]:
        opd = self.tables["opd"]
        return set(zip(opd["kode_wilayah"], opd["kode_opd"]))

    @cached_property
    def code_lists(self) -> dict[str, set[str]]:
        lists: dict[str, set[str]] = {}
        for name, code in zip(self.tables["daftar_kode"]["daftar"], self.tables["daftar_kode"]["kode"]):
            lists.setdefault(name, set()).add(code)
        return lists

    @cached_property
    def periods(self) -> list[tuple[str, int, int]]:
        return plan_periods(self.tables["periode"].to_dict("records"))

    def period_of(self, year: int) -> tuple[str, int, int] | None:
        return next((p for p in self.periods if p[1] <= year <= p[2]), None)

    def report_years(self) -> list[int]:
        return _years(self.periods)

    @cached_property
    def _deadlines(self) -> dict[tuple[str, str], tuple[int, int]]:
        """{(region, period): (month, day)} from tenggat.csv; the first row of a pair counts."""
        deadlines: dict[tuple[str, str], tuple[int, int]] = {}
        for row in self.tables["tenggat"].itertuples():
            deadlines.setdefault((row.kode_wilayah, row.kode_periode), (int(row.bulan_tenggat), int(row.hari_tenggat)))
        return deadlines

    def deadline(self, region_code: str, report_year: int) -> dt.date:
        """The submission deadline of a report year: from tenggat.csv, else 31 March of the following year."""
        period = self.period_of(report_year)
        month, day = self._deadlines.get((region_code, period[0] if period else ""), (3, 31))
        return dt.date(report_year + 1, month, day)

    @cached_property
    def prerequisites(self) -> list[tuple[int, str, str]]:
        """(number on the sheet, key, name) of the seven PUG prerequisites (prasyarat.csv): the number is only the
        sheet's code; everything else keys them by name, since sources number them differently."""
        return [(int(r.kode_prasyarat), r.kunci, r.nama) for r in self.tables["prasyarat"].itertuples()]

    def setting(self, key: str) -> str:
        settings = self.tables["pengaturan"]
        return settings.loc[settings["kunci"] == key, "nilai"].iloc[0]


def reference_file(reference_dir: Path, name: str) -> Path:
    own = reference_dir / f"{name}.csv"
    shipped = PROJECT_ROOT / "raw" / "reference" / f"{name}.csv"
    if name in SHIPPED_WHEN_MISSING and not own.exists() and shipped.exists():
        logging.getLogger(__name__).warning("%s is missing: the defaults shipped in %s are used", own, shipped)
        return shipped
    return own


def _with_shipped_settings(settings: pd.DataFrame, reference_dir: Path) -> pd.DataFrame:
    """A deployment's settings, with those a newer version of the code added and its pengaturan.csv lacks taken from
    the checkout's own raw/reference/pengaturan.csv (their documented defaults), so that an upgrade keeps building."""
    import pandas as pd

    shipped_file = PROJECT_ROOT / "raw" / "reference" / "pengaturan.csv"
    if not shipped_file.exists() or shipped_file.resolve() == (reference_dir / "pengaturan.csv").resolve():
        return settings
    shipped = pd.read_csv(shipped_file, dtype=str, keep_default_na=False)
    missing = shipped[~shipped["kunci"].isin(settings["kunci"])]
    if missing.empty:
        return settings
    logging.getLogger(__name__).warning("settings not in %s, taken from the defaults shipped in %s: %s",
                                        reference_dir / "pengaturan.csv", shipped_file, ", ".join(missing["kunci"]))
    return pd.concat([settings, missing], ignore_index=True)


def reference_frames(reference: Reference) -> dict[str, pd.DataFrame]:
    """The reference tables, plus the deadline of every region x report year."""
    import pandas as pd

    deadlines = pd.DataFrame(
        [(region, year, reference.deadline(region, year)) for region in sorted(reference.cities) for year in reference.report_years()],
        columns=["region_code", "report_year", "deadline"],
    )
    return {**reference.tables, "deadline": deadlines}


def register_reference(con, reference: Reference) -> None:
    """The reference tables as views ref_<file> of a DuckDB connection (for the rules' SQL)."""
    for name, frame in reference_frames(reference).items():
        con.register(f"ref_{name}", frame)


def write_reference_database(reference: Reference, target: Path) -> dict[str, int]:
    """The reference tables as ref_<file> tables of a DuckDB file."""
    import duckdb

    from pug.paths import written_atomically

    frames = reference_frames(reference)
    with written_atomically(target) as partial, duckdb.connect(str(partial)) as con:
        for name, frame in frames.items():
            con.register("frame", frame)
            con.execute(f"CREATE TABLE ref_{name} AS SELECT * FROM frame")
            con.unregister("frame")
    return {f"ref_{name}": len(frame) for name, frame in frames.items()}
