"""The analyst report of a report year: warehouse/report/<year>.html, one self-contained page per year.

Per kab/kota of the warehouse, for the report year: progress of every indicator against its five-year target,
coverage of women's organisations by kecamatan and by type, the 1001 family-resilience cadres, women in strategic
posts, the gender-responsive budget (ARG) share, the seven prerequisites with the descriptive APE readiness score,
and the five Presidential directives. Every figure is read from the published warehouse (opened read-only); charts
are written as inline SVG by pug.charts, so the page needs no script, no font and no network.
Every text is escaped by Jinja2's autoescaping (the SVG text by pug.charts).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import duckdb
import jinja2
from markupsafe import Markup

from pug.outputs.charts import Bar, bars_svg, stacked_bars_svg, trend_svg
from pug.freshness import code_version
from pug.paths import written_atomically
from pug.outputs.sections import SectionCache
from pug.sqlfiles import fetch_dicts

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
)

# The two kab/kota of the synthetic sample (pug sample): their warehouse gets a "synthetic data" footer.
SAMPLE_REGIONS = frozenset({"33.75", "32.75"})

STATUS_TEXT = {"achieved": "Achieved", "near": "Near", "behind": "Behind", "no_target": "No target", "no_data": "No data"}
OUTLOOK_TEXT = {"on_track": "On track", "at_risk": "At risk", "off_track": "Off track",
                "not_enough_data": "Not enough data", "no_target": "No target"}
BAND_TEXT = {"strong": "Strong", "developing": "Developing", "early": "Early"}
DIRECTION_TEXT = {"NAIK": "higher is better", "TURUN": "lower is better", None: "context: no direction, shown with its trend"}
PREREQUISITES = [  # (column of mart_ape_readiness, key in dim_prerequisite)
    ("prerequisite_commitment", "KOMITMEN"),
    ("prerequisite_policy", "KEBIJAKAN"),
    ("prerequisite_institutions", "KELEMBAGAAN"),
    ("prerequisite_resources", "SUMBER_DAYA"),
    ("prerequisite_disaggregated_data", "DATA_TERPILAH"),
    ("prerequisite_analysis_tools", "ALAT_ANALISIS"),
    ("prerequisite_participation", "PARTISIPASI"),
]
EVIDENCE = [  # (column of mart_ape_readiness, label)
    ("women_strategic_posts_pct", "Strategic posts held by women (by person)"),
    ("women_strategic_posts_definitive_pct", "... counting definitive holders only"),
    ("arg_pct", "Gender-responsive budget (ARG) share of the direct budget"),
    ("opd_gap_gbs_pct", "OPDs with GAP and GBS"),
    ("org_advocacy_pct", "Women's organisations advocated"),
    ("opd_focal_point_pct", "OPDs with a focal point appointed by decree and trained"),
    ("opd_siga_pct", "OPDs supplying sex-disaggregated data to SIGA"),
    ("krppa_pct", "Kelurahan and desa women- and child-friendly (KRPPA/DRPPA)"),
]
SEX_TEXT = {"P": "Women (P)", "L": "Men (L)", None: "Vacant (KOSONG)"}
SEX_COLOURS = ["#7c3aed", "#0d9488", "#d1d5db"]
ACTUAL_COLOUR, TARGET_COLOUR, YEAR_COLOUR = "#2563eb", "#6b7280", "#fde68a"
COVERAGE_COLOURS = {"at or above target": "#16a34a", "below target": "#f59e0b", "no target": "#9ca3af"}
CADRES, STRATEGIC_POSTS, ARG = "KADER_KK_JML", "JABATAN_STRATEGIS_P_PCT", "ARG_PCT"
COVERAGE_INDICATOR = "ORG_ADVOKASI_PCT"
SHOWN_COLUMNS = {
    "mart_indicator_progress": ["target", "actual_value", "attainment_pct", "status", "final_target",
                                "projected_final_value", "outlook", "values_disagree"],
    "mart_org_coverage": ["orgs_registered", "orgs_advocated_in_year", "orgs_advocated_cumulative", "coverage_pct",
                          "target_pct", "gap_pct"],
    "mart_ape_readiness": ["prerequisite_mean", *(c for c, _ in EVIDENCE), "readiness_score", "readiness_band",
                           "ape_edition", "ape_last_award", "kla_score", "kla_category"],
    "mart_directives": ["directive_no", "target", "actual_value", "attainment_pct", "status", "outlook"],
    "fct_post": ["post_group", "holder_sex", "status"],
}


# --------------------------------------------------------------------------------------------------- formatting

def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


_NO_DATA = Markup('<span class="nodata">no data</span>')


def format_number(value) -> str:
    """A value as analysts read it: thousands separated, at most two decimals (three below 1), no trailing zeros."""
    if _missing(value):
        return _NO_DATA
    value = float(value)
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    text = f"{value:,.3f}" if abs(value) < 1 else f"{value:,.2f}"
    return text.rstrip("0").rstrip(".")


def format_pct(value) -> str:
    """A percentage (coverage, attainment, shares): at most two decimals, so 99.97 never shows as 100."""
    if _missing(value):
        return _NO_DATA
    return f"{format_number(round(float(value), 2))} %"


def format_rupiah(value) -> str:
    if _missing(value):
        return _NO_DATA
    value = float(value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"Rp {value / size:,.2f} {word}"
    return f"Rp {value:,.0f}"


_ENVIRONMENT.filters.update(num=format_number, pct=format_pct, rupiah=format_rupiah)


# --------------------------------------------------------------------------------------------------- charts

class _Charts:
    """The report's charts drawn from its rows by pug.charts, in the report's colours; `count` says how many were drawn.

    Every method returns None when there is nothing to draw (the template then says "no data").
    """

    def __init__(self) -> None:
        self.count = 0

    def _drawn(self, svg: str) -> Markup:
        self.count += 1
        return Markup(svg)  # pug.charts escapes every text it writes

    def trend(self, series: list[dict], years: list[int], report_year: int, *, label: str, small: bool,
              bars: bool = False, percent: bool = False) -> Markup | None:
        """Actual value (line, or bars) against the target of each year over the plan period."""
        actual = {s["year"]: float(s["actual_value"]) for s in series if not _missing(s["actual_value"])}
        target = {s["year"]: float(s["target"]) for s in series if not _missing(s["target"])}
        if not actual and not target:
            return None
        return self._drawn(trend_svg(years, actual, target, highlight_year=report_year, label=label, small=small,
                                     bars=bars, percent=percent, actual_colour=ACTUAL_COLOUR,
                                     target_colour=TARGET_COLOUR, highlight_colour=YEAR_COLOUR))

    def coverage(self, groups: list[dict], *, label: str) -> Markup | None:
        """Horizontal bars of coverage per group, coloured against the group's target, which is drawn as a tick."""
        rows = []
        for g in groups:
            if _missing(g["coverage_pct"]):
                continue
            coverage, target = float(g["coverage_pct"]), None if _missing(g["target_pct"]) else float(g["target_pct"])
            against = "no target" if target is None else "at or above target" if coverage >= target else "below target"
            rows.append(Bar(str(g["label"]), coverage, COVERAGE_COLOURS[against], mark=target))
        if not rows:
            return None
        return self._drawn(bars_svg(rows, label=label, axis_title="coverage, % of active organisations",
                                    domain=(0, 100), legend=COVERAGE_COLOURS, row_height=20, bar_height=13,
                                    name_limit=200))

    def posts(self, counts: list[dict], groups: list[str], *, label: str) -> Markup | None:
        """Stacked bars of the posts of each group by the holder's sex (women, men, vacant)."""
        if not counts:
            return None
        ordered = sorted(counts, key=lambda c: c["sex_order"])
        segments = [(c["group_label"], str(SEX_TEXT.get(c["holder_sex"], c["holder_sex"])), int(c["posts"]))
                    for c in ordered]
        return self._drawn(stacked_bars_svg(groups, segments, colours=dict(zip(SEX_TEXT.values(), SEX_COLOURS)),
                                            label=label, axis_title="posts"))

    def bars(self, rows: list[dict], *, label: str, value_title: str, domain: list[float] | None = None,
             colour: str = ACTUAL_COLOUR, percent: bool = False) -> Markup | None:
        """Plain horizontal bars (prerequisite scores, ARG share per OPD), labelled with their values."""
        drawn = [Bar(str(r["name"]), float(r["value"]), colour) for r in rows if not _missing(r["value"])]
        if not drawn:
            return None
        return self._drawn(bars_svg(drawn, label=label, axis_title=value_title,
                                    domain=tuple(domain) if domain else None,
                                    decimals=1 if percent else 4, trim_zeros=not percent))


