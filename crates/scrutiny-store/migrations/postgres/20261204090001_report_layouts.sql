-- Each board's report layout: title, period wording, and each section's heading or absence.
CREATE TABLE report_layouts (
    board TEXT NOT NULL REFERENCES boards(code), report TEXT NOT NULL, part TEXT NOT NULL,
    heading TEXT, hide BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (board, report, part));
-- What a quarter's figure covers (quarter, year to date, rolling year, snapshot).
ALTER TABLE indicators ADD COLUMN period_basis TEXT;
