-- Sign-in sessions live here, not in the cookie: the cookie holds only a random key, so removing a row ends that
-- session for every copy of the cookie (sign-out, a revoked role, expiry).
CREATE TABLE auth_session (
    -- SHA-256 (hex) of the key the cookie holds, so reading the table gives nobody a key to present.
    id             TEXT PRIMARY KEY,
    -- The verified email and provider the session belongs to, so that revoking someone's role can end their sessions.
    email          TEXT NULL COLLATE NOCASE,
    signed_in_with TEXT NULL,
    -- The authentication ticket, serialized and then encrypted with data protection.
    ticket         BLOB NOT NULL,
    expires_at     TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL
);

CREATE INDEX auth_session_email ON auth_session (email);
CREATE INDEX auth_session_expires_at ON auth_session (expires_at);

-- ASP.NET Core data protection's key ring (one XML element per key), shared by every node on this database.
CREATE TABLE data_protection_key (
    name      TEXT PRIMARY KEY,
    xml       TEXT NOT NULL,
    stored_at TEXT NOT NULL
);
