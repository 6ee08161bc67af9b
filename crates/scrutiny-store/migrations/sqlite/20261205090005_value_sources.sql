-- Where a computed figure came from: the case records, the definitions' version, when.
CREATE TABLE value_sources (
    indicator TEXT NOT NULL REFERENCES indicators(code), year BIGINT NOT NULL, quarter BIGINT NOT NULL,
    source TEXT NOT NULL, computed_on TEXT NOT NULL, PRIMARY KEY (indicator, year, quarter));
