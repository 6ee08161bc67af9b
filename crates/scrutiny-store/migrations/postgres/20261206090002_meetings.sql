-- Boards' meetings: who sits on each board, its meetings, and their agendas.
CREATE TABLE memberships (
    board TEXT NOT NULL REFERENCES boards(code), person TEXT NOT NULL, starts TEXT NOT NULL,
    ends TEXT, role TEXT NOT NULL, party TEXT,
    PRIMARY KEY (board, person, starts));
CREATE TABLE meetings (
    code TEXT PRIMARY KEY, board TEXT NOT NULL REFERENCES boards(code), date TEXT NOT NULL,
    start TEXT NOT NULL, venue TEXT NOT NULL, contact TEXT);
CREATE TABLE agenda_items (
    meeting TEXT NOT NULL REFERENCES meetings(code), item TEXT NOT NULL, title TEXT NOT NULL,
    exempt_paragraph BIGINT, owner TEXT,
    PRIMARY KEY (meeting, item));
