-- Retention of respondents' personal data (Retention:Months after their round concluded) and its removal on request.
--
-- When a submission's personal data is removed, its name and email address (and an organisation's name) become ''
-- rather than NULL, so that the NOT NULL and CHECK rules of the submission table still hold, and personal_data_removed_at
-- says when: every reader shows the removal from it, never an empty name. The text, the organisation type (a
-- category in the published participation charts), the decisions and the published copy stay for the record.
ALTER TABLE submission ADD COLUMN personal_data_removed_at TEXT NULL;

-- The daily job looks only at submissions still holding personal data.
CREATE INDEX submission_personal_data_held ON submission (round_id) WHERE personal_data_removed_at IS NULL;

-- One row a day (UTC), claimed by the first node to start that day's retention pass: the others leave the day to it.
-- The removal is idempotent as well, so a pass another node runs after a claim lapses removes nothing twice.
CREATE TABLE retention_run (
    run_on       TEXT PRIMARY KEY,
    claimed_by   TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NULL,
    removed      INTEGER NULL CHECK (removed IS NULL OR removed >= 0),
    CHECK ((finished_at IS NULL) = (removed IS NULL))
);
