-- Submissions and what was found in them: every version ever received, never deleted.

CREATE TABLE fct_submission AS
SELECT
    submission_id, region_code, report_year, opd_code, opd_name, version, is_current, status,
    submitted_on, deadline, on_time, submitted_by, form, file_path, file_sha256, size_bytes, file_modified_at,
    first_seen_at, present, errors, warnings, notices
FROM stg_submission;
COMMENT ON TABLE fct_submission IS 'Every submitted version of every OPD report (one row per distinct file content), with its status and counts.';
COMMENT ON COLUMN fct_submission.opd_name IS 'OPD name as written in the identitas sheet.';
COMMENT ON COLUMN fct_submission.version IS 'Version number within (region, OPD, report year), by submission date then file time.';
COMMENT ON COLUMN fct_submission.is_current IS 'True for the version whose rows are in the fact tables: the latest one not rejected.';
COMMENT ON COLUMN fct_submission.status IS 'accepted, accepted_with_warnings, accepted_with_errors (some rows quarantined) or rejected (whole file).';
COMMENT ON COLUMN fct_submission.submitted_on IS 'Submission date from identitas.tanggal_kirim.';
COMMENT ON COLUMN fct_submission.deadline IS 'Deadline of the report year for the region.';
COMMENT ON COLUMN fct_submission.on_time IS 'True when submitted on or before the deadline; null when the date is unknown.';
COMMENT ON COLUMN fct_submission.submitted_by IS 'Officer named in identitas.nama_petugas (NIK-like values masked).';
COMMENT ON COLUMN fct_submission.form IS 'xlsx for a workbook (.xlsx, .xlsm, .xls or .ods, known by its content) or csv (folder of CSV files); null when unreadable.';
COMMENT ON COLUMN fct_submission.file_path IS 'Path under raw/submissions/ of the file that carried this content (the latest seen).';
COMMENT ON COLUMN fct_submission.file_sha256 IS 'SHA-256 of the file (of the CSV files, for a folder).';
COMMENT ON COLUMN fct_submission.size_bytes IS 'File size in bytes.';
COMMENT ON COLUMN fct_submission.file_modified_at IS 'File modification time when seen.';
COMMENT ON COLUMN fct_submission.first_seen_at IS 'When the ledger first saw this content.';
COMMENT ON COLUMN fct_submission.present IS 'False when no file under raw/submissions/ carries this content any more.';
COMMENT ON COLUMN fct_submission.errors IS 'Findings of severity error.';
COMMENT ON COLUMN fct_submission.warnings IS 'Findings of severity warning.';
COMMENT ON COLUMN fct_submission.notices IS 'Findings of severity notice (extra sheets or columns).';

CREATE TABLE fct_submission_sheet AS
SELECT c.submission_id, s.region_code, s.report_year, s.opd_code, c.sheet, c.source_sheet_name,
       c.rows_read, c.rows_accepted, c.rows_quarantined
FROM stg_submission_sheet AS c
JOIN stg_submission AS s USING (submission_id);
COMMENT ON TABLE fct_submission_sheet IS 'Rows read, accepted and quarantined per submission and sheet: rows_read = rows_accepted + rows_quarantined.';
COMMENT ON COLUMN fct_submission_sheet.sheet IS 'Contract sheet name (target, capaian, organisasi, ...).';
COMMENT ON COLUMN fct_submission_sheet.source_sheet_name IS 'The sheet name as written in the workbook (or the CSV file name).';
COMMENT ON COLUMN fct_submission_sheet.rows_read IS 'Non-blank data rows the parser read.';
COMMENT ON COLUMN fct_submission_sheet.rows_accepted IS 'Rows kept (possibly flagged with warnings).';
COMMENT ON COLUMN fct_submission_sheet.rows_quarantined IS 'Rows set aside in fct_quarantined_row.';

CREATE TABLE fct_version_change AS
SELECT v.submission_id, s.region_code, s.report_year, s.opd_code, s.version, v.previous_submission_id, v.sheet,
       v.rows_before, v.rows_after, v.rows_added, v.rows_removed, v.rows_changed, v.rows_unchanged
