-- The records behind a figure computed from case records ("why this number"): each child as a
-- pseudonym under the installation's key, the record's date, whether it is in the count. No
-- names, no council numbers. Replaced whenever the figure is computed again.
CREATE TABLE figure_records (
    indicator TEXT NOT NULL REFERENCES indicators(code), year BIGINT NOT NULL, quarter BIGINT NOT NULL,
    line BIGINT NOT NULL, child TEXT NOT NULL, day TEXT NOT NULL, counted BIGINT NOT NULL,
    PRIMARY KEY (indicator, year, quarter, line));
CREATE INDEX figure_records_child ON figure_records (child);
CREATE INDEX figure_records_day ON figure_records (day);
-- Secrets made once for this installation (the pseudonym key); never exported or shown.
CREATE TABLE install_keys (name TEXT PRIMARY KEY, value TEXT NOT NULL);
