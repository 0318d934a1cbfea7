-- strategic_posts_women_pct: the share of filled posts of the strategic groups (setting kelompok_jabatan_strategis)
-- held by women. A post is filled by a definitive holder, and by an acting one (PLT) when the setting
-- jabatan_plt_dihitung says so (docs/methods.md, "Definitions that are a choice").
SELECT region_code, report_year AS year, region_code AS scope,
       100.0 * count(*) FILTER (WHERE holder_sex = 'P') / nullif(count(*), 0) AS computed_value
FROM fct_post
WHERE (status = 'DEFINITIF' OR (status = 'PLT' AND setting_flag('jabatan_plt_dihitung')))
  AND list_contains(string_split(setting_text('kelompok_jabatan_strategis'), ';'), post_group)
GROUP BY ALL
