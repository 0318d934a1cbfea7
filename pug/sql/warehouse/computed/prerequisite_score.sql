-- prerequisite_score: the mean score of the seven prerequisites.
SELECT region_code, report_year AS year, region_code AS scope, avg(score) AS computed_value
FROM fct_prerequisite GROUP BY ALL
