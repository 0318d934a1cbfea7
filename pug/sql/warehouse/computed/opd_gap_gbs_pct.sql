-- opd_gap_gbs_pct: the share of OPDs with a budget line that has both GAP and GBS that year, over the OPDs the
-- setting penyebut_opd counts (int_counted_opd).
-- Source: PPRG (Permendagri 67/2011): GAP and GBS per activity; an OPD counting with one line that has both is this
-- project's choice; the denominator is the setting penyebut_opd.
SELECT c.region_code, c.report_year AS year, c.region_code AS scope,
       100.0 * count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM fct_budget_line AS b
           WHERE b.region_code = c.region_code AND b.report_year = c.report_year AND b.opd_code = c.opd_code
             AND b.has_gap AND b.has_gbs)) / count(*) AS computed_value
FROM int_counted_opd AS c
GROUP BY ALL
