-- Internal notes on a submission: the staff's own working notes, never shown to the respondent or the public. A note
-- is kept as it was written (a correction is another note), with who wrote it and when; adding one is audited
-- (note.add) in the same transaction.
CREATE TABLE submission_note (
    id            INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    author        TEXT NOT NULL,
    text          TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
    created_at    TEXT NOT NULL
);

CREATE INDEX submission_note_by_submission ON submission_note (submission_id, id);
