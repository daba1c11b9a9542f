-- Staff access lives here, keyed by the verified email address their sign-in provider vouches for.

CREATE TABLE staff_member (
    email              TEXT PRIMARY KEY COLLATE NOCASE,
    inspectorate_code  TEXT NULL REFERENCES inspectorate (code),
    added_at           TEXT NOT NULL
);

CREATE TABLE staff_role (
    email  TEXT NOT NULL COLLATE NOCASE REFERENCES staff_member (email) ON DELETE CASCADE,
    role   TEXT NOT NULL CHECK (role IN ('ChiefInspector', 'Secretariat', 'Admin')),
    PRIMARY KEY (email, role)
);

-- Who did what, when, with the values before and after (JSON), for every change staff make.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    before   TEXT NULL,
    after    TEXT NULL
);

CREATE INDEX audit_log_subject ON audit_log (subject, at);
