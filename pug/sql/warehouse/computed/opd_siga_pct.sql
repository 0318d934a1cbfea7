-- opd_siga_pct: the share of OPDs that supply sex-disaggregated data to SIGA (Satu Data Gender dan Anak, Permen PPPA
-- 4/2023; sheet kelembagaan_opd), over the OPDs the setting penyebut_opd counts (int_counted_opd); for the years the
-- women's agency reported the sheet.
-- Source: Permen PPPA 4/2023 on Satu Data Gender dan Anak (SIGA); the denominator is the setting penyebut_opd.
SELECT c.region_code, c.report_year AS year, c.region_code AS scope,
       100.0 * count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM fct_opd_institution AS i
           WHERE i.region_code = c.region_code AND i.report_year = c.report_year AND i.described_opd_code = c.opd_code
             AND i.supplies_siga)) / count(*) AS computed_value
FROM int_counted_opd AS c
WHERE (c.region_code, c.report_year) IN (SELECT region_code, report_year FROM fct_opd_institution)
GROUP BY ALL
