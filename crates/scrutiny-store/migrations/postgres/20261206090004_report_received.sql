-- The day each agenda item's report arrived, for the chase list.
ALTER TABLE agenda_items ADD COLUMN report_received TEXT;