FROM stg_version_change AS v
JOIN stg_submission AS s USING (submission_id);
COMMENT ON TABLE fct_version_change IS 'What each resubmission changed against the version before it, per sheet (rows matched on the sheet''s key).';
COMMENT ON COLUMN fct_version_change.version IS 'Version number of the later submission (2 or more).';
COMMENT ON COLUMN fct_version_change.previous_submission_id IS 'The version it is compared with: fct_submission.submission_id of version - 1.';
COMMENT ON COLUMN fct_version_change.sheet IS 'Contract sheet name.';
COMMENT ON COLUMN fct_version_change.rows_before IS 'Rows of the sheet in the previous version.';
COMMENT ON COLUMN fct_version_change.rows_after IS 'Rows of the sheet in this version.';
COMMENT ON COLUMN fct_version_change.rows_added IS 'Rows whose key is new in this version.';
COMMENT ON COLUMN fct_version_change.rows_removed IS 'Rows whose key is gone from this version.';
COMMENT ON COLUMN fct_version_change.rows_changed IS 'Rows with the same key and at least one different value.';
COMMENT ON COLUMN fct_version_change.rows_unchanged IS 'Rows with the same key and the same values.';

CREATE TABLE fct_row_change AS
SELECT c.submission_id, s.region_code, s.report_year, s.opd_code, s.version, c.previous_submission_id, c.sheet,
       c.row_key, c.change, c.source_row, c.previous_source_row, c.column_name, c.value_before, c.value_after
FROM stg_row_change AS c
JOIN stg_submission AS s USING (submission_id);
COMMENT ON TABLE fct_row_change IS 'What each resubmission changed against the version before it, row by row (rows matched on the sheet''s key as in fct_version_change): each row added or removed, and each changed column of a changed row with both values.';
COMMENT ON COLUMN fct_row_change.version IS 'Version number of the later submission (2 or more).';
COMMENT ON COLUMN fct_row_change.previous_submission_id IS 'The version it is compared with: fct_submission.submission_id of version - 1.';
COMMENT ON COLUMN fct_row_change.sheet IS 'Contract sheet name.';
COMMENT ON COLUMN fct_row_change.row_key IS 'The row''s key as written (the sheet''s key columns, or all its columns when it has none), joined by '' | ''.';
COMMENT ON COLUMN fct_row_change.change IS 'added, removed or changed.';
COMMENT ON COLUMN fct_row_change.source_row IS 'Excel row in this version; null for a removed row.';
COMMENT ON COLUMN fct_row_change.previous_source_row IS 'Excel row in the version before; null for an added row.';
COMMENT ON COLUMN fct_row_change.column_name IS 'For a changed row, the column whose value changed (one row per column); null for an added or removed row.';
COMMENT ON COLUMN fct_row_change.value_before IS 'The typed value in the version before, as text; null when it was blank.';
COMMENT ON COLUMN fct_row_change.value_after IS 'The typed value in this version, as text; null when it is blank.';

CREATE TABLE fct_finding AS
SELECT f.submission_id, s.region_code, s.report_year, s.opd_code, f.code, f.severity, f.sheet,
       f.source_row, f.column_name, f.cell, f.value, f.message, f.message_en
FROM stg_finding AS f
JOIN stg_submission AS s USING (submission_id);
COMMENT ON TABLE fct_finding IS 'Every problem found in every submission, at the sheet, Excel row, column and cell it names.';
COMMENT ON COLUMN fct_finding.code IS 'Stable finding code (docs/validation-rules.md).';
COMMENT ON COLUMN fct_finding.severity IS 'error (row quarantined, or file rejected for file-level codes), warning (row kept and flagged) or notice.';
COMMENT ON COLUMN fct_finding.sheet IS 'Contract sheet name; null for a file-level finding.';
COMMENT ON COLUMN fct_finding.column_name IS 'Contract column name; null for file- or sheet-level findings.';
COMMENT ON COLUMN fct_finding.cell IS 'A1 reference of the cell; null when no single cell is at fault.';
COMMENT ON COLUMN fct_finding.value IS 'The value as submitted, NIK-like numbers masked.';
COMMENT ON COLUMN fct_finding.message IS 'What is wrong and how to fix it, in Bahasa Indonesia.';
COMMENT ON COLUMN fct_finding.message_en IS 'What is wrong, in English.';

CREATE TABLE fct_quarantined_row AS
SELECT q.submission_id, s.region_code, s.report_year, s.opd_code, q.sheet AS source_sheet, q.source_row,
       q.raw_values, q.reason_codes, q.reasons
