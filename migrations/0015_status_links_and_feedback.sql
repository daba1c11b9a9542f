-- The status link's token, protected with ASP.NET Core Data Protection as in submission_draft: the outcome email,
-- the "Email address confirmed" page and a signed-in owner's "Your submissions" link to the status page itself,
-- rather than pointing back to the receipt. Submissions sent before this keep only the hash, so they have none.
ALTER TABLE submission ADD COLUMN protected_status_token TEXT NULL;

-- What visitors say about the service on /feedback. No personal data is asked for or kept: not even the address
-- it came from (the rate limiter keeps that in memory only).
CREATE TABLE feedback (
    id            INTEGER PRIMARY KEY,
    satisfaction  TEXT NOT NULL CHECK (satisfaction IN
                      ('very-satisfied', 'satisfied', 'neither', 'dissatisfied', 'very-dissatisfied')),
    improvement   TEXT NULL CHECK (improvement IS NULL OR length(improvement) <= 1200),
    received_at   TEXT NOT NULL
);
