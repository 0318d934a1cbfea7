-- krppa_pct: the share of the kab/kota's kelurahan and desa that are women- and child-friendly (KRPPA/DRPPA): they
-- meet the 10 indicators or are designated by decree (fct_krppa_status.counts_as_krppa); a signed commitment alone
-- does not count. Over every kelurahan and desa of the kab/kota in the region list (dim_region), reported or not.
-- Source: KemenPPPA's KRPPA/DRPPA model (10 indicators; a kelurahan or desa counts when it meets them or is
-- designated); the denominator of every kelurahan and desa is this project's choice.
WITH villages AS (
    SELECT kota_code AS region_code, count(*) AS villages FROM dim_region WHERE depth = 4 GROUP BY ALL
)
SELECT k.region_code, k.report_year AS year, k.region_code AS scope,
       100.0 * count(DISTINCT k.village_code) FILTER (WHERE k.counts_as_krppa) / nullif(any_value(v.villages), 0) AS computed_value
FROM fct_krppa_status AS k
LEFT JOIN villages AS v USING (region_code)
GROUP BY ALL