FROM stg_quarantined_row AS q
JOIN stg_submission AS s USING (submission_id);
COMMENT ON TABLE fct_quarantined_row IS 'Rows kept out of the fact tables, whole, with every reason; nothing read is lost.';
COMMENT ON COLUMN fct_quarantined_row.raw_values IS 'JSON object of every column of the row as submitted (NIK-like numbers masked).';
COMMENT ON COLUMN fct_quarantined_row.reason_codes IS 'Codes of the error findings that quarantined the row.';
COMMENT ON COLUMN fct_quarantined_row.reasons IS 'The findings'' cells and messages in Bahasa Indonesia.';

-- File names are typed by people: a NIK in one is masked like everywhere else (pug.values.mask_nik).
-- Sixteen digits in a row, or typed with thousands separators (3.375.014.506.890.003): both keep their last four.
CREATE OR REPLACE TEMP MACRO mask_nik_once(t) AS
    regexp_replace(
        regexp_replace(t, '(^|[^0-9])[0-9]{12}([0-9]{4})([^0-9]|$)', '\1************\2\3', 'g'),
        '(^|[^0-9.,])[0-9]([.,][0-9]{3}){3}[.,][0-9]{2}([0-9])[.,]([0-9]{3})($|[^0-9.,]|[.,][0-9]{1,2}($|[^0-9])|[.,]($|[^0-9]))',
        '\1************\3\4\5', 'g');
-- Twice: each match takes the character after it, where the next NIK may begin ("3375...0003 3375...0004").
CREATE OR REPLACE TEMP MACRO mask_nik(t) AS mask_nik_once(mask_nik_once(t));

CREATE TABLE fct_submission_file AS
SELECT mask_nik(f.path) AS file_path, f.sha256 AS file_sha256, left(f.sha256, 16) AS submission_id, f.size_bytes,
       f.modified_at AS file_modified_at, f.first_seen_at, f.last_seen_at, f.present,
       c.region_code, c.report_year, c.opd_code, c.status AS parse_status
FROM ledger.files AS f
LEFT JOIN ledger.contents AS c USING (sha256);
COMMENT ON TABLE fct_submission_file IS 'The ledger: every file ever seen under raw/submissions/, with its hash and the submission it carries.';
COMMENT ON COLUMN fct_submission_file.file_path IS 'Path under raw/submissions/.';
COMMENT ON COLUMN fct_submission_file.file_sha256 IS 'SHA-256 of the content.';
COMMENT ON COLUMN fct_submission_file.size_bytes IS 'Size in bytes.';
COMMENT ON COLUMN fct_submission_file.file_modified_at IS 'Modification time when last seen.';
COMMENT ON COLUMN fct_submission_file.first_seen_at IS 'When the file was first seen.';
COMMENT ON COLUMN fct_submission_file.last_seen_at IS 'When the file was last seen.';
COMMENT ON COLUMN fct_submission_file.present IS 'False once the file is no longer under raw/submissions/.';
COMMENT ON COLUMN fct_submission_file.parse_status IS 'Status after parsing: rejected, accepted, accepted_with_warnings or accepted_with_errors.';

CREATE TABLE fct_review_decision AS
SELECT d.submission_id, d.region_code, d.report_year, d.opd_code, d.version, d.decision, d.note, d.reviewer,
       d.decided_at::TIMESTAMPTZ AS decided_at,
       row_number() OVER (PARTITION BY d.submission_id ORDER BY d.recorded DESC) = 1 AS is_latest
FROM stg_review_decision AS d;
COMMENT ON TABLE fct_review_decision IS 'Every decision a reviewer took on a submitted version: approved, or returned to the OPD with a note (source data: raw/decisions/<year>.jsonl, append-only). The latest one on a version is in force.';
COMMENT ON COLUMN fct_review_decision.version IS 'Version of the OPD''s report decided on.';
COMMENT ON COLUMN fct_review_decision.decision IS 'approved or returned.';
COMMENT ON COLUMN fct_review_decision.note IS 'The reviewer''s note to the OPD (required when returned).';
COMMENT ON COLUMN fct_review_decision.reviewer IS 'Account of the reviewer who decided.';
COMMENT ON COLUMN fct_review_decision.decided_at IS 'When the decision was taken.';
COMMENT ON COLUMN fct_review_decision.is_latest IS 'True for the decision in force on the version (the latest recorded).';
