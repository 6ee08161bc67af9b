-- People who asked for e-mail alerts of a board's agendas and minutes (personal data: never
-- exported with the framework), and the alerts sent, so each goes once.
CREATE TABLE alert_subscribers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL, board TEXT NOT NULL, token TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL, confirmed_at TEXT,
    UNIQUE (email, board));
CREATE TABLE alerts_sent (
    meeting TEXT NOT NULL, kind TEXT NOT NULL, sent_at TEXT NOT NULL, recipients BIGINT NOT NULL,
    PRIMARY KEY (meeting, kind));
