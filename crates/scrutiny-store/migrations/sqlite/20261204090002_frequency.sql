-- How often an indicator's figure is due (quarterly, half_yearly, annual): "not due" is then known.
ALTER TABLE indicators ADD COLUMN frequency TEXT;
