-- prerequisite_score: the mean score of the seven prerequisites.
-- Source: the seven prerequisites of PUG as KemenPPPA and APE material list them; the plain mean of the self-assessed
-- scores is this project's choice.
SELECT region_code, report_year AS year, region_code AS scope, avg(score) AS computed_value
FROM fct_prerequisite GROUP BY ALL
