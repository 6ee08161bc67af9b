-- Indicators whose figures are computed from case records, and the measure each uses.
CREATE TABLE indicator_measures (
    indicator TEXT PRIMARY KEY REFERENCES indicators(code), measure TEXT NOT NULL);
