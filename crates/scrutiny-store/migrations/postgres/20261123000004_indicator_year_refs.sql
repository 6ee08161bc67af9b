-- The refs an indicator was printed with in a given year's plan.
ALTER TABLE indicator_years ADD COLUMN refs TEXT;
