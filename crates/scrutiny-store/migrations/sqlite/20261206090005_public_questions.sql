-- Public questions to a meeting. The asker's name and e-mail are personal data: read only by
-- democratic services, never exported with the framework.
CREATE TABLE public_questions (
    meeting TEXT NOT NULL REFERENCES meetings(code), number BIGINT NOT NULL,
    asker TEXT NOT NULL, organisation TEXT, email TEXT NOT NULL, text TEXT NOT NULL,
    received TEXT NOT NULL, state TEXT NOT NULL, ground TEXT, answer TEXT,
    PRIMARY KEY (meeting, number));
