-- For a figure that is an average (the adoption scorecard's), each child's days behind it.
ALTER TABLE figure_records ADD COLUMN days BIGINT;
