-- What a return's last approval applied, so approving it again removes what was taken out.
ALTER TABLE returns ADD COLUMN approved_draft TEXT;
