-- opd_focal_point_pct: the share of OPDs whose PUG focal point is appointed by decree and trained (sheet
-- kelembagaan_opd), over the OPDs the setting penyebut_opd counts (int_counted_opd); for the years the women's agency
-- reported the sheet.
-- Source: Permendagri 67/2011 (a PUG focal point in every OPD); appointed by decree and trained, as kab/kota PUG
-- reports count it; the denominator is the setting penyebut_opd.
SELECT c.region_code, c.report_year AS year, c.region_code AS scope,
       100.0 * count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM fct_opd_institution AS i
           WHERE i.region_code = c.region_code AND i.report_year = c.report_year AND i.described_opd_code = c.opd_code
             AND i.focal_point_appointed AND i.focal_point_trained)) / count(*) AS computed_value
FROM int_counted_opd AS c
WHERE (c.region_code, c.report_year) IN (SELECT region_code, report_year FROM fct_opd_institution)
GROUP BY ALL
