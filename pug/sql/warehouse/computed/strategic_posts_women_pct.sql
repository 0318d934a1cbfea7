-- strategic_posts_women_pct: the share of the holders of strategic posts (setting kelompok_jabatan_strategis) who
-- are women, counted by person (int_strategic_post_holder): one person with two posts counts once. Acting holders
-- (PLT) count when the setting jabatan_plt_dihitung says so (docs/methods.md, "Definitions that are a choice").
-- Source: women in strategic posts is not a published APE criterion but what Kota Pekalongan's mayor credits
-- (domain.md); which posts are strategic and whether acting holders count are settings; counting by person is this
-- project's choice.
SELECT region_code, report_year AS year, region_code AS scope,
       100.0 * count(*) FILTER (WHERE holder_sex = 'P') / nullif(count(*), 0) AS computed_value
FROM int_strategic_post_holder
WHERE definitive OR setting_flag('jabatan_plt_dihitung')
GROUP BY ALL
