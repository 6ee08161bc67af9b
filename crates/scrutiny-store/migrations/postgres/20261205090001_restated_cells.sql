-- A restatement may name any cell of the annual report (its table's caption and row's label),
-- not only a kind's yearly count; both are part of the key, empty for a kind's count.
ALTER TABLE complaint_restatements ADD COLUMN table_caption TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint_restatements ADD COLUMN row_label TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint_restatements DROP CONSTRAINT complaint_restatements_pkey;
ALTER TABLE complaint_restatements ADD PRIMARY KEY (year, kind, table_caption, row_label);
