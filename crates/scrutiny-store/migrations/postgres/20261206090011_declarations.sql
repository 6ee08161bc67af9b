-- Interests members declared at a meeting, each against the minute of the item it concerns.
CREATE TABLE declarations (
    meeting TEXT NOT NULL REFERENCES meetings(code), minute TEXT NOT NULL, person TEXT NOT NULL,
    interest TEXT NOT NULL, reason TEXT,
    PRIMARY KEY (meeting, minute, person));
