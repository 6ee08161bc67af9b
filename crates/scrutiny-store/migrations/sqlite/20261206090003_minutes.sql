-- What a meeting records: attendance, minutes numbered through the municipal year, actions.
CREATE TABLE attendance (
    meeting TEXT NOT NULL REFERENCES meetings(code), person TEXT NOT NULL,
    attendance TEXT NOT NULL, position BIGINT NOT NULL,
    PRIMARY KEY (meeting, person));
CREATE TABLE minutes (
    meeting TEXT NOT NULL REFERENCES meetings(code), number TEXT NOT NULL, heading TEXT NOT NULL,
    text TEXT NOT NULL, resolved TEXT,
    PRIMARY KEY (meeting, number));
CREATE TABLE minute_actions (
    meeting TEXT NOT NULL REFERENCES meetings(code), minute TEXT NOT NULL, position BIGINT NOT NULL,
    action TEXT NOT NULL, owner TEXT NOT NULL, due TEXT, done TEXT,
    PRIMARY KEY (meeting, minute, position));
