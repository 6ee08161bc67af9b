-- The web application: people and their sessions, quarters opened for returns, and each
-- department's return. Kept in step with ../postgres/. Times are UTC RFC 3339 text, which sorts.
CREATE TABLE users (
    username TEXT PRIMARY KEY, name TEXT NOT NULL,
    -- admin (performance officer), manager (service manager / operational director),
    -- finance, board (councillor); complaints is added with the complaints procedure.
    role TEXT NOT NULL,
    -- A manager's or finance officer's department; NULL means every department.
    department TEXT REFERENCES departments(code),
    password_hash TEXT NOT NULL, failed_logins BIGINT NOT NULL DEFAULT 0, locked_until TEXT,
    created_at TEXT NOT NULL);
CREATE TABLE sessions (
    -- Only a hash of the cookie's token is kept, so a copy of the database opens no sessions.
    token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE,
    csrf TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
CREATE TABLE quarters (
    board TEXT NOT NULL REFERENCES boards(code), year BIGINT NOT NULL, quarter BIGINT NOT NULL,
    -- open (returns being made), locked (no more changes), published (report public)
    state TEXT NOT NULL, deadline TEXT, published_at TEXT,
    PRIMARY KEY (board, year, quarter));
CREATE TABLE returns (
    department TEXT NOT NULL REFERENCES departments(code), year BIGINT NOT NULL,
    quarter BIGINT NOT NULL,
    -- draft, submitted, returned (for changes), approved
    state TEXT NOT NULL,
    -- What the department entered, as a partial dataset (JSON); applied to the framework's
    -- tables, with the audit trail, when the return is approved.
    draft TEXT NOT NULL,
    -- Optimistic concurrency: a save must name the version it was based on.
    version BIGINT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL, note TEXT,
    PRIMARY KEY (department, year, quarter));
