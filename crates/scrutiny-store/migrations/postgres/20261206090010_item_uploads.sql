-- A committee report uploaded as a Word document for an agenda item: the file as uploaded.
CREATE TABLE item_uploads (
    meeting TEXT NOT NULL REFERENCES meetings(code), item TEXT NOT NULL, file_name TEXT NOT NULL,
    content BYTEA NOT NULL, uploaded_at TEXT NOT NULL, uploaded_by TEXT NOT NULL,
    PRIMARY KEY (meeting, item));
