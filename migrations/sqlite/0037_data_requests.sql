-- A respondent's requests about their personal data (UK GDPR Articles 16 and 17): a correction, in their own words,
-- or an erasure. Each is answered within one calendar month of receipt (due_at), by the secretariat, who close it:
-- a correction with a reply to the respondent, an erasure by carrying it out (removing the personal data and, unless
-- it must be kept, the text, with the reason recorded). The address is kept to reply to, and blanked when an erasure is
-- carried out.
CREATE TABLE data_request (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    kind           TEXT NOT NULL CHECK (kind IN ('correction', 'erasure')),
    submission_id  INTEGER NOT NULL REFERENCES submission (id),
    email          TEXT NOT NULL,
    details        TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    due_at         TEXT NOT NULL,
    closed_at      TEXT NULL,
    closed_by      TEXT NULL,
    -- corrected (a reply sent), erased (personal data and text removed) or erased-text-kept (the reason below).
    outcome        TEXT NULL CHECK (outcome IN ('corrected', 'erased', 'erased-text-kept')),
    closing_note   TEXT NULL,
    CHECK ((closed_at IS NULL) = (outcome IS NULL) AND (closed_at IS NULL) = (closed_by IS NULL))
);

CREATE INDEX data_request_open ON data_request (due_at) WHERE closed_at IS NULL;
CREATE INDEX data_request_by_submission ON data_request (submission_id);