# --------------------------------------------------------------------------------------------------- queries

def _one(con, query: str, parameters: list | None = None) -> dict | None:
    rows = fetch_dicts(con, query, parameters)
    return rows[0] if rows else None


def _regions(con) -> list[dict]:
    """The kab/kota of the warehouse that have data in any year (all kab/kota when none has)."""
    regions = fetch_dicts(con, """
        SELECT region_code AS code, region_name AS name FROM dim_region
        WHERE depth = 2 AND region_code IN (
            SELECT region_code FROM fct_submission UNION SELECT region_code FROM mart_indicator_progress
            UNION SELECT region_code FROM mart_org_coverage UNION SELECT region_code FROM mart_ape_readiness)
        ORDER BY region_code""")
    return regions or fetch_dicts(con, "SELECT region_code AS code, region_name AS name FROM dim_region WHERE depth = 2 ORDER BY 1")


def _period(con, year: int) -> dict:
    period = _one(con, """SELECT p.period_code, p.start_year, p.end_year FROM dim_year AS y
                          JOIN dim_plan_period AS p USING (period_code) WHERE y.year = ?""", [year])
    if period is None:
        return {"period_code": None, "start_year": None, "end_year": None, "years": [year]}
    years = [r["year"] for r in fetch_dicts(con, "SELECT year FROM dim_year WHERE period_code = ? ORDER BY year",
                                      [period["period_code"]])]
    return {**period, "years": years or list(range(period["start_year"], period["end_year"] + 1))}


