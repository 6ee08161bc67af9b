-- Sets indicators are counted by, and whether a board's summaries count per set.
CREATE TABLE indicator_groups (
    code TEXT PRIMARY KEY, label TEXT NOT NULL, position BIGINT NOT NULL);
ALTER TABLE indicators ADD COLUMN indicator_group TEXT REFERENCES indicator_groups(code);
ALTER TABLE boards ADD COLUMN count_by_group BIGINT NOT NULL DEFAULT 0;
