-- Each board's forward work programme: the reports it has asked for, each planned for a meeting.
CREATE TABLE work_programme (
    board TEXT NOT NULL REFERENCES boards(code), subject TEXT NOT NULL, requested TEXT,
    meeting TEXT REFERENCES meetings(code), owner TEXT,
    PRIMARY KEY (board, subject));
