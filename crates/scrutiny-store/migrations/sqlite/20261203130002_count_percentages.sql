-- Decimal places of the percentages printed beside a board's summary counts (blank: 0).
ALTER TABLE boards ADD COLUMN percent_places BIGINT;
