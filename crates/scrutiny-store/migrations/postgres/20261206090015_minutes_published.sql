-- The day a meeting's minutes were published, once every minute is in; until then a draft.
ALTER TABLE meetings ADD COLUMN minutes_published TEXT;
