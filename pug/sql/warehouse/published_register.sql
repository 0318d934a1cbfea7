-- The register of organisations of one region as the published warehouse last knew it: the newest report year up to
-- the one asked for ($report_year). Read by `pug template` (the daftar_organisasi lookup) and `pug check` (codes it
-- counts as registered when the DPPPA's and kecamatan's reports of the year are not in front of it).
SELECT report_year, org_code, org_name, org_type, org_level, area_code, status
FROM dim_organisation
WHERE region_code = $region_code
  AND report_year = (SELECT max(report_year) FROM dim_organisation
                     WHERE region_code = $region_code AND report_year <= $report_year)
ORDER BY org_code;
