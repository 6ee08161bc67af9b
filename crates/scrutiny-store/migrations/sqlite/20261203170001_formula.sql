-- Formula indicators: how a figure is worked out from its parts, how its year to date is built
-- from the quarters, and which population a rate per 10,000 is of.
ALTER TABLE indicators ADD COLUMN formula TEXT;
ALTER TABLE indicators ADD COLUMN ytd_rule TEXT;
ALTER TABLE indicators ADD COLUMN population TEXT;
-- A figure's numerator and denominator, exact text like every figure.
ALTER TABLE indicator_values ADD COLUMN numerator TEXT;
ALTER TABLE indicator_values ADD COLUMN denominator TEXT;
-- Populations, the denominators of rates per 10,000, by area, year and age band.
CREATE TABLE populations (
    area TEXT NOT NULL, year BIGINT NOT NULL, age_band TEXT NOT NULL, count TEXT NOT NULL,
    PRIMARY KEY (area, year, age_band));
