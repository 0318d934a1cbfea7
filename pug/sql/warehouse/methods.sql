-- # Methods
--
-- The formulas of the marts, written once. This file is the source: `docs/methods.md` is generated from it
-- (`pug methods`), and the marts call these macros. Thresholds are settings in raw/reference/pengaturan.csv
-- (table dim_setting), never constants in code.
--
-- ## Attainment
--
-- How far the actual value has come towards the target, in percent.
-- For indicators where higher is better (direction NAIK): 100 x actual / target.
-- For indicators where lower is better (direction TURUN): 100 x target / actual, at most 200: a value half the
-- target or less counts as twice the target's attainment, so that fewer is never worse (without the bound, 1 case
-- against a target of 10 scored 1,000 % and 0 cases could score no higher).
-- Zero cases: a NAIK target of 0 is attained by any value (100). A TURUN actual of 0 is the best possible: 200
-- against a target above 0, 100 against a target of 0. A TURUN target of 0 missed: 100 / (1 + actual), so that
-- each case more scores lower (1 case 50 %, 3 cases 25 %) rather than every miss scoring 0 %.
-- An indicator read against parity (indikator.csv column paritas: IPG, whose 100 means women's human development
-- equals men's) compares its distance from parity, lower is better: |actual - parity| against |target - parity|.
-- Context indicators (no direction, such as recorded violence cases, where a fall can mean under-reporting) have
-- no attainment, status or outlook; they are shown with their trend.
-- No target or no actual value: no attainment (NULL).
-- Source: NAIK and TURUN are the directions of the catalogue (DESIGN.md); IPG's parity at 100 is BPS's definition
-- (women's HDI over men's); the bound of 200, the zero cases and reading IPG's distance as lower-is-better are this
-- project's choice.
CREATE OR REPLACE TEMP MACRO lower_is_better_pct(actual, target) AS
    CASE WHEN target = 0 THEN 100.0 / (1 + actual)
         WHEN actual = 0 THEN 200.0
         ELSE least(200.0, 100.0 * target / actual) END;

CREATE OR REPLACE TEMP MACRO attainment_pct(actual, target, direction, parity := NULL) AS
    CASE
        WHEN actual IS NULL OR target IS NULL THEN NULL
        WHEN parity IS NOT NULL THEN lower_is_better_pct(abs(actual - parity), abs(target - parity))
        WHEN direction = 'TURUN' THEN lower_is_better_pct(actual, target)
        WHEN direction = 'NAIK' THEN CASE WHEN target = 0 THEN 100.0 ELSE 100.0 * actual / target END
    END;

-- ## Status of a year
--
-- The actual value of a year against the target of that same year:
-- `achieved` at 100 % attainment or more; `near` from the setting ambang_status_hampir (90 % as shipped) up to 100 %;
-- `behind` below it; `no_target` when the year has no target; `no_data` when it has no value yet; none for a
-- context indicator.
-- Source: this project's choice; the threshold is a setting.
CREATE OR REPLACE TEMP MACRO progress_status(attainment, target, actual, near_pct, is_context := false) AS
    CASE
        WHEN is_context THEN NULL
        WHEN target IS NULL THEN 'no_target'
        WHEN actual IS NULL THEN 'no_data'
        WHEN attainment >= 100 THEN 'achieved'
        WHEN attainment >= near_pct THEN 'near'
        ELSE 'behind'
    END;

-- ## Actual value and cumulative indicators
--
-- The actual value of an indicator is the value the warehouse computes from the detail sheets where the catalogue
-- names a computation rule (it cannot be mistyped), otherwise the value the owner OPD reported.
-- Cumulative indicators (dim_indicator.is_cumulative) count everything since the start of the plan period up to the
-- year: organisations advocated in any year of the period, cadres trained in any year of the period. Their targets
-- never decrease (a validation rule warns when they do).
-- When both a reported and a computed value exist, value_difference = reported - computed; a difference above the
-- setting toleransi_selisih_pct (percent of the computed value) is flagged in column values_disagree.
-- Source: this project's choice: a value computed from the detail sheets cannot be mistyped; the tolerance is a
-- setting.
CREATE OR REPLACE TEMP MACRO values_disagree(reported, computed, tolerance_pct) AS
    CASE
        WHEN reported IS NULL OR computed IS NULL THEN NULL
        WHEN computed = 0 THEN reported <> 0
        ELSE abs(reported - computed) > abs(computed) * tolerance_pct / 100.0
    END;

-- ## Outlook to the end of the plan period
--
-- A straight line through the actual values known up to the year (ordinary least squares on (year, value)), carried
-- to the last year of the plan period: projected_final_value = intercept + slope x end_year. Its attainment
-- against the final-year target gives the outlook:
-- `on_track` at 100 % or more; `at_risk` from the setting ambang_prospek_berisiko (90 % as shipped) up to 100 %;
-- `off_track` below it; `not_enough_data` with fewer than two values; `no_target` without a final-year target.
-- When the year is the last of the period, the projection is the value itself. A context indicator has a
-- projection (its trend) but no outlook.
--
-- The projection stays within what its unit allows: a share (%) or a score (skor) between 0 and 100; a count of
-- people, families, organisations, children, cases or requests (orang, keluarga, organisasi, anak, kasus,
-- permohonan) a whole number, never below 0; an index (indeks) never below 0; an indicator in place or not (ada)
-- 0 or 1; a KLA score (nilai KLA) between 0 and 1000. A straight line through a few values leaves those bounds
-- easily (a share of 228 %, 1,894.5 cadres), and such a figure can be neither reached nor read.
-- Source: this project's choice (ordinary least squares, as a plain and explainable trend).
CREATE OR REPLACE TEMP MACRO projection_within_unit(value, unit) AS
    CASE
        WHEN value IS NULL THEN NULL
        WHEN unit IN ('%', 'skor') THEN least(greatest(value, 0), 100)
        WHEN unit = 'ada' THEN least(greatest(round(value), 0), 1)
        WHEN unit = 'nilai KLA' THEN least(greatest(value, 0), 1000)
        WHEN unit IN ('orang', 'keluarga', 'organisasi', 'anak', 'kasus', 'permohonan') THEN greatest(round(value), 0)
        ELSE greatest(value, 0)
    END;

CREATE OR REPLACE TEMP MACRO outlook(projected_attainment, final_target, points, at_risk_pct, is_context := false) AS
    CASE
        WHEN is_context THEN NULL
        WHEN final_target IS NULL THEN 'no_target'
        WHEN points < 2 OR projected_attainment IS NULL THEN 'not_enough_data'
        WHEN projected_attainment >= 100 THEN 'on_track'
        WHEN projected_attainment >= at_risk_pct THEN 'at_risk'
        ELSE 'off_track'
    END;

-- ## APE readiness (descriptive)
--
-- A descriptive score, never an official APE category: the categories are the ministry's to give, and they change
-- from one edition of the award to the next (raw/reference/ape_edisi.csv holds each edition's; the readiness mart
-- and the report name the edition in force for the year: the latest announced by the end of it).
-- The score is the weighted mean of the components that exist for the year, each capped at 100: the prerequisite
-- score (0 to 100), the share of strategic posts held by women times kesiapan_skala_jabatan (2 as shipped: parity,
-- 50 %, counts as 100), the gender-responsive budget share times kesiapan_skala_arg (4 as shipped: 25 % counts as
-- 100), the share of OPDs with GAP and GBS, and the share of women's organisations advocated. Their weights are the
-- settings kesiapan_bobot_prasyarat, kesiapan_bobot_jabatan, kesiapan_bobot_arg, kesiapan_bobot_gap_gbs and
-- kesiapan_bobot_advokasi (1 each as shipped). Bands from the settings: `strong` from ambang_kesiapan_kuat (85 as
-- shipped), `developing` from ambang_kesiapan_berkembang (70 as shipped), `early` below.
-- Source: the components follow what APE evaluates (the seven prerequisites, with the evidence of their
-- implementation; KemenPPPA); the scalings, the weights and the bands are this project's choice, with no published
-- source, which is why each is a setting.
CREATE OR REPLACE TEMP MACRO weighted_mean(scores, weights) AS
    list_sum(list_transform(range(1, len(scores) + 1), lambda i: coalesce(scores[i] * weights[i], 0)))
    / nullif(list_sum(list_transform(range(1, len(scores) + 1), lambda i: CASE WHEN scores[i] IS NULL THEN 0 ELSE weights[i] END)), 0);

CREATE OR REPLACE TEMP MACRO readiness_band(score, strong, developing) AS
    CASE
        WHEN score IS NULL THEN NULL
        WHEN score >= strong THEN 'strong'
        WHEN score >= developing THEN 'developing'
        ELSE 'early'
    END;

-- A threshold from dim_setting; a setting missing from raw/reference/pengaturan.csv takes the default shipped with the
-- code (the log says so); one missing there too stops the build with its name.
CREATE OR REPLACE TEMP MACRO setting_number(name) AS
    coalesce((SELECT TRY_CAST(value AS DOUBLE) FROM dim_setting WHERE setting = name),
             error('setting ' || name || ' is missing from raw/reference/pengaturan.csv'));

-- ## Definitions that are a choice
--
-- Where the sources leave a definition open, a setting in raw/reference/pengaturan.csv (table dim_setting) makes
-- the choice, and the computation rule reads it:
-- - `jabatan_plt_dihitung` (Y as shipped): whether an acting holder (PLT) of a strategic post counts, for the share
--   of strategic posts held by women (JABATAN_STRATEGIS_P_PCT). T counts definitive holders only. Holders are
--   counted by person either way (kode_pegawai): an official who holds one post definitively and acts in another is
--   one person. A Plt carries a mandate, not a definitive post, and no source says whether APE counts it;
--   mart_ape_readiness shows the definitive-only share beside the other.
-- - `kader_tanpa_materi_pug_dihitung` (Y as shipped): whether a cadre trained without PUG material counts as trained
--   (KADER_KK_JML). T counts only cadres whose training had PUG material (column materi_pug).
-- - `penyebut_opd` (melapor as shipped): the denominator of a share of OPDs (OPD_GAP_GBS_PCT): `melapor`, the OPDs
--   that reported that year; `terdaftar`, every OPD of the kab/kota's register, reported or not. The same for
--   OPD_FOCAL_POINT_PCT and OPD_SIGA_PCT.
-- Source: each is this project's choice, made a setting because the sources leave it open.
CREATE OR REPLACE TEMP MACRO setting_text(name) AS
    coalesce((SELECT value FROM dim_setting WHERE setting = name),
             error('setting ' || name || ' is missing from raw/reference/pengaturan.csv'));

CREATE OR REPLACE TEMP MACRO setting_flag(name) AS
    CASE WHEN upper(setting_text(name)) IN ('Y', 'T') THEN upper(setting_text(name)) = 'Y'
         ELSE error('setting ' || name || ' must be Y or T, not ' || setting_text(name)) END;

CREATE OR REPLACE TEMP MACRO setting_choice(name, choices) AS
    CASE WHEN list_contains(choices, setting_text(name)) THEN setting_text(name)
         ELSE error('setting ' || name || ' must be one of ' || array_to_string(choices, ', ') || ', not ' || setting_text(name)) END;
