-- The report frame: the council each board belongs to, and the committee report (cover) that
-- fronts each published report. Kept in step with the other backend's folder.
ALTER TABLE boards ADD COLUMN council TEXT;
CREATE TABLE report_covers (
    report TEXT NOT NULL, scope TEXT NOT NULL, period TEXT NOT NULL,
    meeting_date TEXT NOT NULL, reporting_officer TEXT NOT NULL, subject TEXT, wards TEXT,
    portfolio TEXT, purpose TEXT NOT NULL, recommendation TEXT NOT NULL,
    PRIMARY KEY (report, scope, period));
CREATE TABLE report_cover_sections (
    report TEXT NOT NULL, scope TEXT NOT NULL, period TEXT NOT NULL, position BIGINT NOT NULL,
    heading TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (report, scope, period, position));
