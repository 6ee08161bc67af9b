-- What direction of travel compares with, per rule and per indicator, and the fallback order
-- (blank: the rule's, else same period last year then last year's outturn); an indicator's
-- named baseline.
ALTER TABLE rag_rules ADD COLUMN compare_with TEXT;
ALTER TABLE rag_rules ADD COLUMN compare_fallback TEXT;
ALTER TABLE indicators ADD COLUMN compare_with TEXT;
ALTER TABLE indicators ADD COLUMN compare_fallback TEXT;
ALTER TABLE indicators ADD COLUMN baseline TEXT;
ALTER TABLE indicators ADD COLUMN baseline_label TEXT;
