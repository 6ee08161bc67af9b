-- Clear working days before a meeting a board's papers are published (blank: the law's five).
ALTER TABLE boards ADD COLUMN clear_days BIGINT;
