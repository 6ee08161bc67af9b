-- A context measure: shown with figures and direction, never rated or counted.
ALTER TABLE indicators ADD COLUMN is_context BIGINT NOT NULL DEFAULT 0;
