-- A restatement may name any cell of the annual report (its table's caption and row's label),
-- not only a kind's yearly count; both are part of the key, empty for a kind's count.
CREATE TABLE complaint_restatements_new (
    year BIGINT NOT NULL, kind TEXT NOT NULL, published TEXT NOT NULL, restated BIGINT,
    note TEXT NOT NULL, table_caption TEXT NOT NULL DEFAULT '', row_label TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (year, kind, table_caption, row_label));
INSERT INTO complaint_restatements_new (year, kind, published, restated, note)
    SELECT year, kind, published, restated, note FROM complaint_restatements;
DROP TABLE complaint_restatements;
ALTER TABLE complaint_restatements_new RENAME TO complaint_restatements;
