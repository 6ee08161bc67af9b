-- Long work followed on its own page (a case return read and computed): who started it, and
-- its result once finished, so the page still answers after a restart.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, title TEXT NOT NULL,
    started_at TEXT NOT NULL, finished_at TEXT, result TEXT);
