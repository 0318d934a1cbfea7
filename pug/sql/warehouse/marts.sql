-- Marts: the tables that answer the brief directly. Their columns named in DESIGN are a stable interface.
-- Formulas come from methods.sql (docs/methods.md).

CREATE TABLE mart_indicator_progress AS
WITH keys AS (
    SELECT region_code, indicator_code, scope FROM int_target
    UNION SELECT region_code, indicator_code, scope FROM int_reported
    UNION SELECT region_code, indicator_code, scope FROM int_computed_value
),
grid AS (
    SELECT k.*, y.year, y.period_code, p.end_year
    FROM keys AS k
    CROSS JOIN dim_year AS y
    JOIN dim_plan_period AS p USING (period_code)
),
joined AS (
    SELECT
        g.region_code, g.indicator_code, g.scope,
        CASE WHEN g.scope = g.region_code THEN 'region' WHEN r.level IS NOT NULL THEN r.level ELSE 'organisation' END AS scope_type,
        g.year, g.period_code, g.end_year,
        i.direction, i.parity_value, i.direction IS NULL AND i.parity_value IS NULL AS is_context,
        i.unit, i.is_cumulative, i.theme,
        t.target, ft.target AS final_target, t.target_report_year,
        v.reported_value, c.computed_value, c.computed_value_note,
        coalesce(c.computed_value, v.reported_value) AS actual_value,
        v.value_report_year, coalesce(v.value_opd_code, t.target_opd_code) AS owner_opd_code
    FROM grid AS g
    JOIN dim_indicator AS i ON i.indicator_code = g.indicator_code
    LEFT JOIN dim_region AS r ON r.region_code = g.scope
    LEFT JOIN int_target AS t
        ON t.region_code = g.region_code AND t.indicator_code = g.indicator_code AND t.scope = g.scope AND t.year = g.year
    LEFT JOIN int_target AS ft
        ON ft.region_code = g.region_code AND ft.indicator_code = g.indicator_code AND ft.scope = g.scope AND ft.year = g.end_year
    LEFT JOIN int_reported AS v
        ON v.region_code = g.region_code AND v.indicator_code = g.indicator_code AND v.scope = g.scope AND v.year = g.year
    LEFT JOIN int_computed_value AS c
        ON c.region_code = g.region_code AND c.indicator_code = g.indicator_code AND c.scope = g.scope AND c.year = g.year
),
projected AS (
    SELECT
        *,
        attainment_pct(actual_value, target, direction, parity := parity_value) AS attainment_pct,
        count(actual_value) OVER so_far AS points,
        regr_slope(actual_value, year) OVER so_far AS slope,
        regr_intercept(actual_value, year) OVER so_far AS intercept
    FROM joined
    WINDOW so_far AS (PARTITION BY region_code, indicator_code, scope, period_code ORDER BY year
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
projection AS (
    -- In the last year of the period the value itself is final; before it, the straight line so far.
    SELECT *, CASE WHEN year = end_year AND actual_value IS NOT NULL THEN actual_value
                   WHEN points >= 2 THEN projection_within_unit(intercept + slope * end_year, unit) END AS projected_final_value,
              CASE WHEN year = end_year AND actual_value IS NOT NULL THEN greatest(points, 2) ELSE points END AS projection_points
    FROM projected
)
SELECT
    region_code, rn.region_name, indicator_code, i.name_id AS indicator_name, scope, sn.region_name AS scope_name,
    scope_type, year, period_code, direction, unit, is_cumulative,
    target, final_target, reported_value, computed_value, computed_value_note,
    reported_value - computed_value AS value_difference,
    values_disagree(reported_value, computed_value, setting_number('toleransi_selisih_pct')) AS values_disagree,
    actual_value,
    round(attainment_pct, 2) AS attainment_pct,
    progress_status(attainment_pct, target, actual_value, setting_number('ambang_status_hampir'), is_context := is_context) AS status,
    round(projected_final_value, 4) AS projected_final_value,
    round(attainment_pct(projected_final_value, final_target, direction, parity := parity_value), 2) AS projected_attainment_pct,
    outlook(attainment_pct(projected_final_value, final_target, direction, parity := parity_value), final_target, projection_points,
            setting_number('ambang_prospek_berisiko'), is_context := is_context) AS outlook,
    owner_opd_code, o.opd_name AS owner_opd_name, target_report_year, value_report_year
FROM projection
LEFT JOIN (SELECT region_code, region_name FROM dim_region) AS rn USING (region_code)
LEFT JOIN (SELECT region_code, region_name FROM dim_region) AS sn ON sn.region_code = projection.scope
LEFT JOIN (SELECT indicator_code, name_id FROM dim_indicator) AS i USING (indicator_code)
LEFT JOIN (SELECT region_code, opd_code, opd_name FROM dim_opd) AS o
    ON o.region_code = projection.region_code AND o.opd_code = projection.owner_opd_code
ORDER BY region_code, indicator_code, scope, year;
COMMENT ON TABLE mart_indicator_progress IS 'Indicator x scope x year of the plan period: the five-year target, the reported and computed values, attainment, status and the outlook to the end of the period (docs/methods.md).';
COMMENT ON COLUMN mart_indicator_progress.region_name IS 'Name of the kab/kota.';
COMMENT ON COLUMN mart_indicator_progress.indicator_code IS 'Indicator (dim_indicator).';
COMMENT ON COLUMN mart_indicator_progress.indicator_name IS 'Name of the indicator, in Bahasa Indonesia.';
COMMENT ON COLUMN mart_indicator_progress.scope_name IS 'Name of the kab/kota, kecamatan or kelurahan of the scope; null for an organisation.';
COMMENT ON COLUMN mart_indicator_progress.scope IS 'The region code for the whole kab/kota, a kecamatan or kelurahan code, or an organisation code.';
COMMENT ON COLUMN mart_indicator_progress.scope_type IS 'region (whole kab/kota), kecamatan, kelurahan or organisation.';
COMMENT ON COLUMN mart_indicator_progress.year IS 'Year of the plan period.';
COMMENT ON COLUMN mart_indicator_progress.period_code IS 'Plan period of the year.';
COMMENT ON COLUMN mart_indicator_progress.direction IS 'NAIK: higher is better; TURUN: lower is better; null: a context indicator, with no attainment, status or outlook.';
COMMENT ON COLUMN mart_indicator_progress.unit IS 'Unit of target and values.';
COMMENT ON COLUMN mart_indicator_progress.is_cumulative IS 'True when values accumulate over the plan period.';
COMMENT ON COLUMN mart_indicator_progress.target IS 'Target for the year, as stated in the latest report that states it.';
COMMENT ON COLUMN mart_indicator_progress.final_target IS 'Target for the last year of the plan period (the five-year target).';
COMMENT ON COLUMN mart_indicator_progress.reported_value IS 'Value reported by the owner OPD (sheet capaian).';
COMMENT ON COLUMN mart_indicator_progress.computed_value IS 'Value the warehouse computes from the detail sheets (dim_indicator.computation_rule); null without a rule.';
COMMENT ON COLUMN mart_indicator_progress.computed_value_note IS 'What the computed value rests on when it is not the definition''s own basis, e.g. ARG_PCT over the reported budget lines when BPKAD reported no total direct budget; null otherwise.';
COMMENT ON COLUMN mart_indicator_progress.value_difference IS 'reported_value - computed_value, where both exist.';
COMMENT ON COLUMN mart_indicator_progress.values_disagree IS 'True when reported and computed values differ by more than the setting toleransi_selisih_pct.';
COMMENT ON COLUMN mart_indicator_progress.actual_value IS 'The value attainment uses: computed where a rule exists, else reported.';
COMMENT ON COLUMN mart_indicator_progress.attainment_pct IS 'Attainment of the year''s target in percent (actual / target for NAIK; target / actual for TURUN, at most 200; the distance from parity for IPG; zero cases in docs/methods.md); null for a context indicator; rounded to 2 decimals.';
COMMENT ON COLUMN mart_indicator_progress.status IS 'achieved, near, behind, no_target or no_data (docs/methods.md); null for a context indicator.';
COMMENT ON COLUMN mart_indicator_progress.projected_final_value IS 'Value expected in the last year of the period from a straight line through the values so far, kept within its unit (0 to 100 for a share or score; a whole number from 0 for a count); rounded to 4 decimals.';
COMMENT ON COLUMN mart_indicator_progress.projected_attainment_pct IS 'Attainment of the final-year target by the projected value; rounded to 2 decimals.';
COMMENT ON COLUMN mart_indicator_progress.outlook IS 'on_track, at_risk, off_track, not_enough_data or no_target (docs/methods.md); null for a context indicator.';
COMMENT ON COLUMN mart_indicator_progress.owner_opd_code IS 'OPD that reported the value (else the target).';
COMMENT ON COLUMN mart_indicator_progress.owner_opd_name IS 'Name of that OPD.';
COMMENT ON COLUMN mart_indicator_progress.target_report_year IS 'Report year whose target is used.';
COMMENT ON COLUMN mart_indicator_progress.value_report_year IS 'Report year whose reported value is used.';

CREATE TABLE mart_org_coverage AS
WITH coverage AS (
    SELECT
        region_code, report_year, period_code, kecamatan_code, org_type,
        count(*) FILTER (WHERE is_active) AS orgs_registered,
        count(*) FILTER (WHERE is_active AND advocated_in_year) AS orgs_advocated_in_year,
        count(*) FILTER (WHERE is_active AND advocated_in_period) AS orgs_advocated_cumulative
    FROM int_org_year
    GROUP BY ALL
)
SELECT
    c.region_code, rn.region_name, c.report_year, c.kecamatan_code, kn.region_name AS kecamatan_name, c.org_type,
    c.orgs_registered, c.orgs_advocated_in_year, c.orgs_advocated_cumulative,
    round(100.0 * c.orgs_advocated_cumulative / nullif(c.orgs_registered, 0), 2) AS coverage_pct,
    coalesce(tk.target, tr.target) AS target_pct,
    round(coalesce(tk.target, tr.target) - 100.0 * c.orgs_advocated_cumulative / nullif(c.orgs_registered, 0), 2) AS gap_pct
FROM coverage AS c
LEFT JOIN int_target AS tk ON tk.region_code = c.region_code AND tk.indicator_code = 'ORG_ADVOKASI_PCT'
                          AND tk.scope = c.kecamatan_code AND tk.year = c.report_year
LEFT JOIN int_target AS tr ON tr.region_code = c.region_code AND tr.indicator_code = 'ORG_ADVOKASI_PCT'
                          AND tr.scope = c.region_code AND tr.year = c.report_year
LEFT JOIN dim_region AS rn ON rn.region_code = c.region_code
LEFT JOIN dim_region AS kn ON kn.region_code = c.kecamatan_code
ORDER BY ALL;
COMMENT ON TABLE mart_org_coverage IS 'Coverage of women''s organisations by PUG advocacy per region, report year, kecamatan and organisation type, against the ORG_ADVOKASI_PCT target. Sum the counts to aggregate.';
COMMENT ON COLUMN mart_org_coverage.region_name IS 'Name of the kab/kota.';
COMMENT ON COLUMN mart_org_coverage.kecamatan_code IS 'Kecamatan of the organisations; null for kota-level organisations.';
COMMENT ON COLUMN mart_org_coverage.kecamatan_name IS 'Name of the kecamatan.';
COMMENT ON COLUMN mart_org_coverage.org_type IS 'Organisation type (dim_organisation.org_type).';
COMMENT ON COLUMN mart_org_coverage.orgs_registered IS 'Organisations active (AKTIF) in that year''s register.';
COMMENT ON COLUMN mart_org_coverage.orgs_advocated_in_year IS 'Of those, advocated in the report year.';
COMMENT ON COLUMN mart_org_coverage.orgs_advocated_cumulative IS 'Of those, advocated in any year of the plan period up to the report year.';
COMMENT ON COLUMN mart_org_coverage.coverage_pct IS '100 x orgs_advocated_cumulative / orgs_registered; rounded to 2 decimals.';
COMMENT ON COLUMN mart_org_coverage.target_pct IS 'ORG_ADVOKASI_PCT target of the year for the kecamatan, else for the whole region.';
COMMENT ON COLUMN mart_org_coverage.gap_pct IS 'target_pct - coverage_pct (positive: behind the target), from the unrounded coverage; rounded to 2 decimals.';

CREATE TABLE mart_org_progress AS
SELECT
    o.region_code, rn.region_name, o.report_year, o.org_code, o.org_name, o.org_type, o.org_level,
    o.kecamatan_code, kn.region_name AS kecamatan_name, o.kelurahan_code, ln.region_name AS kelurahan_name,
    o.status, o.is_active, o.advocated_in_year, o.advocated_in_period,
    coalesce(m.members_reached, 0) AS members_reached,
    coalesce(k.cadres, 0) AS cadres
FROM int_org_year AS o
LEFT JOIN (
    SELECT region_code, report_year, org_code, sum(coalesce(attendees, 0)) AS members_reached
    FROM fct_advocacy_attendance GROUP BY ALL
) AS m USING (region_code, report_year, org_code)
LEFT JOIN (
    SELECT region_code, report_year, org_code, count(*) AS cadres FROM fct_cadre WHERE org_code IS NOT NULL GROUP BY ALL
) AS k USING (region_code, report_year, org_code)
LEFT JOIN dim_region AS rn ON rn.region_code = o.region_code
LEFT JOIN dim_region AS kn ON kn.region_code = o.kecamatan_code
LEFT JOIN dim_region AS ln ON ln.region_code = o.kelurahan_code
ORDER BY o.region_code, o.report_year, o.org_code;
COMMENT ON TABLE mart_org_progress IS 'Yearly progress of every women''s organisation of the register: advocated this year and in the plan period, members reached, cadres trained.';
COMMENT ON COLUMN mart_org_progress.org_code IS 'Organisation code.';
COMMENT ON COLUMN mart_org_progress.org_name IS 'Organisation name.';
COMMENT ON COLUMN mart_org_progress.org_type IS 'PKK, FEDERASI, ISTRI_APARATUR, KEAGAMAAN, PROFESI_EKONOMI, KOMUNITAS or LAINNYA.';
COMMENT ON COLUMN mart_org_progress.org_level IS 'KOTA, KECAMATAN, KELURAHAN, RW, RT or DASAWISMA.';
COMMENT ON COLUMN mart_org_progress.region_name IS 'Name of the kab/kota.';
COMMENT ON COLUMN mart_org_progress.kecamatan_code IS 'Kecamatan of the organisation; null for kota-level organisations.';
COMMENT ON COLUMN mart_org_progress.kecamatan_name IS 'Name of the kecamatan.';
COMMENT ON COLUMN mart_org_progress.kelurahan_code IS 'Kelurahan of the organisation; null above kelurahan level.';
COMMENT ON COLUMN mart_org_progress.kelurahan_name IS 'Name of the kelurahan.';
COMMENT ON COLUMN mart_org_progress.status IS 'AKTIF or NONAKTIF in that year''s register.';
COMMENT ON COLUMN mart_org_progress.is_active IS 'True when AKTIF: counted by coverage targets.';
COMMENT ON COLUMN mart_org_progress.advocated_in_year IS 'Reached by a PUG advocacy event reported for that year.';
COMMENT ON COLUMN mart_org_progress.advocated_in_period IS 'Reached in any year of the plan period up to that year.';
COMMENT ON COLUMN mart_org_progress.members_reached IS 'Members attending advocacy events that year (sum of jumlah_hadir where given).';
COMMENT ON COLUMN mart_org_progress.cadres IS 'Family-resilience cadres of the organisation trained that year.';

CREATE TABLE mart_ape_readiness AS
WITH prerequisites AS (
    SELECT region_code, report_year,
           max(score) FILTER (WHERE prerequisite_key = 'KOMITMEN') AS prerequisite_commitment,
           max(score) FILTER (WHERE prerequisite_key = 'KEBIJAKAN') AS prerequisite_policy,
           max(score) FILTER (WHERE prerequisite_key = 'KELEMBAGAAN') AS prerequisite_institutions,
           max(score) FILTER (WHERE prerequisite_key = 'SUMBER_DAYA') AS prerequisite_resources,
           max(score) FILTER (WHERE prerequisite_key = 'DATA_TERPILAH') AS prerequisite_disaggregated_data,
           max(score) FILTER (WHERE prerequisite_key = 'ALAT_ANALISIS') AS prerequisite_analysis_tools,
           max(score) FILTER (WHERE prerequisite_key = 'PARTISIPASI') AS prerequisite_participation,
           avg(score) AS prerequisite_mean
    FROM fct_prerequisite GROUP BY ALL
),
evidence AS (
    SELECT region_code, year AS report_year,
           max(computed_value) FILTER (WHERE indicator_code = 'JABATAN_STRATEGIS_P_PCT') AS women_strategic_posts_pct,
           max(computed_value) FILTER (WHERE indicator_code = 'ARG_PCT') AS arg_pct,
           max(computed_value_note) FILTER (WHERE indicator_code = 'ARG_PCT') AS arg_pct_note,
           max(computed_value) FILTER (WHERE indicator_code = 'OPD_GAP_GBS_PCT') AS opd_gap_gbs_pct,
           max(computed_value) FILTER (WHERE indicator_code = 'ORG_ADVOKASI_PCT' AND scope = region_code) AS org_advocacy_pct,
           max(computed_value) FILTER (WHERE indicator_code = 'OPD_FOCAL_POINT_PCT') AS opd_focal_point_pct,
           max(computed_value) FILTER (WHERE indicator_code = 'OPD_SIGA_PCT') AS opd_siga_pct,
           max(computed_value) FILTER (WHERE indicator_code = 'KRPPA_PCT') AS krppa_pct
    FROM int_computed_value GROUP BY ALL
),
definitive_posts AS (
    SELECT region_code, report_year,
           100.0 * count(*) FILTER (WHERE holder_sex = 'P') / nullif(count(*), 0) AS women_strategic_posts_definitive_pct
    FROM int_strategic_post_holder WHERE definitive GROUP BY ALL
),
reported AS (
    SELECT region_code, year AS report_year,
           max(reported_value) FILTER (WHERE indicator_code = 'POKJA_PUG_SK') = 1 AS pokja_decree,
           max(reported_value) FILTER (WHERE indicator_code = 'RAD_PUG') = 1 AS action_plan,
           max(reported_value) FILTER (WHERE indicator_code = 'KLA_NILAI') AS kla_score
    FROM int_reported WHERE scope = region_code GROUP BY ALL
),
ape AS (
    -- the edition in force: the latest announced by the end of the year (when no date is recorded, by its own year)
    SELECT r.region_code, r.report_year,
           (SELECT arg_max(e.edition, e.edition) FROM dim_ape_edition AS e
            WHERE coalesce(e.announced_on, make_date(e.edition, 12, 31)) <= make_date(r.report_year, 12, 31)) AS ape_edition
    FROM int_region_year AS r
),
readiness_settings AS (  -- read once: a setting is a subquery, which a list lambda cannot hold
    SELECT setting_number('kesiapan_skala_jabatan') AS posts_scale, setting_number('kesiapan_skala_arg') AS arg_scale,
           [setting_number('kesiapan_bobot_prasyarat'), setting_number('kesiapan_bobot_jabatan'),
            setting_number('kesiapan_bobot_arg'), setting_number('kesiapan_bobot_gap_gbs'),
            setting_number('kesiapan_bobot_advokasi')] AS weights
),
scored AS (
    SELECT r.region_code, r.report_year, p.* EXCLUDE (region_code, report_year), e.* EXCLUDE (region_code, report_year),
           d.women_strategic_posts_definitive_pct,
           rp.pokja_decree, rp.action_plan, rp.kla_score,
           weighted_mean([p.prerequisite_mean, least(100, e.women_strategic_posts_pct * w.posts_scale),
                          least(100, e.arg_pct * w.arg_scale), e.opd_gap_gbs_pct, e.org_advocacy_pct],
                         w.weights) AS readiness_score,
           a.ape_edition
    FROM int_region_year AS r
    LEFT JOIN prerequisites AS p USING (region_code, report_year)
    LEFT JOIN evidence AS e USING (region_code, report_year)
    LEFT JOIN definitive_posts AS d USING (region_code, report_year)
    LEFT JOIN reported AS rp USING (region_code, report_year)
    LEFT JOIN ape AS a USING (region_code, report_year)
    CROSS JOIN readiness_settings AS w
)
SELECT scored.region_code, rn.region_name, scored.* EXCLUDE (region_code, readiness_score, ape_edition),
       k.category AS kla_category,
       round(readiness_score, 2) AS readiness_score,
       readiness_band(readiness_score, setting_number('ambang_kesiapan_kuat'), setting_number('ambang_kesiapan_berkembang')) AS readiness_band,
       scored.ape_edition, array_to_string(ed.categories, ', ') AS ape_edition_categories,
       aw.category AS ape_last_award, aw.edition AS ape_last_award_edition
FROM scored
LEFT JOIN (SELECT region_code, region_name FROM dim_region) AS rn USING (region_code)
LEFT JOIN dim_kla_category AS k ON scored.kla_score BETWEEN k.min_score AND k.max_score
LEFT JOIN dim_ape_edition AS ed ON ed.edition = scored.ape_edition
LEFT JOIN dim_ape_award AS aw  -- the last award up to the edition in force
    ON aw.region_code = scored.region_code
   AND aw.edition = (SELECT max(x.edition) FROM dim_ape_award AS x WHERE x.region_code = scored.region_code AND x.edition <= scored.ape_edition)
ORDER BY ALL;
COMMENT ON TABLE mart_ape_readiness IS 'The seven PUG prerequisites, the institutional indicators and the APE evidence indicators per region and year, with a descriptive readiness score: never an official APE category (docs/methods.md). Names the APE edition in force and the region''s last award.';
COMMENT ON COLUMN mart_ape_readiness.region_name IS 'Name of the kab/kota.';
COMMENT ON COLUMN mart_ape_readiness.prerequisite_commitment IS 'Score 0 to 100 of the prerequisite komitmen (commitment).';
COMMENT ON COLUMN mart_ape_readiness.prerequisite_policy IS 'Score of the prerequisite kebijakan (policy).';
COMMENT ON COLUMN mart_ape_readiness.prerequisite_institutions IS 'Score of the prerequisite kelembagaan (institutions: Pokja, focal points).';
COMMENT ON COLUMN mart_ape_readiness.prerequisite_resources IS 'Score of the prerequisite sumber daya (people, budget and facilities).';
COMMENT ON COLUMN mart_ape_readiness.prerequisite_disaggregated_data IS 'Score of the prerequisite data terpilah (sex-disaggregated data).';
COMMENT ON COLUMN mart_ape_readiness.prerequisite_analysis_tools IS 'Score of the prerequisite alat analisis gender (analysis tools such as GAP).';
COMMENT ON COLUMN mart_ape_readiness.prerequisite_participation IS 'Score of the prerequisite partisipasi masyarakat (civil society, universities, business).';
COMMENT ON COLUMN mart_ape_readiness.prerequisite_mean IS 'Mean score of the prerequisites submitted.';
COMMENT ON COLUMN mart_ape_readiness.women_strategic_posts_pct IS 'Share of the holders of strategic posts who are women, by person, acting holders counted as the setting jabatan_plt_dihitung says (computed).';
COMMENT ON COLUMN mart_ape_readiness.arg_pct IS 'Gender-responsive budget as a share of the total direct budget BPKAD reports (computed; see arg_pct_note).';
COMMENT ON COLUMN mart_ape_readiness.arg_pct_note IS 'Set when arg_pct is over the reported budget lines because no total direct budget was reported; null when over the total.';
COMMENT ON COLUMN mart_ape_readiness.opd_gap_gbs_pct IS 'Share of OPDs (setting penyebut_opd) with a budget line that has GAP and GBS (computed).';
COMMENT ON COLUMN mart_ape_readiness.org_advocacy_pct IS 'Share of active women''s organisations advocated in the period (computed).';
COMMENT ON COLUMN mart_ape_readiness.opd_focal_point_pct IS 'Share of OPDs with a PUG focal point appointed by decree and trained (computed from kelembagaan_opd).';
COMMENT ON COLUMN mart_ape_readiness.opd_siga_pct IS 'Share of OPDs supplying sex-disaggregated data to SIGA (computed from kelembagaan_opd).';
COMMENT ON COLUMN mart_ape_readiness.krppa_pct IS 'Share of kelurahan and desa that are women- and child-friendly (computed from krppa).';
COMMENT ON COLUMN mart_ape_readiness.women_strategic_posts_definitive_pct IS 'The same share over definitive holders only, whatever the setting: beside women_strategic_posts_pct to show what acting holders change.';
COMMENT ON COLUMN mart_ape_readiness.pokja_decree IS 'True when Bappeda reports the Pokja PUG established by decree (POKJA_PUG_SK = 1).';
COMMENT ON COLUMN mart_ape_readiness.action_plan IS 'True when a regional PUG action plan (RAD PUG) is reported adopted (RAD_PUG = 1).';
COMMENT ON COLUMN mart_ape_readiness.kla_score IS 'Child-friendly kab/kota (KLA) evaluation score, 500 to 1000, as reported (KLA_NILAI).';
COMMENT ON COLUMN mart_ape_readiness.kla_category IS 'Its KLA category (dim_kla_category): Pratama, Madya, Nindya, Utama or KLA.';
COMMENT ON COLUMN mart_ape_readiness.readiness_score IS 'Descriptive readiness score 0 to 100 (docs/methods.md; weights and scalings are settings), rounded to 2 decimals; the band is taken from the unrounded score. Not an APE category.';
COMMENT ON COLUMN mart_ape_readiness.readiness_band IS 'strong, developing or early, by the thresholds in dim_setting; not an APE category.';
COMMENT ON COLUMN mart_ape_readiness.ape_edition IS 'The APE edition in force for the year: the latest announced by its end (dim_ape_edition).';
COMMENT ON COLUMN mart_ape_readiness.ape_edition_categories IS 'The categories of that edition, lowest first.';
COMMENT ON COLUMN mart_ape_readiness.ape_last_award IS 'The category the kab/kota last received, in that edition or an earlier one (dim_ape_award); null when none is recorded.';
COMMENT ON COLUMN mart_ape_readiness.ape_last_award_edition IS 'The edition of that award.';

CREATE TABLE mart_directives AS
SELECT
    p.region_code, p.region_name, p.year, CAST(substr(i.theme, 8) AS INTEGER) AS directive_no, d.directive_name,
    p.indicator_code, i.name_en AS indicator_name, p.direction, p.unit, p.target, p.actual_value, p.attainment_pct,
    p.status, p.outlook
FROM mart_indicator_progress AS p
JOIN dim_indicator AS i USING (indicator_code)
JOIN (VALUES
    (1, 'Women''s entrepreneurship with a gender perspective'),
    (2, 'The role of mothers and families in children''s education and care'),
    (3, 'Reducing violence against women and children'),
    (4, 'Reducing child labour'),
    (5, 'Preventing child marriage')
) AS d(directive_no, directive_name) ON d.directive_no = CAST(substr(i.theme, 8) AS INTEGER)
WHERE i.theme LIKE 'ARAHAN_%' AND p.scope = p.region_code
ORDER BY ALL;
COMMENT ON TABLE mart_directives IS 'The indicators of the five Presidential directives (2019) per region and year.';
COMMENT ON COLUMN mart_directives.region_name IS 'Name of the kab/kota.';
COMMENT ON COLUMN mart_directives.year IS 'Year of the plan period.';
COMMENT ON COLUMN mart_directives.directive_no IS 'Presidential directive 1 to 5.';
COMMENT ON COLUMN mart_directives.directive_name IS 'What the directive asks.';
COMMENT ON COLUMN mart_directives.indicator_code IS 'Indicator (dim_indicator).';
COMMENT ON COLUMN mart_directives.indicator_name IS 'Indicator name in English.';
COMMENT ON COLUMN mart_directives.direction IS 'NAIK: higher is better; TURUN: lower is better; null: context (no attainment, status or outlook).';
COMMENT ON COLUMN mart_directives.unit IS 'Unit.';
COMMENT ON COLUMN mart_directives.target IS 'Target of the year.';
COMMENT ON COLUMN mart_directives.actual_value IS 'Actual value of the year.';
COMMENT ON COLUMN mart_directives.attainment_pct IS 'Attainment in percent (docs/methods.md); rounded to 2 decimals.';
COMMENT ON COLUMN mart_directives.status IS 'achieved, near, behind, no_target or no_data.';
COMMENT ON COLUMN mart_directives.outlook IS 'on_track, at_risk, off_track, not_enough_data or no_target.';

CREATE TABLE mart_submission_status AS
WITH expected AS (
    SELECT o.region_code, r.report_year, o.opd_code FROM dim_opd AS o
    JOIN (SELECT DISTINCT region_code, report_year FROM fct_submission WHERE region_code IS NOT NULL AND report_year IS NOT NULL) AS r
        USING (region_code)
),
versions AS (
    SELECT region_code, report_year, opd_code, count(*) AS versions,
           arg_max(submission_id, CASE WHEN is_current THEN 1 ELSE 0 END * 1000000 + version) AS shown_submission
    FROM fct_submission WHERE opd_code IS NOT NULL GROUP BY ALL
),
quarantined AS (SELECT submission_id, sum(rows_quarantined) AS rows_quarantined FROM fct_submission_sheet GROUP BY ALL)
SELECT
    coalesce(e.region_code, v.region_code) AS region_code,
    rn.region_name,
    coalesce(e.report_year, v.report_year) AS report_year,
    coalesce(e.opd_code, v.opd_code) AS opd_code,
    o.opd_name,
    e.opd_code IS NOT NULL AS expected,
    v.versions IS NOT NULL AS received,
    s.on_time,
    coalesce(v.versions, 0) AS versions,
    coalesce(s.status, 'missing') AS status,
    coalesce(s.errors, 0) AS errors,
    coalesce(s.warnings, 0) AS warnings,
    s.version AS version_shown, s.submitted_on, d.deadline, coalesce(q.rows_quarantined, 0) AS rows_quarantined, s.submission_id,
    CASE WHEN s.submission_id IS NOT NULL THEN coalesce(r.decision, 'pending') END AS review_status,
    r.decided_at AS reviewed_at, r.note AS review_note
FROM expected AS e
FULL JOIN versions AS v USING (region_code, report_year, opd_code)
LEFT JOIN fct_submission AS s ON s.submission_id = v.shown_submission
LEFT JOIN quarantined AS q ON q.submission_id = s.submission_id
LEFT JOIN fct_review_decision AS r ON r.submission_id = s.submission_id AND r.is_latest
LEFT JOIN dim_report_deadline AS d  -- every expected OPD has the deadline, whether or not it sent anything
    ON d.region_code = coalesce(e.region_code, v.region_code) AND d.report_year = coalesce(e.report_year, v.report_year)
LEFT JOIN dim_region AS rn ON rn.region_code = coalesce(e.region_code, v.region_code)
LEFT JOIN dim_opd AS o ON o.region_code = coalesce(e.region_code, v.region_code) AND o.opd_code = coalesce(e.opd_code, v.opd_code)
ORDER BY ALL;
COMMENT ON TABLE mart_submission_status IS 'Per region, report year and OPD: whether a report was expected and received, on time, how many versions, and the status of the current version (or the latest one when none was accepted).';
COMMENT ON COLUMN mart_submission_status.region_name IS 'Name of the kab/kota.';
COMMENT ON COLUMN mart_submission_status.opd_name IS 'Name of the OPD (dim_opd); null for an OPD code not in the register.';
COMMENT ON COLUMN mart_submission_status.expected IS 'True for OPDs of the region''s register (dim_opd).';
COMMENT ON COLUMN mart_submission_status.received IS 'True when at least one version arrived.';
COMMENT ON COLUMN mart_submission_status.on_time IS 'True when the version shown was submitted by the deadline.';
COMMENT ON COLUMN mart_submission_status.versions IS 'Versions received.';
COMMENT ON COLUMN mart_submission_status.status IS 'accepted, accepted_with_warnings, accepted_with_errors, rejected, or missing.';
COMMENT ON COLUMN mart_submission_status.errors IS 'Error findings of the version shown.';
COMMENT ON COLUMN mart_submission_status.warnings IS 'Warning findings of the version shown.';
COMMENT ON COLUMN mart_submission_status.version_shown IS 'The current version, or the latest when none was accepted.';
COMMENT ON COLUMN mart_submission_status.submitted_on IS 'Submission date of the version shown.';
COMMENT ON COLUMN mart_submission_status.deadline IS 'Deadline of the report year for the region (dim_report_deadline), for every OPD, whether or not it sent anything.';
COMMENT ON COLUMN mart_submission_status.rows_quarantined IS 'Rows of the version shown set aside in fct_quarantined_row.';
COMMENT ON COLUMN mart_submission_status.review_status IS 'The reviewer''s decision in force on the version shown: approved, returned, or pending (none yet: a new version after a return is pending again); null when nothing was received.';
COMMENT ON COLUMN mart_submission_status.reviewed_at IS 'When that decision was taken.';
COMMENT ON COLUMN mart_submission_status.review_note IS 'The reviewer''s note with it (why a report was returned).';
