-- The report an agenda item prints in the pack, found as a cover is; and words printed under
-- the item on the agenda.
ALTER TABLE agenda_items ADD COLUMN report TEXT;
ALTER TABLE agenda_items ADD COLUMN report_scope TEXT;
ALTER TABLE agenda_items ADD COLUMN report_period TEXT;
ALTER TABLE agenda_items ADD COLUMN note TEXT;
