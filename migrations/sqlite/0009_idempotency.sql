-- Idempotency-Key on POST /api/v1/submissions: the submission a client's key first made, kept for 24 hours. It is
-- written in the same transaction as the submission, so there is never one without the other.

CREATE TABLE idempotency_key (
    -- The client's address, as the rate limiter counts it: one client's key never answers for another's.
    client              TEXT NOT NULL,
    idempotency_key     TEXT NOT NULL,
    -- SHA-256 of the submission as it was read, so that the key sent with a different submission is refused.
    request_hash        TEXT NOT NULL,
    submission_id       INTEGER NOT NULL REFERENCES submission (id),
    -- The status link's token, protected with ASP.NET Core Data Protection: the link is the respondent's secret,
    -- which the submission row keeps only as a hash, but a retry must be given the same link.
    protected_status_token TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    PRIMARY KEY (client, idempotency_key)
) WITHOUT ROWID;

-- Expired keys are deleted by age.
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
