-- strategic_posts_women_pct: the share of filled (DEFINITIF or PLT) posts of the strategic groups (setting
-- kelompok_jabatan_strategis) held by women.
SELECT region_code, report_year AS year, region_code AS scope,
       100.0 * count(*) FILTER (WHERE holder_sex = 'P') / nullif(count(*), 0) AS computed_value
FROM fct_post
WHERE status IN ('DEFINITIF', 'PLT')
  AND list_contains(string_split((SELECT value FROM dim_setting WHERE setting = 'kelompok_jabatan_strategis'), ';'), post_group)
GROUP BY ALL
