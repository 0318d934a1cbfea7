-- Rows of sheet {sheet} with the identity of their submission: the rule inputs of a sheet whose rules need nothing
-- from elsewhere (a sheet with more has its own file in rule_inputs/).
SELECT t.*, s.region_code, s.report_year, s.opd_code
FROM stg_{sheet} AS t
JOIN v_submission AS s USING (submission_id)
