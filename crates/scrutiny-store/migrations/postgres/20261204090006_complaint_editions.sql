-- Each kind's count for a year as published, frozen when the year's report was published.
CREATE TABLE complaint_editions (
    year BIGINT NOT NULL, kind TEXT NOT NULL, count BIGINT NOT NULL, published_on TEXT NOT NULL,
    PRIMARY KEY (year, kind));