def _code_labels(con, list_name: str) -> dict[str, str]:
    return {r["code"]: r["description"] for r in fetch_dicts(
        con, "SELECT code, description FROM dim_code_list WHERE list_name = ? ORDER BY rowid", [list_name])}


def _setting(con, name: str) -> str | None:
    row = _one(con, "SELECT value FROM dim_setting WHERE setting = ?", [name])
    return None if row is None else row["value"]


def _comments(con) -> dict[str, dict[str, str]]:
    comments: dict[str, dict[str, str]] = {}
    for row in fetch_dicts(con, """SELECT table_name, column_name, comment FROM duckdb_columns()
                             WHERE (table_name LIKE 'mart_%' OR table_name = 'fct_post') AND comment IS NOT NULL"""):
        comments.setdefault(row["table_name"], {})[row["column_name"]] = row["comment"]
    return comments


class _RowsByRegion:
    """What the sections of `regions` read, one query per table for all of them, split by region_code: a query per
    region and table cost hundreds of queries at national scale."""

    def __init__(self, con, year: int, years: list[int], regions: list[str]):
        con.execute("CREATE OR REPLACE TEMP TABLE report_scope AS SELECT unnest(?::VARCHAR[]) AS code", [regions])
        scope = "region_code IN (SELECT code FROM report_scope)"

        def by_region(query: str, parameters: list) -> dict[str, list[dict]]:
            grouped: dict[str, list[dict]] = {}
            for row in fetch_dicts(con, query, parameters):
                grouped.setdefault(row["region_code"], []).append(row)
            return grouped

        coverage_sums = """sum(orgs_registered) AS orgs_registered, sum(orgs_advocated_in_year) AS orgs_advocated_in_year,
               sum(orgs_advocated_cumulative) AS orgs_advocated_cumulative,
               100.0 * sum(orgs_advocated_cumulative) / nullif(sum(orgs_registered), 0) AS coverage_pct"""
        self.progress = by_region(f"""SELECT * FROM mart_indicator_progress WHERE scope = region_code AND {scope}
            AND year IN ({", ".join("?" * len(years))}) ORDER BY region_code, indicator_code, year""", years)
        self.kecamatan = by_region("""SELECT kota_code AS region_code, region_code AS kecamatan_code, region_name
            FROM dim_region WHERE depth = 3 AND kota_code IN (SELECT code FROM report_scope)""", [])
        self.coverage_by_kecamatan = by_region(f"""SELECT region_code, kecamatan_code, {coverage_sums}, max(target_pct) AS target_pct
            FROM mart_org_coverage WHERE report_year = ? AND {scope} GROUP BY region_code, kecamatan_code
            ORDER BY region_code, kecamatan_code NULLS FIRST""", [year])
        self.coverage_by_type = by_region(f"""SELECT region_code, org_type, {coverage_sums}
            FROM mart_org_coverage WHERE report_year = ? AND {scope} GROUP BY region_code, org_type""", [year])
        self.coverage_total = by_region(f"""SELECT region_code, {coverage_sums}
            FROM mart_org_coverage WHERE report_year = ? AND {scope} GROUP BY region_code""", [year])
        self.posts = by_region(f"""SELECT region_code, post_group, holder_sex, count(*) AS posts FROM fct_post
            WHERE report_year = ? AND {scope} GROUP BY ALL ORDER BY ALL""", [year])
        self.budget_total = by_region(f"""SELECT region_code, count(*) AS lines, count(DISTINCT opd_code) AS opds,
                   sum(budget_idr) AS budget_idr, sum(budget_idr) FILTER (WHERE gender_responsive) AS arg_idr,
                   100.0 * coalesce(sum(budget_idr) FILTER (WHERE gender_responsive), 0) / nullif(sum(budget_idr), 0) AS arg_pct,
                   (SELECT any_value(p.actual_value) FROM mart_indicator_progress AS p WHERE p.region_code = b.region_code
                      AND p.year = ? AND p.scope = p.region_code AND p.indicator_code = 'TOTAL_BELANJA_LANGSUNG') AS direct_budget_idr
            FROM fct_budget_line AS b WHERE report_year = ? AND {scope} GROUP BY region_code""", [year, year])
        self.budget_by_opd = by_region(f"""SELECT region_code, opd_code AS name,
                   100.0 * coalesce(sum(budget_idr) FILTER (WHERE gender_responsive), 0) / nullif(sum(budget_idr), 0) AS value
            FROM fct_budget_line WHERE report_year = ? AND {scope} GROUP BY region_code, opd_code
            ORDER BY region_code, value DESC NULLS LAST, opd_code""", [year])
        self.readiness = by_region(f"SELECT * FROM mart_ape_readiness WHERE report_year = ? AND {scope}", [year])
        self.prerequisites = by_region(f"""SELECT region_code, prerequisite_key,
                   bool_and(fulfilled) AS fulfilled, string_agg(DISTINCT evidence, '; ') AS evidence
            FROM fct_prerequisite WHERE report_year = ? AND {scope} GROUP BY region_code, prerequisite_key""", [year])
        self.directives = by_region(f"""SELECT * FROM mart_directives WHERE year = ? AND {scope}
            ORDER BY region_code, directive_no, indicator_code""", [year])


