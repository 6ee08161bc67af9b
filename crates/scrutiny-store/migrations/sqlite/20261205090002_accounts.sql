-- Accounts can be disabled (no sign-in, sessions and tokens refused), and the API answers to
-- revocable tokens kept only as hashes, each acting in its account's role.
ALTER TABLE users ADD COLUMN disabled_at TEXT;
CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users (username),
    label TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT);
CREATE INDEX api_tokens_username ON api_tokens (username);
