-- What the complaints manager writes for each section of a year's annual report.
CREATE TABLE complaint_narrative (
    year BIGINT NOT NULL, section TEXT NOT NULL, position BIGINT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (year, section, position));