def _progress(data: _RowsByRegion, region: str) -> dict[str, dict[int, dict]]:
    """mart_indicator_progress for the whole region (scope = region_code), by indicator and year."""
    by_indicator: dict[str, dict[int, dict]] = {}
    for row in data.progress.get(region, []):
        by_indicator.setdefault(row["indicator_code"], {})[row["year"]] = row
    return by_indicator


def _trend(progress: dict[str, dict[int, dict]], code: str, years: list[int], year: int) -> dict:
    """The series of one indicator over the plan years, and the report year's row (or empty values)."""
    rows = progress.get(code, {})
    series = [{"year": y, "target": rows.get(y, {}).get("target"), "actual_value": rows.get(y, {}).get("actual_value"),
               "attainment_pct": rows.get(y, {}).get("attainment_pct"), "status": rows.get(y, {}).get("status")}
              for y in years]
    empty = dict.fromkeys(("target", "actual_value", "reported_value", "computed_value", "computed_value_note",
                           "attainment_pct", "status",
                           "final_target", "projected_final_value", "projected_attainment_pct", "outlook",
                           "values_disagree", "owner_opd_code"))
    current = {**empty, **rows.get(year, {})}
    has_data = any(not _missing(s["target"]) or not _missing(s["actual_value"]) for s in series)
    return {"series": series, "current": current, "has_data": has_data}


