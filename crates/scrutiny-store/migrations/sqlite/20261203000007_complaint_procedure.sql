-- The whole procedure recorded step by step, and the council's own settings. Kept in step with
-- ../postgres/.
ALTER TABLE complaint_cases ADD COLUMN stage1_started TEXT;
ALTER TABLE complaint_cases ADD COLUMN local_resolved TEXT;
ALTER TABLE complaint_cases ADD COLUMN stage1_extension_reason TEXT;
ALTER TABLE complaint_cases ADD COLUMN investigator TEXT;
ALTER TABLE complaint_cases ADD COLUMN independent_person TEXT;
ALTER TABLE complaint_cases ADD COLUMN stage2_extended BIGINT NOT NULL DEFAULT 0;
ALTER TABLE complaint_cases ADD COLUMN stage2_extension_reason TEXT;
ALTER TABLE complaint_cases ADD COLUMN adjudicator TEXT;
ALTER TABLE complaint_cases ADD COLUMN stage3_panel TEXT;
ALTER TABLE complaint_cases ADD COLUMN ombudsman_decided TEXT;
ALTER TABLE complaint_cases ADD COLUMN ombudsman_outcome TEXT;
-- Each issue of a complaint carries its own category.
ALTER TABLE complaint_elements ADD COLUMN category TEXT;
CREATE TABLE complaint_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE complaint_restatements (
    year BIGINT NOT NULL, kind TEXT NOT NULL, published TEXT NOT NULL, restated BIGINT,
    note TEXT NOT NULL, PRIMARY KEY (year, kind));
CREATE TABLE complaint_action_plan (
    year BIGINT NOT NULL, action TEXT NOT NULL, owner TEXT, due TEXT, PRIMARY KEY (year, action));
-- Open cases at the end of each financial year, for complaints per open case.
CREATE TABLE complaint_caseloads (year BIGINT PRIMARY KEY, open_cases BIGINT NOT NULL);
