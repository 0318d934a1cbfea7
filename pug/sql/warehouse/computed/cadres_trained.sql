-- cadres_trained: distinct cadres trained in any year of the plan period up to the year; those trained without PUG
-- material only when the setting kader_tanpa_materi_pug_dihitung says so (docs/methods.md).
-- Source: the PKK's 1001 Kader Pendamping Ketahanan Keluarga programme, in which PUG is required material; whether
-- training without it counts is the setting kader_tanpa_materi_pug_dihitung.
SELECT r.region_code, r.report_year AS year, r.region_code AS scope, count(DISTINCT c.cadre_code) AS computed_value
FROM int_region_year AS r
JOIN fct_cadre AS c ON c.region_code = r.region_code AND c.report_year <= r.report_year
JOIN dim_year AS cy ON cy.year = c.report_year AND cy.period_code = r.period_code
WHERE c.pug_material OR setting_flag('kader_tanpa_materi_pug_dihitung')
GROUP BY ALL