def _coverage(data: _RowsByRegion, region: str, region_target, kecamatan_names: dict, type_labels: dict) -> dict:
    by_kecamatan = [dict(row) for row in data.coverage_by_kecamatan.get(region, [])]
    for row in by_kecamatan:
        code = row["kecamatan_code"]
        row["label"] = "City level (kota)" if code is None else kecamatan_names.get(code, code)
        row["code"] = code or "-"
    by_type = [dict(row) for row in data.coverage_by_type.get(region, [])]
    type_order = {code: i for i, code in enumerate(type_labels)}
    by_type.sort(key=lambda r: (type_order.get(r["org_type"], len(type_order)), str(r["org_type"])))
    for row in by_type:
        row["label"] = row["org_type"] or "-"
        row["description"] = type_labels.get(row["org_type"], "")
        row["target_pct"] = region_target
    for row in (*by_kecamatan, *by_type):
        row["gap_pct"] = (None if _missing(row["target_pct"]) or _missing(row["coverage_pct"])
                          else row["target_pct"] - row["coverage_pct"])
    total = dict((data.coverage_total.get(region) or [dict.fromkeys(
        ("orgs_registered", "orgs_advocated_in_year", "orgs_advocated_cumulative", "coverage_pct"))])[0])
    total["target_pct"] = region_target
    total["gap_pct"] = (None if _missing(region_target) or _missing(total["coverage_pct"])
                        else region_target - total["coverage_pct"])
    return {"by_kecamatan": by_kecamatan, "by_type": by_type, "total": total}


def _posts(data: _RowsByRegion, region: str, group_labels: dict, strategic: set[str]) -> dict:
    counts = [dict(row) for row in data.posts.get(region, [])]
    known = list(group_labels)
    groups = sorted({c["post_group"] for c in counts}, key=lambda g: (known.index(g) if g in known else len(known), str(g)))
    sex_order = {"P": 0, "L": 1, None: 2}
    table = []
    for group in groups:
        of_group = [c for c in counts if c["post_group"] == group]
        women = sum(c["posts"] for c in of_group if c["holder_sex"] == "P")
        men = sum(c["posts"] for c in of_group if c["holder_sex"] == "L")
        vacant = sum(c["posts"] for c in of_group if c["holder_sex"] not in ("P", "L"))
        table.append({"group": group, "description": group_labels.get(group, ""), "strategic": group in strategic,
                      "women": women, "men": men, "vacant": vacant, "total": women + men + vacant,
                      "women_pct": 100.0 * women / (women + men) if women + men else None})
    labels = {g: f"{g} (strategic)" if g in strategic else str(g) for g in groups}
    for c in counts:
        c["group_label"] = labels[c["post_group"]]
        c["sex_order"] = sex_order.get(c["holder_sex"], 3)
    return {"counts": counts, "groups": [labels[g] for g in groups], "table": table}


