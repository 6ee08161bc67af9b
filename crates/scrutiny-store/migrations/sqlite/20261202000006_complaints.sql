-- Complaints, comments and compliments. Kept in step with ../postgres/. Dates are ISO text.
-- Personal data is held in its own columns (complainant_name, child_name) so that it can be
-- kept out of every published output and erased after the retention period, aggregates kept.
CREATE TABLE complaint_lists (
    list TEXT NOT NULL, code TEXT NOT NULL, label TEXT NOT NULL, position BIGINT NOT NULL,
    PRIMARY KEY (list, code));
CREATE TABLE complaint_cases (
    reference TEXT PRIMARY KEY, kind TEXT NOT NULL, received TEXT, channel TEXT, profile TEXT,
    advocacy BIGINT NOT NULL, advocate TEXT, division TEXT, team TEXT, category_receipt TEXT,
    category_closure TEXT, stage1_extended BIGINT NOT NULL, stage1_responded TEXT,
    stage1_outcome TEXT, stage2_requested TEXT, stage2_declined_reason TEXT, stage2_started TEXT,
    stage2_adjudicated TEXT, stage3_requested TEXT, stage3_panel_held TEXT,
    ombudsman_referred TEXT, withdrawn TEXT, withdrawn_reason TEXT, closed TEXT, gender TEXT,
    ethnicity TEXT, disability TEXT, age_band TEXT, complainant_name TEXT, child_name TEXT,
    -- When personal data was erased (the case's figures are kept).
    anonymised_at TEXT);
CREATE TABLE complaint_elements (
    reference TEXT NOT NULL REFERENCES complaint_cases(reference), element BIGINT NOT NULL,
    summary TEXT NOT NULL, finding TEXT, recommendation TEXT, PRIMARY KEY (reference, element));
CREATE TABLE compliments (
    reference TEXT PRIMARY KEY, received TEXT NOT NULL, channel TEXT, source TEXT, division TEXT,
    team TEXT, text TEXT NOT NULL);
CREATE TABLE learning_actions (
    reference TEXT NOT NULL REFERENCES complaint_cases(reference), action TEXT NOT NULL,
    owner TEXT, due TEXT, status TEXT NOT NULL, PRIMARY KEY (reference, action));
