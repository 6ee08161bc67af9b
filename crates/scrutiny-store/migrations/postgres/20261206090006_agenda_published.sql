-- The day a meeting's agenda was published; its items are public only from then.
ALTER TABLE meetings ADD COLUMN published TEXT;