def _budget(data: _RowsByRegion, region: str) -> dict:
    total = (data.budget_total.get(region) or [{"lines": 0, "opds": 0, "budget_idr": None, "arg_idr": None, "arg_pct": None,
                                                  "direct_budget_idr": None}])[0]
    by_opd = data.budget_by_opd.get(region, [])
    return {"total": total, "by_opd": by_opd}


def _readiness(data: _RowsByRegion, region: str, prerequisite_names: dict[str, tuple[str, str]]) -> dict:
    row = (data.readiness.get(region) or [{}])[0]
    details = {r["prerequisite_key"]: r for r in data.prerequisites.get(region, [])}
    prerequisites = []
    for column, key in PREREQUISITES:
        detail = details.get(key, {})
        name_id, gloss = prerequisite_names.get(key, (key, ""))
        prerequisites.append({"column": column, "key": key, "name_id": name_id, "gloss": gloss,
                              "score": row.get(column), "fulfilled": detail.get("fulfilled"),
                              "evidence": detail.get("evidence")})
    evidence = [{"column": column, "label": label, "value": row.get(column)} for column, label in EVIDENCE]
    shown = ("prerequisite_mean", "readiness_score", "readiness_band", "arg_pct_note", "pokja_decree", "action_plan",
             "kla_score", "kla_category", "ape_edition", "ape_edition_categories", "ape_last_award", "ape_last_award_edition")
    return {"found": bool(row), "prerequisites": prerequisites, "evidence": evidence, **{c: row.get(c) for c in shown}}


# --------------------------------------------------------------------------------------------------- the page

def _region_section(data: _RowsByRegion, charts: _Charts, region: dict, year: int, period: dict, indicators: list[dict],
                    labels: dict) -> dict:
    code, years = region["code"], period["years"]
    progress = _progress(data, code)
    kecamatan_names = {r["kecamatan_code"]: r["region_name"] for r in data.kecamatan.get(code, [])}

    rows = []
    for indicator in indicators:
        trend = _trend(progress, indicator["indicator_code"], years, year)
        chart = charts.trend(trend["series"], years, year, small=True, percent=indicator["unit"] == "%",
                             label=f"{indicator['name_en']}: actual and target {years[0]}-{years[-1]}") \
            if trend["has_data"] else None
        rows.append({**indicator, **trend, "chart": chart})
    status_counts = {key: sum(r["current"]["status"] == key for r in rows) for key in STATUS_TEXT}
    status_counts["missing"] = len(rows) - sum(status_counts[key] for key in ("achieved", "near", "behind"))

    def theme_section(indicator_code: str, *, bars: bool = False) -> dict:
        indicator = next((i for i in indicators if i["indicator_code"] == indicator_code), None)
        trend = _trend(progress, indicator_code, years, year)
        name = indicator["name_en"] if indicator else indicator_code
        unit = indicator["unit"] if indicator else None
        chart = charts.trend(trend["series"], years, year, small=False, bars=bars, percent=unit == "%",
                             label=f"{name}: actual and target by year") if trend["has_data"] else None
        return {"code": indicator_code, "name": name, "name_id": indicator["name_id"] if indicator else "",
                "unit": unit, "chart": chart, **trend}

    region_target_row = progress.get(COVERAGE_INDICATOR, {}).get(year, {})
    coverage = _coverage(data, code, region_target_row.get("target"), kecamatan_names, labels["org_type"])
    coverage["chart_kecamatan"] = charts.coverage(coverage["by_kecamatan"], label=f"Coverage by kecamatan, {region['name']} {year}")
    coverage["chart_type"] = charts.coverage(coverage["by_type"], label=f"Coverage by organisation type, {region['name']} {year}")

    posts = _posts(data, code, labels["post_group"], labels["strategic"])
    posts["chart"] = charts.posts(posts["counts"], posts["groups"], label=f"Posts by group and holder's sex, {region['name']} {year}")

    budget = _budget(data, code)
    budget["chart"] = charts.bars(budget["by_opd"], label=f"ARG share by OPD, {region['name']} {year}",
                                  value_title="gender-responsive share of the OPD's budget, %", domain=[0, 100],
                                  colour="#0d9488", percent=True)

    readiness = _readiness(data, code, labels["prerequisite"])
    readiness["chart"] = charts.bars(
        [{"name": p["name_id"], "value": p["score"]} for p in readiness["prerequisites"]],
        label=f"Prerequisite scores, {region['name']} {year}", value_title="score (0 to 100)", domain=[0, 100],
        colour="#7c3aed")

    directives = data.directives.get(code, [])
    return {
        **region, "indicators": rows, "status_counts": status_counts, "coverage": coverage,
        "cadres": theme_section(CADRES, bars=True), "strategic": theme_section(STRATEGIC_POSTS), "posts": posts,
        "arg": theme_section(ARG), "budget": budget, "readiness": readiness, "directives": directives,
    }


