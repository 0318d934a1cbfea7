-- arg_pct: the gender-responsive budget (ARG: lines tagged responsif_gender) as a share of the kab/kota's total
-- direct budget (Bappenas reference indicator 04.03.019), the total BPKAD reports as TOTAL_BELANJA_LANGSUNG. When no
-- total is reported, over the sum of the budget lines the OPDs reported, and computed_value_note says so.
-- Source: Bappenas' reference indicator 04.03.019 (RPJMN, SIPD): gender-responsive budget over the total direct
-- budget x 100; the fallback to the reported lines is this project's choice, flagged.
WITH lines AS (
    SELECT region_code, report_year,
           coalesce(sum(budget_idr) FILTER (WHERE gender_responsive), 0) AS responsive, sum(budget_idr) AS reported
    FROM fct_budget_line GROUP BY ALL
),
direct_budget AS (
    SELECT region_code, year AS report_year, reported_value AS total
    FROM int_reported WHERE indicator_code = 'TOTAL_BELANJA_LANGSUNG' AND scope = region_code
)
SELECT l.region_code, l.report_year AS year, l.region_code AS scope,
       100.0 * l.responsive / nullif(coalesce(d.total, l.reported), 0) AS computed_value,
       CASE WHEN d.total IS NULL THEN 'over the reported budget lines: no total direct budget (TOTAL_BELANJA_LANGSUNG) reported' END
           AS computed_value_note
FROM lines AS l
LEFT JOIN direct_budget AS d USING (region_code, report_year)
