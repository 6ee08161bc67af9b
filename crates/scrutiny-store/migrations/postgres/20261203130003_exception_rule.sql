-- Which indicators a board's reports list by exception (blank: those not rated green).
ALTER TABLE boards ADD COLUMN exception_rule TEXT;