def write_report(warehouse: Path, report_year: int, out: Path, sections_dir: Path | None = None) -> Path:
    """Write the analyst report of `report_year` from the published warehouse to `out` (atomically); return `out`.

    With `sections_dir`, each region's section is kept there and rendered again only when the rows it shows (or
    the report's code and shared dimensions) changed: after one resubmission, one region of hundreds."""
    warehouse, out, report_year = Path(warehouse), Path(out), int(report_year)
    charts = _Charts()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        period = _period(con, report_year)
        indicators = fetch_dicts(con, "SELECT * FROM dim_indicator ORDER BY rowid")
        regions_all = {r["region_code"] for r in fetch_dicts(con, "SELECT region_code FROM dim_region WHERE depth = 2")}
        labels = {
            "org_type": _code_labels(con, "jenis_organisasi"),
            "post_group": _code_labels(con, "kelompok_jabatan"),
            "strategic": {g.strip() for g in (_setting(con, "kelompok_jabatan_strategis") or "").split(";") if g.strip()},
            "prerequisite": {r["prerequisite_key"]: (r["name_id"], r["name_en"])
                             for r in fetch_dicts(con, "SELECT * FROM dim_prerequisite ORDER BY prerequisite_no")},
        }
        settings = {name: _setting(con, name) for name in (
            "ambang_status_hampir", "ambang_prospek_berisiko", "ambang_kesiapan_kuat", "ambang_kesiapan_berkembang")}
        comments = _comments(con)
        shared = {"year": report_year, "period": period, "settings": settings, "comments": comments,
                  "status_text": STATUS_TEXT, "outlook_text": OUTLOOK_TEXT, "band_text": BAND_TEXT,
                  "direction_text": DIRECTION_TEXT, "sex_text": SEX_TEXT,
                  "colours": {"actual": ACTUAL_COLOUR, "target": TARGET_COLOUR, "year": YEAR_COLOUR},
                  "strategic_groups": sorted(labels["strategic"], key=lambda g: (
                      list(labels["post_group"]).index(g) if g in labels["post_group"] else 99, g))}
        regions = _regions(con)
        for region in regions:
            region["anchor"] = "r-" + region["code"].replace(".", "-")
        kept = SectionCache(sections_dir / str(report_year)) if sections_dir else None
        digests = _section_digests(con, report_year, [shared, indicators, labels], regions) if kept else {}
        cached = {r["code"]: kept.get(r["code"], digests[r["code"]]) for r in regions} if kept else {}
        stale = [r for r in regions if cached.get(r["code"]) is None]
        if stale:
            data = _RowsByRegion(con, report_year, period["years"], [r["code"] for r in stale])
            template = _ENVIRONMENT.get_template("report_region.html.j2")
            for region in stale:
                before = charts.count
                section = _region_section(data, charts, region, report_year, period, indicators, labels)
                region["html"] = Markup(template.render(region=section, **shared))
                region["charts"] = charts.count - before
                if kept is not None:
                    kept.put(region["code"], digests[region["code"]], region["html"], charts=region["charts"])
        for region in regions:
            if "html" not in region:
                region.update(html=cached[region["code"]]["html"], charts=cached[region["code"]]["charts"])
        if kept is not None:
            kept.prune({r["code"] for r in regions})

    definitions = [{"table": table, "column": column, "comment": comments.get(table, {}).get(column)}
                   for table, columns in SHOWN_COLUMNS.items() for column in columns
                   if comments.get(table, {}).get(column)]
    html = _ENVIRONMENT.get_template("report.html.j2").render(
        **shared, regions=regions, definitions=definitions,
        synthetic=regions_all == SAMPLE_REGIONS, charts=sum(r["charts"] for r in regions),
        generated=dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip(),
    )
    with written_atomically(out) as partial:
        partial.write_text(html, encoding="utf-8")
    return out


# What a region's section shows besides the shared dimensions: every row of these tables whose region_code is the
# region's (all years: a section's trends span the plan period), and its kecamatan (dim_region, depth 3).
SECTION_TABLES = ("mart_indicator_progress", "mart_org_coverage", "fct_post", "fct_budget_line", "mart_ape_readiness",
                  "fct_prerequisite", "mart_directives")
# The code a region's section is rendered by, and the whole page.
SECTION_VERSION = code_version("outputs/report.py", "outputs/charts.py", "outputs/templates/report_region.html.j2")
REPORT_VERSION = code_version("outputs/report.py", "outputs/charts.py", "outputs/templates/report_region.html.j2",
                              "outputs/templates/report.html.j2")


def _section_digests(con, report_year: int, shared: list, regions: list[dict]) -> dict[str, str]:
    """Per region, a digest of everything its section is rendered from: the report's code, what all sections share
    (period, settings, comments, indicators, labels), the region's name, and its rows (count and row-hash digest
    per table)."""
    common = hashlib.sha256(SECTION_VERSION.encode())
    common.update(json.dumps([report_year, *shared], default=lambda v: sorted(v) if isinstance(v, set) else str(v)).encode())
    parts: dict[str, list] = {}
    for table in SECTION_TABLES:
        for region, count, digest in con.execute(
                f"SELECT region_code, count(*), bit_xor(hash(t)) FROM {table} AS t GROUP BY ALL ORDER BY ALL").fetchall():
            parts.setdefault(region, []).append((table, count, digest))
    for region, count, digest in con.execute("""SELECT kota_code, count(*), bit_xor(hash(t)) FROM dim_region AS t
                                                WHERE depth = 3 GROUP BY ALL ORDER BY ALL""").fetchall():
        parts.setdefault(region, []).append(("dim_region", count, digest))
    return {r["code"]: hashlib.sha256(repr([common.hexdigest(), r["code"], r["name"], parts.get(r["code"], [])]).encode()).hexdigest()
            for r in regions}


# Every table the report reads: a report is written again only when one of them (or the report's code) changed.
REPORT_TABLES = ("dim_region", "dim_year", "dim_code_list", "dim_setting", "dim_indicator", "fct_submission", "fct_post",
                 "fct_budget_line", "fct_prerequisite", "mart_indicator_progress", "mart_ape_readiness",
                 "mart_org_coverage", "mart_directives")


def report_inputs_digest(warehouse: Path) -> str:
    """A digest of the report's code and of the content of every table it reads (order-independent row hashes)."""
    digest = hashlib.sha256(REPORT_VERSION.encode())
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table in REPORT_TABLES:
            digest.update(repr(con.execute(f"SELECT count(*), bit_xor(hash(t)) FROM {table} AS t").fetchone()).encode())
    return digest.hexdigest()


def report_years(warehouse: Path) -> list[int]:
    """Report years the published warehouse has current reports for."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [r[0] for r in con.execute(
            "SELECT DISTINCT report_year FROM fct_submission WHERE is_current ORDER BY 1").fetchall()]
